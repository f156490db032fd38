"""R18 checks as pure functions, and `zhidu.daily-log/1` against the spec examples, across National
Day 2026 (the 调休 Saturday 10 October needs a log, the holidays 1–7 October need none) and the Spring Festivals
of 2026 and (provisional) 2027."""

import datetime
import json
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from zhidu.daily_logs import checks, exchange
from zhidu.rules.formats import InvalidRecord
from zhidu.workdays.services import get_calendar

SH = ZoneInfo("Asia/Shanghai")
EXAMPLES = Path(__file__).resolve().parents[1] / "spec_examples"
D = datetime.date
pytestmark = pytest.mark.django_db


def at(day, hour, minute=0, second=0):
    return datetime.datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=SH)


def entry(day, hour=17, minute=30, **kw):
    return checks.Entry(day, at(day, hour, minute), summary=kw.pop("summary", "走访企业"),
                        plan=kw.pop("plan", "调度会"), **kw)  # fmt: skip


def codes(evaluation):
    return sorted((f.finding.code, f.day.isoformat()) for f in evaluation.findings)


@pytest.mark.parametrize("name", ["09-daily-log-national-day", "10-daily-log-missing-and-late"])
def test_the_spec_examples(name):
    record = exchange.parse(json.loads((EXAMPLES / f"{name}.json").read_text()))
    want = json.loads((EXAMPLES / f"{name}.expected.json").read_text())
    got = exchange.case_to_json(checks.judge_period(record, get_calendar()))
    assert sorted((f["code"], f["day"]) for f in got["findings"]) == sorted(
        (f["code"], f["day"]) for f in want["findings"]
    )
    assert (got["record"], got["due"], got["provisional"], got["obligations"]) == (
        want["record"], want["due"], want["provisional"], want["obligations"],
    )  # fmt: skip
    assert all(f["article"].startswith("R18§") and f["severity"] == "violation" for f in got["findings"])


def test_the_deadline_is_1800_and_1800_itself_is_on_time():
    day = D(2026, 10, 13)
    assert not checks.is_late(checks.Entry(day, at(day, 18, 0, 0)))
    assert checks.is_late(checks.Entry(day, at(day, 18, 0, 1)))
    late = checks.entry_findings(entry(day, 18, 20))
    assert [f.code for f in late] == ["log-late"] and late[0].message.startswith("已过18:00：逾期提交")
    later = checks.DailyLogParameters(deadline_hour=18, deadline_minute=30)
    assert checks.entry_findings(entry(day, 18, 20), later) == []


def test_empty_summary_or_plan_and_an_unfinished_task_without_reason_owner_or_deadline():
    day = D(2026, 10, 13)
    task = checks.Task("园区道路征地协调", reason="", owner="林平", due=None)
    found = checks.entry_findings(entry(day, summary=" ", plan="", unfinished=(task,)))
    assert [(f.code, f.article) for f in found] == [
        ("log-incomplete", "R18§2"), ("unfinished-incomplete", "R18§2"),
    ]  # fmt: skip
    assert "当日工作总结、次日工作计划" in found[0].message and "原因、完成时限" in found[1].message


LOGS = [
    entry(D(2026, 10, 13), 19, 10, summary="", plan=""),
    entry(D(2026, 10, 13), summary="", unfinished=(checks.Task(""), checks.Task("征地", owner="林平"))),
    entry(D(2026, 10, 13), plan=" "),
    checks.Entry(D(2026, 10, 13), at(D(2026, 10, 14), 9), summary="走访", plan="调度"),
]


@pytest.mark.parametrize("log", LOGS)
def test_a_page_reads_the_findings_in_the_readers_language_and_in_chinese_as_the_contract(log):
    # The catalogue gives back, word for word, the Chinese `zhidu evaluate` writes (case-records.md).
    with translation.override("zh-hans"):
        assert checks.entry_findings(log, reader=True) == checks.entry_findings(log)
        assert checks.missing_finding(log.day, reader=True) == checks.missing_finding(log.day)
    with translation.override("en"):
        english = checks.entry_findings(log, reader=True) + [checks.missing_finding(log.day, reader=True)]
        assert checks.entry_findings(log) == checks.entry_findings(log, reader=False)  # still Chinese
    assert [f.code for f in english] == [f.code for f in checks.entry_findings(log)] + ["log-missing"]
    assert not any(re.search("[\u3000-\u303f\uff00-\uffef]|提交|填写|缺少|未", f.message) for f in english)


def test_the_late_log_in_english():
    with translation.override("en"):
        [late, incomplete] = checks.entry_findings(LOGS[0], reader=True)
        [_, unfinished, other] = checks.entry_findings(LOGS[1], reader=True)
    assert late.message == "After 18:00: handed in late (13 Oct 2026 19:10)"
    assert incomplete.message == "The day's summary and the next day's plan are not filled in"
    assert unfinished.message == "Unfinished task “task 1” lacks: reason, owner, new deadline"
    assert other.message == "Unfinished task “征地” lacks: reason, new deadline"


