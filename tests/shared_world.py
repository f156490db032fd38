"""Rows built once for a whole test module (or package) instead of once per test: a module-scoped
fixture builds them inside `rolled_back_at_the_end`; pytest-django then runs each test in a savepoint
inside that transaction, rolled back after the test, so every test meets the rows as built. Give each
test its own copy of the Python objects (`copy.deepcopy`) when a test may change them in memory.

Only for modules without transactional tests (a flush inside the transaction would empty it)."""

from __future__ import annotations

from contextlib import contextmanager

from django.db import transaction
from django.test import override_settings

from tests import calendar_seed


@contextmanager
def rolled_back_at_the_end(django_db_blocker):
    # tests/conftest.py switches to a fast hasher per test, too late for a module's fixture.
    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), fast, transaction.atomic():
        calendar_seed.restore()  # a transactional test run before may have flushed it
        try:
            yield
        finally:
            transaction.set_rollback(True)
