"""The notice (R1§7(2)) and publication (R1§7(6)) deadlines, each one pure function of the day, the
rule parameters and the calendar, which the checks and the services both call."""

from __future__ import annotations

import dataclasses
import datetime as dt

from tests.meetings.factory import FakeCalendar, judge, record
from zhidu.meetings.checks import (
    TOWNSHIP_DEFAULTS,
    notice_deadline,
    publication_deadline,
    publication_due,
)
from zhidu.obligations.deadlines import DeadlineRule, resolve

HOLIDAY = dt.date(2026, 3, 13)  # a Friday, off in the fake calendar


def test_notice_deadline_counts_working_days_back():
    calendar = FakeCalendar({HOLIDAY})
    monday = dt.date(2026, 3, 16)
    assert notice_deadline(monday, TOWNSHIP_DEFAULTS, calendar).date == dt.date(2026, 3, 12)
    two = dataclasses.replace(TOWNSHIP_DEFAULTS, notice_workdays=2)
    assert notice_deadline(monday, two, calendar).date == dt.date(2026, 3, 11)


def test_publication_due_counts_working_days_forward_and_keeps_provisional():
    calendar = FakeCalendar({HOLIDAY}, provisional=True)
    due = publication_due(dt.date(2026, 3, 10), TOWNSHIP_DEFAULTS, calendar)
    assert (due.date, due.provisional) == (dt.date(2026, 3, 18), True)


def test_the_obligation_rule_resolves_to_the_checks_due_day():
    # Closing stores publication_deadline as the obligation's rule; resolving it on the calendar
    # gives the due day the evaluation reported.
    calendar = FakeCalendar({HOLIDAY})
    day = dt.date(2026, 3, 10)
    rule = DeadlineRule(*publication_deadline(day, TOWNSHIP_DEFAULTS))
    assert resolve(rule, calendar).due_at.date() == publication_due(day, TOWNSHIP_DEFAULTS, calendar).date


def test_the_checks_use_the_same_deadlines():
    ev = judge(record())
    assert (
        ev.obligations[0].due == publication_due(dt.date(2026, 3, 10), TOWNSHIP_DEFAULTS, FakeCalendar()).date
    )
