"""The live 制度检查 panel of a form not saved yet (issue 11, "warn before, not after"): each meeting
form's preview endpoint judges the posted values by the same checks, cites the articles, writes
nothing, refuses whom the form's own view refuses, and never answers a bad value with a 500."""

import datetime

import pytest
from django.apps import apps
from django.urls import reverse

from tests import factories
from tests.meetings.meeting_factory import SH, approved_item, meeting, team
from zhidu.core.models import AuditEntry
from zhidu.meetings import services
from zhidu.meetings.preview import typed_vote, with_attendance
from zhidu.meetings.views.preview import TEMPLATE

pytestmark = pytest.mark.django_db

HELD = datetime.datetime(2026, 6, 18, 15, 0, tzinfo=SH)


@pytest.fixture
def people(town):
    return team(town)


@pytest.fixture
def m(town, people):
    return meeting(town, people, [approved_item(town, people)], held_at=HELD)


def url(name, *args):
    return reverse(f"meetings:{name}", args=args)


def counts():
    """Rows of every model: a preview changes none of them."""
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def all_present(m):
    return {f"status_{a.person_id}": "present" for a in m.attendance.all()}


def recorded(m, people):
    """Attendance saved, everyone present: the item's record form is open."""
    statuses = {a.person_id: ("present", "") for a in m.attendance.all()}
    services.record_attendance(
        m, version=m.version, statuses=statuses, user=people["clerk"].user, emergency_reason="测试"
    )
    m.refresh_from_db()
    return m.entries.get()


def test_ticking_below_the_quorum_shows_the_finding_with_its_article(client, people, m):
    client.force_login(people["clerk"].user)
    before = counts()
    ticks = all_present(m)
    for name in ("qiu", "guo", "qu", "hu"):
        ticks[f"status_{people[name].pk}"] = "absent"
        ticks[f"reason_{people[name].pk}"] = "出差"
    response = client.post(url("preview-attendance", m.pk), ticks)
    assert response.status_code == 200
    assert response.templates[0].name == TEMPLATE
    html = response.content.decode()
    assert "不足法定到会人数 4 人" in html and "R1§6" in html
    assert 'data-testid="preview-note"' in html
    assert counts() == before  # nothing written, nothing audited
    # Ticked back to four present: the quorum is met (half of seven, included: 4).
    ticks[f"status_{people['qiu'].pk}"] = "present"
    html = client.post(url("preview-attendance", m.pk), ticks).content.decode()
    assert "不足法定到会人数" not in html
    assert counts() == before


def test_an_absence_without_reason_and_members_not_ticked_yet(client, people, m):
    client.force_login(people["clerk"].user)
    ticks = all_present(m)
    ticks[f"status_{people['hu'].pk}"] = "absent"
    ticks[f"status_{people['lin'].pk}"] = "unknown"
    html = client.post(url("preview-attendance", m.pk), ticks).content.decode()
    assert "胡新璐缺席，未记录缺席理由" in html and "R1§12(5)" in html
    assert 'data-testid="unticked"' in html and "林平" in html
    assert "林平缺席" not in html  # not ticked is not an absence without a reason


def test_speaking_order_close_vote_and_too_many_votes(client, people, m):
    entry = recorded(m, people)
    client.force_login(people["clerk"].user)
    before = counts()
    url_ = url("preview-entry", m.pk, entry.pk)
    # The chair (杨栋) speaks before 郭爱峰: R1§7(3).
    posted = {f"speak_{people['qiu'].pk}": "1", f"speak_{people['yang'].pk}": "2"}
    posted[f"speak_{people['guo'].pk}"] = "3"
    html = client.post(url_, posted).content.decode()
    assert "主持人杨栋先于郭爱峰发言" in html and "R1§7(3)" in html
    # The chair last: no finding.
    posted[f"speak_{people['yang'].pk}"] = "4"
    assert "先于" not in client.post(url_, posted).content.decode()
    # 4 to 3: a close vote, defer it (R1§7(4)); no close vote while no count is typed.
    vote = {"vote_method": "show_of_hands", "votes_for": "4", "votes_against": "3", "votes_abstain": ""}
    html = client.post(url_, {**posted, **vote}).content.decode()
    assert "一般应暂缓表决" in html and "R1§7(4)" in html
    html = client.post(url_, {**posted, "vote_method": "show_of_hands"}).content.decode()
    assert "暂缓" not in html
    # 9 votes from 7 present: R1§7(5).
    vote = {"vote_method": "show_of_hands", "votes_for": "6", "votes_against": "3", "votes_abstain": "0"}
    html = client.post(url_, {**posted, **vote}).content.decode()
    assert "共计 9 票" in html and "超过到会且未回避的成员数 7" in html and "R1§7(5)" in html
    assert counts() == before
    entry.refresh_from_db()
    assert entry.votes_for is None and entry.speakers == []


