"""The R12 pages: the plan form names the field and keeps what was typed; the session form's live
panel judges the unsaved attendance with the same check; a member's notes are read by the member,
the leader and the organization office, never by another cadre."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests import factories
from zhidu.central_study import services
from zhidu.central_study.models import StudyPlan, StudySession

pytestmark = pytest.mark.django_db
D = datetime.date
SH = ZoneInfo("Asia/Shanghai")


def codes(response) -> list[str]:
    return re.findall(r'data-code="([\w-]+)"', response.content.decode())


@pytest.fixture
def p(town):
    people = factories.personas(town)
    people["member"] = factories.person(town, "胡委员", username="member", team_role="member")
    return people


@pytest.fixture
def plan(p, town):
    office = p["organization"]
    return services.create_plan(
        township=town, by=office, title="下半年学习计划", starts_on=D(2026, 7, 1), ends_on=D(2026, 12, 31),
        topics=["四中全会精神"], user=office.user,
    )  # fmt: skip


def test_the_plan_form_names_the_field_and_keeps_the_text(p, login):
    client = login(p["organization"])
    posted = {
        "title": "第四季度学习计划",
        "starts_on": "2026-10-01",
        "ends_on": "2026-09-01",
        "topics": "甲专题",
    }
    response = client.post(reverse("central_study:plan-new"), posted)
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="id_ends_on_error"' in body and "第四季度学习计划" in body and "甲专题" in body
    assert not StudyPlan.objects.exists()
    response = client.post(
        reverse("central_study:plan-new"), {**posted, "ends_on": "2026-12-31", "invited": "无此人"}
    )
    assert response.status_code == 400 and 'id="id_invited_error"' in response.content.decode()


def test_the_live_panel_warns_of_an_absence_without_leave(p, plan, login):
    client = login(p["organization"])
    url = reverse("central_study:session-check", args=[plan.pk])
    member = p["member"].pk
    response = client.post(
        url, {"held_on": "2026-08-01", "topic": str(plan.topics.first().pk), f"att_{member}": "absent"}
    )
    assert codes(response) == ["absent-without-leave"]
    response = client.post(
        url, {"held_on": "2026-08-01", "topic": str(plan.topics.first().pk), f"att_{member}": "present"}
    )
    assert codes(response) == []


def test_a_session_with_material_and_attendance(p, plan, login):
    client = login(p["organization"])
    member = p["member"].pk
    form = {
        "kind": "seminar", "held_on": "2026-08-01", "topic": str(plan.topics.first().pk), "subject": "座谈讨论",
        f"att_{member}": "leave", f"reason_{member}": "外出培训",
        "material": SimpleUploadedFile("材料.pdf", b"%PDF-1.4 study"),
    }  # fmt: skip
    for pp in services.members(plan):
        form.setdefault(f"att_{pp.pk}", "present")
    response = client.post(reverse("central_study:session-new", args=[plan.pk]), form)
    assert response.status_code == 302, response.content.decode()[:2000]
    session = StudySession.objects.get()
    page = client.get(reverse("central_study:session", args=[session.pk]))
    assert "外出培训" in page.content.decode()
    download = client.get(reverse("central_study:session", args=[session.pk]), {"download": "1"})
    assert b"".join(download.streaming_content) == b"%PDF-1.4 study"


def test_notes_are_read_by_their_member_the_leader_and_the_office(p, plan, login):
    note = services.write_note(person=p["member"], kind="reflection", title="体会", body="心得内容甲乙",
                               written_on=D(2026, 8, 1), user=p["member"].user)  # fmt: skip
    url = reverse("central_study:note", args=[note.pk])
    for who in ("member", "secretary", "organization"):
        assert "心得内容甲乙" in login(p[who]).get(url).content.decode()
    assert login(p["cadre"]).get(url).status_code == 403
    overview = login(p["secretary"]).get(reverse("central_study:plan", args=[plan.pk]))
    assert f'data-member="{p["member"].pk}"' in overview.content.decode()
