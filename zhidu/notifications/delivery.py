"""The delivery step of the scheduler's job (registered from apps.py with
zhidu.obligations.jobs.register_generator, so `zhidu sweep` and the embedded scheduler both run it).

1. Pick the queued rows whose next attempt time has come (the partial index `notification_due`).
2. Claim each with a conditional UPDATE (state queued → sending, attempts + 1): of two runners at
   the same moment only one changes the row, so no message is sent twice.
3. Send through the channel's adapter, outside any transaction (a slow provider holds no lock).
4. Record the answer: sent; or queued again after an exponential backoff (respecting the quiet
   hours and rest days); or failed after ZHIDU_NOTIFY_ATTEMPTS attempts or a permanent refusal.
A row left `sending` by a crashed runner is not sent again on its own (it may have gone out): after
STALE it is marked failed, for the administrator to retry from the outbox page."""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass
from typing import cast

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from zhidu.core import audit
from zhidu.core.permissions import SYSTEM
from zhidu.notifications.channels import Message, Result, adapter
from zhidu.notifications.models import ContactAddress, Notification
from zhidu.notifications.timing import Window, backoff, earliest_send
from zhidu.org.models import Township
from zhidu.trust.sealing import Sealed
from zhidu.workdays.services import get_calendar

log = logging.getLogger(__name__)
State = Notification.State
STALE = datetime.timedelta(minutes=15)


@dataclass(frozen=True)
class Delivered:
    sent: int = 0
    retried: int = 0
    failed: int = 0


def claim(pk: int, now: datetime.datetime) -> bool:
    """The idempotent claim: True for exactly one caller per attempt."""
    return bool(
        Notification.objects.filter(pk=pk, state=State.QUEUED, next_attempt_at__lte=now).update(
            state=State.SENDING, attempts=F("attempts") + 1, claimed_at=now
        )
    )


def address_of(row: Notification) -> str:
    if row.recipient_id is None:
        sealed = cast(Sealed, row.address)  # a SealedTextField's value (zhidu.trust.sealing)
        return sealed.reveal(SYSTEM, "发送通知")
    point = ContactAddress.objects.filter(person_id=row.recipient_id, channel=row.channel).first()
    return point.address if point is not None else ""


def attempt(row: Notification) -> Result:
    address = address_of(row)
    if not address:
        return Result(False, "no address for this channel", permanent=True)
    try:
        return adapter(row.channel).send(Message(address, row.subject, row.body, row.link))
    except Exception as error:  # an adapter's bug must not stop the batch; the row says why
        log.exception("notification %s: adapter failed", row.pk)
        return Result(False, f"{type(error).__name__}: {error}"[:500])


def finish(row: Notification, result: Result, now: datetime.datetime, window: Window) -> Notification.State:
    """Record one attempt's answer on the claimed row; returns the new state."""
    if result.ok:
        state, fields = State.SENT, {"sent_at": now}
    elif result.permanent or row.attempts >= window.attempts:
        state, fields = State.FAILED, {}
    else:
        retry_at = earliest_send(
            now + backoff(row.attempts, window), urgent=row.urgent, calendar=get_calendar(), window=window
        )
        state, fields = State.QUEUED, {"next_attempt_at": retry_at}
    Notification.objects.filter(pk=row.pk, state=State.SENDING).update(
        state=state, answer=result.answer[:500], **fields
    )
    return state


def deliver_due(
    now: datetime.datetime | None = None, *, township: Township | None = None, batch: int = 200
) -> Delivered:
    now = now or timezone.now()
    window = Window.from_env()
    due = Notification.objects.filter(state=State.QUEUED, next_attempt_at__lte=now)
    if township is not None:
        due = due.filter(township=township)
    counts: dict[str, int] = {State.SENT: 0, State.QUEUED: 0, State.FAILED: 0}
    for pk in list(due.order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:batch]):
        if not claim(pk, now):
            continue  # another runner has it
        row = Notification.objects.get(pk=pk)
        counts[finish(row, attempt(row), now, window)] += 1
    stale = Notification.objects.filter(state=State.SENDING, claimed_at__lt=now - STALE)
    if township is not None:
        stale = stale.filter(township=township)
    counts[State.FAILED] += stale.update(
        state=State.FAILED, answer="interrupted while sending: retry by hand"
    )
    result = Delivered(counts[State.SENT], counts[State.QUEUED], counts[State.FAILED])
    if result != Delivered():
        with transaction.atomic():
            audit.record(
                None,
                "notifications.deliver",
                township=township,
                summary=f"发送 {result.sent}，待重试 {result.retried}，失败 {result.failed}",
                sent=result.sent,
                retried=result.retried,
                failed=result.failed,
            )
    return result
