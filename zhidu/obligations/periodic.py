"""Periods of the duties that recur by frequency ("every month / two months / quarter / half-year /
year"): `period_of` gives the calendar period containing a day, which the areas' generators key
their duties by (rulebook, "Dates and deadlines").

Every recurring duty is now opened by its own area's generator (zhidu.daily_logs, heart_talks,
self_reports, life_meetings, periodic_reports, work_style …, registered with `jobs`); this kernel
opens none. `generate` stays as the kernel's registered step of the job and opens nothing."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from zhidu.org.models import Township


@dataclass(frozen=True)
class Period:
    label: str  # e.g. 2026-P6, 2026-Q4, 2026-H2, 2026
    start: datetime.date
    end: datetime.date


def _month_end(year: int, month: int) -> datetime.date:
    if month == 12:
        return datetime.date(year, 12, 31)
    return datetime.date(year, month + 1, 1) - datetime.timedelta(days=1)


def period_of(day: datetime.date, months: int) -> Period:
    """The calendar period of `months` months (1, 2, 3, 6, 12) that contains `day`."""
    first_month = ((day.month - 1) // months) * months + 1
    last_month = first_month + months - 1
    index = (day.month - 1) // months + 1
    label = {
        1: f"{day.year}-M{index:02d}",
        2: f"{day.year}-B{index}",
        3: f"{day.year}-Q{index}",
        6: f"{day.year}-H{index}",
        12: f"{day.year}",
    }[months]
    return Period(label, datetime.date(day.year, first_month, 1), _month_end(day.year, last_month))


def generate(township: Township, day: datetime.date) -> int:
    """The kernel's own recurring duties: none left (each is its area's generator)."""
    return 0
