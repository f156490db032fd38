"""The database, not only the application, refuses UPDATE, DELETE and TRUNCATE of audit and chain
entries (SQLite and PostgreSQL triggers)."""

import os

import pytest
from django.apps import apps
from django.db import DatabaseError, connection, transaction

from tests.trust.helpers import purge_refused
from zhidu.core.audit import record
from zhidu.core.models import AuditEntry
from zhidu.trust import immutability
from zhidu.trust.models import ChainEntry

pytestmark = pytest.mark.django_db

TABLES = ["core_auditentry", "trust_chainentry"]


def refused(sql):
    with pytest.raises(DatabaseError, match="审计记录不可修改或删除"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(sql)


def test_triggers_are_installed():
    assert immutability.installed(connection, apps)


@pytest.mark.parametrize("table", TABLES)
def test_update_is_refused(table):
    record(None, "test.write", summary="原文")
    refused(f"UPDATE {table} SET id = id")  # noqa: S608


@pytest.mark.parametrize("table", TABLES)
def test_delete_is_refused(table):
    record(None, "test.write")
    with purge_refused():
        refused(f"DELETE FROM {table}")  # noqa: S608


def test_update_is_refused_even_with_the_test_purge_flag():
    record(None, "test.write")
    refused("UPDATE core_auditentry SET summary = 'x'")


def test_the_orm_is_refused_too():
    entry = record(None, "test.write", summary="原文")
    entry.summary = "改"
    with pytest.raises(DatabaseError), transaction.atomic():
        entry.save()
    with purge_refused(), pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.all().delete()
    with pytest.raises(DatabaseError), transaction.atomic():
        ChainEntry.objects.update(seal="0")
    assert AuditEntry.objects.get().summary == "原文"


@pytest.mark.parametrize("table", TABLES)
def test_truncate_is_refused_on_postgresql(table):
    if connection.vendor != "postgresql":
        # SQLite has no TRUNCATE: "DELETE FROM t" without WHERE is its truncate, refused above.
        assert connection.vendor == "sqlite"
        return
    with purge_refused():
        refused(f'TRUNCATE "{table}" CASCADE')


def test_the_flush_of_the_test_suite_is_let_through_on_this_connection():
    # What transactional tests rely on: DELETE (SQLite) / TRUNCATE (PostgreSQL) pass with the flag.
    record(None, "test.write")
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the insert's deferred FK checks
            cursor.execute("TRUNCATE core_auditentry, trust_chainentry")
        else:
            cursor.execute("DELETE FROM trust_chainentry")
            cursor.execute("DELETE FROM core_auditentry")
        transaction.set_rollback(True)


def test_migrate_puts_back_triggers_a_table_rebuild_dropped():
    from zhidu.trust.apps import _reinstall_triggers

    immutability.uninstall(connection, apps)
    assert not immutability.installed(connection, apps)
    _reinstall_triggers(sender=None, using="default", apps=apps)
    assert immutability.installed(connection, apps)


def test_a_role_with_a_delete_grant_cannot_purge_by_setting_the_flag():
    """Issue 17: any PostgreSQL session can `SET zhidu.allow_purge = 'on'`; a role with nothing but
    a DELETE grant purged the audit trail with it. The flag now counts for a superuser only (who
    could drop the triggers anyway). On SQLite there is no session setting to forge: the allowance
    is a function only Zhidu's own connections have."""
    record(None, "test.write", summary="留痕")
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT sql FROM sqlite_master WHERE name = 'zhidu_immutable_core_auditentry_delete'"
            )
            assert "zhidu_allow_purge()" in cursor.fetchone()[0]
        return
    role = f"zhidu_attacker_{os.getpid()}"
    with transaction.atomic():  # CREATE ROLE is transactional: rolled back with the rest
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE ROLE {role} NOLOGIN")
            cursor.execute(f"GRANT SELECT, DELETE ON core_auditentry, trust_chainentry TO {role}")
            cursor.execute(f"SET LOCAL ROLE {role}")
            cursor.execute("SELECT set_config('zhidu.allow_purge', 'on', true)")
        refused("DELETE FROM core_auditentry")
        transaction.set_rollback(True)
    assert AuditEntry.objects.filter(summary="留痕").exists()
