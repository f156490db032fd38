"""The verdict stored with each new archive version (zhidu.meetings.verdict).

No backfill: archive rows refuse UPDATE (zhidu.trust.immutability, R1§10), so versions archived
before this migration keep null columns and have their verdict judged on read. Both columns are
nullable without a default, so SQLite adds them with ALTER TABLE ADD COLUMN (no table rebuild, the
guarding triggers stay) and PostgreSQL without rewriting the rows. The chain entries of the old rows
name the columns they hashed, so adding columns leaves them verifiable."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0004_archive_minutes"),
    ]

    operations = [
        migrations.AddField(
            model_name="archiveversion",
            name="evaluation",
            field=models.JSONField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="archiveversion",
            name="counts",
            field=models.JSONField(blank=True, null=True),
        ),
    ]
