"""The notifications kernel's part of the access crawl: a failed notification per township (the
outbox and its retry) and a person whose contact addresses the party office edits; the receipt
link is public (its signed token is the credential)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from tests.core.crawl_support import rows
from zhidu.notifications.models import ContactAddress, Notification
from zhidu.notifications.outbox import enqueue

PUBLIC = {"notifications:receipt"}


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


SOURCES = {
    "notifications/outbox/<pk>": rows("notification"),
    "notifications/people/<pk>": rows("notify_person"),
}
