# The R1–R4 parameters now live in the township's one rule set (rules.RuleSet); its rows were
# carried over by rules 0002_carry_over_rule_sets.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0005_archive_verdict"),
        ("rules", "0002_carry_over_rule_sets"),
    ]

    operations = [migrations.DeleteModel(name="RuleSet")]
