"""One chain per township (issue 18): writers of different townships no longer wait on one lock.

The entries written so far stay exactly as they were sealed, as the closed segment "legacy" (their
hashes, seals and seq are untouched: re-chaining them would need re-sealing, which would destroy the
very evidence they are). Every new chain ("deployment", "township:<pk>") starts from the legacy root:
its first entry's `prev` is the hash of the last legacy entry (GENESIS when there was none), so the
legacy segment cannot lose its tail unseen, and a format-1 checkpoint signed before this migration
still verifies against it (zhidu.trust.chain.compare_chains).

No row of the guarded table is updated: the column is added with "legacy" as its value for the
rows already there (DDL; on SQLite Django copies the table, and trust's post_migrate puts the
triggers back)."""

from django.db import migrations, models
import django.db.models.deletion


def close_legacy(apps, schema_editor):
    from zhidu.trust import chain

    head = apps.get_model("trust", "ChainHead")
    head.objects.using(schema_editor.connection.alias).get_or_create(
        name=chain.LEGACY, defaults={"genesis": chain.GENESIS}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("org", "0001_initial"),
        ("trust", "0003_ratecounter"),
    ]

    operations = [
        migrations.CreateModel(
            name="ChainHead",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=40, unique=True)),
                ("genesis", models.CharField(max_length=64)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "township",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="org.township",
                    ),
                ),
            ],
        ),
        migrations.AddField(
            model_name="chainentry",
            name="chain",
            field=models.CharField(default="legacy", max_length=40),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="chainentry",
            name="seq",
            field=models.PositiveBigIntegerField(),
        ),
        migrations.AlterModelOptions(name="chainentry", options={"ordering": ["chain", "seq"]}),
        migrations.AddConstraint(
            model_name="chainentry",
            constraint=models.UniqueConstraint(fields=("chain", "seq"), name="trust_chain_seq_per_chain"),
        ),
        migrations.RunPython(close_legacy, migrations.RunPython.noop),
    ]
