"""The R14 pages: the leave form refuses with the field named and keeps what was typed; its live panel
judges the unsaved form with the same check; the pages answer their readers and refuse the others;
the meetings' attendance screen offers a leave reported after the meeting was prepared."""

import datetime
import io
import re
import zipfile

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from tests.coordination.conftest import at
from tests.core.official import check_pdf, check_xml
from zhidu.coordination import services
from zhidu.coordination.models import Leave
from zhidu.meetings import services as meetings

pytestmark = pytest.mark.django_db
D = datetime.date


def codes(response) -> list[str]:
    return re.findall(r'data-code="([\w-]+)"', response.content.decode())


def test_the_leave_form_names_the_field_and_keeps_the_text(team, login):
    client = login(team["member"])
    posted = {
        "purpose": "meeting",
        "destination": "赴县委参加党建工作会议",
        "starts_at": "2026-12-10T08:00",
        "ends_on": "2026-12-09",
    }
    response = client.post(reverse("coordination:leave-new"), posted)
    assert response.status_code == 400
    body = response.content.decode()
    assert "外出至" in body and "不能早于外出日期" in body
    assert "赴县委参加党建工作会议" in body
    assert not Leave.objects.exists()
    response = client.post(reverse("coordination:leave-new"), {**posted, "starts_at": "明天"})
    assert response.status_code == 400 and "外出时间" in response.content.decode()


def test_the_live_panel_warns_before_a_leave_reported_after_leaving(team, login):
    client = login(team["member"])
    url = reverse("coordination:leave-check")
    with time_machine.travel(at(2026, 12, 2, 10), tick=False):
        late = client.post(url, {"starts_at": "2026-12-02T08:00", "ends_on": "2026-12-03"})
        ahead = client.post(url, {"starts_at": "2026-12-03T08:00", "ends_on": "2026-12-03"})
        empty = client.post(url, {"starts_at": "??"})
    assert codes(late) == ["leave-reported-late"] and "R14§5" in late.content.decode()
    assert codes(ahead) == [] and codes(empty) == []
    assert client.get(url).status_code == 405


def test_report_acknowledge_and_return_through_the_pages(team, login):
    member = login(team["member"])
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = member.post(reverse("coordination:leave-new"), {
        "purpose": "training", "destination": "县委党校培训", "starts_at": f"{tomorrow}T08:00", "ends_on": f"{tomorrow}",
    })  # fmt: skip
    leave = Leave.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "coordination:leave", args=[leave.pk]
    )
    assert member.post(reverse("coordination:leave-acknowledge", args=[leave.pk])).status_code == 403
    principal = login(team["secretary"])
    assert (
        principal.get(reverse("coordination:index")).content.decode().count(f'data-leave="{leave.pk}"') >= 1
    )
    principal.post(reverse("coordination:leave-acknowledge", args=[leave.pk]))
    assert leave.acknowledgements.get().principal == team["secretary"]
    assert (
        principal.post(
            reverse("coordination:leave-return", args=[leave.pk]), {"return_report": "x"}
        ).status_code
        == 403
    )
    member = login(team["member"])
    refused = member.post(reverse("coordination:leave-return", args=[leave.pk]), {"return_report": ""})
    assert refused.status_code == 400 and "汇报内容" in refused.content.decode()
    member.post(reverse("coordination:leave-return", args=[leave.pk]), {"return_report": "传达了培训精神"})
    leave.refresh_from_db()
    assert leave.state == "returned"


def test_a_matter_report_is_not_shown_to_the_rest_of_the_team(team, login):
    report = services.submit(author=team["member"], principal=team["secretary"], kind="report", subject="事项甲",
                             content="内容甲")  # fmt: skip
    url = reverse("coordination:matter", args=[report.pk])
    assert login(team["deputy"]).get(url).status_code == 403
    assert "内容甲" in login(team["clerk"]).get(url).content.decode()
    assert (
        login(team["head"])
        .post(reverse("coordination:matter-reply", args=[report.pk]), {"reply": "阅"})
        .status_code
        == 403
    )
    secretary = login(team["secretary"])
    secretary.post(reverse("coordination:matter-reply", args=[report.pk]), {"reply": "同意"})
    report.refresh_from_db()
    assert report.reply == "同意"


