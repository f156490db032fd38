"""Quiet hours, rest days and backoff: pure functions, Asia/Shanghai, across National Day."""

import datetime
from zoneinfo import ZoneInfo

from zhidu.notifications.timing import Window, backoff, earliest_send
from zhidu.workdays.seed import seed_calendar

SH = ZoneInfo("Asia/Shanghai")
CAL = seed_calendar(2026)
WINDOW = Window(morning=datetime.time(8), night=datetime.time(21), attempts=5, backoff_seconds=60)


def at(*args):
    return datetime.datetime(*args, tzinfo=SH)


def send(moment, urgent=False):
    return earliest_send(moment, urgent=urgent, calendar=CAL, window=WINDOW)


def test_inside_working_hours_goes_at_once():
    assert send(at(2026, 6, 17, 8, 0)) == at(2026, 6, 17, 8, 0)
    assert send(at(2026, 6, 17, 20, 59)) == at(2026, 6, 17, 20, 59)


def test_night_waits_for_the_next_working_morning():
    assert send(at(2026, 6, 17, 21, 0)) == at(2026, 6, 18, 8, 0)
    assert send(at(2026, 6, 17, 6, 30)) == at(2026, 6, 17, 8, 0)


def test_friday_night_and_weekend_wait_for_monday():
    assert send(at(2026, 6, 12, 22, 0)) == at(2026, 6, 15, 8, 0)
    assert send(at(2026, 6, 13, 10, 0)) == at(2026, 6, 15, 8, 0)
    assert send(at(2026, 6, 18, 22, 0)) == at(2026, 6, 22, 8, 0)  # 端午节 on Friday the 19th


def test_national_day_holiday_waits_for_the_first_working_day():
    first = CAL.next_workday_on_or_after(datetime.date(2026, 10, 1))
    assert first > datetime.date(2026, 10, 7)
    assert send(at(2026, 10, 2, 10, 0)) == datetime.datetime.combine(first, datetime.time(8), tzinfo=SH)


def test_urgent_goes_at_night_and_on_holidays():
    assert send(at(2026, 10, 2, 3, 0), urgent=True) == at(2026, 10, 2, 3, 0)


def test_backoff_doubles():
    assert [backoff(n, WINDOW).total_seconds() for n in (1, 2, 3, 4)] == [60, 120, 240, 480]
