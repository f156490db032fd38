"""R15 checks, pure: periods, "away over three months", late and missing reports, and the due day
across holidays (the period's last working day)."""

import datetime

import pytest

from zhidu.periodic_reports import checks
from zhidu.workdays.services import get_calendar

D = datetime.date
P = checks.ReportParameters()


def test_periods_are_calendar_periods():
    assert checks.period_of(D(2026, 12, 2), 2) == checks.Period("2026-B6", D(2026, 11, 1), D(2026, 12, 31))
    q = checks.period_of(D(2026, 2, 10), 3)
    assert (q.label, q.text) == ("2026-Q1", "2026年1—3月")
    assert checks.previous_period(q, 3).label == "2025-Q4"
    assert checks.parse_period("2026-Q4")[0].end == D(2026, 12, 31)
    assert checks.parse_period("2026-Q5") is None and checks.parse_period("x") is None


def test_away_over_three_months_excludes_exactly_three():
    # 超过三个月 does not include three months itself (民法典 第一千二百五十九条).
    assert not checks.away_over(D(2026, 8, 31), D(2026, 11, 30), P)
    assert checks.away_over(D(2026, 8, 31), D(2026, 12, 1), P)
    assert checks.member_duty(D(2026, 5, 1), D(2026, 12, 2), P)[0] == checks.AWAY
    duty, period = checks.member_duty(None, D(2026, 12, 2), P)
    assert (duty, period.label) == (checks.MEMBER, "2026-B6")


def draft(**kw):
    base = dict(
        duty=checks.MEMBER,
        channel="written",
        content="学习情况",
        reported_on=D(2026, 12, 2),
        period=checks.period_of(D(2026, 12, 2), 2),
        due=D(2026, 12, 31),
        today=D(2026, 12, 2),
    )
    base.update(kw)
    return checks.ReportDraft(**base)


def codes(found):
    return {f.code for f in found}


def test_a_report_on_time_has_no_finding():
    assert checks.check_report(draft()) == []


def test_findings_cite_the_article():
    found = checks.check_report(draft(duty=checks.AWAY, channel="oral", content=" "))
    assert codes(found) == {"report-not-written", "report-content-missing"}
    assert {f.article for f in found} == {"R15§3(2)", "R15§2"}
    late = checks.check_report(draft(reported_on=D(2027, 1, 4), today=D(2027, 1, 5)))
    assert codes(late) == {"report-late"}
    assert (
        checks.check_report(draft(duty=checks.BRANCH, reported_on=D(2026, 12, 9)))[0].code
        == "report-in-future"
    )


def test_status_and_period_findings():
    q = checks.period_of(D(2026, 9, 1), 3)
    assert checks.status(None, D(2026, 9, 30), D(2026, 9, 30)) == "pending"
    assert checks.status(None, D(2026, 9, 30), D(2026, 10, 1)) == "missing"
    assert checks.status(D(2026, 10, 9), D(2026, 9, 30), D(2026, 10, 9)) == "late"
    found = checks.period_findings(
        [checks.Expected("东沟村党支部", checks.BRANCH, q, D(2026, 9, 30), None),
         checks.Expected("柞村党支部", checks.BRANCH, q, D(2026, 9, 30), D(2026, 9, 28))],
        D(2026, 10, 9),
    )  # fmt: skip
    assert [(f.code, f.article) for f in found] == [("report-missing", "R15§8")]
    assert "东沟村党支部" in found[0].message


@pytest.mark.django_db
def test_due_day_is_the_last_working_day_of_the_period():
    calendar = get_calendar()
    # Q3 2026 ends on Wednesday 30 September (a working day before National Day).
    assert calendar.last_workday_on_or_before(checks.period_of(D(2026, 9, 1), 3).end) == D(2026, 9, 30)
    # Jan–Feb 2027 ends on a Sunday: the report is due on Friday 26 February 2027.
    end = checks.period_of(D(2027, 1, 10), 2).end
    assert end == D(2027, 2, 28) and calendar.last_workday_on_or_before(end) == D(2027, 2, 26)
    # Q4 2026 ends on Thursday 31 December, a working day (元旦 is 1 January).
    assert calendar.last_workday_on_or_before(D(2026, 12, 31)) == D(2026, 12, 31)
