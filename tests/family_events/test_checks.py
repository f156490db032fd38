"""R9's pure checks (`zhidu.family-event/1`): every finding, the invalid records, the spec examples,
and the deadlines across National Day 2026 and the Spring Festival 2027 (provisional)."""

import copy
import datetime
import json
from pathlib import Path

import pytest

from zhidu.family_events import checks
from zhidu.rules.formats import InvalidRecord
from zhidu.workdays.services import get_calendar

pytestmark = pytest.mark.django_db
EXAMPLES = Path(__file__).resolve().parents[1] / "spec_examples"
D = datetime.date

BASE = {
    "format": "zhidu.family-event/1",
    "kind": "wedding",
    "event_on": "2026-10-12",
    "report": {"on": "2026-09-30", "channel": "written"},
    "written_on": None,
    "details": {
        "purpose": "儿子结婚",
        "time": "中午",
        "place": "饭店",
        "guests": 120,
        "standard": "每桌600元",
    },
    "attestation": True,
}


def judge(**changes):
    data = copy.deepcopy(BASE)
    for key, value in changes.items():
        data[key] = value
    result = checks.evaluate(checks.parse(data), get_calendar())
    return result, [f.finding.code for f in result.findings], [(o.code, o.due) for o in result.obligations]


@pytest.mark.parametrize("name", ["07-family-event-wedding-on-time", "08-family-event-funeral-oral"])
def test_the_spec_examples(name):
    data = json.loads((EXAMPLES / f"{name}.json").read_text())
    want = json.loads((EXAMPLES / f"{name}.expected.json").read_text())
    got = checks.to_json(checks.evaluate(checks.parse(data), get_calendar()))
    assert got["due"] == want["due"] and got["provisional"] == want["provisional"]
    assert [f["code"] for f in got["findings"]] == [f["code"] for f in want["findings"]]
    assert [(o["code"], o["due"]) for o in got["obligations"]] == [
        (o["code"], o["due"]) for o in want["obligations"]
    ]


def test_national_day_moves_the_written_form_back_to_the_last_working_day_before():
    # 2026-10-12 − 10 = 10-02, a holiday: the last working day before is 09-30.
    result, codes, _ = judge()
    assert result.due == D(2026, 9, 30) and codes == [] and not result.provisional
    # 10-17 − 10 = 10-07 (still the holiday): 09-30 again; a day later is late.
    result, codes, _ = judge(event_on="2026-10-17", report={"on": "2026-10-01", "channel": "written"})
    assert result.due == D(2026, 9, 30) and codes == ["report-late"]
    assert "距办理日已不足10天：已逾期申报" in result.findings[0].finding.message
    # 10-20 − 10 = 10-10, the Saturday made a working day (调休): due that very Saturday.
    result, _, _ = judge(event_on="2026-10-20", report=None)
    assert result.due == D(2026, 10, 10)


def test_spring_festival_2027_is_provisional_and_moves_the_day_back():
    # 2027-02-17 − 10 = 02-07, inside 春节 (02-05 to 02-08 provisional) and a weekend: back to 02-04.
    result, codes, obligations = judge(event_on="2027-02-17", report=None)
    assert result.due == D(2027, 2, 4) and result.provisional
    assert codes == ["not-reported"] and obligations == [("report", D(2027, 2, 4))]
    assert result.obligations[0].provisional


def test_a_funeral_reported_by_phone_owes_the_form_10_days_after_moved_forward():
    oral = {"on": "2026-09-24", "channel": "oral"}
    # 2026-09-25 + 10 = 10-05 (National Day): the next working day is 10-08.
    result, codes, obligations = judge(kind="funeral", event_on="2026-09-25", report=oral)
    assert result.due == D(2026, 9, 25) and codes == [] and obligations == [("written-form", D(2026, 10, 8))]
    _, codes, obligations = judge(kind="funeral", event_on="2026-09-25", report=oral, written_on="2026-10-08")
    assert codes == [] and obligations == []
    _, codes, _ = judge(kind="funeral", event_on="2026-09-25", report=oral, written_on="2026-10-09")
    assert codes == ["written-form-late"]
    # 2027-01-28 + 10 = 02-07 (春节, provisional): the next working day is 02-09.
    result, _, obligations = judge(
        kind="funeral", event_on="2027-01-28", report={"on": "2027-01-27", "channel": "oral"}
    )
    assert obligations == [("written-form", D(2027, 2, 9))] and result.provisional


