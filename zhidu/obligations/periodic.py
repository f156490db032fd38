"""Duties that recur by frequency: each rule with "every working day / month / two months / quarter /
half-year / year" yields one obligation per period and person, due at the end of the period's last
working day unless the rule says otherwise (rulebook, "Dates and deadlines"). Idempotent: the
scheduler runs it every day and a period's row is created once (by its key)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from zhidu.core.chinese import cn_date
from zhidu.obligations.deadlines import DeadlineRule
from zhidu.obligations.services import open_obligation
from zhidu.org.models import Person, TeamMembership, Township, team_on
from zhidu.workdays.services import get_calendar

DAILY_LOG_AT = datetime.time(18, 0)  # R18 "before the end of the working day": a parameter


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


@dataclass(frozen=True)
class Recurring:
    kind: str
    article: str
    months: int  # 0 = every working day
    title: str  # formatted with {period}
    who: str  # "team", "principal"


# R13's yearly meeting is its area's own generator now (zhidu.life_meetings.periodic).
RECURRING: list[Recurring] = []


def _period_text(recurring: Recurring, period: Period, day: datetime.date) -> str:
    if recurring.months == 0:
        return cn_date(day)
    if recurring.months == 12:
        return f"{period.start.year}年"
    if recurring.months == 6:
        return f"{period.start.year}年{'上' if period.start.month == 1 else '下'}半年"
    if recurring.months == 2:
        return f"{period.start.year}年{period.start.month}—{period.end.month}月"
    return f"{period.start.year}年{period.start.month}月"


def generate(township: Township, day: datetime.date) -> int:
    """Open the obligations of the periods containing `day` for the team as it stands that day."""
    calendar = get_calendar()
    terms = list(team_on(township, day))
    created = 0
    for recurring in RECURRING:
        if recurring.who == "principal":
            people = [t.person for t in terms if t.is_principal and t.role == TeamMembership.Role.SECRETARY]
        else:
            people = [t.person for t in terms]
        if recurring.months == 0:
            if not calendar.is_workday(day):
                continue
            key_period = day.isoformat()
            rule = DeadlineRule("fixed", day, 0, DAILY_LOG_AT)
            text = _period_text(recurring, Period(key_period, day, day), day)
        else:
            period = period_of(day, recurring.months)
            key_period = period.label
            rule = DeadlineRule("last_workday_by", period.end)
            text = _period_text(recurring, period, day)
        for person in _unique(people):
            _, was_created = open_obligation(
                township=township,
                kind=recurring.kind,
                article=recurring.article,
                title=recurring.title.format(period=text),
                key=f"{recurring.kind}:{person.pk}:{key_period}",
                rule=rule,
                assignee=person,
                # A daily log is due the day it is opened: no "due soon" reminder the day before.
                remind_before=recurring.months != 0,
            )
            created += was_created
    return created


def _unique(people: list[Person]) -> list[Person]:
    seen: dict[int, Person] = {}
    for person in people:
        seen.setdefault(person.pk, person)
    return list(seen.values())
