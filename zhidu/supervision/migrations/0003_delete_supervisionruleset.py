# The R7 parameters now live in the township's one rule set (rules.RuleSet); its rows were carried
# over by rules 0002_carry_over_rule_sets.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("supervision", "0002_responsibility_progress"),
        ("rules", "0002_carry_over_rule_sets"),
    ]

    operations = [migrations.DeleteModel(name="SupervisionRuleSet")]
