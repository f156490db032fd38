"""R13 八 on the portal (issue 15): once the convener has recorded the feedback ready, the party
office publishes it in one click from the meeting's page (党务公开 · 领导班子建设); the page's
address is audited; only the party office publishes, and only a recorded feedback."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from tests.life_meetings.helpers import hold, meeting
from zhidu.core.models import AuditEntry
from zhidu.life_meetings import aftercare, publishing
from zhidu.portal.models import Article

pytestmark = pytest.mark.django_db
SH = ZoneInfo("Asia/Shanghai")
FEEDBACK = "班子成员共查摆问题12条，制定整改措施15项，整改情况将在党务公开栏持续公开。"


@pytest.fixture
def ready(town, people):
    with time_machine.travel(datetime.datetime(2026, 11, 20, 9, tzinfo=SH), tick=False):
        m = meeting(people)
        hold(people, m, datetime.date(2026, 11, 20))
        aftercare.record_feedback(m, by=people["secretary"], text=FEEDBACK)
    m.refresh_from_db()
    return m


def client_of(person) -> Client:
    client = Client()
    client.force_login(person.user)
    return client


def test_the_party_office_publishes_the_feedback_in_one_click(town, people, ready):
    desk = client_of(people["clerk"])
    page = desk.get(f"/life-meetings/{ready.pk}/").content.decode()
    title, body = publishing.proposal(ready)
    assert 'id="publish-feedback"' in page and title in page and FEEDBACK in body
    response = desk.post(f"/life-meetings/{ready.pk}/feedback/publish/", {"title": title, "body": body})
    assert response.status_code == 302
    article = Article.objects.get(township=town, source_type=publishing.SOURCE_TYPE, source_id=str(ready.pk))
    assert article.state == "published" and (article.category, article.subcategory) == (
        "party_affairs",
        "leadership",
    )
    assert FEEDBACK in article.body
    entry = AuditEntry.objects.get(action="life_meetings.publish_feedback")
    assert entry.detail["url"] == article.get_absolute_url()
    # The meeting's page links the published page; the public reads it without an account.
    page = desk.get(f"/life-meetings/{ready.pk}/").content.decode()
    assert 'id="feedback-published"' in page and article.get_absolute_url() in page
    assert 'id="publish-feedback"' not in page
    public = Client().get(article.get_absolute_url())
    assert public.status_code == 200 and FEEDBACK in public.content.decode()
    # A second click returns the same page, not a second one.
    again = publishing.publish_feedback(people["clerk"].user, ready, title=title, body=body)
    assert again.pk == article.pk


def test_only_the_party_office_publishes_and_only_a_recorded_feedback(town, people, ready):
    title, body = publishing.proposal(ready)
    with pytest.raises(PermissionDenied):
        publishing.publish_feedback(people["secretary"].user, ready, title=title, body=body)
    assert (
        client_of(people["secretary"])
        .post(f"/life-meetings/{ready.pk}/feedback/publish/", {"title": title, "body": body})
        .status_code
        == 403
    )
    with time_machine.travel(datetime.datetime(2026, 11, 20, 9, tzinfo=SH), tick=False):
        other = meeting(people, year=2027)
    with pytest.raises(ValidationError) as refused:
        publishing.publish_feedback(people["clerk"].user, other, title=title, body=body)
    assert "R13§8" in str(refused.value)
    assert not Article.objects.filter(source_type=publishing.SOURCE_TYPE).exists()


def test_an_empty_title_is_refused_and_what_was_typed_is_kept(town, people, ready):
    response = client_of(people["clerk"]).post(
        f"/life-meetings/{ready.pk}/feedback/publish/", {"title": "", "body": "已修改的通报正文"}
    )
    assert response.status_code == 400
    assert "已修改的通报正文" in response.content.decode()
    assert not Article.objects.filter(source_type=publishing.SOURCE_TYPE).exists()
