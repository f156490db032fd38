"""R21§4 as `zhidu.petition/1`: the pure checks on the working-day calendar (National Day 2026,
the provisional Spring Festival 2027), the spec's invalid records, and the spec examples."""

import datetime
import json
from pathlib import Path

import pytest

from zhidu.petitions import checks
from zhidu.rules.case_records import case_to_json
from zhidu.rules.formats import InvalidRecord
from zhidu.workdays.services import get_calendar

pytestmark = pytest.mark.django_db
D = datetime.date
EXAMPLES = Path(__file__).resolve().parents[1] / "spec_examples"


def judge(received_on, answered_on=None, extension=None):
    record = checks.PetitionRecord("scheduled", received_on, answered_on, extension)
    return checks.evaluate(record, get_calendar())


def codes(evaluation):
    return [f.finding.code for f in evaluation.findings]


def test_sixty_days_into_national_day_moves_to_the_first_working_day():
    # 6 August + 60 = 5 October, inside the National Day holiday (1–7 October 2026).
    e = judge(D(2026, 8, 6))
    assert (e.due, e.provisional, codes(e)) == (D(2026, 10, 8), False, [])
    assert [(o.code, o.due) for o in e.obligations] == [("answer", D(2026, 10, 8))]


def test_sixty_days_into_the_provisional_spring_festival_2027():
    # 7 December 2026 + 60 = 5 February 2027 (除夕 in the provisional 2027 calendar): 9 February.
    e = judge(D(2026, 12, 7))
    assert (e.due, e.provisional) == (D(2027, 2, 9), True)
    assert e.obligations[0].provisional


def test_an_extension_that_counts_adds_its_days_to_the_raw_sixty():
    ext = checks.Extension(D(2026, 9, 30), 30, "情况复杂，需多部门会商", D(2026, 9, 30))
    e = judge(D(2026, 8, 6), D(2026, 11, 4), ext)
    assert (e.due, codes(e), e.obligations) == (D(2026, 11, 4), [], [])


def test_too_long_counts_as_thirty():
    ext = checks.Extension(D(2026, 9, 30), 45, "理由", D(2026, 9, 30))
    e = judge(D(2026, 8, 6), None, ext)
    assert codes(e) == ["extension-too-long"] and e.due == D(2026, 11, 4)
    assert all(f.finding.article == "R21§4" and f.finding.severity == "violation" for f in e.findings)


def test_decided_after_the_original_due_day_does_not_count():
    ext = checks.Extension(D(2026, 10, 9), 30, "理由", D(2026, 10, 9))
    e = judge(D(2026, 8, 6), D(2026, 10, 20), ext)
    assert codes(e) == ["extension-late", "extension-not-told", "answer-late"]
    assert e.due == D(2026, 10, 8)


def test_decided_on_the_moved_original_due_day_still_counts():
    ext = checks.Extension(D(2026, 10, 8), 10, "理由", D(2026, 10, 8))
    assert codes(judge(D(2026, 8, 6), None, ext)) == []


def test_no_reason_and_not_told():
    ext = checks.Extension(D(2026, 9, 30), 30, "  ", None)
    e = judge(D(2026, 8, 6), None, ext)
    assert codes(e) == ["extension-no-reason", "extension-not-told"]
    assert e.due == D(2026, 11, 4)  # the extension itself was in time: it counts


def test_answered_on_the_due_day_is_on_time_the_next_day_late():
    assert codes(judge(D(2026, 8, 6), D(2026, 10, 8))) == []
    assert codes(judge(D(2026, 8, 6), D(2026, 10, 9))) == ["answer-late"]


def test_answered_at_once():
    e = judge(D(2026, 12, 2), D(2026, 12, 2))
    assert codes(e) == [] and e.obligations == []


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"answered_on": "2026-08-01"}, "answered_on"),
        (
            {"extension": {"decided_on": "2026-08-01", "days": 3, "reason": "x", "told_on": None}},
            "extension.decided_on",
        ),
        (
            {"extension": {"decided_on": "2026-09-01", "days": 3, "reason": "x", "told_on": "2026-08-01"}},
            "extension.told_on",
        ),
        (
            {"extension": {"decided_on": "2026-09-01", "days": 0, "reason": "x", "told_on": None}},
            "extension.days",
        ),
        ({"mode": "letter"}, "mode"),
        ({"received_on": "2026-8-6"}, "received_on"),
    ],
)
def test_invalid_records_name_the_field(change, field):
    data = {
        "format": checks.FORMAT,
        "mode": "scheduled",
        "received_on": "2026-08-06",
        "answered_on": None,
        "extension": None,
    }
    with pytest.raises(InvalidRecord) as error:
        checks.parse({**data, **change})
    assert error.value.field_path == field


def test_a_missing_extension_field_is_invalid():
    with pytest.raises(InvalidRecord, match="extension"):
        checks.parse(
            {"format": checks.FORMAT, "mode": "scheduled", "received_on": "2026-08-06", "answered_on": None}
        )


@pytest.mark.parametrize("name", ["05-petition-extended", "06-petition-open"])
def test_spec_examples(name):
    document = json.loads((EXAMPLES / f"{name}.json").read_text("utf-8"))
    expected = json.loads((EXAMPLES / f"{name}.expected.json").read_text("utf-8"))
    got = case_to_json(checks.evaluate_with_defaults(checks.parse(document), get_calendar()))
    assert {k: got[k] for k in ("record", "due", "provisional")} == {
        k: expected[k] for k in ("record", "due", "provisional")
    }
    assert [f["code"] for f in got["findings"]] == [f["code"] for f in expected["findings"]]
    assert [(o["code"], o["due"]) for o in got["obligations"]] == [
        (o["code"], o["due"]) for o in expected["obligations"]
    ]


def test_the_export_parses_back():
    record = checks.PetitionRecord(
        "on_site", D(2026, 8, 6), None, checks.Extension(D(2026, 9, 1), 20, "理由", None)
    )
    assert checks.parse(checks.to_document(record)) == record
