"""Writers of two townships never wait on each other; writers of one township do (issue 18). Real
threads, real connections and commits: one transaction holds its township's chain (an audited write,
not yet committed) while others write.

PostgreSQL: the lock is the township's head row (SELECT … FOR UPDATE), so the other township's writer
commits at once and the same township's waits. SQLite serializes every write transaction of the
file (BEGIN IMMEDIATE) whatever the chain, so there both wait: the test says so rather than skip."""

import threading

import pytest
from django.db import close_old_connections, connection, transaction

from tests import factories
from tests.trust.test_concurrency import file_db  # noqa: F401 - the fixture
from zhidu.core.audit import record
from zhidu.trust import ledger
from zhidu.trust.models import ChainEntry


def _in_thread(target):
    errors = []

    def run():
        try:
            target()
        except Exception as error:  # reported by the test: a thread's exception would be lost
            errors.append(repr(error))
        finally:
            close_old_connections()
            connection.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, errors


@pytest.mark.django_db(transaction=True)
def test_another_townships_write_does_not_wait_the_same_townships_does(file_db):  # noqa: F811
    a, b = factories.township("甲镇", "jia"), factories.township("乙镇", "yi")
    record(None, "test.first", township=a)  # both chains exist (their head rows)
    record(None, "test.first", township=b)
    holding, release = threading.Event(), threading.Event()
    done = {"b": threading.Event(), "a": threading.Event()}

    def holder():
        with transaction.atomic():
            record(None, "test.hold", township=a)
            holding.set()
            release.wait(30)

    def writer(town, flag):
        def write():
            with transaction.atomic():
                record(None, "test.write", township=town)
            flag.set()

        return write

    held, errors = _in_thread(holder)
    assert holding.wait(30), errors
    other, other_errors = _in_thread(writer(b, done["b"]))
    independent = connection.vendor == "postgresql"
    # PostgreSQL: b's writer commits while a's chain is held; SQLite: the file's write lock waits.
    assert done["b"].wait(10 if independent else 1.5) is independent, other_errors
    same, same_errors = _in_thread(writer(a, done["a"]))
    assert not done["a"].wait(1.5), "a second writer of the held township did not wait"
    release.set()
    for thread in (held, other, same):
        thread.join(30)
    assert done["a"].is_set() and done["b"].is_set(), errors + other_errors + same_errors
    assert not (errors or other_errors or same_errors)
    seqs = {
        name: list(ChainEntry.objects.filter(chain=name).values_list("seq", flat=True))
        for name in (f"township:{a.pk}", f"township:{b.pk}")
    }
    assert seqs == {f"township:{a.pk}": [1, 2, 3], f"township:{b.pk}": [1, 2]}
    assert ledger.verify_database().ok
