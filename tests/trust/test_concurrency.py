"""The race the chain must survive: concurrent writers each appending "the next" entry. On
PostgreSQL an advisory lock orders them; on SQLite BEGIN IMMEDIATE does. Real threads, real
commits (transactional test), on whichever database the suite runs."""

import sqlite3
import threading

import pytest
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, close_old_connections, connection, connections, transaction

from tests.sqlite_file import copy_test_database
from zhidu.core.audit import record
from zhidu.trust import ledger
from zhidu.trust.models import ChainEntry

WRITERS = 8
EACH = 5


@pytest.fixture
def file_db(tmp_path):
    """SQLite: production's setting (a file, WAL, BEGIN IMMEDIATE), not the shared-cache in-memory
    test database, which fails at once with "database table is locked" instead of waiting (the
    same device as tests/ballots/test_concurrency.py)."""
    if connection.vendor != "sqlite":
        yield
        return
    dicts = [
        connection.settings_dict,
        connections.settings[DEFAULT_DB_ALIAS],
        settings.DATABASES[DEFAULT_DB_ALIAS],
    ]
    names = [d["NAME"] for d in dicts]
    keeper = sqlite3.connect(names[0], uri=True)  # the in-memory database dies with its last connection
    for d in dicts:
        d["NAME"] = str(tmp_path / "race.sqlite3")
    connection.close()
    try:
        copy_test_database(keeper, connection.settings_dict["NAME"])
        yield
    finally:
        connection.close()
        for d, name in zip(dicts, names, strict=True):
            d["NAME"] = name
        connection.ensure_connection()
        keeper.close()


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_never_fork_the_chain(file_db):
    start = threading.Barrier(WRITERS)
    errors = []

    def writer(n):
        try:
            start.wait()
            for i in range(EACH):
                with transaction.atomic():
                    record(None, "test.race", summary=f"{n}-{i}")
                    # Hold the transaction open a moment so the writers overlap.
                    ChainEntry.objects.count()
        except Exception as error:  # reported below: a thread's exception would be lost
            errors.append(repr(error))
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    seqs = list(ChainEntry.objects.order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, WRITERS * EACH + 1))
    result = ledger.verify_database()
    assert result.ok, result.message
    assert connection.vendor in {"sqlite", "postgresql"}
