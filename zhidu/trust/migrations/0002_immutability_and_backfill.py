"""1. The database refuses UPDATE/DELETE/TRUNCATE on audit and chain entries (zhidu.trust.immutability).
2. Rows written before this app existed join the chain, in the order they were written."""

from django.db import migrations


def install(apps, schema_editor):
    from zhidu.trust import immutability

    immutability.install(schema_editor.connection, apps)


def uninstall(apps, schema_editor):
    from zhidu.trust import immutability

    immutability.uninstall(schema_editor.connection, apps)


def backfill(apps, schema_editor):
    from zhidu.trust import ledger

    using = schema_editor.connection.alias
    chained = set(apps.get_model("trust", "ChainEntry").objects.using(using).values_list("kind", "ref"))
    pending = []
    for kind, stamp in (("audit", "at"), ("archive", "created_at")):
        model = ledger.source_model(kind, apps)
        for pk, at in model.objects.using(using).order_by(stamp, "pk").values_list("pk", stamp):
            if (kind, pk) not in chained:
                pending.append((at, kind, pk))
    for _at, kind, pk in sorted(pending):
        ledger.append(kind, pk, using=using, registry=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("trust", "0001_initial"),
        ("core", "0001_initial"),
        ("meetings", "0004_archive_minutes"),
    ]

    operations = [
        migrations.RunPython(install, uninstall),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
