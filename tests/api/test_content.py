"""What the API says: the same record and evaluation as the archive, the web and `zhidu evaluate`;
confidential personnel items (R1§9) hidden from those who do not handle them; 409 on a record that
cannot be judged yet; query budgets on the lists."""

from __future__ import annotations

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.conftest import SECRET_TITLE, body
from tests.meetings.meeting_factory import SH, approved_item, meeting
from zhidu.api import schemas
from zhidu.meetings.evaluation_json import to_json
from zhidu.meetings.exchange import judge, meeting_record
from zhidu.meetings.models import AgendaEntry
from zhidu.meetings.record import parse_meeting
from zhidu.rules.evaluate_command import main as zhidu_evaluate

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.api.urls")]


def evaluate_as_the_command(record: dict, tmp_path, capsys) -> dict:
    """What `zhidu evaluate FILE` prints for the record (its own entry point, in this process)."""
    path = tmp_path / "record.json"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()
    assert zhidu_evaluate([str(path)]) == 0
    return json.loads(capsys.readouterr().out)


def test_meeting_list(world, as_user):
    data = body(as_user(world.people["hu"]).get("/api/meetings"))
    assert (data["count"], data["page"], data["pages"], data["page_size"]) == (2, 1, 1, 50)
    latest, closed = data["items"]
    assert latest["id"] == world.open.pk and latest["minutes"] is None and latest["state"] == "draft"
    assert closed == {
        "id": world.closed.pk,
        "body": "team",
        "body_label": "党委领导班子会议",
        "title": "党委会议",
        "held_at": "2026-06-18T15:00:00+08:00",
        "state": "closed",
        "emergency": False,
        "chair": "杨栋",
        "minutes": {"year": 2026, "number": 1, "label": "测党会纪〔2026〕1号"},
    }


def test_meeting_list_filters_and_pages(world, as_user):
    client = as_user(world.people["clerk"])
    assert [m["id"] for m in body(client.get("/api/meetings?state=closed"))["items"]] == [world.closed.pk]
    assert body(client.get("/api/meetings?body=five_person_group"))["count"] == 0
    second = body(client.get("/api/meetings?page=2&page_size=1"))
    assert [m["id"] for m in second["items"]] == [world.closed.pk] and second["pages"] == 2
    assert body(client.get("/api/meetings?page=9"))["items"] == []


def test_meeting_detail_attendance_and_votes(world, as_user):
    data = body(as_user(world.people["clerk"]).get(f"/api/meetings/{world.closed.pk}"))
    assert data["recorder"] == "张敏" and data["notice_channel"] == "written"
    assert data["notice_sent_at"] == "2026-06-17T09:00:00+08:00"
    absent = [a for a in data["attendance"] if a["status"] == "absent"]
    assert [(a["name"], a["reason"]) for a in absent] == [("徐文", "市委党校培训")]
    assert len(data["attendance"]) == 7
    (entry,) = data["entries"]
    assert entry["vote"] == {"method": "named_ballot", "for": 4, "against": 1, "abstain": 1}
    assert entry["resolution"] == "同意拨付" and entry["title"] == "村级道路维修资金"
    assert entry["record_id"] == f"i{entry['item_id']}"


def test_item_list_and_detail(world, as_user):
    client = as_user(world.people["organization"])
    data = body(client.get("/api/items?state=approved"))
    assert data["count"] == 3 and all(i["state"] == "approved" for i in data["items"])
    assert body(client.get("/api/items?state=proposed"))["count"] == 0
    assert body(client.get("/api/items?category=personnel"))["items"][0]["title"] == SECRET_TITLE
    item = body(client.get(f"/api/items/{world.secret.pk}"))
    assert item["title"] == SECRET_TITLE and item["decided_by"] == "杨栋"
    assert item["agenda"] == [
        {
            "meeting_id": world.open.pk,
            "meeting_title": "党委会议",
            "held_at": "2026-07-09T09:00:00+08:00",
            "state": "draft",
        }
    ]


def test_the_record_of_a_closed_meeting_is_its_latest_archive(world, as_user):
    response = as_user(world.people["clerk"]).get(f"/api/meetings/{world.closed.pk}/record")
    record = body(response)
    assert record == world.closed.archive.order_by("-version").first().record
    parse_meeting(record)
    schemas.MeetingRecord.model_validate(record)


def test_the_record_of_an_open_meeting_is_live(world, as_user):
    record = body(as_user(world.people["yang"]).get(f"/api/meetings/{world.open.pk}/record"))
    assert record == meeting_record(world.open)
    assert parse_meeting(record).items[0].title == SECRET_TITLE