def test_a_recusal_not_ticked_and_an_item_not_in_the_notice(client, people, m):
    entry = recorded(m, people)
    services.declare_conflict(entry, people["hu"], "亲属承包", user=people["hu"].user)
    client.force_login(people["clerk"].user)
    html = client.post(url("preview-entry", m.pk, entry.pk), {}).content.decode()
    assert "胡新璐与议题“村级道路维修资金”有利害关系，未回避" in html and "R1§7(4), R4" in html
    # No notice was sent: the large-funds item is an ad-hoc motion once the meeting is on (R1§12(3)).
    assert "未列入会议通知" in html and "R1§12(3)" in html
    ticked = {f"recused_{people['hu'].pk}": "on"}
    assert "未回避" not in client.post(url("preview-entry", m.pk, entry.pk), ticked).content.decode()


@pytest.mark.parametrize(
    "posted",
    [
        {"votes_for": "abc", "vote_method": "show_of_hands"},
        {"votes_for": "-3", "vote_method": "show_of_hands"},
        {"vote_method": "pigeon", "speak_999999": "1"},
        {"speak_1": "x", "ballot_1": "maybe", "deferred": "?" * 5000},
    ],
)
def test_bad_entry_values_are_left_out_and_named(client, people, m, posted):
    entry = recorded(m, people)
    client.force_login(people["clerk"].user)
    person = people["qiu"].pk
    posted = {k.replace("_1", f"_{person}"): v for k, v in posted.items()}
    response = client.post(url("preview-entry", m.pk, entry.pk), posted)
    assert response.status_code == 200
    html = response.content.decode()
    if posted.get("votes_for") or posted.get("vote_method") == "pigeon" or f"speak_{person}" in posted:
        assert 'data-testid="preview-ignored"' in html


@pytest.mark.parametrize(
    "posted",
    [
        {"status_1": "late", "chair": "abc"},
        {"chair": "²"},
        {"chair": "999999"},
        {"reason_1": "x" * 10000},
    ],
)
def test_bad_attendance_values_are_left_out(client, people, m, posted):
    client.force_login(people["clerk"].user)
    person = people["qiu"].pk
    posted = {k.replace("_1", f"_{person}"): v for k, v in posted.items()}
    assert client.post(url("preview-attendance", m.pk), posted).status_code == 200


def test_the_convene_form_shows_the_notice_deadline_pending_and_the_invited(client, town, people):
    item = approved_item(town, people)
    client.force_login(people["clerk"].user)
    before = counts()
    # Far ahead: the notice is not due yet, so it is a deadline, not a finding (R1§7(2)).
    posted = {"body": "team", "title": "党委会议", "day": "2036-06-18", "time": "15:00"}
    posted |= {"chair": people["yang"].pk, "items": [item.pk]}
    response = client.post(url("preview-create"), posted)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="notice-pending"' in html and "书面通知最晚应于2036年6月17日发出" in html
    assert "会议没有发出通知" not in html and "未列入会议通知" not in html
    invited = html.split('data-testid="invited"')[1].split("</p>")[0]
    assert "7" in invited and "4" in invited  # 7 invited, 4 needed (its words come with the .po)
    # R1§9: no recorder named yet.
    assert "没有指定记录人" in html and "R1§9" in html
    assert counts() == before


def test_the_convene_form_waits_for_a_day_and_flags_bad_values(client, people):
    client.force_login(people["clerk"].user)
    html = client.post(url("preview-create"), {"body": "team"}).content.decode()
    assert 'data-testid="preview-waiting"' in html
    for posted in (
        {"body": "party", "day": "2026-02-30", "time": "25:00"},
        {"body": "team", "day": "2026-06-18", "time": "15:00", "chair": "abc", "items": ["x", "-1"]},
        {"body": "team", "day": "1900-01-01", "time": "09:00"},
    ):
        response = client.post(url("preview-create"), posted)
        assert response.status_code == 200, posted
    html = client.post(
        url("preview-create"), {"body": "team", "day": "2026-06-18", "time": "15:00", "chair": "abc"}
    )
    assert 'data-testid="preview-ignored"' in html.content.decode()


