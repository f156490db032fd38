"""R1§7(2): before the notice is due, "no notice sent" is a pending deadline, not a violation yet."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from tests.meetings.factory import FakeCalendar
from tests.meetings.meeting_factory import SH, approved_item, meeting, team
from zhidu.core.chinese import cn_date
from zhidu.meetings.checks import TOWNSHIP_DEFAULTS, notice_deadline, notice_pending
from zhidu.workdays.services import get_calendar

# Monday 2026-10-12, after the National Day holiday (Oct 1–7 off in the fake calendar too).
HOLIDAYS = {dt.date(2026, 10, d) for d in range(1, 8)}
DAY = dt.date(2026, 10, 12)


def pending(today, sent=False, day=DAY):
    last = notice_deadline(day, TOWNSHIP_DEFAULTS, FakeCalendar(HOLIDAYS))
    return notice_pending(sent, today, last)


def test_pending_until_the_last_on_time_day_counted_on_working_days():
    # One working day back from Monday the 12th is Friday the 9th.
    assert pending(dt.date(2026, 10, 8)).date == dt.date(2026, 10, 9)
    assert pending(dt.date(2026, 10, 9)).date == dt.date(2026, 10, 9)
    assert pending(dt.date(2026, 10, 10)) is None
    assert pending(dt.date(2026, 10, 8), sent=True) is None
    # Across the holiday: the meeting on Thursday Oct 8 must be noticed by Wednesday Sept 30.
    assert pending(dt.date(2026, 9, 29), day=dt.date(2026, 10, 8)).date == dt.date(2026, 9, 30)
    assert pending(dt.date(2026, 10, 1), day=dt.date(2026, 10, 8)) is None


@pytest.mark.django_db
def test_the_panel_shows_the_deadline_then_the_finding(client, town):
    people = team(town)
    held = dt.datetime(2026, 10, 12, 9, 0, tzinfo=SH)
    m = meeting(town, people, [approved_item(town, people, "一般事项", "general")], held_at=held)
    client.force_login(people["clerk"].user)
    url = reverse("meetings:findings", args=[m.pk])
    # The working-day calendar decides the last day (a 调休 Saturday may be one).
    last = get_calendar().before_workdays(held.date(), 1).date
    evening = dt.datetime.combine(last, dt.time(17, 0), tzinfo=SH)
    with time_machine.travel(evening, tick=False):
        panel = client.get(url).content.decode()
    assert 'data-testid="notice-pending"' in panel and cn_date(last) in panel
    assert "会议没有发出通知" not in panel
    with time_machine.travel(evening + dt.timedelta(hours=8), tick=False):
        client.force_login(people["clerk"].user)  # the session of the evening before has expired
        panel = client.get(url).content.decode()
    assert 'data-testid="notice-pending"' not in panel and "会议没有发出通知" in panel
