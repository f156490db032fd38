"""Races on SQLite run on a file, as production does (tests/ballots/test_concurrency.py,
tests/trust/test_concurrency.py). The file starts as a copy of the in-memory test database, which
`migrate` built once for the session and the transactional test's set-up left as `migrate` leaves
it (schema, seeded calendar, content types): the same database as a fresh `migrate` of the file, in
milliseconds instead of the seconds that replaying every migration takes."""

from __future__ import annotations

import sqlite3
from contextlib import closing


def copy_test_database(keeper: sqlite3.Connection, path: str) -> None:
    """Copy the database `keeper` is connected to (the in-memory test database) to the file `path`."""
    with closing(sqlite3.connect(path)) as target:
        keeper.backup(target)
