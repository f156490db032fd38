"""1. The database refuses UPDATE/DELETE/TRUNCATE on audit and chain entries (zhidu.trust.immutability).
2. Rows written before this app existed join the chain, in the order they were written."""

from django.db import migrations


def install(apps, schema_editor):
    from zhidu.trust import immutability

    immutability.install(schema_editor.connection, apps)


def uninstall(apps, schema_editor):
    from zhidu.trust import immutability

    immutability.uninstall(schema_editor.connection, apps)


def _append(kind, pk, *, using, registry):
    """The one-chain append as it was when this migration was written (zhidu.trust.ledger has since
    moved to a chain per township, migration 0004): these rows form the legacy segment."""
    from django.db import transaction

    from zhidu.trust import chain, conf, ledger

    model = ledger.source_model(kind, registry)
    entry_model = registry.get_model("trust", "ChainEntry")
    legacy = {"chain": chain.LEGACY} if any(f.name == "chain" for f in entry_model._meta.fields) else {}
    with transaction.atomic(using=using, savepoint=False):
        entries = entry_model.objects.using(using).filter(**legacy)
        last = entries.order_by("-seq").values("seq", "hash").first()
        fields = ledger.columns(model)
        row = model.objects.using(using).filter(pk=pk).values(*fields).get()
        algorithm = conf.hash_algorithm()
        entry = chain.make_entry(
            seq=(last["seq"] + 1) if last else 1,
            kind=kind,
            ref=pk,
            fields=",".join(fields),
            payload=chain.payload_digest(model._meta.label_lower, pk, row, fields, algorithm),
            prev=last["hash"] if last else chain.GENESIS,
            alg=algorithm,
            key=conf.checkpoint_key(),
        )
        names = ("seq", "kind", "ref", "fields", "payload", "prev", "hash", "seal", "alg")
        entry_model.objects.using(using).create(**{n: getattr(entry, n) for n in names}, **legacy)


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
        _append(kind, pk, using=using, registry=apps)


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
