"""The working-day calendar as `migrate` leaves it (zhidu/workdays/migrations/0002), kept for the test
session: transactional tests end with a flush of every table, this calendar included, and the next test
must meet it again. Read once after `migrate`, put back with one multi-row INSERT: a fraction of a
second less per transactional test than building ~9,000 model instances for `bulk_create`."""

from __future__ import annotations

from django.db import connection

_rows: list[tuple] = []


def _table():
    from zhidu.workdays.models import WorkingDay

    return WorkingDay, [f.attname for f in WorkingDay._meta.concrete_fields]


def remember() -> None:
    """Keep the calendar the test database holds now (call right after `migrate`)."""
    model, names = _table()
    _rows[:] = model.objects.order_by("pk").values_list(*names)


def _computed() -> list[tuple]:
    """What the seed migration would write this year (when nothing was remembered)."""
    from django.utils import timezone

    from zhidu.workdays.seed import seed_rows

    _, names = _table()
    return [tuple(row._asdict()[n] for n in names) for row in seed_rows(timezone.localdate().year)]


def restore() -> None:
    """Put the remembered calendar back when a flush has emptied the table."""
    from zhidu.workdays.services import clear_cache

    model, names = _table()
    if model.objects.exists():
        return
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(n).column) for n in names)
    marks = ", ".join(["%s"] * len(names))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})", _rows or _computed()
        )
    clear_cache()
