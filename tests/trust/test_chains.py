"""One chain per township (issue 18): each township's audited writes append to their own chain,
the deployment's own rows (no township) to theirs; the one chain written before is the closed
legacy segment every new chain starts from. `verify` names the chain and its first bad entry."""

import datetime
import importlib

import pytest
from django.apps import apps as registry
from django.db import connection

from tests import factories
from tests.trust.helpers import execute
from zhidu.core.audit import record
from zhidu.trust import chain, conf, ledger
from zhidu.trust.models import ChainEntry, ChainHead

pytestmark = pytest.mark.django_db
SIGNED = datetime.datetime(2026, 12, 7, tzinfo=datetime.UTC).isoformat()


@pytest.fixture
def towns(db):
    return factories.township("甲镇", "jia"), factories.township("乙镇", "yi")


def test_each_township_writes_its_own_chain_and_rows_of_none_the_deployments(towns):
    a, b = towns
    record(None, "test.write", township=a)
    record(None, "test.write", township=b)
    record(None, "test.write", township=a)
    record(None, "admin.write")  # a deployment-level row: no township
    chained = list(ChainEntry.objects.order_by("pk").values_list("chain", "seq"))
    assert chained == [
        (f"township:{a.pk}", 1),
        (f"township:{b.pk}", 1),
        (f"township:{a.pk}", 2),
        ("deployment", 1),
    ]
    assert set(ChainHead.objects.values_list("name", flat=True)) >= {f"township:{a.pk}", "deployment"}
    result = ledger.verify_database()
    assert result.ok and (result.count, result.chains) == (4, 3), result.message
    assert "（3 条链）" in result.line()


def test_the_first_bad_entry_is_named_with_its_township(towns):
    a, b = towns
    record(None, "test.write", township=a)
    mine = [record(None, "test.write", township=b, summary=str(i)) for i in range(3)]
    execute("UPDATE core_auditentry SET summary = 'x' WHERE id = %s", [mine[1].pk])
    result = ledger.verify_database()
    assert not result.ok and (result.chain, result.seq) == (f"township:{b.pk}", 2)
    assert result.message == f"乙镇的链：第 2 条链记录所指的审计记录 #{mine[1].pk}内容被改动"


def test_an_entry_moved_into_another_townships_chain_is_named(towns):
    a, b = towns
    record(None, "test.write", township=a)
    theirs = record(None, "test.write", township=b)
    # Someone with the key re-seals b's row into a's chain: prev and seal are right, the township is not.
    row = (
        registry.get_model("core", "AuditEntry")
        .objects.filter(pk=theirs.pk)
        .values(*ledger.columns(type(theirs)))
        .get()
    )
    tip = ChainEntry.objects.get(chain=f"township:{a.pk}", seq=1)
    fields = ledger.columns(type(theirs))
    forged = chain.make_entry(
        seq=2, kind="audit", ref=theirs.pk, fields=",".join(fields),
        payload=chain.payload_digest("core.auditentry", theirs.pk, row, fields, "sm3"),
        prev=tip.hash, alg="sm3", key=conf.checkpoint_key(), chain=f"township:{a.pk}",
    )  # fmt: skip
    execute("DELETE FROM trust_chainentry WHERE kind = 'audit' AND ref = %s", [theirs.pk])
    ChainEntry.objects.create(**ledger._as_row(forged))
    result = ledger.verify_database()
    assert not result.ok and result.chain == f"township:{a.pk}" and "不属于这条链" in result.message


def _legacy(n):
    """Rows chained the way they were before the chains per township (migration 0002's append)."""
    migration = importlib.import_module("zhidu.trust.migrations.0002_immutability_and_backfill")
    rows = [record(None, "test.old", summary=f"旧{i}") for i in range(n)]
    execute("DELETE FROM trust_chainentry")
    ChainHead.objects.exclude(name="legacy").delete()  # as migration 0004 leaves it: no other chain yet
    for row in rows:
        migration._append("audit", row.pk, using="default", registry=registry)
    return rows


def test_the_legacy_chain_still_verifies_and_new_chains_start_from_its_root(towns):
    a, _ = towns
    old = _legacy(3)
    assert list(ChainEntry.objects.values_list("chain", "seq")) == [
        ("legacy", 1),
        ("legacy", 2),
        ("legacy", 3),
    ]
    legacy_root = ChainEntry.objects.get(chain="legacy", seq=3).hash
    # What a witness kept before the migration: a format-1 checkpoint of the one chain.
    witnessed = chain.make_checkpoint(
        count=3, root=legacy_root, algorithm="sm3", signed_at=SIGNED, key=conf.checkpoint_key()
    )
    record(None, "test.new", township=a)
    record(None, "admin.new")
    first = ChainEntry.objects.get(chain=f"township:{a.pk}", seq=1)
    assert first.prev == legacy_root == ChainEntry.objects.get(chain="deployment", seq=1).prev
    assert ledger.verify_database().ok
    assert ledger.verify_database(against=chain.read_checkpoint(witnessed, conf.checkpoint_keys())).ok
    # The legacy tail cut (entry and row): the chains after it no longer start from its root.
    execute("DELETE FROM trust_chainentry WHERE chain = 'legacy' AND seq = 3")
    execute("DELETE FROM core_auditentry WHERE id = %s", [old[2].pk])
    result = ledger.verify_database()
    assert not result.ok and result.chain == "deployment" and result.seq == 1
    assert "与链的起点不符" in result.message
    cut = ledger.verify_database(against=witnessed)
    assert not cut.ok  # and the old witness says so too, once the entries are consistent again


def test_a_checkpoint_holds_every_chain_and_names_the_one_cut(towns):
    a, b = towns
    record(None, "test.write", township=a)
    mine = [record(None, "test.write", township=b) for _ in range(3)]
    witnessed = ledger.make_checkpoint(ledger.tips(), SIGNED)
    assert witnessed["chains"] == {
        f"township:{a.pk}": {"count": 1, "root": ChainEntry.objects.get(chain=f"township:{a.pk}").hash},
        f"township:{b.pk}": {
            "count": 3,
            "root": ChainEntry.objects.get(chain=f"township:{b.pk}", seq=3).hash,
        },
    }
    read = chain.read_checkpoint(witnessed, conf.checkpoint_keys())
    assert ledger.verify_database(against=read).ok
    execute("DELETE FROM trust_chainentry WHERE chain = %s AND seq = 3", [f"township:{b.pk}"])
    execute("DELETE FROM core_auditentry WHERE id = %s", [mine[2].pk])
    assert ledger.verify_database().ok  # consistent on its own
    result = ledger.verify_database(against=read)
    assert not result.ok and result.chain == f"township:{b.pk}"
    assert result.message.startswith("乙镇的链：") and "第 3 条起被截断" in result.message
    tampered = {**witnessed, "chains": {**witnessed["chains"], f"township:{b.pk}": {"count": 2, "root": "0"}}}
    with pytest.raises(chain.BadCheckpoint):
        chain.read_checkpoint(tampered, conf.checkpoint_keys())


def test_appends_use_one_head_row_lock_per_township(towns, django_assert_max_num_queries):
    a, _ = towns
    record(None, "test.write", township=a)  # the chain's head row exists from its first write
    with django_assert_max_num_queries(5) as captured:  # the row, read back, lock, last entry, entry
        record(None, "test.write", township=a)
    sql = [q["sql"] for q in captured.captured_queries]
    assert any("trust_chainhead" in q for q in sql)
    if connection.vendor == "postgresql":
        assert any("FOR UPDATE" in q for q in sql) and not any("advisory" in q for q in sql)
