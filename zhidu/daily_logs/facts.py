"""What daily logs tell the other areas through the kernel hooks: the week's notes the R14 Friday
briefing pre-fills from (zhidu.rules.week_notes) and the year's log completeness of the R10 annex
(zhidu.rules.year_facts)."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from zhidu.daily_logs import checks
from zhidu.daily_logs.models import DailyLog, UnfinishedTask
from zhidu.daily_logs.services import parameters
from zhidu.org.models import Person, TeamMembership
from zhidu.rules.week_notes import WeekNotes
from zhidu.rules.year_facts import YearFacts
from zhidu.workdays.services import get_calendar


def week_notes(person: Person, monday: datetime.date) -> WeekNotes:
    """The week's summaries, one line a day, the last log's plan and its unfinished tasks."""
    sunday = monday + datetime.timedelta(days=6)
    logs = list(
        DailyLog.objects.filter(
            township_id=person.township_id, member=person, day__gte=monday, day__lte=sunday
        ).order_by("day")
    )
    done = [f"{log.day.month}月{log.day.day}日：{log.summary}" for log in logs if log.summary]
    planned = [logs[-1].plan] if logs and logs[-1].plan else []
    unfinished = []
    if logs:
        tasks = UnfinishedTask.objects.filter(township_id=person.township_id, log=logs[-1]).select_related(
            "owner"
        )
        for t in tasks:
            due = f"，{t.due.month}月{t.due.day}日前完成" if t.due else ""
            owner = f"（{t.owner.name}{due}）" if t.owner else ""
            unfinished.append(f"{t.task}{owner}")
    return WeekNotes(done, planned, unfinished)


def year_facts(person: Person, year: int) -> YearFacts:
    """R18 in the annual self-report: the year's working days on the team (up to yesterday), logs
    submitted, of them late, and missing."""
    calendar = get_calendar()
    today = timezone.localdate()
    first, last = (
        datetime.date(year, 1, 1),
        min(datetime.date(year, 12, 31), today - datetime.timedelta(days=1)),
    )
    terms = list(TeamMembership.objects.filter(township_id=person.township_id, person=person))
    logs = dict(
        DailyLog.objects.filter(
            township_id=person.township_id, member=person, day__gte=first, day__lte=last
        ).values_list("day", "submitted_at")
    )
    params = parameters(person.township_id, last if last >= first else first)
    workdays = submitted = late = 0
    day = first
    while day <= last:
        if calendar.is_workday(day) and any(t.covers(day) for t in terms):
            workdays += 1
            at = logs.get(day)
            if at is not None:
                submitted += 1
                late += checks.is_late(checks.Entry(day, at), params)
        day += datetime.timedelta(days=1)
    lines = [
        f"{year}年应提交工作日清{workdays}天，已提交{submitted}天（其中逾期{late}天），缺报{workdays - submitted}天。"
    ]
    return YearFacts("daily_logs", str(_("Daily work logs (R18)")), lines, "R18")
