"""工作日历: a year of months as the deadlines see them, holidays and 调休 working weekends marked,
provisional years flagged (rulebook, "Dates and deadlines")."""

from __future__ import annotations

import calendar as pycalendar
import datetime

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhidu.core.access import requires
from zhidu.core.permissions import allowed
from zhidu.workdays.models import HolidayNotice, WorkingDay
from zhidu.workdays.services import get_calendar

MIN_YEAR, MAX_YEAR = 2004, 2100
WEEKDAYS = [_("Mo"), _("Tu"), _("We"), _("Th"), _("Fr"), _("Sa"), _("Su")]  # 一 … 日


@requires("calendar.view")
def calendar_year(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        year = today.year
    year = min(max(year, MIN_YEAR), MAX_YEAR)
    rows = {row.day: row for row in WorkingDay.objects.filter(day__year=year)}
    cal = get_calendar()
    months = []
    for month in range(1, 13):
        weeks = []
        for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
            cells: list[dict[str, object] | None] = []
            for day in week:
                if day.month != month:
                    cells.append(None)
                    continue
                row = rows.get(day)
                if row is not None:
                    kind, name = row.kind, row.holiday_name
                else:  # a year beyond the seeded table: computed on demand
                    kind = (
                        "workday" if cal.is_workday(day) else ("weekend" if day.weekday() >= 5 else "holiday")
                    )
                    name = ""
                cells.append({"day": day, "kind": kind, "name": name, "today": day == today})
            weeks.append(cells)
        months.append({"month": month, "first": datetime.date(year, month, 1), "weeks": weeks})
    holidays: dict[str, list[datetime.date]] = {}
    for day in sorted(rows):
        if rows[day].kind == "holiday" and rows[day].holiday_name:
            holidays.setdefault(rows[day].holiday_name, []).append(day)
    return render(
        request,
        "workdays/calendar.html",
        {
            "year": year,
            "months": months,
            "provisional": cal.is_provisional_year(year),
            "notice": HolidayNotice.objects.filter(year=year).first(),
            "holidays": [(name, days[0], days[-1], len(days)) for name, days in holidays.items()],
            "adjusted": sorted(d for d, r in rows.items() if r.kind == "adjusted_workday"),
            "can_manage": allowed(request.user, "calendar.manage"),
            "prev_year": year - 1 if year > MIN_YEAR else None,
            "next_year": year + 1 if year < MAX_YEAR else None,
            "weekdays": WEEKDAYS,
        },
    )
