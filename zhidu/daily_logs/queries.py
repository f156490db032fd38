"""Reading daily logs: a stored log as the checks' plain `Entry`, a member's period, the party office's
board of a day, and what the other areas read through kernel hooks (the R14 Friday briefing's week
notes, the R10 annex's year facts). Each page reads a bounded number of rows with a fixed number of
queries, whatever the township's history (bench/daily_logs.py)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from zhidu.daily_logs import checks
from zhidu.daily_logs.models import DailyLog, UnfinishedTask, WeeklyReview
from zhidu.daily_logs.services import parameters
from zhidu.org.absences import Absence, away_on
from zhidu.org.models import Person, Township, team_on
from zhidu.rules.findings import Finding
from zhidu.workdays.services import get_calendar


def with_tasks(rows: QuerySet[DailyLog]) -> QuerySet[DailyLog]:
    tasks = UnfinishedTask.objects.select_related("owner").order_by("position", "pk")
    return rows.prefetch_related(Prefetch("unfinished", queryset=tasks))


def entry_of(log: DailyLog) -> checks.Entry:
    return checks.Entry(
        day=log.day,
        submitted_at=log.submitted_at,
        channel=log.channel,
        summary=log.summary,
        plan=log.plan,
        unfinished=tuple(
            checks.Task(t.task, t.reason, t.owner.name if t.owner is not None else "", t.due)
            for t in log.unfinished.all()
        ),
        support=log.support,
    )


def logs_between(member: Person, start: datetime.date, end: datetime.date) -> list[DailyLog]:
    rows = DailyLog.objects.filter(
        township_id=member.township_id, member=member, day__gte=start, day__lte=end
    )
    return list(with_tasks(rows.order_by("day")))


def period_of(
    member: Person, start: datetime.date, end: datetime.date, logs: list[DailyLog] | None = None
) -> checks.Period:
    """The member's logs and weekly reviews from `start` to `end` as the `zhidu.daily-log/1` record
    (a review counts on the day it was filed)."""
    logs = logs if logs is not None else logs_between(member, start, end)
    monday = checks.monday_of(start)
    reviews = WeeklyReview.objects.filter(
        township_id=member.township_id, member=member, week__gte=monday, week__lte=end
    ).values_list("filed_at", flat=True)
    return checks.Period(
        member=member.name,
        start=start,
        end=end,
        entries=tuple(entry_of(log) for log in logs),
        reviews=tuple(sorted(timezone.localdate(at) for at in reviews)),
    )


def judge(member: Person, start: datetime.date, end: datetime.date, logs: list[DailyLog] | None = None):
    """The period judged by the township's parameters in force at its end."""
    return checks.judge_period(
        period_of(member, start, end, logs), get_calendar(), parameters(member.township_id, end)
    )


# --- the party office's board of a day ------------------------------------------------------------


@dataclass
class BoardRow:
    member: Person
    log: DailyLog | None
    status: str
    away: Absence | None
    findings: list[Finding] = field(default_factory=list)


@dataclass
class Board:
    day: datetime.date
    workday: bool
    deadline: str
    rows: list[BoardRow]

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)

    @property
    def away_count(self) -> int:
        return sum(1 for r in self.rows if r.away is not None)


def board(township: Township, day: datetime.date, now: datetime.datetime) -> Board:
    """R18 第三: who of the team (as it stood that day) has handed in the day's log, late, not yet, or
    missing; who is away (R14 leave, through zhidu.org.absences). Three queries for the team, the
    day's logs and their tasks, whatever the history."""
    params = parameters(township, day)
    members = [t.person for t in team_on(township, day).order_by("starts_on", "pk")]
    members = list({p.pk: p for p in members}.values())
    logs = {log.member_id: log for log in with_tasks(DailyLog.objects.filter(township=township, day=day))}
    away = away_on(township, day)
    rows = []
    for member in members:
        log = logs.get(member.pk)
        entry = entry_of(log) if log is not None else None
        rows.append(
            BoardRow(
                member=member,
                log=log,
                status=checks.day_status(day, entry, now, params),
                away=away.get(member.pk),
                findings=checks.entry_findings(entry, params, reader=True) if entry is not None else [],
            )
        )
    return Board(day, get_calendar().is_workday(day), params.deadline_text, rows)


# --- a member's week --------------------------------------------------------------------------------


@dataclass
class WeekDay:
    day: datetime.date
    workday: bool
    log: DailyLog | None
    findings: list[Finding]
    status: str


def week(member: Person, monday: datetime.date, now: datetime.datetime):
    """The seven days of a week with the member's logs, each day's findings (a day not yet past its
    deadline is pending, not missing), and the week's review."""
    sunday = monday + datetime.timedelta(days=6)
    logs = logs_between(member, monday, sunday)
    by_day = {log.day: log for log in logs}
    calendar = get_calendar()
    params = parameters(member.township_id, monday)
    days = []
    for n in range(7):
        day = monday + datetime.timedelta(days=n)
        log = by_day.get(day)
        entry = entry_of(log) if log is not None else None
        workday = calendar.is_workday(day)
        findings = checks.entry_findings(entry, params, reader=True) if entry is not None and workday else []
        status = checks.day_status(day, entry, now, params)
        if status == checks.MISSING and workday:
            findings = [checks.missing_finding(day, reader=True)]
        days.append(WeekDay(day, workday, log, findings, status if workday or log else ""))
    review = WeeklyReview.objects.filter(township_id=member.township_id, member=member, week=monday).first()
    return days, review


def missing_days(member: Person, today: datetime.date, now: datetime.datetime) -> list[datetime.date]:
    """The working days of the last month, on the team, past their deadline without the member's log:
    offered on the form to hand in late (newest first). Two queries."""
    from zhidu.daily_logs.services import EARLIEST_DAYS_BACK

    first = today - datetime.timedelta(days=EARLIEST_DAYS_BACK)
    terms = list(member.terms.all())
    done = set(
        DailyLog.objects.filter(
            township_id=member.township_id, member=member, day__gte=first, day__lte=today
        ).values_list("day", flat=True)
    )
    calendar = get_calendar()
    params = parameters(member.township_id, today)
    found = []
    for n in range(EARLIEST_DAYS_BACK + 1):
        day = today - datetime.timedelta(days=n)
        if day in done or not calendar.is_workday(day) or not any(t.covers(day) for t in terms):
            continue
        if now > checks.deadline_of(day, params):
            found.append(day)
    return found


def previous_log(member: Person, day: datetime.date) -> DailyLog | None:
    """The member's latest log before `day`: its plan is today's starting point, its unfinished
    tasks carry forward (R18)."""
    rows = DailyLog.objects.filter(township_id=member.township_id, member=member, day__lt=day)
    return with_tasks(rows.order_by("-day")).first()
