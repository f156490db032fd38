"""R10's pure checks and parameters: the seven points (R10§3), the due day the committee sets
(R10§4(1)), the meeting's participants (R10§4(2)). No database, no clock."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from zhidu.self_reports import checks

SH = ZoneInfo("Asia/Shanghai")
DUE = datetime.datetime(2026, 12, 31, 23, 59, 59, tzinfo=SH)
FULL = "本人" * 30


def draft(points, now=datetime.datetime(2026, 12, 20, 10, tzinfo=SH), submitted_at=None, annex=1):
    return checks.ReportDraft(tuple(points), DUE, now, submitted_at, annex)


def codes(found):
    return [(f.code, f.article) for f in found]


def test_seven_points_in_the_seed_order_each_with_its_wording():
    assert [p.number for p in checks.POINTS] == [1, 2, 3, 4, 5, 6, 7]
    assert checks.POINTS[1].prompt.startswith("执行民主集中制情况")
    assert checks.POINTS[6].prompt == "存在的突出问题和改正措施。"
    assert set(checks.POINT_TITLES_CN) == {1, 2, 3, 4, 5, 6, 7}


def test_a_complete_report_on_time_has_no_finding():
    assert checks.check_report(draft([FULL] * 7)) == []


def test_an_empty_point_cites_its_own_article_and_blocks_submission():
    found = checks.check_report(draft([FULL, FULL, "  ", FULL, FULL, FULL, FULL]))
    assert codes(found) == [("point-empty", "R10§3(3)")]
    assert "第3项" in found[0].message
    assert checks.blocking(found) == found


def test_a_short_point_is_advice_only():
    found = checks.check_report(draft([FULL] * 6 + ["无"]))
    assert codes(found) == [("point-short", "R10§3(7)")] and found[0].severity == "advice"
    assert checks.blocking(found) == []


def test_late_just_after_the_due_moment_not_at_it():
    at_due = draft([FULL] * 7, now=DUE)
    assert checks.check_report(at_due) == []
    after = draft([FULL] * 7, now=DUE + datetime.timedelta(seconds=1))
    assert codes(checks.check_report(after)) == [("late", "R10§4(1)")]
    # Lateness does not keep a report from being submitted.
    assert checks.blocking(checks.check_report(after)) == []


def test_a_report_submitted_on_time_is_never_late_afterwards():
    on_time = draft([FULL] * 7, now=DUE + datetime.timedelta(days=30), submitted_at=DUE)
    assert checks.check_report(on_time) == []


def test_an_empty_annex_is_advice():
    assert codes(checks.check_report(draft([FULL] * 7, annex=0))) == [("annex-empty", "R10§3")]


def test_missing_points_count_as_empty():
    assert len(checks.blocking(checks.check_report(draft([FULL] * 5)))) == 2


def test_due_anchor_default_is_the_end_of_december():
    assert checks.due_anchor(2026, checks.TOWNSHIP_DEFAULTS) == datetime.date(2026, 12, 31)
    set_day = checks.SelfReportParameters(due_month=1, due_day=15)
    assert checks.due_anchor(2027, set_day) == datetime.date(2027, 1, 15)
    assert checks.due_anchor(2028, checks.SelfReportParameters(due_month=2)) == datetime.date(2028, 2, 29)


@pytest.mark.parametrize("month, day", [(0, 0), (13, 0), (12, 32), (2, 29), (4, 31), (12, -1)])
def test_parameters_refuse_a_day_that_does_not_exist(month, day):
    with pytest.raises(ValueError):
        checks.SelfReportParameters(due_month=month, due_day=day)


def test_participants_every_group_of_part_four_two():
    everyone = {"team": 7, "middle_cadre": 5, "village_head": 6, "unit_head": 2}
    assert checks.check_participants(everyone) == []
    found = checks.check_participants({"team": 7})
    assert [f.article for f in found] == ["R10§4(2)"] * 3
    assert [f.severity for f in found] == ["violation", "violation", "advice"]
