"""R18 pages: the member's form (typed text kept and the field named on a refusal, the live check
panel judging the unsaved form), the board, the week, the review, the export, and who is refused."""

import datetime
import json

import pytest
import time_machine

from tests.daily_logs.helpers import at, submit
from zhidu.daily_logs import services
from zhidu.daily_logs.models import DailyLog

D = datetime.date
DAY = D(2026, 10, 13)
pytestmark = pytest.mark.django_db


def form_data(**kw):
    data = {"day": DAY.isoformat(), "summary": "走访企业", "plan": "调度会", "support": "",
            "task-TOTAL_FORMS": "1", "task-INITIAL_FORMS": "0", "task-MIN_NUM_FORMS": "0",
            "task-MAX_NUM_FORMS": "20", "task-0-task": "", "task-0-reason": "", "task-0-owner": "",
            "task-0-due": "", "task-0-origin": ""}  # fmt: skip
    data.update(kw)
    return data


def test_a_member_hands_in_on_the_form(people, login):
    client = login(people["deputy"])
    with time_machine.travel(at(DAY, 17, 50), tick=False):
        page = client.get("/daily-logs/")
        assert page.status_code == 200 and b'id="log-form"' in page.content
        response = client.post("/daily-logs/", form_data(**{"task-0-task": "征地协调", "task-0-reason": "未签字",
                               "task-0-owner": str(people["secretary"].pk), "task-0-due": "2026-10-16"}))  # fmt: skip
    log = DailyLog.objects.get(member=people["deputy"], day=DAY)
    assert response.status_code == 302 and response["Location"] == f"/daily-logs/log/{log.pk}/"
    assert log.unfinished.get().owner == people["secretary"]


def test_a_refusal_names_the_field_and_keeps_the_typed_text(people, login):
    client = login(people["deputy"])
    with time_machine.travel(at(DAY, 17, 50), tick=False):
        response = client.post("/daily-logs/", form_data(summary="今天走访了三家企业", plan=""))
    body = response.content.decode()
    assert response.status_code == 400 and "今天走访了三家企业" in body
    assert 'id="id_plan_error"' in body and not DailyLog.objects.exists()


def test_the_live_panel_judges_the_unsaved_form_after_1800(people, login):
    client = login(people["deputy"])
    with time_machine.travel(at(DAY, 18, 5), tick=False):
        body = client.post(
            "/daily-logs/check/", form_data(plan="", **{"task-0-task": "征地"})
        ).content.decode()
    assert 'data-code="log-late"' in body and "已过18:00：逾期提交" in body and "R18§3" in body
    assert 'data-code="log-incomplete"' in body and 'data-code="unfinished-incomplete"' in body
    with time_machine.travel(at(DAY, 17, 5), tick=False):
        body = client.post("/daily-logs/check/", form_data()).content.decode()
    assert 'id="checks-ok"' in body


def test_yesterdays_plan_is_todays_starting_point_and_tasks_carry_forward(people, login):
    deputy = people["deputy"]
    submit(deputy, DAY, plan="召开安全生产调度会",
           tasks=[services.TaskInput("征地协调", "未签字", people["secretary"], D(2026, 10, 20))])  # fmt: skip
    client = login(deputy)
    with time_machine.travel(at(DAY + datetime.timedelta(days=1), 9), tick=False):
        body = client.get("/daily-logs/").content.decode()
    assert body.count("召开安全生产调度会") >= 2  # the targets and the summary's starting text
    assert 'value="征地协调"' in body and 'name="task-0-origin"' in body


def test_the_board_shows_the_day_and_the_office_enters_an_sms_log(people, login):
    submit(people["deputy"], DAY, 18, 20)
    client = login(people["clerk"])
    with time_machine.travel(at(DAY, 19), tick=False):
        body = client.get(f"/daily-logs/board/?day={DAY}").content.decode()
        assert f'data-member="{people["deputy"].pk}" data-status="late"' in body
        assert f'data-member="{people["secretary"].pk}" data-status="missing"' in body
        response = client.post("/daily-logs/enter/", {**form_data(), "member": people["secretary"].pk,
                               "channel": "sms", "received_at": "2026-10-13T17:45"})  # fmt: skip
        assert response.status_code == 302
        body = client.get(f"/daily-logs/board/?day={DAY}").content.decode()
    assert f'data-member="{people["secretary"].pk}" data-status="submitted"' in body


