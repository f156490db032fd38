"""R18's recurring duty, taken over from zhidu.obligations.periodic: every working day (调休 working
weekends included, holidays not) each team member as the team stands that day owes the day's log,
due at the township's deadline (default 18:00). Completed by submitting the log (services), never by
a bare "mark done". Registered with the one job (zhidu sweep); idempotent by the duty's key."""

from __future__ import annotations

import datetime

from zhidu.daily_logs.services import open_day_duty
from zhidu.org.models import Township, team_on
from zhidu.workdays.services import get_calendar


def generate(township: Township, day: datetime.date) -> int:
    if not get_calendar().is_workday(day):
        return 0
    members = {t.person.pk: t.person for t in team_on(township, day)}
    return sum(open_day_duty(township, member, day) for member in members.values())