@pytest.mark.parametrize("persona", ["clerk", "yang", "hu"])
@pytest.mark.parametrize("which", ["closed", "open"])
def test_the_evaluation_is_what_zhidu_evaluate_prints_for_the_record(
    world, as_user, tmp_path, capsys, persona, which
):
    m = getattr(world, which)
    client = as_user(world.people[persona])
    record = body(client.get(f"/api/meetings/{m.pk}/record"))
    evaluation = body(client.get(f"/api/meetings/{m.pk}/evaluation"))
    assert evaluation == evaluate_as_the_command(record, tmp_path, capsys)
    schemas.EvaluationDoc.model_validate(evaluation)
    assert list(evaluation) == ["format", "quorum", "findings", "items", "obligations"]


def test_the_evaluation_is_the_webs(world, as_user):
    evaluation = body(as_user(world.people["yang"]).get(f"/api/meetings/{world.closed.pk}/evaluation"))
    assert evaluation == to_json(judge(world.closed).evaluation)
    assert evaluation["items"][0]["outcome"] == "passed"
    assert evaluation["obligations"][0]["code"] == "publish"


@pytest.mark.parametrize("persona", ["county"])
def test_confidential_items_are_hidden_from_other_roles(world, as_user, persona):
    client = as_user(world.people[persona])
    meeting = body(client.get(f"/api/meetings/{world.open.pk}"))
    entry = next(e for e in meeting["entries"] if e["item_id"] == world.secret.pk)
    assert entry["title"] == "保密议题" and entry["confidential"] is True
    assert entry["resolution"] == entry["discussion"] == ""
    assert entry["vote"] == {"method": "show_of_hands", "for": 7, "against": 0, "abstain": 0}
    record = body(client.get(f"/api/meetings/{world.open.pk}/record"))
    assert [i["title"] for i in record["items"]] == ["保密议题", "机关食堂管理办法"]
    item = body(client.get(f"/api/items/{world.secret.pk}"))
    assert item["title"] == "保密议题" and item["description"] == ""
    for path in (
        f"/api/meetings/{world.open.pk}",
        f"/api/meetings/{world.open.pk}/record",
        f"/api/meetings/{world.open.pk}/evaluation",
        "/api/items",
        f"/api/items/{world.secret.pk}",
    ):
        text = client.get(path).content.decode("utf-8")
        assert SECRET_TITLE not in text and "李某某" not in text, path


# R1§9, one policy (zhidu.meetings.confidential): those who prepare, decide and audit the item.
@pytest.mark.parametrize("persona", ["yang", "clerk", "hu", "guo", "qu", "organization", "discipline"])
def test_confidential_items_are_shown_to_those_who_handle_them(world, as_user, persona):
    client = as_user(world.people[persona])
    meeting = body(client.get(f"/api/meetings/{world.open.pk}"))
    entry = next(e for e in meeting["entries"] if e["item_id"] == world.secret.pk)
    assert entry["title"] == SECRET_TITLE and entry["resolution"].startswith("同意李某某")
    evaluation = body(client.get(f"/api/meetings/{world.open.pk}/evaluation"))
    assert any(SECRET_TITLE in f["message"] for i in evaluation["items"] for f in i["findings"])


def test_an_incomplete_live_record_is_a_409_naming_the_field(world, as_user):
    # A speaker who is not an expected member: the rows cannot make a valid record.
    AgendaEntry.objects.filter(meeting=world.open, item=world.secret).update(speakers=["999999"])
    response = as_user(world.people["clerk"]).get(f"/api/meetings/{world.open.pk}/evaluation")
    assert response.status_code == 409
    detail = body(response)["detail"]
    assert detail.startswith("会议记录不完整") and "speakers" in detail and "p999999" in detail


def _more(world, n):
    for k in range(n):
        item = approved_item(world.town, world.people, f"议题{k}", "general", report=False)
        meeting(world.town, world.people, [item], held_at=datetime.datetime(2026, 8, 1 + k, 9, tzinfo=SH))


@pytest.mark.parametrize("path", ["/api/meetings", "/api/items", "/api/meetings?state=draft"])
def test_list_query_budget_does_not_grow_with_the_rows(
    world, as_user, django_assert_num_queries, django_assert_max_num_queries, path
):
    """Session, user, the session's verified second factor, person, terms; then one COUNT and one
    page: 7, whatever the rows."""
    client = as_user(world.people["clerk"])
    client.get(path)  # the first request of a session records its last activity (idle timeout)
    with CaptureQueriesContext(connection) as few:
        assert client.get(path).status_code == 200
    _more(world, 12)
    with django_assert_max_num_queries(7):
        assert client.get(path).status_code == 200
    with django_assert_num_queries(len(few)):
        data = body(client.get(path))
    assert data["count"] >= 12


def test_bearer_list_query_budget(world, as_user, django_assert_max_num_queries):
    """No session row: user, person, terms, COUNT, page."""
    client = as_user(world.people["clerk"], bearer=True)
    with django_assert_max_num_queries(5):
        assert client.get("/api/meetings").status_code == 200