def test_the_edit_form_judges_the_meeting_as_changed(client, people, m):
    services.request_absence(m, people["qiu"], "到县里开会", user=people["qiu"].user)
    client.force_login(people["clerk"].user)
    before = counts()
    posted = {
        "body": "team",
        "title": m.title,
        "day": "2036-06-18",
        "time": "15:00",
        "chair": people["yang"].pk,
    }
    html = client.post(url("preview-edit", m.pk), posted).content.decode()
    assert "书面通知最晚应于2036年6月17日发出" in html
    # The leader in charge of the item has asked to be away: R1§6.
    assert "分管领导邱维兴缺席" in html and "R1§6" in html
    invited = html.split('data-testid="invited"')[1].split("</p>")[0]
    assert "7" in invited and "6" in invited  # of the seven invited, six not known to be away
    assert counts() == before
    m.refresh_from_db()
    assert m.held_at == HELD


@pytest.mark.parametrize("name", ["preview-attendance", "preview-edit"])
def test_who_may_preview(client, town, people, m, name):
    target = url(name, m.pk)
    client.force_login(people["hu"].user)  # a team member reads meetings but does not keep them
    assert client.post(target, {}).status_code == 403
    client.force_login(people["yang"].user)  # nor does the principal
    assert client.post(target, {}).status_code == 403
    client.force_login(people["clerk"].user)
    assert client.get(target).status_code == 405  # posted only: it judges what the form holds
    other = factories.township()
    stranger = factories.person(other, "外镇党办", username="stranger", dept_kind="party_office")
    client.force_login(stranger.user)
    assert client.post(target, {}).status_code == 404  # another township's meeting
    client.logout()
    assert client.post(target, {}).status_code == 302  # to log in


def test_another_townships_entry_is_a_404_and_create_is_refused_to_members(client, town, people, m):
    entry = recorded(m, people)
    other = factories.township()
    stranger = factories.person(other, "外镇党办", username="stranger", dept_kind="party_office")
    client.force_login(stranger.user)
    assert client.post(url("preview-entry", m.pk, entry.pk), {}).status_code == 404
    client.force_login(people["hu"].user)
    assert client.post(url("preview-entry", m.pk, entry.pk), {}).status_code == 403
    assert client.post(url("preview-create"), {}).status_code == 403
    assert not AuditEntry.objects.filter(action__startswith="preview").exists()


def test_a_closed_meetings_panel_is_its_saved_one(client, people, m):
    m.state = m.State.CANCELLED
    m.save(update_fields=["state"])
    client.force_login(people["clerk"].user)
    html = client.post(url("preview-attendance", m.pk), all_present(m)).content.decode()
    assert 'data-testid="preview-note"' not in html


def test_with_attendance_and_typed_vote_are_plain_data():
    record = {
        "members": [{"id": "p1"}, {"id": "p2"}, {"id": "p3"}],
        "present": ["p1"],
        "absent": [{"member": "p2", "reason": "病假"}, {"member": "p3", "reason": ""}],
        "chair": "p1",
    }
    merged, unticked = with_attendance(record, {"p3": ("unknown", "")}, chair="p2")
    assert merged["present"] == ["p1"] and unticked == ["p3"] and merged["chair"] == "p2"
    assert merged["absent"][0] == {"member": "p2", "reason": "病假"}
    assert record["chair"] == "p1"  # the saved record is left as it was
    assert typed_vote("", (1, 2, 3), {}) is None
    assert typed_vote("show_of_hands", (None, None, None), {}) is None
    assert typed_vote("show_of_hands", (4, None, None), {}) == {
        "method": "show_of_hands",
        "for": 4,
        "against": 0,
        "abstain": 0,
    }
    assert typed_vote("named_ballot", (None, None, None), {}) is None
    assert typed_vote("named_ballot", (None, None, None), {"p1": "for"})["ballots"] == {"p1": "for"}
