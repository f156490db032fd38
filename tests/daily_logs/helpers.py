"""Small builders for the R18 tests: a moment in Asia/Shanghai, a member's log through the entry point."""

import datetime
from zoneinfo import ZoneInfo

import time_machine

from zhidu.daily_logs import services

SH = ZoneInfo("Asia/Shanghai")


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=SH)


def submit(member, day, hour=17, minute=30, tasks=None, **kw):
    moment = at(day, hour, minute)
    with time_machine.travel(moment, tick=False):
        return services.submit(
            member=member, day=day, summary=kw.get("summary", "走访企业"), plan=kw.get("plan", "调度会"),
            tasks=tasks or [], user=member.user, at=moment,
        )  # fmt: skip
