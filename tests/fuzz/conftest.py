"""One world for the fuzz package (tests/fuzz/world.py), built once in a transaction rolled back at the end:
the fuzzers roll back every input they send, so they all meet the same world (building it takes seconds)."""

from __future__ import annotations

from collections import Counter

import pytest
from django.db import transaction
from django.test import override_settings

from tests.fuzz.world import build_world


@pytest.fixture(scope="package")
def world(django_db_setup, django_db_blocker):
    # PBKDF2 is deliberately slow; tests/conftest.py switches to MD5 per test, too late for this fixture.
    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), fast:
        with transaction.atomic():
            built = build_world()
            try:
                yield built
            finally:
                transaction.set_rollback(True)


# Generated inputs sent, by fuzzer; the terminal summary reports them (issue 6: "thousands of inputs").
COUNTS: Counter = Counter()


def pytest_terminal_summary(terminalreporter):
    if COUNTS:
        parts = ", ".join(f"{name} {n}" for name, n in sorted(COUNTS.items()))
        terminalreporter.write_line(f"fuzz: generated inputs sent: {parts} (total {sum(COUNTS.values())})")
