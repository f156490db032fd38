"""The working-day table read with the database's own driver, without setting Django up: the
calendar of `zhidu due` and `zhidu evaluate` (issue 18: those commands start in at most 300 ms,
and `django.setup()` alone took 0.9 s). The same rows and the same fall-back as
`services.get_calendar()`: every entered notice counts; before `migrate`, with an empty table or a
database that cannot be read, the seed computed in memory.

The database is the one the settings name (DJANGO_SETTINGS_MODULE, by default zhidu.settings, which
is imported as a plain module: it configures nothing). SQLite is read through `sqlite3` (read-only,
the file is never created) and PostgreSQL through psycopg; for any other engine `stored_calendar`
returns None and the caller sets Django up."""

from __future__ import annotations

import datetime
import importlib
import os
from collections.abc import Iterable
from typing import Any
from zoneinfo import ZoneInfo

from zhidu.workdays import seed
from zhidu.workdays.arithmetic import WorkCalendar

SHANGHAI = ZoneInfo("Asia/Shanghai")
_QUERY = "SELECT day, is_workday, source FROM workdays_workingday ORDER BY day"


class Unreadable(Exception):
    """The table cannot be read (no database yet, no table, no server): the seed answers."""


def calendar_from_rows(rows: Iterable[tuple[datetime.date, bool, str]]) -> WorkCalendar | None:
    """The calendar of the table's (day, is_workday, source) rows; None when there are none. A year
    any of whose rows is provisional is a provisional year."""
    rows = list(rows)
    if not rows:
        return None
    provisional_years = {day.year for day, _, source in rows if source == seed.SOURCE_PROVISIONAL}
    return WorkCalendar.from_rows(((day, workday) for day, workday, _ in rows), provisional_years)


def stored_calendar() -> WorkCalendar | None:
    """The calendar of the configured database, the seed when it cannot be read, or None for an
    engine this module does not read."""
    name = os.environ.get("DJANGO_SETTINGS_MODULE") or "zhidu.settings"
    database: dict[str, Any] = importlib.import_module(name).DATABASES["default"]
    engine = database.get("ENGINE", "")
    try:
        if engine == "django.db.backends.sqlite3":
            path = str(database.get("NAME") or "")
            if not path or path == ":memory:" or path.startswith("file:"):
                return None  # not a plain file: Django's connection knows what it means
            rows = _sqlite_rows(path)
        elif engine == "django.db.backends.postgresql":
            rows = _postgresql_rows(database)
        else:
            return None
        calendar = calendar_from_rows(rows)
    except Unreadable:
        calendar = None
    if calendar is None:
        return seed.seed_calendar(datetime.datetime.now(SHANGHAI).year)
    return calendar


def _sqlite_rows(path: str) -> list[tuple[datetime.date, bool, str]]:
    import sqlite3

    if not os.path.exists(path):  # before the first `migrate`
        raise Unreadable(path)
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=20) as connection:
            found = connection.execute(_QUERY).fetchall()
    except sqlite3.Error as e:
        raise Unreadable(path) from e
    # SQLite keeps a DateField as ISO text and a BooleanField as 0/1.
    return [(datetime.date.fromisoformat(day), bool(workday), source) for day, workday, source in found]


def _postgresql_rows(database: dict[str, Any]) -> list[tuple[datetime.date, bool, str]]:
    import psycopg

    options = database.get("OPTIONS") or {}
    params = {
        "dbname": database.get("NAME") or None,
        "user": database.get("USER") or None,
        "password": database.get("PASSWORD") or None,
        "host": database.get("HOST") or None,
        "port": str(database["PORT"]) if database.get("PORT") else None,
        "connect_timeout": 10,
        **{k: v for k, v in options.items() if k in {"sslmode", "options", "service"}},
    }
    try:
        with psycopg.connect(**{k: v for k, v in params.items() if v is not None}) as connection:
            return [(day, bool(workday), source) for day, workday, source in connection.execute(_QUERY)]
    except psycopg.Error as e:
        raise Unreadable(str(database.get("NAME"))) from e


def command_calendar() -> WorkCalendar:
    """The calendar of a command (`zhidu due`, `zhidu evaluate`): the app's cached calendar when
    Django is already set up in this process (the tests, a management command), otherwise the table
    read directly; Django is set up only for an engine `stored_calendar` does not read."""
    from django.apps import apps

    if not apps.ready:
        calendar = stored_calendar()
        if calendar is not None:
            return calendar
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhidu.settings")
        import django

        django.setup()
    from zhidu.workdays.services import get_calendar

    return get_calendar()