def test_the_week_the_review_and_the_export(people, login):
    deputy = people["deputy"]
    submit(deputy, DAY)
    client = login(deputy)
    with time_machine.travel(at(D(2026, 10, 16), 17), tick=False):
        body = client.get(f"/daily-logs/member/{deputy.pk}/?week=2026-10-12").content.decode()
        assert 'data-day="2026-10-13" data-status="submitted"' in body
        assert 'data-day="2026-10-12" data-status="missing"' in body
        assert client.post("/daily-logs/review/", {"review": "本周总结", "problems": ""}).status_code == 302
        export = client.get(f"/daily-logs/member/{deputy.pk}/export.json?from=2026-10-12&to=2026-10-16")
    document = json.loads(export.content)
    assert document["format"] == "zhidu.daily-log/1" and document["reviews"] == ["2026-10-16"]
    assert [e["day"] for e in document["entries"]] == ["2026-10-13"]


def test_who_is_refused(people, login):
    deputy = people["deputy"]
    log = submit(deputy, DAY)
    assert login(people["cadre"]).get("/daily-logs/").status_code == 403
    assert (
        login(people["secretary"]).get(f"/daily-logs/member/{deputy.pk}/").status_code == 200
    )  # principal reads
    assert login(people["deputy"]).get("/daily-logs/board/").status_code == 403
    assert login(people["deputy"]).get(f"/daily-logs/member/{people['secretary'].pk}/").status_code == 403
    other = login(people["secretary"])
    assert other.get(f"/daily-logs/log/{log.pk}/").status_code == 200
    assert login(people["organization"]).get("/daily-logs/enter/").status_code == 403


def test_a_past_day_is_handed_in_late_from_the_form_and_the_duty_links_to_it(people, login):
    from zhidu.daily_logs import periodic
    from zhidu.obligations.models import Obligation

    deputy = people["deputy"]
    periodic.generate(deputy.township, DAY)
    duty = Obligation.objects.get(key=services.day_key(deputy.pk, DAY))
    client = login(deputy)
    assert client.get(f"/daily-logs/due/{duty.source_id}/")["Location"] == "/daily-logs/"
    assert login(people["clerk"]).get(f"/daily-logs/due/{duty.source_id}/").status_code == 302
    assert login(people["cadre"]).get(f"/daily-logs/due/{duty.source_id}/").status_code == 403
    client = login(deputy)
    with time_machine.travel(at(DAY + datetime.timedelta(days=1), 9), tick=False):
        body = client.get("/daily-logs/").content.decode()
        assert f'data-missing="{DAY.isoformat()}"' in body
        response = client.post(f"/daily-logs/?day={DAY}", form_data())
    assert response.status_code == 302
    duty.refresh_from_db()
    assert duty.state == "done_late" and DailyLog.objects.get(member=deputy).day == DAY


def test_the_board_shows_who_is_away(people, login, monkeypatch):
    from zhidu.org import absences

    deputy = people["deputy"]
    leave = absences.Absence(deputy.pk, DAY, DAY, "外出参加县委党校培训", "test")
    monkeypatch.setitem(absences._sources, "test", lambda town, start, end: [leave])
    with time_machine.travel(at(DAY, 16), tick=False):
        body = login(people["clerk"]).get(f"/daily-logs/board/?day={DAY}").content.decode()
    assert f'data-away="{deputy.pk}"' in body and "外出参加县委党校培训" in body
    assert 'data-count="away"' in body


def test_the_downloaded_export_is_judged_by_zhidu_evaluate_as_the_week_shows_it(
    people, login, tmp_path, capfd
):
    from tests.command_line import zhidu

    deputy = people["deputy"]
    submit(deputy, D(2026, 10, 12))
    submit(deputy, DAY, 19, 5)
    with time_machine.travel(at(D(2026, 10, 19), 9), tick=False):
        export = login(deputy).get(
            f"/daily-logs/member/{deputy.pk}/export.json?from=2026-10-12&to=2026-10-18"
        )
    path = tmp_path / "export.json"
    path.write_bytes(export.content)
    capfd.readouterr()
    assert zhidu("evaluate", str(path)) == 0
    judged = json.loads(capfd.readouterr().out)
    assert judged["record"] == "zhidu.daily-log/1"
    assert sorted((f["code"], f["day"]) for f in judged["findings"]) == [
        ("log-late", "2026-10-13"), ("log-missing", "2026-10-14"), ("log-missing", "2026-10-15"),
        ("log-missing", "2026-10-16"), ("review-missing", "2026-10-16"),
    ]  # fmt: skip
