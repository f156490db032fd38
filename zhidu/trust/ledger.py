"""The chain in the database: append in the writer's transaction, read back, verify.

Concurrency (the race: two transactions read the same last entry and both take seq n+1):
- PostgreSQL: a transaction-scoped advisory lock taken before reading the last entry. Not
  `SELECT … ORDER BY seq DESC LIMIT 1 FOR UPDATE`: a transaction that waited on that lock gets the
  *old* last row back once the first commits (READ COMMITTED re-checks the locked row, it does not
  re-run the ORDER BY/LIMIT), so both would still take n+1. After the advisory lock, the next
  statement takes a fresh snapshot and sees the entry the other transaction committed.
- SQLite: settings open every transaction with BEGIN IMMEDIATE, so writers are serialized for the
  whole transaction (select_for_update is a no-op there).
- Both: `seq` and (kind, ref) are unique, so a bug here fails loudly instead of forking the chain.
The lock is held until commit: transactions that write an audit entry serialize from that point.
"""

from __future__ import annotations

import zlib

from django.apps import apps
from django.db import connections, transaction

from zhidu.trust import chain, conf

# kind -> model label of the rows it chains. Filled by `register_chained` from the apps' `ready()`
# (trust names no area): core's audit entries ("audit", declared by trust's own ready, since core sits
# below trust), the meetings' archive versions ("archive", R1§10).
SOURCES: dict[str, str] = {}
_LOCK_ID = zlib.crc32(b"zhidu.trust.chain")


def register_chained(model, *, kind: str) -> None:
    """Every row of `model` created from now on joins the chain as `kind` (chain.KIND_LABELS names
    it in messages), in the transaction that creates it. Guard it too (immutability.register_guarded):
    a chained row that can be updated in place is caught by `verify`, but only afterwards."""
    from django.db.models.signals import post_save

    label = model._meta.label
    if SOURCES.get(kind, label) != label:
        raise ValueError(f"chain kind {kind!r} is already {SOURCES[kind]}")
    SOURCES[kind] = label
    post_save.connect(on_created, sender=model, dispatch_uid=f"zhidu.trust.chain.{label}")


def source_model(kind: str, registry=apps):
    return registry.get_model(SOURCES[kind])


def kind_of(model) -> str | None:
    label = model._meta.label_lower
    for kind, source in SOURCES.items():
        if source.lower() == label:
            return kind
    return None


def columns(model) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields]


def append(kind: str, pk, *, using: str = "default", registry=apps):
    """Append the chain entry of one freshly created row, inside the current transaction."""
    model = source_model(kind, registry)
    entry_model = registry.get_model("trust", "ChainEntry")
    # No savepoint: if the entry cannot be appended, the writer's whole transaction must fail.
    with transaction.atomic(using=using, savepoint=False):
        connection = connections[using]
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_ID])
        last = entry_model.objects.using(using).order_by("-seq").values("seq", "hash").first()
        fields = columns(model)
        # Read back, not the instance: the payload must be what the database holds (normalized
        # addresses, JSON as stored), so that `verify` recomputes the same digest later.
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
        return entry_model.objects.using(using).create(**_as_row(entry))


def _as_row(entry: chain.Entry) -> dict:
    return {
        "seq": entry.seq,
        "kind": entry.kind,
        "ref": entry.ref,
        "fields": entry.fields,
        "payload": entry.payload,
        "prev": entry.prev,
        "hash": entry.hash,
        "seal": entry.seal,
        "alg": entry.alg,
    }


def on_created(sender, instance, created, raw=False, using="default", **kwargs):
    """post_save receiver for the chained models (connected by `register_chained`)."""
    if not created or raw:  # raw: loaddata of a backup brings its own chain entries
        return
    kind = kind_of(sender)
    if kind is not None:
        append(kind, instance.pk, using=using)


def entries(using: str = "default") -> list[chain.Entry]:
    from zhidu.trust.models import ChainEntry

    names = [f.name for f in chain.dataclasses.fields(chain.Entry)]
    return [
        chain.Entry(**row)
        for row in ChainEntry.objects.using(using).order_by("seq").values(*names).iterator()
    ]


def rows(using: str = "default") -> dict[tuple[str, int], dict]:
    found = {}
    for kind in SOURCES:
        model = source_model(kind)
        for row in model.objects.using(using).values(*columns(model)).iterator():
            found[(kind, row[model._meta.pk.attname])] = row
    return found


def labels() -> dict[str, str]:
    return {kind: source_model(kind)._meta.label_lower for kind in SOURCES}


def verify_database(using: str = "default", against: dict | None = None) -> chain.Result:
    # One snapshot: on PostgreSQL a REPEATABLE READ read-only transaction, so that rows and entries
    # written while we read are not mistaken for tampering (SQLite: one read transaction).
    with transaction.atomic(using=using):
        connection = connections[using]
        if connection.vendor == "postgresql" and len(connection.atomic_blocks) == 1:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        found = entries(using)
        result = chain.verify(found, rows(using), key=conf.checkpoint_keys(), models=labels())
    if result.ok and against is not None:
        return chain.compare_with_checkpoint(found, against)
    return result


def head(using: str = "default") -> tuple[int, str, str]:
    from zhidu.trust.models import ChainEntry

    last = ChainEntry.objects.using(using).order_by("-seq").values("seq", "hash", "alg").first()
    if last is None:
        return 0, chain.GENESIS, conf.hash_algorithm()
    return last["seq"], last["hash"], last["alg"]
