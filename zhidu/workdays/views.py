"""工作日历: one year of working days, as the deadlines see them (read-only for everyone)."""

from __future__ import annotations

import calendar as _calendar

from django.shortcuts import render
from django.utils import timezone

from zhidu.core.access import requires
from zhidu.workdays import provisional as prov
from zhidu.workdays.models import HolidayNotice, WorkingDay
from zhidu.workdays.services import get_calendar


@requires("calendar.view")
def calendar_year(request):
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year))
        prov.check_year(year)
    except ValueError:
        year = today.year
    cal = get_calendar()
    rows = {r.day: r for r in WorkingDay.objects.filter(day__year=year)}
    months = []
    for month in range(1, 13):
        weeks = []
        for week in _calendar.Calendar().monthdatescalendar(year, month):
            cells = []
            for day in week:
                if day.month != month:
                    cells.append(None)
                    continue
                row = rows.get(day)
                if row is not None:
                    kind, name = row.kind, row.holiday_name
                else:  # outside the table: what the calendar computes
                    kind = (
                        prov.WORKDAY
                        if cal.is_workday(day)
                        else (prov.WEEKEND if day.weekday() >= 5 else prov.HOLIDAY)
                    )
                    name = ""
                cells.append({"day": day, "kind": kind, "name": name})
            weeks.append(cells)
        months.append({"month": month, "weeks": weeks})
    return render(
        request,
        "workdays/calendar.html",
        {
            "year": year,
            "months": months,
            "provisional": cal.is_provisional_year(year),
            "notice": HolidayNotice.objects.filter(year=year).first(),
            "previous": year - 1 if year > prov.MIN_YEAR else None,
            "next": year + 1 if year < prov.MAX_YEAR else None,
            "today": today,
            "weekdays": list("一二三四五六日"),
        },
    )
