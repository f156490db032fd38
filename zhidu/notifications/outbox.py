"""`enqueue`: the one way an area sends a message. It writes Notification rows in the caller's
transaction (so a rolled-back state change sends nothing) and never twice for one dedupe key; the
scheduler's job delivers them after commit (zhidu.notifications.delivery).

A message that asks for a receipt (a meeting's notice, R1§7(2)) carries a signed link per channel:
opening it marks the receipt on every channel of that message and calls the handler its area
registered for the topic (`register_receipt`), inside one transaction."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from django.core import signing
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone

from zhidu.env import env_str
from zhidu.notifications.models import Channel, ContactAddress, Notification
from zhidu.notifications.timing import Window, earliest_send
from zhidu.workdays.services import get_calendar

if TYPE_CHECKING:
    from zhidu.org.models import Person, Township

RECEIPT_SALT = "zhidu.notifications.receipt"
RECEIPT_MAX_AGE = datetime.timedelta(days=60)

# topic -> handler(notification) run when a receipt link of that topic is opened (in the transaction).
ReceiptHandler = Callable[[Notification], None]
_receipt_handlers: dict[str, ReceiptHandler] = {}


def register_receipt(topic: str, handler: ReceiptHandler) -> None:
    _receipt_handlers[topic] = handler


def receipt_handler(topic: str) -> ReceiptHandler | None:
    return _receipt_handlers.get(topic)


def receipt_topics() -> list[str]:
    """The topics whose messages ask for a receipt (the areas registered a handler)."""
    return sorted(_receipt_handlers)


def base_url() -> str:
    """Where the links in a message point: ZHIDU_BASE_URL (the address users open Zhidu at)."""
    return env_str("ZHIDU_BASE_URL", "http://localhost:8000").rstrip("/")


def receipt_token(township_id: int, group_key: str, channel: str) -> str:
    return signing.dumps({"t": township_id, "g": group_key, "c": channel}, salt=RECEIPT_SALT, compress=True)


def read_receipt_token(token: str) -> dict[str, object] | None:
    try:
        data = signing.loads(token, salt=RECEIPT_SALT, max_age=RECEIPT_MAX_AGE)
    except signing.BadSignature:  # also SignatureExpired
        return None
    return data if isinstance(data, dict) else None


def receipt_link(township_id: int, group_key: str, channel: str) -> str:
    path = reverse("notifications:receipt", args=[receipt_token(township_id, group_key, channel)])
    return base_url() + path


def channels_of(person: Person) -> list[ContactAddress]:
    return list(ContactAddress.objects.filter(person=person, enabled=True).order_by("channel"))


def enqueue(
    *,
    township: Township,
    topic: str,
    key: str,
    subject: str,
    body: str,
    recipient: Person | None = None,
    address: str = "",
    channel: str = "",
    link: str = "",
    urgent: bool = False,
    receipt: bool = False,
    target: models.Model | None = None,
    now: datetime.datetime | None = None,
) -> list[Notification]:
    """Queue one message to a person (on each of their enabled channels, or only `channel`) or to
    the public (`address` on `channel`). `key` names the message: enqueuing it again is a no-op.
    Must be called inside the transaction of the state change (refused outside one). Returns the
    rows it wrote (none when the person has no channel, or all were queued before)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("enqueue: call it inside the transaction of the state change")
    now = now or timezone.now()
    points: Iterable[tuple[str, str]]
    if recipient is not None:
        points = [
            (p.channel, p.address) for p in channels_of(recipient) if not channel or p.channel == channel
        ]
        group = f"{key}:p{recipient.pk}"
    else:
        if not address or channel not in Channel.values:
            raise ValueError("enqueue: a message to the public needs an address and a channel")
        points, group = [(channel, address)], f"{key}:a"
    send_at = earliest_send(now, urgent=urgent, calendar=get_calendar(), window=Window.from_env())
    rows = [
        Notification(
            township=township,
            topic=topic,
            target_type=target._meta.label_lower if target is not None else "",
            target_id=str(target.pk) if target is not None else "",
            recipient=recipient,
            # A person's address is read from their contact address when sent (it may change before);
            # the public's is kept, sealed.
            address="" if recipient is not None else addr,
            channel=ch,
            subject=subject[:200],
            body=body,
            link=receipt_link(township.pk, group, ch) if receipt else link,
            urgent=urgent,
            dedupe_key=f"{group}:{ch}",
            group_key=group,
            next_attempt_at=send_at,
        )
        for ch, addr in points
    ]
    if not rows:
        return []
    existing = set(
        Notification.objects.filter(
            township=township, dedupe_key__in=[r.dedupe_key for r in rows]
        ).values_list("dedupe_key", flat=True)
    )
    fresh = [r for r in rows if r.dedupe_key not in existing]
    if recipient is None:
        # The public's address is sealed and bound to its row's key by the field's post_save, which
        # bulk_create skips: save it alone, in a savepoint (a racing writer's row wins the key).
        try:
            with transaction.atomic():
                for row in fresh:
                    row.save()
        except IntegrityError:
            return []
        return fresh
    # The unique constraint is the guard when two writers race: the loser's row is dropped.
    Notification.objects.bulk_create(fresh, ignore_conflicts=True)
    return list(
        Notification.objects.filter(township=township, dedupe_key__in=[r.dedupe_key for r in fresh]).order_by(
            "pk"
        )
    )
