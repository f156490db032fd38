"""A meeting page posting back a malformed version or person id (a tampered or broken page) is a
stale page (409, or the page again with the reason), never a 500. Found by the form fuzzer
(tests/fuzz/test_forms.py): int("abc"), and "²", a digit to str.isdigit but not to int."""

import pytest
from django.urls import reverse

from tests.meetings.meeting_factory import approved_item, meeting, team
from zhidu.meetings.models import Meeting

BAD = ["abc", "²", "1.5", "", "\x00"]


@pytest.fixture
def people(town):
    return team(town)


@pytest.fixture
def m(town, people):
    return meeting(town, people, [approved_item(town, people)])


def url(name, *args):
    return reverse(f"meetings:{name}", args=args)


@pytest.mark.django_db
@pytest.mark.parametrize("version", BAD)
def test_a_malformed_version_is_a_stale_page(client, people, m, version):
    client.force_login(people["clerk"].user)
    statuses = {f"status_{p.pk}": "present" for k, p in people.items() if k != "clerk"}
    assert client.post(url("record", m.pk), {"version": version, **statuses}).status_code == 409
    entry = m.entries.get()
    response = client.post(url("record-entry", m.pk, entry.pk), {"version": version, "vote_method": ""})
    assert response.status_code in {400, 409}
    assert client.post(url("meeting-close", m.pk), {"version": version}).status_code == 302
    assert client.post(url("meeting-notice", m.pk), {"version": version}).status_code == 302
    m.refresh_from_db()
    assert m.state != Meeting.State.CLOSED and m.notice_sent_at is None


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["²", "abc", "-1"])
def test_a_malformed_person_or_chair_is_refused_by_name(client, people, m, value):
    client.force_login(people["clerk"].user)
    entry = m.entries.get()
    response = client.post(url("record-reserved", m.pk, entry.pk), {"person": value, "text": "保留意见"})
    assert response.status_code == 302 and not entry.reserved_opinions.exists()
    response = client.post(url("record", m.pk), {"version": m.version, "chair": value})
    assert response.status_code in {302, 400}
    m.refresh_from_db()
    assert m.chair_id == people["yang"].pk


@pytest.mark.django_db
def test_an_empty_entry_post_is_refused_with_the_form(client, people, m):
    client.force_login(people["clerk"].user)
    entry = m.entries.get()
    response = client.post(url("record-entry", m.pk, entry.pk), {})
    assert response.status_code in {400, 409}
    assert response.context["form"].is_bound
