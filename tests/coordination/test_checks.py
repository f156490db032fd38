"""R14's pure checks: the briefing's day across holidays, leave reported late or not cancelled,
a matter report's reply, the parameters. No database, no clock."""

import datetime

import pytest

from tests.coordination.conftest import at
from zhidu.coordination.checks import (
    BriefingFacts,
    CoordinationParameters,
    LeaderFacts,
    LeaveFacts,
    MatterFacts,
    briefing_day,
    check_briefing,
    check_leave,
    check_matter,
    monday_of,
)

D = datetime.date


def workdays(*holidays, extra=()):
    def is_workday(day):
        return (day.weekday() < 5 and day not in holidays) or day in extra

    return is_workday


def codes(findings):
    return [f.code for f in findings]


def test_the_briefing_is_on_friday_or_the_last_working_day_before_it():
    monday = D(2026, 11, 30)
    assert briefing_day(monday, workdays()) == D(2026, 12, 4)
    assert briefing_day(monday, workdays(D(2026, 12, 4))) == D(2026, 12, 3)
    assert briefing_day(monday, workdays(D(2026, 12, 3), D(2026, 12, 4))) == D(2026, 12, 2)
    # A 调休 Saturday does not move Friday's briefing to it.
    assert briefing_day(monday, workdays(extra=(D(2026, 12, 5),))) == D(2026, 12, 4)


def test_a_week_without_working_days_has_none_and_one_with_only_a_weekend_day_holds_it_then():
    monday = D(2026, 2, 16)
    week = [monday + datetime.timedelta(days=n) for n in range(5)]
    assert briefing_day(monday, workdays(*week)) is None
    assert briefing_day(monday, workdays(*week, extra=(D(2026, 2, 21),))) == D(2026, 2, 21)


def test_monday_of():
    assert monday_of(D(2026, 12, 6)) == D(2026, 11, 30)
    assert monday_of(D(2026, 11, 30)) == D(2026, 11, 30)


def test_a_leave_reported_before_leaving_is_fine_after_it_a_violation_of_r14_5():
    leaving = at(2026, 12, 3, 8)
    ok = check_leave(
        LeaveFacts(leaving, D(2026, 12, 4), at(2026, 12, 2, 17), at(2026, 12, 2, 17), acknowledged=True)
    )
    assert ok == []
    late = check_leave(
        LeaveFacts(leaving, D(2026, 12, 4), at(2026, 12, 3, 9), at(2026, 12, 3, 9), acknowledged=True)
    )
    assert codes(late) == ["leave-reported-late"]
    assert (late[0].severity, late[0].article) == ("violation", "R14§5")
    # At the very moment of leaving it is still beforehand.
    assert check_leave(LeaveFacts(leaving, D(2026, 12, 4), leaving, leaving, acknowledged=True)) == []


def test_not_cancelled_after_the_due_moment_then_cancelled_late():
    due = at(2026, 12, 7, 23, 59, 59)
    facts = dict(
        starts_at=at(2026, 12, 3, 8),
        ends_on=D(2026, 12, 4),
        reported_at=at(2026, 12, 2, 9),
        acknowledged=True,
    )
    assert check_leave(LeaveFacts(now=due, return_due_at=due, **facts)) == []
    after = due + datetime.timedelta(seconds=1)
    assert codes(check_leave(LeaveFacts(now=after, return_due_at=due, **facts))) == ["leave-not-cancelled"]
    late = check_leave(LeaveFacts(now=after, return_due_at=due, returned_at=after, **facts))
    assert codes(late) == ["leave-cancelled-late"]
    assert check_leave(LeaveFacts(now=after, return_due_at=due, returned_at=due, **facts)) == []


def test_an_unacknowledged_leave_is_advice_and_inverted_dates_are_flagged():
    found = check_leave(
        LeaveFacts(at(2026, 12, 3, 8), D(2026, 12, 1), at(2026, 12, 2, 9), at(2026, 12, 2, 9))
    )
    assert codes(found) == ["leave-dates", "leave-unacknowledged"]
    assert {f.severity for f in found} == {"advice"}


def test_the_briefing_on_another_day_than_its_own_and_silent_leaders():
    facts = BriefingFacts(
        D(2026, 9, 28),
        D(2026, 10, 2),
        D(2026, 9, 30),
        (LeaderFacts("甲", True, "", "防火检查", "供暖"), LeaderFacts("乙", True), LeaderFacts("丙", False)),
    )
    found = check_briefing(facts)
    assert codes(found) == ["briefing-wrong-day", "briefing-leader-silent", "briefing-absence-reason"]
    assert "2026年9月30日" in found[0].message and found[0].article == "R14§3"
    assert check_briefing(BriefingFacts(D(2026, 9, 28), D(2026, 9, 30), D(2026, 9, 30))) == []


def test_a_matter_report_replied_in_time_late_or_not_yet():
    due = at(2026, 12, 9, 23, 59, 59)
    later = due + datetime.timedelta(hours=1)
    assert check_matter(MatterFacts(due, due)) == []
    assert codes(check_matter(MatterFacts(due, later))) == ["matter-reply-overdue"]
    assert codes(check_matter(MatterFacts(due, later, later))) == ["matter-reply-late"]
    assert "2026年12月9日" in check_matter(MatterFacts(due, later))[0].message


def test_parameters_refuse_zero_days():
    assert CoordinationParameters().reply_workdays == 5
    with pytest.raises(ValueError, match="reply_workdays"):
        CoordinationParameters(reply_workdays=0)
    assert CoordinationParameters.from_json({"return_workdays": 2}).return_workdays == 2