def test_the_briefing_edit_keeps_what_was_typed_on_a_refused_save(team, town, login):
    with time_machine.travel(at(2026, 12, 4, 9), tick=False):
        briefing = services.prepare_week(town, D(2026, 12, 4), by=team["clerk"])
    client = login(team["clerk"])
    url = reverse("coordination:briefing-edit", args=[briefing.pk])
    pid = team["secretary"].pk
    posted = {"version": briefing.version, "held_on": "2026-12-09", f"present_{pid}": "on",
              f"this_week_{pid}": "完成森林防火检查"}  # fmt: skip
    response = client.post(url, posted)
    assert response.status_code == 400
    assert "召开日期" in response.content.decode() and "完成森林防火检查" in response.content.decode()
    check = client.post(
        reverse("coordination:briefing-check", args=[briefing.pk]), {**posted, "held_on": "2026-12-03"}
    )
    assert "briefing-wrong-day" in codes(check)
    posted["held_on"] = "2026-12-04"
    assert client.post(url, {**posted, "close": "1"}).status_code == 302
    briefing.refresh_from_db()
    assert briefing.state == "closed"
    assert client.get(url).status_code == 302  # closed: read-only
    document = client.get(reverse("coordination:briefing-docx", args=[briefing.pk]))
    with zipfile.ZipFile(io.BytesIO(document.content)) as archive:
        xml = archive.read("word/document.xml").decode()
    assert "党政领导碰头会记录" in xml and "完成森林防火检查" in xml and "2026年12月4日" in xml
    check_xml(document.content, township=town.name)  # GB/T 9704: the one builder's layout
    check_pdf(document.content)
    pdf = client.get(reverse("coordination:briefing-pdf", args=[briefing.pk]))
    assert pdf.status_code == 200 and pdf.content[:4] == b"%PDF"
    assert login(team["member"]).get(reverse("coordination:briefing", args=[briefing.pk])).status_code == 200
    assert login(team["cadre"]).get(reverse("coordination:briefing", args=[briefing.pk])).status_code == 403


def test_the_attendance_screen_offers_a_leave_reported_after_the_meeting_was_prepared(team, town, login):
    meeting = meetings.create_meeting(
        township=town, body="team", title="党委会议", held_at=at(2026, 12, 9, 15), chair=team["secretary"],
        user=team["clerk"].user,
    )  # fmt: skip
    services.report_leave(person=team["member"], purpose="meeting", destination="市委组织工作会议",
                          starts_at=at(2026, 12, 9, 8), ends_on=D(2026, 12, 9), user=team["member"].user)  # fmt: skip
    body = login(team["clerk"]).get(reverse("meetings:record", args=[meeting.pk])).content.decode()
    assert "请假：外出开会（市委组织工作会议）" in body


def test_the_overview_costs_the_same_queries_with_more_leaves(team, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def leaves(n):
        for k in range(n):
            day = timezone.localdate() + datetime.timedelta(days=2 + k)
            starts = datetime.datetime.combine(day, datetime.time(8), tzinfo=timezone.get_current_timezone())
            for who in ("member", "deputy"):
                services.report_leave(person=team[who], purpose="business", destination=f"办事{k}", starts_at=starts,
                                      ends_on=day, user=team[who].user)  # fmt: skip

    def cost(client):
        client.get(reverse("coordination:index"))  # the session's first request loads more
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("coordination:index")).status_code == 200
        return len(queries)

    leaves(1)
    few = cost(login(team["secretary"]))
    leaves(8)
    assert cost(login(team["secretary"])) == few
