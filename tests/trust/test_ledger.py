"""Every audit entry and archived record joins the chain in its own transaction; `verify` finds
tampering done around the application."""

import pytest
from django.db import IntegrityError, transaction

from tests.meetings.meeting_factory import approved_item, meeting, team
from tests.trust.helpers import execute
from zhidu.core.audit import record
from zhidu.core.models import AuditEntry
from zhidu.meetings.models import ArchiveVersion
from zhidu.trust import ledger
from zhidu.trust.models import ChainEntry

pytestmark = pytest.mark.django_db


def audits(n, **detail):
    return [record(None, "test.write", summary=f"第{i}条", n=i, **detail) for i in range(1, n + 1)]


def test_each_audit_entry_is_chained_in_order():
    entries = audits(3)
    chained = list(ChainEntry.objects.values_list("seq", "kind", "ref"))
    assert chained == [(1, "audit", entries[0].pk), (2, "audit", entries[1].pk), (3, "audit", entries[2].pk)]
    first = ChainEntry.objects.get(seq=1)
    assert first.alg == "sm3" and first.prev == "0" * 64 and "detail" in first.fields.split(",")
    assert ledger.verify_database().ok


def test_the_chain_entry_shares_the_writers_transaction():
    with pytest.raises(RuntimeError), transaction.atomic():
        record(None, "test.write")
        assert ChainEntry.objects.count() == 1
        raise RuntimeError
    assert not AuditEntry.objects.exists() and not ChainEntry.objects.exists()


def test_the_payload_is_what_the_database_holds():
    # The address is normalized on the way in; the digest is of the stored value.
    entry = AuditEntry.objects.create(
        action="test.ip", address="::FFFF:10.0.0.1", detail={"b": [1, 2], "a": "中"}
    )
    assert ledger.verify_database().ok, entry


def test_archived_records_are_chained(town):
    people = team(town)
    m = meeting(town, people, [approved_item(town, people)])
    before = ChainEntry.objects.count()
    version = ArchiveVersion.objects.create(township=town, meeting=m, version=1, record={"议题": ["道路"]})
    last = ChainEntry.objects.order_by("-seq").first()
    assert (last.seq, last.kind, last.ref) == (before + 1, "archive", version.pk)
    assert ledger.verify_database().ok


def test_switching_to_sha256_keeps_old_entries_verifiable(settings):
    audits(2)
    settings.ZHIDU_HASH = "sha256"
    audits(2)
    assert list(ChainEntry.objects.values_list("alg", flat=True)) == ["sm3", "sm3", "sha256", "sha256"]
    assert ledger.verify_database().ok


def test_a_changed_byte_in_the_database_is_named():
    entries = audits(4)
    execute("UPDATE core_auditentry SET summary = %s WHERE id = %s", ["第2條", entries[1].pk])
    result = ledger.verify_database()
    assert not result.ok and result.seq == 2
    assert result.message == f"全局链：第 2 条链记录所指的审计记录 #{entries[1].pk}内容被改动"


def test_a_deleted_entry_in_the_middle_is_named():
    entries = audits(4)
    execute("DELETE FROM trust_chainentry WHERE seq = 3")
    execute("DELETE FROM core_auditentry WHERE id = %s", [entries[2].pk])
    result = ledger.verify_database()
    assert result.seq == 3 and "缺少第 3 条" in result.message


def test_swapped_entries_are_named():
    audits(4)
    execute("UPDATE trust_chainentry SET seq = 1000 WHERE seq = 2")
    execute("UPDATE trust_chainentry SET seq = 2 WHERE seq = 3")
    execute("UPDATE trust_chainentry SET seq = 3 WHERE seq = 1000")
    result = ledger.verify_database()
    assert result.seq == 2 and "顺序被调换" in result.message


def test_a_recomputed_chain_is_named_by_its_seal(settings):
    entries = audits(4)
    execute("UPDATE core_auditentry SET summary = %s WHERE id = %s", ["改", entries[1].pk])
    settings.ZHIDU_CHECKPOINT_KEY = "the attacker's guess"
    execute("DELETE FROM trust_chainentry WHERE seq >= 2")
    for entry in entries[1:]:
        ledger.append("audit", entry.pk)  # recomputed, sealed with the wrong key
    settings.ZHIDU_CHECKPOINT_KEY = ""
    result = ledger.verify_database()
    assert result.seq == 2 and "签名不符" in result.message


def test_a_row_written_around_the_application_is_named():
    audits(1)
    execute(
        "INSERT INTO core_auditentry (at, actor_name, action, target_type, target_id, summary, detail) "
        "VALUES (CURRENT_TIMESTAMP, 'x', 'forged', '', '', '', '{}')"
    )
    result = ledger.verify_database()
    assert not result.ok and "不在链中" in result.message


def test_one_chain_entry_per_row():
    entry = audits(1)[0]
    with pytest.raises(IntegrityError), transaction.atomic():
        ledger.append("audit", entry.pk)


def test_existing_rows_are_backfilled_by_the_migration():
    # The migration's backfill, on rows that have no entry yet (as before the app was installed).
    import importlib
    import types

    from django.apps import apps as registry
    from django.db import connection

    migration = importlib.import_module("zhidu.trust.migrations.0002_immutability_and_backfill")
    entries = audits(2)
    execute("DELETE FROM trust_chainentry")
    migration.backfill(registry, types.SimpleNamespace(connection=connection))
    assert list(ChainEntry.objects.values_list("ref", flat=True)) == [e.pk for e in entries]
    assert ledger.verify_database().ok
