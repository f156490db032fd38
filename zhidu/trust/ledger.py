"""The chain in the database: append in the writer's transaction, read back, verify.

One chain per township (issue 18): a row goes to the chain of its `township_id` ("township:<pk>"),
or to the deployment's ("deployment") when it has none; the single chain written before is the
closed "legacy" segment (migration 0004), from whose root every other chain starts.

Concurrency (the race: two transactions read the same last entry and both take seq n+1):
- PostgreSQL: `SELECT … FOR UPDATE` on the chain's head row (ChainHead, by its unique name), then
  the last entry is read. Not `SELECT … ORDER BY seq DESC LIMIT 1 FOR UPDATE` on the entries: a
  transaction that waited on that lock gets the *old* last row back once the first commits (READ
  COMMITTED re-checks the locked row, it does not re-run the ORDER BY/LIMIT), so both would still
  take n+1. The head row never changes, so the one that waited gets it back as it was, and its next
  statement takes a fresh snapshot that sees the entry the other committed. The lock is held until
  commit: writers of one township serialize from that point, writers of two townships never meet.
  A chain's first writer inserts its head row (INSERT … ON CONFLICT DO NOTHING: a second first
  writer waits for it, then finds the row).
- SQLite: settings open every transaction with BEGIN IMMEDIATE, so writers are serialized for the
  whole transaction anyway (select_for_update is a no-op there).
- Both: (chain, seq) and (kind, ref) are unique, so a bug here fails loudly instead of forking a chain.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.apps import apps
from django.db import connections, transaction

from zhidu.trust import chain, conf

# kind -> model label of the rows it chains. Filled by `register_chained` from the apps' `ready()`
# (trust names no area): core's audit entries ("audit", declared by trust's own ready, since core sits
# below trust), the meetings' archive versions ("archive", R1§10).
SOURCES: dict[str, str] = {}
LEGACY, DEPLOYMENT = chain.LEGACY, chain.DEPLOYMENT


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


def chain_name(township_id: int | None) -> str:
    return f"township:{township_id}" if township_id else DEPLOYMENT


def legacy_root(using: str = "default", registry=apps) -> str:
    entry_model = registry.get_model("trust", "ChainEntry")
    last = entry_model.objects.using(using).filter(chain=LEGACY).order_by("-seq").values("hash").first()
    return last["hash"] if last else chain.GENESIS


def _lock_head(name: str, township_id: int | None, using: str, registry) -> str:
    """Lock the chain's head row until commit (created by its first writer); returns its genesis."""
    head_model = registry.get_model("trust", "ChainHead")
    heads = head_model.objects.using(using)
    found = heads.select_for_update().filter(name=name).values_list("genesis", flat=True)
    genesis = found.first()
    if genesis is None:
        heads.bulk_create(
            [head_model(name=name, township_id=township_id, genesis=legacy_root(using, registry))],
            ignore_conflicts=True,
        )
        genesis = found.first()
    return genesis


def append(kind: str, pk, *, using: str = "default", registry=apps):
    """Append the chain entry of one freshly created row, inside the current transaction, to the
    chain of the row's township (the deployment's when it has none)."""
    model = source_model(kind, registry)
    entry_model = registry.get_model("trust", "ChainEntry")
    # No savepoint: if the entry cannot be appended, the writer's whole transaction must fail.
    with transaction.atomic(using=using, savepoint=False):
        fields = columns(model)
        # Read back, not the instance: the payload must be what the database holds (normalized
        # addresses, JSON as stored), so that `verify` recomputes the same digest later.
        row = model.objects.using(using).filter(pk=pk).values(*fields).get()
        township_id = row.get("township_id")
        name = chain_name(township_id)
        genesis = _lock_head(name, township_id, using, registry)
        last = (
            entry_model.objects.using(using).filter(chain=name).order_by("-seq").values("seq", "hash").first()
        )
        algorithm = conf.hash_algorithm()
        entry = chain.make_entry(
            seq=(last["seq"] + 1) if last else 1,
            kind=kind,
            ref=pk,
            fields=",".join(fields),
            payload=chain.payload_digest(model._meta.label_lower, pk, row, fields, algorithm),
            prev=last["hash"] if last else genesis,
            alg=algorithm,
            key=conf.checkpoint_key(),
            chain=name,
        )
        return entry_model.objects.using(using).create(**_as_row(entry))


