"""The notifications kernel's part of the access crawl: a failed notification per township (the
outbox and its retry) and a person whose contact addresses the party office edits; the receipt
link is public (its signed token is the credential)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from tests.core.crawl_support import Secret, Target, marker, rows
from zhidu.notifications.models import ContactAddress, InboundMessage, Notification
from zhidu.notifications.outbox import enqueue

# The receipt link (its signed token) and the providers' webhooks (their shared secret, or the
# provider's own signature: WeCom's encrypted callback, DingTalk's robot) are public.
PUBLIC = {
    "notifications:receipt",
    "notifications:inbound-sms",
    "notifications:inbound-wecom",
    "notifications:inbound-wecom-callback",
    "notifications:inbound-dingtalk",
}


def populate(t, *, team, clerk, discipline, owners, reporters) -> None:
    member = team[-1]
    ContactAddress.objects.get_or_create(
        township=t.township, person=member, channel="email", defaults={"address": "member@example.org"}
    )
    with transaction.atomic():
        [row] = enqueue(
            township=t.township, topic="crawl", key="crawl", subject="巡检通知", body="正文",
            recipient=member, channel="email", now=timezone.now(),
        )  # fmt: skip
    Notification.objects.filter(pk=row.pk).update(state=Notification.State.FAILED, answer="crawl")
    t.rows["notification"] = row
    t.rows["notify_person"] = member
    # A message from an unknown number: its text only on the office's inbound page.
    InboundMessage.objects.create(
        township=t.township, channel="sms", message_id=f"crawl-{t.tag}", sender="13900000000",
        text=f"你好{marker(t.tag, 'INBOUND')}", received_at=timezone.now(), outcome="unknown",
    )  # fmt: skip


def secrets(world, may) -> list[Secret]:
    return [
        Secret(
            marker(t.tag, "INBOUND"),
            t.township.pk,
            lambda p, u: may(p, "notifications.inbound"),
            only="notifications:inbound",
        )
        for t in world.values()
    ]


def _township(world):
    return [Target({"township": t.township.code}, t.township.pk, t.township) for t in world.values()]


SOURCES = {
    "notifications/inbound/<township>": _township,
    "notifications/outbox/<pk>": rows("notification"),
    "notifications/people/<pk>": rows("notify_person"),
}
