"""The meeting's notice sent outward (R1§7(2)): one message per expected member and channel, with
the items and a receipt link; opening the link records the member's receipt on the meeting."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from tests import factories
from tests.meetings import meeting_factory as mf
from zhidu.meetings import services
from zhidu.meetings.models import Attendance
from zhidu.notifications import delivery
from zhidu.notifications.models import ContactAddress, Notification
from zhidu.obligations.models import Obligation

pytestmark = pytest.mark.django_db
SH = ZoneInfo("Asia/Shanghai")
SENT_AT = datetime.datetime(2026, 6, 15, 10, 0, tzinfo=SH)  # Monday, the meeting on Thursday 18th


@pytest.fixture
def world():
    town = factories.township()
    people = mf.team(town)
    for key in ("qiu", "hu"):
        ContactAddress.objects.create(
            township=town, person=people[key], channel="email", address=f"{key}@example.org"
        )
    ContactAddress.objects.create(township=town, person=people["qiu"], channel="wecom", address="13800000002")
    meeting = mf.meeting(town, people, [mf.approved_item(town, people)])
    return town, people, meeting


def send(meeting):
    services.send_notice(meeting, version=meeting.version, at=SENT_AT, user=mf.clerk_user(meeting))


def test_one_message_per_member_and_channel_with_items_and_receipt_link(world):
    town, people, meeting = world
    send(meeting)
    rows = Notification.objects.filter(topic="meetings.notice").order_by("recipient__name", "channel")
    assert [(n.recipient.name, n.channel) for n in rows] == [
        ("胡新璐", "email"),
        ("邱维兴", "email"),
        ("邱维兴", "wecom"),
    ]
    n = rows[0]
    assert "村级道路维修资金" in n.body and "/notifications/r/" in n.link
    assert n.target_type == "meetings.meeting" and n.target_id == str(meeting.pk)
    assert n.next_attempt_at == SENT_AT and not n.urgent


def test_a_refused_notice_queues_nothing(world):
    town, people, meeting = world
    with pytest.raises(services.Conflicting):
        services.send_notice(meeting, version=meeting.version + 5, at=SENT_AT, user=mf.clerk_user(meeting))
    assert not Notification.objects.exists()
    send(meeting)
    with pytest.raises(ValidationError):
        send(meeting)  # sent already
    assert Notification.objects.count() == 3


def test_a_meeting_within_two_days_is_urgent(world):
    town, people, meeting = world
    services.send_notice(
        meeting,
        version=meeting.version,
        at=datetime.datetime(2026, 6, 17, 22, 0, tzinfo=SH),
        user=mf.clerk_user(meeting),
    )
    n = Notification.objects.first()
    assert n.urgent and n.next_attempt_at == datetime.datetime(2026, 6, 17, 22, 0, tzinfo=SH)


def test_the_link_confirms_receipt_once_without_log_in(world, smtp, wecom):
    town, people, meeting = world
    send(meeting)
    assert delivery.deliver_due(SENT_AT).sent == 3
    mail = next(m for m in smtp.messages if m["to"] == ["qiu@example.org"])
    link = Notification.objects.get(recipient=people["qiu"], channel="email").link
    assert link in mail["body"]
    path = link[link.index("/notifications/") :]
    response = Client().get(path)
    assert response.status_code == 200 and "receipt-confirmed" in response.content.decode()
    attendance = Attendance.objects.get(meeting=meeting, person=people["qiu"])
    assert attendance.notice_confirmed_at is not None
    assert Obligation.objects.get(key=f"notice:{meeting.pk}:{people['qiu'].pk}").is_finished
    both = Notification.objects.filter(recipient=people["qiu"])
    assert all(n.confirmed_at and n.confirmed_via == "email" for n in both)
    assert Client().get(path).status_code == 200  # opening it again changes nothing
    assert Attendance.objects.get(pk=attendance.pk).notice_confirmed_at == attendance.notice_confirmed_at


def test_a_forged_link_is_refused(world):
    response = Client().get(reverse("notifications:receipt", args=["forged:token"]))
    assert response.status_code == 404
    assert not Attendance.objects.exclude(notice_confirmed_at=None).exists()


def test_a_confidential_personnel_item_is_not_named_in_a_message_that_leaves_zhidu():
    town = factories.township()
    people = mf.team(town)
    ContactAddress.objects.create(township=town, person=people["hu"], channel="wecom", address="13800000003")
    secret = mf.approved_item(town, people, title="拟任免某村党支部书记", category="personnel")
    secret.confidential = True
    secret.save(update_fields=["confidential"])
    meeting = mf.meeting(town, people, [mf.approved_item(town, people), secret])
    send(meeting)
    [n] = Notification.objects.filter(topic="meetings.notice", channel="wecom")
    assert "村级道路维修资金" in n.body and "拟任免" not in n.body and "2. " in n.body
