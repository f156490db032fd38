"""The seed of the working-day table: official years from the `chinese-calendar` package, then
provisional years (provisional.py). Pure: no Django, no clock (the current year is an argument).

Rulebook, "Dates and deadlines": "Seed the calendar from the `chinese-calendar` package; … for a year
with no official data, compute a provisional calendar".
"""

from __future__ import annotations

import datetime
from typing import NamedTuple

from zhidu.workdays import provisional as prov
from zhidu.workdays.arithmetic import WorkCalendar

SOURCE_LIBRARY = "library"
SOURCE_NOTICE = "notice"
SOURCE_PROVISIONAL = "provisional"

# chinese_calendar.Holiday values (English) → the names of 《全国年节及纪念日放假办法》.
_LIBRARY_NAMES = {
    "New Year's Day": prov.NEW_YEAR,
    "Spring Festival": prov.SPRING_FESTIVAL,
    "Tomb-sweeping Day": prov.QINGMING,
    "Labour Day": prov.LABOUR_DAY,
    "Dragon Boat Festival": prov.DRAGON_BOAT,
    "National Day": prov.NATIONAL_DAY,
    "Mid-autumn Festival": prov.MID_AUTUMN,
}


class DayRow(NamedTuple):
    day: datetime.date
    is_workday: bool
    kind: str
    holiday_name: str
    source: str


def library_years() -> tuple[int, int] | None:
    """The years the installed chinese_calendar has data for, read from its tables (None when the
    package is missing)."""
    try:
        from chinese_calendar import constants
    except ImportError:
        return None
    if not constants.holidays:
        return None
    return min(constants.holidays).year, max(constants.holidays).year


def _library_name(value: str) -> str:
    from chinese_calendar import Holiday

    if value in _LIBRARY_NAMES:
        return _LIBRARY_NAMES[value]
    try:
        name: str = Holiday(value).chinese  # special holidays, e.g. the 2015 anniversary
        return name
    except ValueError:
        return value


def library_year(year: int) -> list[DayRow]:
    """Every day of `year` as the chinese_calendar package has it."""
    from chinese_calendar import constants

    rows = []
    day = datetime.date(year, 1, 1)
    one = datetime.timedelta(days=1)
    while day.year == year:
        if day in constants.workdays:
            row = DayRow(
                day, True, prov.ADJUSTED_WORKDAY, _library_name(constants.workdays[day]), SOURCE_LIBRARY
            )
        elif day in constants.holidays:
            row = DayRow(day, False, prov.HOLIDAY, _library_name(constants.holidays[day]), SOURCE_LIBRARY)
        elif day.weekday() >= 5:
            row = DayRow(day, False, prov.WEEKEND, "", SOURCE_LIBRARY)
        else:
            row = DayRow(day, True, prov.WORKDAY, "", SOURCE_LIBRARY)
        rows.append(row)
        day += one
    return rows


def provisional_year(year: int) -> list[DayRow]:
    return [DayRow(*info, SOURCE_PROVISIONAL) for info in prov.provisional_year(year)]


def seed_rows(current_year: int, *, ahead: int = 2) -> list[DayRow]:
    """Official rows for the library's years, then provisional rows up to `current_year + ahead`
    (at least two years past the library's data)."""
    years = library_years()
    rows: list[DayRow] = []
    if years is None:  # no official data at all: provisional from last year on
        last = current_year - 2
    else:
        first, last = years
        for year in range(first, last + 1):
            rows.extend(library_year(year))
    for year in range(last + 1, max(current_year + ahead, last + 2) + 1):
        rows.extend(provisional_year(year))
    return rows


def seed_calendar(current_year: int) -> WorkCalendar:
    """The calendar when the database has no table yet: the seed, computed in memory."""
    rows = seed_rows(current_year)
    return WorkCalendar.from_rows(
        ((r.day, r.is_workday) for r in rows),
        {r.day.year for r in rows if r.source == SOURCE_PROVISIONAL},
    )
