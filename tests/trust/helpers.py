"""Tampering as an attacker who owns the database would: around the triggers."""

from __future__ import annotations

import contextlib

from django.apps import apps
from django.db import connection

from zhidu.trust import immutability


@contextlib.contextmanager
def triggers_off():
    # DDL is transactional on both databases: the test's rollback would restore them anyway.
    immutability.uninstall(connection, apps)
    try:
        yield
    finally:
        immutability.install(connection, apps)


def execute(sql: str, params=()):
    with triggers_off(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@contextlib.contextmanager
def purge_refused():
    """Inside: this connection behaves like production's (no test purge flag)."""
    state = immutability._state["allow_purge"]
    immutability._state["allow_purge"] = False
    try:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('zhidu.allow_purge', 'off', true)")
        yield
    finally:
        immutability._state["allow_purge"] = state
