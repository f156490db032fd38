"""R12 checks as pure functions: a topic without a session by the period's end, a member absent
without leave, a session outside its period, a member without notes at the period's end."""

import datetime

from zhidu.central_study.checks import (
    AttendanceFacts,
    CentralStudyParameters,
    PlanFacts,
    SessionFacts,
    TopicFacts,
    check_member_notes,
    check_plan,
    check_session,
)

D = datetime.date
PLAN = PlanFacts("计划", D(2026, 7, 1), D(2026, 12, 31), (TopicFacts("甲", 1), TopicFacts("乙", 0)))


def codes(found):
    return [f.code for f in found]


def test_topic_without_session_only_after_the_period():
    assert codes(check_plan(PLAN, D(2026, 9, 1))) == []
    assert codes(check_plan(PLAN, D(2026, 12, 15))) == ["topic-due-soon"]
    after = check_plan(PLAN, D(2027, 1, 1))
    assert codes(after) == ["topic-without-session"]
    assert after[0].article == "R12§2" and "乙" in after[0].message


def test_absent_without_leave_is_a_violation_leave_needs_a_reason():
    rows = (AttendanceFacts("甲", "present"), AttendanceFacts("乙", "absent"), AttendanceFacts("丙", "leave"))
    found = check_session(SessionFacts(D(2026, 8, 1), D(2026, 7, 1), D(2026, 12, 31), True, rows))
    assert codes(found) == ["absent-without-leave", "leave-without-reason"]
    assert found[0].severity == "violation"
    ok = (AttendanceFacts("丙", "leave", "外出培训"),)
    assert check_session(SessionFacts(D(2026, 8, 1), D(2026, 7, 1), D(2026, 12, 31), True, ok)) == []


def test_session_outside_the_period_and_without_topic():
    found = check_session(SessionFacts(D(2027, 1, 5), D(2026, 7, 1), D(2026, 12, 31), False, ()))
    assert codes(found) == ["session-outside-period", "session-without-topic"]


def test_notes_judged_at_the_period_end():
    rules = CentralStudyParameters()
    assert check_member_notes("甲", 0, D(2026, 12, 31), D(2026, 12, 31), rules) == []
    assert codes(check_member_notes("甲", 0, D(2026, 12, 31), D(2027, 1, 1), rules)) == ["no-study-notes"]
    assert check_member_notes("甲", 1, D(2026, 12, 31), D(2027, 1, 1), rules) == []