def test_national_day_2026_the_adjusted_saturday_needs_a_log_the_holidays_none():
    cal = get_calendar()
    assert cal.is_workday(D(2026, 10, 10)) and not any(cal.is_workday(D(2026, 10, d)) for d in range(1, 8))
    period = checks.Period("林平", D(2026, 10, 1), D(2026, 10, 10), entries=(entry(D(2026, 10, 8)), entry(D(2026, 10, 9))),
                           reviews=(D(2026, 10, 10),))  # fmt: skip
    assert codes(checks.judge_period(period, cal)) == [("log-missing", "2026-10-10")]
    # The Saturday's log handed in on time: nothing is missing over the whole holiday.
    period = checks.Period("林平", D(2026, 10, 1), D(2026, 10, 10),
                           entries=tuple(entry(D(2026, 10, d)) for d in (8, 9, 10)), reviews=(D(2026, 10, 10),))  # fmt: skip
    assert codes(checks.judge_period(period, cal)) == []


def test_spring_festival_2026_needs_no_log_on_holidays_and_one_on_each_adjusted_working_day():
    cal = get_calendar()
    start, end = D(2026, 2, 9), D(2026, 3, 1)
    workdays = [d for d in (start + datetime.timedelta(n) for n in range(21)) if cal.is_workday(d)]
    period = checks.Period(
        "林平", start, end, reviews=tuple(start + datetime.timedelta(7 * n) for n in range(3))
    )
    found = codes(checks.judge_period(period, cal))
    assert found == [("log-missing", d.isoformat()) for d in workdays]
    # The holiday week's working days are only the adjusted weekend ones (调休), none Monday–Friday.
    assert not any(cal.is_workday(D(2026, 2, d)) for d in range(16, 21))


def test_spring_festival_2027_is_provisional_and_its_holidays_need_no_log():
    cal = get_calendar()
    start, end = D(2027, 2, 1), D(2027, 2, 12)
    days = [start + datetime.timedelta(n) for n in range(12)]
    logs = tuple(entry(d) for d in days if cal.is_workday(d))
    evaluation = checks.judge_period(
        checks.Period("林平", start, end, logs, (D(2027, 2, 4), D(2027, 2, 10))), cal
    )
    assert evaluation.findings == [] and evaluation.provisional
    # 除夕 (5 February 2027) begins the 4-day holiday of the 2024 rules: no log that Friday or Monday.
    assert not cal.is_workday(D(2027, 2, 5)) and not cal.is_workday(D(2027, 2, 8))


def test_a_week_ending_after_the_period_needs_no_review_yet():
    cal = get_calendar()
    period = checks.Period(
        "林平", D(2026, 10, 12), D(2026, 10, 14), tuple(entry(D(2026, 10, d)) for d in (12, 13, 14))
    )
    assert codes(checks.judge_period(period, cal)) == []


def test_the_board_status_of_a_day():
    day = D(2026, 10, 13)
    assert checks.day_status(day, None, at(day, 17, 59)) == checks.PENDING
    assert checks.day_status(day, None, at(day, 18, 1)) == checks.MISSING
    assert checks.day_status(day, entry(day, 18, 20), at(day, 19)) == checks.LATE
    assert checks.day_status(day, entry(day, 17, 50), at(day, 19)) == checks.SUBMITTED


def _doc(**changes):
    doc = json.loads((EXAMPLES / "10-daily-log-missing-and-late.json").read_text())
    doc.update(changes)
    return doc


@pytest.mark.parametrize(
    ("doc", "field"),
    [
        (_doc(to="2026-10-01"), "to"),
        (_doc(**{"from": "2025-01-01", "to": "2026-01-02"}), "to"),
        (_doc(entries=[*_doc()["entries"], _doc()["entries"][0]]), "entries[3].day"),
        (
            _doc(entries=[{**_doc()["entries"][0], "submitted_at": "2026-10-11T23:00:00+08:00"}]),
            "entries[0].submitted_at",
        ),
        (_doc(entries=[{**_doc()["entries"][0], "channel": "email"}]), "entries[0].channel"),
        (_doc(reviews=["2026-13-01"]), "reviews[0]"),
        ({k: v for k, v in _doc().items() if k != "entries"}, "entries"),
    ],
)
def test_invalid_records_name_the_field(doc, field):
    with pytest.raises(InvalidRecord) as error:
        exchange.parse(doc)
    assert error.value.field_path == field


def test_parameters_refuse_impossible_times():
    with pytest.raises(ValueError):
        checks.DailyLogParameters(deadline_hour=24)
