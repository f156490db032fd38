"""The R19 generator, run by the one job (zhidu.obligations.jobs) every day for every township: each
team member publishes the month's talk days (三 "约谈一般每月安排1-2天"), one obligation per member and
month, due at the end of the month's last working day (rulebook, "Dates and deadlines": a period's
obligation), fulfilled by publishing a day of that month. Idempotent by its key."""

from __future__ import annotations

import datetime

from zhidu.obligations.deadlines import DeadlineRule
from zhidu.obligations.services import complete_by_key, open_obligation
from zhidu.org.models import Person, Township, team_on
from zhidu.requested_talks.models import TalkDay


def month_end(day: datetime.date) -> datetime.date:
    first_next = datetime.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return first_next - datetime.timedelta(days=1)


def days_key(leader: Person | int, day: datetime.date) -> str:
    pk = leader if isinstance(leader, int) else leader.pk
    return f"rtalk-days:{pk}:{day:%Y-%m}"


def generate(township: Township, day: datetime.date) -> int:
    opened = 0
    published = set(
        TalkDay.objects.filter(township=township, day__year=day.year, day__month=day.month).values_list(
            "leader_id", flat=True
        )
    )
    seen: set[int] = set()
    for term in team_on(township, day):
        leader = term.person
        if leader.pk in seen or not leader.active:
            continue
        seen.add(leader.pk)
        key = days_key(leader, day)
        _, created = open_obligation(
            township=township,
            kind="talk-days",
            article="R19§3",
            title=f"公布{day.year}年{day.month}月约谈日",
            key=key,
            rule=DeadlineRule("last_workday_by", month_end(day)),
            assignee=leader,
        )
        opened += created
        if created and leader.pk in published:
            complete_by_key(township, key, by=None)
    return opened
