"""The meeting pages as the clerk and the members use them, with the refusals (403/404/405/409)."""

import datetime

import pytest
from django.urls import reverse

from tests import factories
from tests.meetings.meeting_factory import SH, approved_item, meeting, team
from zhidu.meetings.models import Attendance, Meeting


@pytest.fixture
def people(town):
    return team(town)


@pytest.fixture
def m(town, people):
    return meeting(town, people, [approved_item(town, people)])


def url(name, *args):
    return reverse(f"meetings:{name}", args=args)


@pytest.mark.django_db
def test_clerk_creates_a_meeting_from_the_form(client, town, people):
    item = approved_item(town, people)
    client.force_login(people["clerk"].user)
    assert client.get(url("meeting-create")).status_code == 200
    response = client.post(
        url("meeting-create"),
        {
            "body": "team",
            "title": "党委会议（第十二次）",
            "day": "2026-10-08",
            "time": "09:00",
            "place": "三楼会议室",
            "chair": people["yang"].pk,
            "recorder": people["clerk"].pk,
            "items": [item.pk],
        },
    )
    created = Meeting.objects.get(title="党委会议（第十二次）")
    assert response.status_code == 302 and response["Location"] == url("meeting-detail", created.pk)
    assert created.attendance.count() == 7 and created.entries.count() == 1
    body = client.get(url("meeting-detail", created.pk)).content.decode()
    assert "2026年9月30日" in body  # latest on-time day for the notice, across National Day


