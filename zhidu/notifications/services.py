"""The entry points of the notifications kernel: each checks the permission, changes its rows in
one transaction with a conditional UPDATE and writes the audit entry."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from zhidu.core import audit
from zhidu.core.permissions import require, require_person
from zhidu.notifications.models import Channel, ContactAddress, Notification
from zhidu.notifications.outbox import read_receipt_token, receipt_handler

if TYPE_CHECKING:
    from zhidu.core.permissions import Actor
    from zhidu.org.models import Person

MOBILE_CHANNELS = {Channel.SMS, Channel.WECOM, Channel.DINGTALK}


def retry(notification: Notification, *, user: Actor | None) -> bool:
    """The administrator sends a failed notification again: back to queued, due now, its attempts
    counted afresh. False if it is no longer failed (someone retried it already)."""
    require(user, "notifications.retry", notification)
    with transaction.atomic():
        changed = Notification.objects.filter(pk=notification.pk, state=Notification.State.FAILED).update(
            state=Notification.State.QUEUED, attempts=0, next_attempt_at=timezone.now(), claimed_at=None
        )
        if changed:
            audit.record(
                user,
                "notifications.retry",
                notification,
                summary=notification.subject,
                channel=notification.channel,
                answer=notification.answer,
            )
    return bool(changed)


def clean_address(channel: str, address: str) -> str:
    """The address typed for a channel, or a ValidationError naming the field (in Chinese)."""
    address = address.strip()
    if not address:
        return ""
    if channel == Channel.EMAIL:
        try:
            validate_email(address)
        except ValidationError:
            raise ValidationError({channel: "电子邮箱地址格式不正确"}) from None
    elif channel in MOBILE_CHANNELS:
        digits = address.replace(" ", "").replace("-", "")
        if not (digits.isdigit() and len(digits) == 11 and digits.startswith("1")):
            raise ValidationError({channel: "手机号须为 11 位数字，以 1 开头"})
        address = digits
    return address


def set_contact_addresses(
    person: Person, wanted: dict[str, tuple[str, bool]], *, user: Actor | None
) -> list[ContactAddress]:
    """Save where `person` is reached: channel -> (address, enabled); an empty address removes the
    channel. The person themself (notifications.own) or the party office for anyone
    (notifications.contacts)."""
    own = getattr(user, "person", None)
    if own is not None and own.pk == person.pk:
        require(user, "notifications.own", person)
        require_person(user, person, "notifications.own")
    else:
        require(user, "notifications.contacts", person)
    cleaned, errors = {}, {}
    for channel, (address, enabled) in wanted.items():
        if channel not in Channel.values:
            raise ValidationError({"channel": "未知的通知方式"})
        try:
            cleaned[channel] = (clean_address(channel, address), enabled)
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        for channel, (address, enabled) in cleaned.items():
            if address:
                ContactAddress.objects.update_or_create(
                    person=person,
                    channel=channel,
                    defaults={"township": person.township, "address": address, "enabled": enabled},
                )
            else:
                ContactAddress.objects.filter(person=person, channel=channel).delete()
        audit.record(
            user,
            "notifications.contacts",
            person,
            summary=person.name,
            channels=sorted(c for c, (a, e) in cleaned.items() if a and e),
        )
    return list(ContactAddress.objects.filter(person=person).order_by("channel"))


def confirm_receipt(token: str) -> Notification | None:
    """A receipt link opened: mark every channel of that message confirmed (once) and let its area
    record the receipt (a meeting's notice: the member's Attendance, R1§7(2)). The signed token is
    the credential: no log-in. None for a bad or expired token."""
    data = read_receipt_token(token)
    if data is None:
        return None
    township_id, group, channel = int(str(data.get("t"))), str(data.get("g")), str(data.get("c"))
    rows = Notification.objects.filter(township_id=township_id, group_key=group)
    first = rows.filter(channel=channel).first() or rows.first()
    if first is None:
        return None
    with transaction.atomic():
        now = timezone.now()
        if rows.filter(confirmed_at__isnull=True).update(confirmed_at=now, confirmed_via=channel):
            handler = receipt_handler(first.topic)
            if handler is not None:
                handler(first)
            audit.record(
                None,
                "notifications.receipt",
                first,
                summary=first.subject,
                channel=channel,
                recipient=first.recipient.name if first.recipient else "",
            )
    first.refresh_from_db()
    return first
