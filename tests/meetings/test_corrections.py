"""Correcting a meeting before it is held without rewriting history: edit, cancel with a reason,
withdraw an item before its vote (zhidu.meetings.services.corrections), and their pages."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.meetings.meeting_factory import SH, approved_item, clerk_user, meeting, team
from zhidu.core.models import AuditEntry
from zhidu.meetings import services
from zhidu.meetings.exchange import meeting_record
from zhidu.meetings.forms import schedulable_items
from zhidu.meetings.models import Meeting
from zhidu.obligations.models import Obligation

HELD = datetime.datetime(2026, 6, 18, 15, 0, tzinfo=SH)


@pytest.fixture
def people(town):
    return team(town)


@pytest.fixture
def m(town, people):
    return meeting(town, people, [approved_item(town, people)], held_at=HELD)


def everyone(people):
    return {p.pk: ("present", "") for k, p in people.items() if k != "clerk"}


@pytest.mark.django_db
def test_edit_changes_the_meeting_and_its_members_with_the_body(town, people, m):
    later = HELD + datetime.timedelta(days=1)
    changed = services.edit_meeting(
        m,
        version=m.version,
        title="党委会议（改期）",
        held_at=later,
        place="二楼会议室",
        body="secretary_office",
        chair=people["yang"],
        user=clerk_user(m),
    )
    assert set(changed) == {"title", "held_at", "place", "body"}
    m.refresh_from_db()
    assert (m.title, m.held_at, m.place, m.body) == (
        "党委会议（改期）",
        later,
        "二楼会议室",
        "secretary_office",
    )
    # R2: the secretary's office expects the secretary and the deputies only.
    assert set(m.attendance.values_list("person__name", flat=True)) == {"杨栋", "邱维兴"}
    audit = AuditEntry.objects.get(action="meeting.edit")
    assert audit.detail["changed"]["place"] == ["", "二楼会议室"]


@pytest.mark.django_db
def test_edit_after_the_notice_moves_the_receipt_duties_and_keeps_the_body(town, people, m):
    services.send_notice(m, version=m.version, at=HELD - datetime.timedelta(days=3), user=clerk_user(m))
    m.refresh_from_db()
    with pytest.raises(ValidationError, match="R1§7\\(2\\)"):
        services.edit_meeting(
            m, version=m.version, title=m.title, held_at=HELD, place="", body="secretary_office",
            chair=people["yang"], user=clerk_user(m),
        )  # fmt: skip
    later = HELD + datetime.timedelta(days=1)
    services.edit_meeting(
        m, version=m.version, title=m.title, held_at=later, place="", body="team", chair=people["yang"],
        user=clerk_user(m),
    )  # fmt: skip
    # The change re-sent the notice (R1§7(2)): the member now confirms the changed one, by the
    # meeting's new time; the duty of the first notice is closed.
    assert Obligation.objects.get(key=f"notice:{m.pk}:{people['hu'].pk}").is_finished
    duty = Obligation.objects.get(key=f"notice:{m.pk}:{people['hu'].pk}:r2")
    assert duty.due_at == later and not duty.is_finished


@pytest.mark.django_db
def test_a_held_meeting_cannot_be_edited_nor_cancelled(town, people, m):
    services.record_attendance(m, version=m.version, statuses=everyone(people), user=clerk_user(m))
    m.refresh_from_db()
    with pytest.raises(ValidationError, match="视为已召开"):
        services.cancel_meeting(m, version=m.version, reason="改期", user=clerk_user(m))
    with pytest.raises(ValidationError, match="视为已召开"):
        services.edit_meeting(
            m, version=m.version, title="x", held_at=HELD, place="", body="team", chair=people["yang"],
            user=clerk_user(m),
        )  # fmt: skip


@pytest.mark.django_db
def test_cancel_keeps_the_meeting_with_its_reason_and_tells_the_members(client, town, people, m):
    services.send_notice(m, version=m.version, at=HELD - datetime.timedelta(days=3), user=clerk_user(m))
    m.refresh_from_db()
    with pytest.raises(ValidationError, match="取消会议须说明理由"):
        services.cancel_meeting(m, version=m.version, reason=" ", user=clerk_user(m))
    services.cancel_meeting(m, version=m.version, reason="书记赴县参加紧急会议，会议改期", user=clerk_user(m))
    m.refresh_from_db()
    assert m.state == Meeting.State.CANCELLED and m.cancel_reason == "书记赴县参加紧急会议，会议改期"
    assert AuditEntry.objects.filter(action="meeting.cancel").count() == 1
    told = Obligation.objects.filter(kind="meeting-cancelled", state=Obligation.State.OPEN)
    assert {o.assignee_id for o in told} == {p.pk for k, p in people.items() if k != "clerk"}
    receipt = Obligation.objects.get(key=f"notice:{m.pk}:{people['hu'].pk}")
    assert receipt.state != Obligation.State.OPEN
    # The member's page shows it, with the reason; nothing more can be recorded.
    client.force_login(people["hu"].user)
    page = client.get(reverse("meetings:meeting-detail", args=[m.pk])).content.decode()
    assert 'data-testid="cancelled"' in page and "书记赴县参加紧急会议，会议改期" in page
    with pytest.raises(ValidationError, match="会议已取消"):
        services.record_attendance(m, version=m.version, statuses=everyone(people), user=clerk_user(m))
    with pytest.raises(ValidationError, match="会议已取消"):
        services.close_meeting(m, version=m.version, user=clerk_user(m))


@pytest.mark.django_db
def test_withdraw_an_item_before_its_vote(town, people, m):
    entry = m.entries.get()
    with pytest.raises(ValidationError, match="撤回议题须说明理由"):
        services.withdraw_item(entry, version=m.version, reason="", user=clerk_user(m))
    services.withdraw_item(entry, version=m.version, reason="资金来源尚未落实", user=clerk_user(m))
    entry.refresh_from_db()
    assert entry.withdrawn_at is not None and entry.withdrawal_reason == "资金来源尚未落实"
    m.refresh_from_db()
    # No longer judged or archived as an item of the meeting; the item can go on a later agenda.
    assert meeting_record(m)["items"] == []
    assert entry.item in schedulable_items(town)
    assert AuditEntry.objects.filter(action="meeting.withdraw_item").count() == 1


@pytest.mark.django_db
def test_a_voted_item_cannot_be_withdrawn(town, people, m):
    services.record_attendance(m, version=m.version, statuses=everyone(people), user=clerk_user(m))
    m.refresh_from_db()
    entry = m.entries.get()
    services.record_entry(
        entry, version=m.version, speakers=[], recused=set(), vote_method="show_of_hands",
        counts=(7, 0, 0), ballots=None, opinions={}, deferred=False, user=clerk_user(m),
    )  # fmt: skip
    m.refresh_from_db()
    entry.refresh_from_db()
    with pytest.raises(ValidationError, match="R1§7\\(4\\)"):
        services.withdraw_item(entry, version=m.version, reason="改主意了", user=clerk_user(m))


@pytest.mark.django_db
def test_the_pages_edit_cancel_and_withdraw(client, town, people, m):
    client.force_login(people["clerk"].user)
    edit = reverse("meetings:meeting-edit", args=[m.pk])
    assert client.get(edit).status_code == 200
    bad = client.post(
        edit, {"version": m.version, "body": "team", "title": "保留的名称", "day": "2026-02-30"}
    )
    assert bad.status_code == 400 and "保留的名称" in bad.content.decode()
    ok = client.post(
        edit,
        {"version": m.version, "body": "team", "title": "党委会议（改址）", "day": "2026-06-18",
         "time": "15:00", "place": "三楼会议室", "chair": people["yang"].pk},
    )  # fmt: skip
    assert ok.status_code == 302
    m.refresh_from_db()
    assert m.place == "三楼会议室"
    stale = client.post(edit, {"version": m.version - 1, "body": "team", "title": "x", "day": "2026-06-18",
                               "time": "15:00", "chair": people["yang"].pk})  # fmt: skip
    assert stale.status_code == 409
    entry = m.entries.get()
    other = meeting(town, people, [approved_item(town, people, "另一议题", "general")], held_at=HELD)
    wrong = client.post(
        reverse("meetings:item-withdraw", args=[m.pk]),
        {"version": m.version, "entry": other.entries.get().pk, "reason": "x"},
    )
    assert wrong.status_code == 302 and other.entries.get().withdrawn_at is None
    m.refresh_from_db()
    client.post(
        reverse("meetings:item-withdraw", args=[m.pk]),
        {"version": m.version, "entry": entry.pk, "reason": "暂缓"},
    )
    m.refresh_from_db()
    page = client.get(reverse("meetings:meeting-detail", args=[m.pk])).content.decode()
    assert f'data-testid="withdrawn-{entry.pk}"' in page and "暂缓" in page
    client.post(reverse("meetings:meeting-cancel", args=[m.pk]), {"version": m.version, "reason": "改期"})
    assert Meeting.objects.get(pk=m.pk).state == Meeting.State.CANCELLED
    # A member may not change or cancel.
    client.force_login(people["hu"].user)
    assert client.post(reverse("meetings:meeting-cancel", args=[m.pk]), {"reason": "x"}).status_code == 403
    assert client.get(edit).status_code == 403
