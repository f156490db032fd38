"""The entry points of the notifications kernel: each checks the permission, changes its rows in
one transaction with a conditional UPDATE and writes the audit entry."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from zhidu.core import audit
from zhidu.core.permissions import require, require_person
from zhidu.notifications.inbound import INBOUND_CHANNELS, command_of, is_confirmation
from zhidu.notifications.models import Channel, ContactAddress, InboundMessage, Notification
from zhidu.notifications.outbox import (
    RECEIPT_MAX_AGE,
    enqueue,
    read_receipt_token,
    receipt_handler,
    receipt_topics,
)

if TYPE_CHECKING:
    from zhidu.core.permissions import Actor
    from zhidu.org.models import Person, Township

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
    return confirm_group(int(str(data.get("t"))), str(data.get("g")), str(data.get("c")))


def confirm_group(township_id: int, group: str, channel: str) -> Notification | None:
    """Confirm one message on every channel (the link, or a "确认" sent back on `channel`)."""
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


# --- inbound messages (issue 16, R18 第三) ----------------------------------------------------------

Outcome = InboundMessage.Outcome
REPLY_TOPIC = "notifications.reply"
HELP = "可回复“日志 今日工作总结 计划：次日工作计划”报送工作日清，或回复“确认”确认收到会议通知。"


def sender_of(township: Township, channel: str, sender: str) -> Person | None:
    """The active person of the township whose registered address on the channel is the sender's
    number (or WeCom userid); a WeCom userid that is a mobile number also matches their SMS number."""
    points = ContactAddress.objects.filter(
        township=township, address=sender, person__active=True
    ).select_related("person")
    for wanted in (channel, *MOBILE_CHANNELS):
        point = next((p for p in points if p.channel == wanted), None)
        if point is not None:
            return point.person
    return None


def _confirm_latest(person: Person, channel: str) -> tuple[str, str, Notification | None]:
    """ "确认": the person's latest unconfirmed message that asks for a receipt (a meeting's notice)."""
    latest = (
        Notification.objects.filter(
            township_id=person.township_id,
            recipient=person,
            confirmed_at__isnull=True,
            topic__in=receipt_topics(),
            created_at__gte=timezone.now() - RECEIPT_MAX_AGE,  # as long as its link is valid
        )
        .order_by("-created_at", "-pk")
        .first()
    )
    if latest is None:
        return Outcome.NOTHING_TO_CONFIRM, "您目前没有待确认的通知。", None
    confirm_group(person.township_id, latest.group_key, channel)
    return Outcome.RECEIPT, f"已确认收到：{latest.subject}", latest


def receive(
    *,
    township: Township,
    channel: str,
    message_id: str,
    sender: str,
    text: str,
    received_at: datetime.datetime,
) -> tuple[InboundMessage, bool]:
    """One message in through a channel's webhook (the webhook checked its secret): kept once per
    provider's message id (a retried callback returns the row it wrote, False), attributed by the
    sender's registered address, then acted on: a registered command ("日志 …"), a confirmation
    ("确认", "收到"), or nothing (unknown sender, not understood). The sender is answered through the
    outbox (an unknown number at most once a day); every row is audited."""
    if channel not in INBOUND_CHANNELS:
        raise ValueError(f"inbound: no webhook for channel {channel!r}")
    with transaction.atomic():
        try:
            with transaction.atomic():
                row = InboundMessage.objects.create(
                    township=township, channel=channel, message_id=message_id, sender=sender, text=text,
                    received_at=received_at, outcome=Outcome.NOT_UNDERSTOOD,
                )  # fmt: skip
        except IntegrityError:
            return InboundMessage.objects.get(
                township=township, channel=channel, message_id=message_id
            ), False
        person = sender_of(township, channel, sender)
        target: object = None
        outcome: str
        command = command_of(text) if person is not None else None
        if person is None:
            outcome, reply = (
                Outcome.UNKNOWN_SENDER,
                "您好，本号码未在制度系统登记，消息未处理。如有需要请联系镇党政办。",
            )
        elif is_confirmation(text) or command is not None:
            try:
                with transaction.atomic():
                    if command is None:
                        outcome, reply, target = _confirm_latest(person, channel)
                    else:
                        handler, rest = command
                        reply, target = handler(person, rest, channel, received_at)
                        outcome = Outcome.DAILY_LOG
            except ValidationError as error:
                outcome, reply = Outcome.REFUSED, "未能办理：" + "；".join(error.messages)
            except PermissionDenied:
                outcome, reply = Outcome.REFUSED, "未能办理：您没有通过消息办理此事的权限，请联系镇党政办。"
        else:
            outcome, reply = Outcome.NOT_UNDERSTOOD, "您好，未能识别这条消息。" + HELP
        fields: dict[str, object] = {"person": person, "outcome": outcome, "reply": reply[:500]}
        if isinstance(target, models.Model):
            fields.update(target_type=target._meta.label_lower, target_id=str(target.pk))
        InboundMessage.objects.filter(pk=row.pk).update(**fields)
        row.refresh_from_db()
        audit.record(
            getattr(person, "user", None) if person is not None else None,
            "notifications.inbound",
            row,
            township=township,
            summary=f"{row.get_channel_display()}：{row.get_outcome_display()}",
            channel=channel,
            outcome=outcome,
        )
        _answer(row, person, reply, received_at)
    return row, True


def _answer(row: InboundMessage, person: Person | None, reply: str, at: datetime.datetime) -> None:
    """The reply, through the outbox on the channel it came in by (non-urgent: the quiet hours
    apply). An unknown sender is answered at most once a day per number (an SMS costs money: a
    flood of unknown numbers must not become a flood of replies), and only on a mobile number."""
    subject = "制度系统回复"
    if person is not None:
        enqueue(
            township=row.township, topic=REPLY_TOPIC, key=f"inbound:{row.pk}", subject=subject, body=reply,
            recipient=person, channel=row.channel, target=row,
        )  # fmt: skip
        return
    try:
        address = clean_address(Channel.SMS, row.sender)
    except ValidationError:
        return
    if address:
        day = timezone.localdate(at).isoformat()
        enqueue(
            township=row.township, topic=REPLY_TOPIC, key=f"inbound-unknown:{row.channel}:{address}:{day}",
            subject=subject, body=reply, address=address, channel=row.channel, target=row,
        )  # fmt: skip