@pytest.mark.django_db
def test_bad_meeting_form_names_the_field_and_keeps_the_input(client, town, people):
    client.force_login(people["clerk"].user)
    response = client.post(
        url("meeting-create"),
        {
            "body": "team",
            "title": "保留的标题",
            "day": "2026-02-30",
            "time": "09:00",
            "chair": people["yang"].pk,
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "日期：" in body and "保留的标题" in body
    assert not Meeting.objects.exists()


@pytest.mark.django_db
def test_members_answer_the_notice(client, town, people, m):
    client.force_login(people["clerk"].user)
    client.post(url("meeting-notice", m.pk), {"version": m.version, "channel": "written"})
    client.force_login(people["hu"].user)
    assert client.post(url("meeting-confirm", m.pk)).status_code == 302
    assert client.post(url("meeting-absence", m.pk), {"reason": "市委党校培训"}).status_code == 302
    entry = m.entries.get()
    assert client.post(url("meeting-conflict", m.pk, entry.pk)).status_code == 302
    a = m.attendance.get(person=people["hu"])
    assert a.notice_confirmed_at and a.status == Attendance.Status.ABSENT and a.reason == "市委党校培训"
    assert entry.conflicts.get().person == people["hu"]
    # Not an expected member of a secretary's office meeting: no answers there.
    office = meeting(town, people, [], body="secretary_office")
    assert client.post(url("meeting-confirm", office.pk)).status_code == 403


@pytest.mark.django_db
def test_record_screen_refuses_more_votes_than_voters_and_keeps_the_input(client, town, people, m):
    client.force_login(people["clerk"].user)
    statuses = {f"status_{a.person_id}": "present" for a in m.attendance.all()}
    assert client.post(url("record", m.pk), {"version": m.version, **statuses}).status_code == 302
    m.refresh_from_db()
    entry = m.entries.get()
    response = client.post(
        url("record-entry", m.pk, entry.pk),
        {
            "version": m.version,
            "vote_method": "show_of_hands",
            "votes_for": "9",
            "votes_against": "0",
            "votes_abstain": "0",
            "resolution": "不要丢失的决议文字",
        },
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "超过可投票的到会成员 7 人" in body and "不要丢失的决议文字" in body


@pytest.mark.django_db
def test_stale_version_gets_409_and_keeps_the_input(client, town, people, m):
    client.force_login(people["clerk"].user)
    stale = m.version
    statuses = {f"status_{a.person_id}": "present" for a in m.attendance.all()}
    client.post(url("record", m.pk), {"version": stale, **statuses})
    response = client.post(
        url("record", m.pk), {"version": stale, **statuses, f"reason_{people['xu'].pk}": "保留的理由"}
    )
    assert response.status_code == 409
    assert "保留的理由" in response.content.decode()


@pytest.mark.django_db
def test_close_numbers_minutes_and_export_is_a_valid_record(client, town, people, m):
    client.force_login(people["clerk"].user)
    client.post(url("meeting-notice", m.pk), {"version": m.version, "channel": "written"})
    m.refresh_from_db()
    statuses = {f"status_{a.person_id}": "present" for a in m.attendance.all()}
    client.post(url("record", m.pk), {"version": m.version, **statuses})
    m.refresh_from_db()
    entry = m.entries.get()
    ballots = {f"ballot_{a.person_id}": "for" for a in m.attendance.all()}
    client.post(
        url("record-entry", m.pk, entry.pk), {"version": m.version, "vote_method": "named_ballot", **ballots}
    )
    m.refresh_from_db()
    response = client.post(url("meeting-close", m.pk), {"version": m.version})
    assert response.status_code == 302 and response["Location"] == url("minutes", m.pk)
    minutes = client.get(url("minutes", m.pk)).content.decode()
    assert "测党会纪〔2026〕1号" in minutes and "通过" in minutes
    export = client.get(url("export", m.pk))
    record = export.json()
    assert record["format"] == "zhidu.meeting/1" and record["items"][0]["vote"]["method"] == "named_ballot"
    from zhidu.meetings.record import parse_meeting

    parse_meeting(record)  # the export is a valid input of `zhidu evaluate`


@pytest.mark.django_db
@pytest.mark.parametrize("persona,expected", [("clerk", 200), ("yang", 200), ("hu", 200)])
def test_who_reads_a_meeting(client, people, m, persona, expected):
    client.force_login(people[persona].user)
    assert client.get(url("meeting-detail", m.pk)).status_code == expected


@pytest.mark.django_db
def test_refusals(client, town, people, m):
    cadre = factories.person(town, "普通干部", username="plain")
    client.force_login(cadre.user)
    assert client.get(url("meeting-detail", m.pk)).status_code == 403  # cadres do not read deliberations
    client.force_login(people["hu"].user)
    assert client.get(url("record", m.pk)).status_code == 403  # members do not keep the record
    assert client.get(url("meeting-create")).status_code == 403
    client.force_login(people["clerk"].user)
    assert client.get(url("meeting-close", m.pk)).status_code == 405
    assert client.get(url("meeting-notice", m.pk)).status_code == 405
    other = factories.township()
    stranger = factories.person(other, "外镇党办", username="stranger", dept_kind="party_office")
    client.force_login(stranger.user)
    assert client.get(url("meeting-detail", m.pk)).status_code == 404
    assert client.get(url("export", m.pk)).status_code == 404


@pytest.mark.django_db
def test_meeting_page_query_budget(client, town, people, django_assert_max_num_queries):
    items = [approved_item(town, people, f"议题{i}", "general") for i in range(12)]
    big = meeting(town, people, items, held_at=datetime.datetime(2026, 7, 1, 9, tzinfo=SH))
    client.force_login(people["clerk"].user)
    # Observers (列席, R2): the list, the cadres who may be invited, and the record's observers: 3.
    with django_assert_max_num_queries(34):
        assert client.get(url("meeting-detail", big.pk)).status_code == 200


@pytest.mark.django_db
def test_reserved_opinion_is_recorded_and_printed(client, town, people, m):
    client.force_login(people["clerk"].user)
    client.post(url("meeting-notice", m.pk), {"version": m.version, "channel": "written"})
    m.refresh_from_db()
    statuses = {f"status_{a.person_id}": "present" for a in m.attendance.all()}
    client.post(url("record", m.pk), {"version": m.version, **statuses})
    entry = m.entries.get()
    reserved = url("record-reserved", m.pk, entry.pk)
    response = client.post(reserved, {"person": people["hu"].pk, "text": ""}, follow=True)
    assert "保留意见内容不能为空" in response.content.decode()
    client.post(reserved, {"person": people["hu"].pk, "text": "资金来源尚需进一步论证"})
    assert entry.reserved_opinions.get().person == people["hu"]
    m.refresh_from_db()
    ballots = {f"ballot_{a.person_id}": "for" for a in m.attendance.all()}
    client.post(
        url("record-entry", m.pk, entry.pk), {"version": m.version, "vote_method": "named_ballot", **ballots}
    )
    m.refresh_from_db()
    client.post(url("meeting-close", m.pk), {"version": m.version})
    assert "胡新璐的保留意见：资金来源尚需进一步论证" in client.get(url("minutes", m.pk)).content.decode()
    assert client.post(reserved, {"person": people["hu"].pk, "text": "会后补充"}).status_code == 302
    assert entry.reserved_opinions.count() == 1  # closed: nothing added to the archive afterwards
