"""When a message may go out: pure functions of the moment, the calendar and the settings (no
database, no clock). Non-urgent messages keep to the working day: never in the quiet hours at night
and never on a rest day (the working-day calendar, zhidu.workdays), they wait for the next working
morning. An urgent one (an emergency meeting's notice) goes at once. Retries back off exponentially."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Protocol
from zoneinfo import ZoneInfo

from zhidu.env import SettingError, env_int, env_str

SHANGHAI = ZoneInfo("Asia/Shanghai")


class Calendar(Protocol):
    def is_workday(self, d: datetime.date) -> bool: ...
    def next_workday_on_or_after(self, d: datetime.date) -> datetime.date: ...


def _clock(text: str, name: str) -> datetime.time:
    try:
        hours, minutes = text.split(":")
        return datetime.time(int(hours), int(minutes))
    except ValueError:
        raise SettingError(f"环境变量 {name} 应为 时:分（如 08:00），收到 {text!r}") from None


@dataclass(frozen=True)
class Window:
    morning: datetime.time  # the working day's messages start
    night: datetime.time  # the quiet hours start
    attempts: int  # a message fails after this many
    backoff_seconds: int  # the first retry waits this long, each next one twice as long

    @classmethod
    def from_env(cls) -> Window:
        return cls(
            morning=_clock(env_str("ZHIDU_NOTIFY_MORNING", "08:00"), "ZHIDU_NOTIFY_MORNING"),
            night=_clock(env_str("ZHIDU_NOTIFY_NIGHT", "21:00"), "ZHIDU_NOTIFY_NIGHT"),
            attempts=env_int("ZHIDU_NOTIFY_ATTEMPTS", 5, minimum=1),
            backoff_seconds=env_int("ZHIDU_NOTIFY_BACKOFF_SECONDS", 60, minimum=1),
        )


def earliest_send(
    at: datetime.datetime, *, urgent: bool, calendar: Calendar, window: Window
) -> datetime.datetime:
    """The first moment at or after `at` the message may go: `at` itself if urgent or inside a
    working day's hours; else the next working day's morning (Asia/Shanghai)."""
    if urgent:
        return at
    local = at.astimezone(SHANGHAI)
    day = local.date()
    if calendar.is_workday(day) and window.morning <= local.time() < window.night:
        return at
    if calendar.is_workday(day) and local.time() < window.morning:
        target = day
    else:
        target = calendar.next_workday_on_or_after(day + datetime.timedelta(days=1))
    return datetime.datetime.combine(target, window.morning, tzinfo=SHANGHAI)


def backoff(attempts: int, window: Window) -> datetime.timedelta:
    """Wait after the `attempts`-th failed attempt: 1, 2, 4, 8… times the base."""
    return datetime.timedelta(seconds=window.backoff_seconds * 2 ** max(attempts - 1, 0))
