"""Leave (R14§5 请销假): a team member reports a trip, a meeting or a training of a day or more to the
principals beforehand; each principal acknowledges it; back, the member cancels it (销假) with a short
report of what the meeting conveyed. Each entry point checks the actor (MATRIX, acting as themselves),
then the input (refusals name the field, in Chinese), writes in one transaction with its audit entry
and opens or completes the duties: the principals' acknowledgement and the member's 销假, which the
one sweep marks overdue when the return date has passed without it."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone

from zhidu.coordination.models import Leave, LeaveAcknowledgement, Purpose
from zhidu.coordination.services.common import (
    due_after_workdays,
    due_at,
    parameters,
    principals,
    refuse,
    text,
)
from zhidu.core import audit
from zhidu.core.permissions import actor_of, require, require_person
from zhidu.obligations.services import complete_by_key, open_obligation
from zhidu.org.models import Person

if TYPE_CHECKING:
    from django.http import HttpRequest

    from zhidu.core.permissions import Actor

MAX_DAYS = 366  # a leave longer than a year is a typing mistake


def ack_key(leave: Leave, principal: Person) -> str:
    return f"coordination:leave:{leave.pk}:ack:{principal.pk}"


def return_key(leave: Leave) -> str:
    return f"coordination:leave:{leave.pk}:return"


def validate(
    purpose: str | None,
    destination: str | None,
    starts_at: datetime.datetime | None,
    ends_on: datetime.date | None,
) -> tuple[str, str, datetime.datetime, datetime.date]:
    if purpose not in Purpose.values:
        refuse("purpose", "外出事由：请选择外出办事、开会或参加培训")
    destination = text(destination, "destination", "去向及事由", limit=200)
    if starts_at is None:
        refuse("starts_at", "外出时间：请填写日期和时间")
    if timezone.is_naive(starts_at):
        refuse("starts_at", "外出时间：缺少时区")
    if ends_on is None:
        refuse("ends_on", "外出至：请填写日期")
    first = timezone.localdate(starts_at)
    if ends_on < first:
        refuse("ends_on", "外出至：不能早于外出日期")
    if (ends_on - first).days > MAX_DAYS:
        refuse("ends_on", "外出至：请假不能超过一年")
    return purpose, destination, starts_at, ends_on


def report_leave(
    *,
    person: Person,
    purpose: str | None,
    destination: str | None,
    starts_at: datetime.datetime | None,
    ends_on: datetime.date | None,
    user: Actor | None = None,
    request: HttpRequest | None = None,
    at: datetime.datetime | None = None,
) -> Leave:
    """The member reports their leave. Reported after leaving stands, marked late (a violation of
    R14§5 the record keeps): refusing it would lose the only trace of the absence."""
    user = actor_of(user, person)
    require(user, "coordination.leave", person)
    require_person(user, person, "coordination.leave")
    purpose, destination, starts_at, ends_on = validate(purpose, destination, starts_at, ends_on)
    now = at or timezone.now()
    first = timezone.localdate(starts_at)
    rules = parameters(person.township, first)
    back = due_after_workdays(ends_on, rules.return_workdays)
    with transaction.atomic():
        leave = Leave.objects.create(
            township=person.township,
            person=person,
            purpose=purpose,
            destination=destination,
            starts_at=starts_at,
            starts_on=first,
            ends_on=ends_on,
            reported_at=now,
            reported_late=now > starts_at,
            return_due_at=due_at(back),
        )
        reported_on = timezone.localdate(now)
        for principal in principals(person.township, first):
            if principal.pk == person.pk:
                continue  # a principal on leave reports to the other principal
            open_obligation(
                township=person.township,
                kind="leave-acknowledge",
                article="R14§5",
                title=f"知悉{person.name}外出（{leave.get_purpose_display()}）",
                key=ack_key(leave, principal),
                rule=due_after_workdays(reported_on, rules.acknowledge_workdays),
                assignee=principal,
                source=leave,
                actor=user,
                remind_before=False,
            )
        open_obligation(
            township=person.township,
            kind="leave-return",
            article="R14§5",
            title=f"返回后销假并汇报（{destination[:40]}）",
            key=return_key(leave),
            rule=back,
            assignee=person,
            source=leave,
            actor=user,
        )
        audit.record(
            user, "coordination.leave", leave, summary=f"{leave}：{leave.get_purpose_display()}", request=request,
            late=leave.reported_late,
        )  # fmt: skip
    return leave


def expected_acknowledgers(leave: Leave) -> list[Person]:
    return [p for p in principals(leave.township, leave.starts_on) if p.pk != leave.person_id]


def acknowledge(
    leave: Leave,
    *,
    by: Person,
    user: Actor | None = None,
    request: HttpRequest | None = None,
    at: datetime.datetime | None = None,
) -> LeaveAcknowledgement:
    user = actor_of(user, by)
    require(user, "coordination.acknowledge", leave)
    require_person(user, by, "coordination.acknowledge")
    if by.pk not in {p.pk for p in expected_acknowledgers(leave)}:
        refuse("leave", "知悉：只有党政主要领导（本人请假除外）知悉请假")
    now = at or timezone.now()
    try:
        with transaction.atomic():
            ack = LeaveAcknowledgement.objects.create(
                township=leave.township, leave=leave, principal=by, at=now
            )
            complete_by_key(leave.township, ack_key(leave, by), by=user, at=now, request=request)
            audit.record(
                user, "coordination.acknowledge", leave, summary=f"{leave}：{by.name}已知悉", request=request
            )
    except IntegrityError:
        refuse("leave", "知悉：已知悉此次请假")
    return ack


def cancel_leave(
    leave: Leave,
    *,
    person: Person,
    report: str | None,
    user: Actor | None = None,
    request: HttpRequest | None = None,
    at: datetime.datetime | None = None,
) -> Leave:
    """销假: the member, back, cancels the leave with a short report of what was conveyed."""
    user = actor_of(user, person)
    require(user, "coordination.leave", leave)
    require_person(user, person, "coordination.leave")
    if leave.person_id != person.pk:
        refuse("return_report", "销假：只能为本人的请假销假")
    report = text(report, "return_report", "汇报内容")
    now = at or timezone.now()
    with transaction.atomic():
        # Claimed by a conditional UPDATE: two submissions never both cancel it.
        claimed = Leave.objects.filter(pk=leave.pk, state=Leave.State.AWAY).update(
            state=Leave.State.RETURNED, returned_at=now, return_report=report
        )
        if not claimed:
            refuse("return_report", "销假：该请假已销假")
        complete_by_key(leave.township, return_key(leave), by=user, at=now, request=request)
        audit.record(
            user, "coordination.return", leave, summary=f"{leave}：销假", request=request,
            late=now > leave.return_due_at,
        )  # fmt: skip
    leave.refresh_from_db()
    return leave
