"""R13 pages: the principal's flow through the web, a Chinese message naming the field with the
typed text kept, the live panels, who may see what, the R1§13 report and its Word document."""

import datetime

import pytest
from django.utils import timezone

from tests.core.official import check_pdf, check_xml
from tests.life_meetings.helpers import hold, meeting
from zhidu.life_meetings import periodic
from zhidu.life_meetings.models import LifeMeeting, Measure, Speech
from zhidu.obligations.models import Obligation

pytestmark = pytest.mark.django_db


def test_the_new_meeting_form_names_the_field_and_keeps_the_text(town, people, login):
    client = login(people["secretary"])
    response = client.post("/life-meetings/new/", {"year": "20x6", "theme": "对照检查"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "年度" in body and "对照检查" in body
    assert not LifeMeeting.objects.exists()
    response = client.post("/life-meetings/check/", {"year": "2026", "theme": ""})
    assert 'data-code="no-theme"' in response.content.decode()
    response = client.post("/life-meetings/new/", {"year": "2026", "theme": "对照检查", "planned_on": ""})
    assert response.status_code == 302
    assert client.get(response.url).status_code == 200


def test_a_member_drafts_and_submits_their_own_speech(town, people, login):
    m = meeting(people)
    client = login(people["deputy"])
    assert client.post(f"/life-meetings/{m.pk}/speech/", {"text": "草稿", "submit": "0"}).status_code == 302
    assert Speech.objects.get(meeting=m, person=people["deputy"]).text == "草稿"
    response = client.post(f"/life-meetings/{m.pk}/speech/", {"text": "", "submit": "1"})
    assert response.status_code == 400 and "发言材料" in response.content.decode()
    client.post(f"/life-meetings/{m.pk}/speech/", {"text": "定稿", "submit": "1"})
    assert Speech.objects.get(meeting=m, person=people["deputy"]).state == "submitted"
    # The party office sees the meeting, never the words; discipline inspection reads them.
    assert "定稿" not in login(people["clerk"]).get(f"/life-meetings/{m.pk}/").content.decode()
    assert "定稿" in login(people["discipline"]).get(f"/life-meetings/{m.pk}/").content.decode()
    assert login(people["cadre"]).get(f"/life-meetings/{m.pk}/").status_code == 403


def test_measures_through_the_web_become_tracked_items(town, people, login):
    m = meeting(people)
    hold(people, m, timezone.localdate())
    client = login(people["secretary"])
    response = client.post(
        f"/life-meetings/{m.pk}/measures/new/", {"text": "走访群众", "owner": "", "due_on": ""}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "责任人" in body and "走访群众" in body
    panel = client.post(f"/life-meetings/{m.pk}/measures/check/", {"text": "x"}).content.decode()
    assert 'data-code="no-owner"' in panel and 'data-code="no-due"' in panel
    due = (timezone.localdate() + datetime.timedelta(days=60)).isoformat()
    data = {"text": "走访群众", "owner": people["cadre"].pk, "due_on": due}
    assert client.post(f"/life-meetings/{m.pk}/measures/new/", data).status_code == 302
    measure = Measure.objects.get()
    assert Obligation.objects.get(key=periodic.measure_key(measure.pk)).assignee == people["cadre"]
    owner = login(people["cadre"])
    assert owner.get(f"/life-meetings/measures/{measure.pk}/").status_code == 200
    assert owner.post(f"/life-meetings/measures/{measure.pk}/", {"done_report": "已走访"}).status_code == 302
    assert Obligation.objects.get(key=periodic.measure_key(measure.pk)).state == "done"


def test_the_compliance_report_counts_per_article_and_prints(town, people, login):
    periodic.generate(town, timezone.localdate())
    client = login(people["clerk"])
    body = client.get("/life-meetings/compliance/").content.decode()
    assert 'data-article="R1§13"' in body and 'data-article="R13§3"' in body
    assert (
        client.post("/life-meetings/compliance/present/", {"year": timezone.localdate().year}).status_code
        == 302
    )
    year = timezone.localdate().year
    assert Obligation.objects.get(key=periodic.compliance_key(year)).state == "done"
    response = client.get(f"/life-meetings/compliance/document/?year={year}")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response.content[:2] == b"PK"
    check_xml(response.content, township=town.name)  # GB/T 9704: the one builder's layout
    check_pdf(response.content)
    pdf = client.get(f"/life-meetings/compliance/document.pdf?year={year}")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content[:4] == b"%PDF"
