"""A meeting changed after its notice went out (R1§7(2)): the notice goes out again through the
outbox, a new message per send saying what changed; the members' earlier receipts are reset and
their duty follows the changed notice; the written-notice record on the meeting page shows both
sends; a link of the old notice no longer confirms the new one. Audited."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse

from tests import factories
from tests.meetings import meeting_factory as mf
from zhidu.core.models import AuditEntry
from zhidu.meetings import services
from zhidu.meetings.models import Attendance, NoticeSend
from zhidu.notifications.models import ContactAddress, Notification
from zhidu.obligations.models import Obligation

pytestmark = pytest.mark.django_db
SH = ZoneInfo("Asia/Shanghai")
SENT_AT = datetime.datetime(2026, 6, 15, 10, 0, tzinfo=SH)  # Monday, the meeting on Thursday 18th
LATER = datetime.datetime(2026, 6, 19, 9, 30, tzinfo=SH)


@pytest.fixture
def world():
    town = factories.township()
    people = mf.team(town)
    for key in ("qiu", "hu"):
        ContactAddress.objects.create(
            township=town, person=people[key], channel="email", address=f"{key}@example.org"
        )
    first = mf.approved_item(town, people)
    meeting = mf.meeting(town, people, [first])
    services.send_notice(meeting, version=meeting.version, at=SENT_AT, user=mf.clerk_user(meeting))
    meeting.refresh_from_db()
    return town, people, meeting


def edit(meeting, people, **changes):
    values = {
        "title": meeting.title,
        "held_at": meeting.held_at,
        "place": meeting.place,
        "body": meeting.body,
    }
    values |= changes
    return services.edit_meeting(
        meeting, version=meeting.version, chair=people["yang"], user=mf.clerk_user(meeting), **values
    )


def test_a_change_re_sends_the_notice_saying_what_changed(world):
    town, people, meeting = world
    services.confirm_notice(meeting, people["qiu"], user=people["qiu"].user)
    withdrawn = meeting.entries.get()
    extra = mf.approved_item(town, people, title="新建村卫生室选址")
    services.add_item(meeting, extra, version=meeting.version, user=mf.clerk_user(meeting))
    meeting.refresh_from_db()
    services.withdraw_item(withdrawn, version=meeting.version, reason="材料未齐", user=mf.clerk_user(meeting))
    meeting.refresh_from_db()
    assert edit(meeting, people, held_at=LATER, place="二楼会议室") == ["held_at", "place"]
    meeting.refresh_from_db()
    # Two messages to each member, each its own key: the first notice and the changed one.
    rows = Notification.objects.filter(topic="meetings.notice", recipient=people["qiu"]).order_by("pk")
    assert [n.dedupe_key.split(":p")[0] for n in rows] == [
        f"meeting-notice:{meeting.pk}",
        f"meeting-notice:{meeting.pk}:r2",
    ]
    changed = rows[1]
    # (The fixed words are msgids translated at merge; the test reads what is data.)
    assert changed.subject != rows[0].subject and meeting.title in changed.subject
    for text in ("2026年6月18日 15:00", "2026年6月19日 09:30", "二楼会议室", "新建村卫生室选址"):
        assert text in changed.body, changed.body
    # The withdrawn item is named only among the changes (the notice lists the current items).
    assert "村级道路维修资金" in changed.body and "村级道路维修资金" not in changed.body.split("\n\n", 1)[1]
    assert "/notifications/r/" in changed.link and changed.link != rows[0].link
    # The receipts answered the old notice: reset, and each duty now follows the changed one.
    assert not Attendance.objects.filter(meeting=meeting).exclude(notice_confirmed_at=None).exists()
    assert Obligation.objects.get(key=f"notice:{meeting.pk}:{people['hu'].pk}").is_finished
    duty = Obligation.objects.get(key=f"notice:{meeting.pk}:{people['qiu'].pk}:r2")
    assert not duty.is_finished and duty.due_at == LATER and "变更" in duty.title
    # The written-notice record keeps both sends, the second with what changed.
    sends = list(NoticeSend.objects.filter(meeting=meeting))
    assert [(s.revision, s.changes) for s in sends] == [(1, []), (2, ["held_at", "place", "items"])]
    assert sends[1].items == [extra.pk]
    entry = AuditEntry.objects.get(action="meeting.notice_resend")
    assert entry.detail["revision"] == 2 and "二楼会议室" in entry.summary
    # The member confirms the changed notice.
    services.confirm_notice(meeting, people["qiu"], user=people["qiu"].user)
    assert Obligation.objects.get(key=f"notice:{meeting.pk}:{people['qiu'].pk}:r2").is_finished


def test_nothing_changed_sends_nothing(world):
    town, people, meeting = world
    assert edit(meeting, people) == []
    assert Notification.objects.filter(topic="meetings.notice").count() == 2
    assert NoticeSend.objects.filter(meeting=meeting).count() == 1


def test_the_old_notices_link_does_not_confirm_the_changed_one(world):
    town, people, meeting = world
    old = Notification.objects.get(recipient=people["hu"])
    edit(meeting, people, place="三楼会议室")
    assert Client().get(old.link[old.link.index("/notifications/") :]).status_code == 200
    assert Attendance.objects.get(meeting=meeting, person=people["hu"]).notice_confirmed_at is None
    new = Notification.objects.get(recipient=people["hu"], dedupe_key__contains=":r2")
    assert Client().get(new.link[new.link.index("/notifications/") :]).status_code == 200
    assert Attendance.objects.get(meeting=meeting, person=people["hu"]).notice_confirmed_at is not None


def test_the_meeting_page_shows_both_sends(world, client):
    town, people, meeting = world
    edit(meeting, people, place="三楼会议室")
    client.force_login(mf.clerk_user(meeting))
    page = client.get(reverse("meetings:meeting-detail", args=[meeting.pk])).content.decode()
    assert page.count('data-testid="notice-send"') == 2
    assert 'data-revision="2"' in page and "三楼会议室" in page
    assert page.count('data-testid="notice-papers"') == 1


def test_the_clerks_edit_form_re_sends_and_says_so(world, client):
    town, people, meeting = world
    client.force_login(mf.clerk_user(meeting))
    response = client.post(
        reverse("meetings:meeting-edit", args=[meeting.pk]),
        {"version": meeting.version, "body": "team", "title": meeting.title, "day": "2026-06-18",
         "time": "16:00", "place": "", "chair": people["yang"].pk},
        follow=True,
    )  # fmt: skip
    assert response.status_code == 200
    [message] = [str(m) for m in response.context["messages"]]
    assert message != "Nothing was changed." and meeting.title in response.content.decode()
    assert Notification.objects.filter(dedupe_key__contains=f"meeting-notice:{meeting.pk}:r2").count() == 2
    assert NoticeSend.objects.get(meeting=meeting, revision=2).changes == ["held_at"]