def append_many(kind: str, pks, *, using: str = "default", registry=apps) -> int:
    """Chain rows written in bulk (bulk_create sends no post_save), in pk order: each township's
    chain is locked and read once and its entries inserted in one statement. Used by `zhidu
    generate`; `verify` cannot tell these entries from ones appended one at a time."""
    model = source_model(kind, registry)
    entry_model = registry.get_model("trust", "ChainEntry")
    fields = columns(model)
    algorithm, key = conf.hash_algorithm(), conf.checkpoint_key()
    label = model._meta.label_lower
    by_chain: dict[str, list[dict]] = {}
    for row in model.objects.using(using).filter(pk__in=list(pks)).order_by("pk").values(*fields):
        by_chain.setdefault(chain_name(row.get("township_id")), []).append(row)
    written = 0
    with transaction.atomic(using=using, savepoint=False):
        for name, found in by_chain.items():
            genesis = _lock_head(name, found[0].get("township_id"), using, registry)
            last = (
                entry_model.objects.using(using)
                .filter(chain=name)
                .order_by("-seq")
                .values("seq", "hash")
                .first()
            )
            seq, prev = (last["seq"], last["hash"]) if last else (0, genesis)
            made = []
            for row in found:
                pk = row[model._meta.pk.attname]
                seq += 1
                entry = chain.make_entry(
                    seq=seq,
                    kind=kind,
                    ref=pk,
                    fields=",".join(fields),
                    payload=chain.payload_digest(label, pk, row, fields, algorithm),
                    prev=prev,
                    alg=algorithm,
                    key=key,
                    chain=name,
                )
                prev = entry.hash
                made.append(entry_model(**_as_row(entry)))
            entry_model.objects.using(using).bulk_create(made, batch_size=2000)
            written += len(made)
    return written


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
        "chain": entry.chain,
    }


def on_created(sender, instance, created, raw=False, using="default", **kwargs):
    """post_save receiver for the chained models (connected by `register_chained`)."""
    if not created or raw:  # raw: loaddata of a backup brings its own chain entries
        return
    kind = kind_of(sender)
    if kind is not None:
        append(kind, instance.pk, using=using)


def entries(using: str = "default") -> dict[str, list[chain.Entry]]:
    """Every chain's entries, in seq order, by chain name."""
    from zhidu.trust.models import ChainEntry

    names = [f.name for f in chain.dataclasses.fields(chain.Entry)]
    found: dict[str, list[chain.Entry]] = {}
    for row in ChainEntry.objects.using(using).order_by("chain", "seq").values(*names).iterator():
        found.setdefault(row["chain"], []).append(chain.Entry(**row))
    return found


def rows(using: str = "default") -> dict[tuple[str, int], dict]:
    found = {}
    for kind in SOURCES:
        model = source_model(kind)
        for row in model.objects.using(using).values(*columns(model)).iterator():
            found[(kind, row[model._meta.pk.attname])] = row
    return found


def labels() -> dict[str, str]:
    return {kind: source_model(kind)._meta.label_lower for kind in SOURCES}


def chain_labels(names, using: str = "default") -> dict[str, str]:
    """How `verify` names each chain, in Chinese."""
    from zhidu.org.models import Township

    keys = {key for n in names if (key := chain.township_of(n)) is not None}
    towns = dict(Township.objects.using(using).filter(pk__in=keys).values_list("pk", "name"))
    found = {}
    for name in names:
        key = chain.township_of(name)
        if name == LEGACY:
            found[name] = "分乡镇之前的链"
        elif name == DEPLOYMENT:
            found[name] = "全局链"
        elif key is not None:
            found[name] = f"{towns.get(key, f'乡镇 #{key}')}的链"
        else:
            found[name] = f"链 {name}"
    return found


def verify_database(using: str = "default", against: dict | None = None) -> chain.Result:
    # One snapshot: on PostgreSQL a REPEATABLE READ read-only transaction, so that rows and entries
    # written while we read are not mistaken for tampering (SQLite: one read transaction).
    with transaction.atomic(using=using):
        connection = connections[using]
        if connection.vendor == "postgresql" and len(connection.atomic_blocks) == 1:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        found = entries(using)
        names = set(found) | (set(against.get("chains") or ()) if against else set())
        named = chain_labels(names, using)
        result = chain.verify_chains(
            found,
            rows(using),
            key=conf.checkpoint_keys(),
            models=labels(),
            labels=named,
            algorithm=conf.hash_algorithm(),
        )
    if result.ok and against is not None:
        return chain.compare_chains(found, against, named, result)
    return result


TIPS_SQL = (
    "SELECT e.chain, e.seq, e.hash FROM trust_chainentry e JOIN "
    "(SELECT chain, MAX(seq) AS seq FROM trust_chainentry GROUP BY chain) m "
    "ON m.chain = e.chain AND m.seq = e.seq"
)


def tips_from(cursor) -> dict[str, tuple[int, str]]:
    """{chain: (count, root)} from a DB-API cursor (also on a backup's own SQLite file)."""
    cursor.execute(TIPS_SQL)
    return {name: (int(seq), root) for name, seq, root in cursor.fetchall()}


def tips(using: str = "default") -> dict[str, tuple[int, str]]:
    with connections[using].cursor() as cursor:
        return tips_from(cursor)


def make_checkpoint(found: Mapping[str, tuple[int, str]], signed_at: str) -> dict:
    """The signed checkpoint (format 2) of every chain's tip."""
    return chain.make_checkpoint(
        chains=found, algorithm=conf.hash_algorithm(), signed_at=signed_at, key=conf.checkpoint_key()
    )