def test_a_funeral_is_reported_before_it_is_held():
    _, codes, _ = judge(
        kind="funeral", event_on="2026-10-03", report={"on": "2026-10-03", "channel": "written"}
    )
    assert codes == []
    _, codes, _ = judge(kind="funeral", event_on="2026-10-03", report={"on": "2026-10-04", "channel": "oral"})
    assert codes == ["report-late"]
    result, codes, obligations = judge(kind="funeral", event_on="2026-10-03", report=None)
    assert codes == ["not-reported"] and result.due == D(2026, 10, 3)


def test_only_a_funeral_may_be_reported_orally():
    _, codes, _ = judge(report={"on": "2026-09-30", "channel": "oral"})
    assert codes == ["not-written"]


def test_incomplete_form_and_missing_attestation():
    details = {"purpose": "", "time": "中午", "place": " ", "guests": None, "standard": "每桌600元"}
    result, codes, _ = judge(details=details, attestation=False)
    assert codes == ["incomplete", "no-attestation"]
    assert "办理事由、地点、人数" in result.findings[0].finding.message
    # An oral funeral report has no form yet: nothing is incomplete until it is written.
    _, codes, _ = judge(kind="funeral", details=details, report={"on": "2026-10-11", "channel": "oral"})
    assert codes == []


@pytest.mark.parametrize(
    ("change", "path"),
    [
        ({"kind": "party"}, "kind"),
        ({"event_on": "2026-13-01"}, "event_on"),
        ({"report": {"on": "2025-10-01", "channel": "written"}}, "report.on"),
        ({"report": {"on": "2026-09-30", "channel": "fax"}}, "report.channel"),
        ({"written_on": "2026-10-01"}, "written_on"),
        (
            {"details": {"purpose": "", "time": "", "place": "", "guests": -1, "standard": ""}},
            "details.guests",
        ),
        ({"attestation": "yes"}, "attestation"),
    ],
)
def test_invalid_records_name_the_field(change, path):
    data = copy.deepcopy(BASE) | change
    with pytest.raises(InvalidRecord) as error:
        checks.parse(data)
    assert error.value.field_path == path


def test_a_missing_field_is_invalid():
    data = copy.deepcopy(BASE)
    del data["report"]
    with pytest.raises(InvalidRecord) as error:
        checks.parse(data)
    assert error.value.field_path == "report"


def test_the_record_round_trips():
    record = checks.parse(copy.deepcopy(BASE))
    assert checks.to_record(record) == BASE


def test_zhidu_evaluate_judges_a_file_and_refuses_a_bad_one_in_one_line(tmp_path, capsys):
    from zhidu.rules.evaluate_command import main

    good = tmp_path / "good.json"
    good.write_text(json.dumps(BASE | {"report": None}, ensure_ascii=False), encoding="utf-8")
    assert main([str(good)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["record"] == "zhidu.family-event/1" and out["obligations"][0]["code"] == "report"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(BASE | {"written_on": "2026-10-01"}, ensure_ascii=False), encoding="utf-8")
    assert main([str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "written_on" in err and "Traceback" not in err


def test_spring_festival_2026_official_calendar_with_its_working_saturday():
    # 2026-03-01 − 10 = 02-19, inside 春节 (02-15 to 02-23): back past the holiday to Saturday 02-14,
    # a working day by the State Council's notice (调休).
    result, _, _ = judge(event_on="2026-03-01", report={"on": "2026-02-14", "channel": "written"})
    assert result.due == D(2026, 2, 14) and not result.provisional and result.findings == []
    _, codes, _ = judge(event_on="2026-03-01", report={"on": "2026-02-24", "channel": "written"})
    assert codes == ["report-late"]
    # A funeral on 02-10 reported by phone: + 10 = 02-20 (holiday), the form is due 02-24.
    _, _, obligations = judge(
        kind="funeral", event_on="2026-02-10", report={"on": "2026-02-09", "channel": "oral"}
    )
    assert obligations == [("written-form", D(2026, 2, 24))]
