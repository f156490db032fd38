"""The entry points of supervision (R7 督查督办): one function per state change. Each checks the
state, claims the item with a conditional UPDATE on its state (and, when the page sent one, its
version), changes the rows in one transaction, writes the audit entry and opens or completes the
obligations the rule attaches. Each checks the actor's permission first (transitions.permit: the
MATRIX action, the item's township, acting as `by`), so a command or an API caller is refused
exactly like the web; the views keep their `@requires` for the page itself.

Registering, approving, assigning and chasing are here; feedback, review, closing and reopening are in
zhidu.supervision.feedback and re-exported, so callers import this module only."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import F

from zhidu.core import audit
from zhidu.org.models import Department, Person
from zhidu.supervision import notify
from zhidu.supervision.accountability import Ineligibility, ineligible
from zhidu.supervision.feedback import accept, close, reject, reopen, submit_feedback
from zhidu.supervision.models import ChaseLog, Source, SupervisionCounter, SupervisionItem
from zhidu.supervision.transitions import (
    STATE_CN,
    Conflicting,
    State,
    _claim,
    _feedback_duty,
    _moment,
    _refuse,
    _text,
    cn_day,
    permit,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

    from django.http import HttpRequest

    from zhidu.core.permissions import Actor
    from zhidu.meetings.models import AgendaEntry
    from zhidu.org.models import Township


__all__ = [
    "STATE_CN",
    "Conflicting",
    "Ineligibility",
    "accept",
    "approve",
    "assign",
    "close",
    "cn_day",
    "ineligible",
    "log_chase",
    "passed_decision",
    "register",
    "reject",
    "reopen",
    "submit_feedback",
]


# --- register, approve, assign -------------------------------------------------------------------


def passed_decision(entry: AgendaEntry) -> bool:
    """R4/R7: a team meeting's decision may be registered once the meeting is closed and the item
    passed, by the verdict stored in its archive at closing (the one its minutes print)."""
    from zhidu.meetings.verdict import latest_verdict

    meeting = entry.meeting
    if meeting.state != "closed" or meeting.body != "team":
        return False
    verdict = latest_verdict(meeting)
    return verdict is not None and verdict.outcome(f"i{entry.item_id}") == "passed"


def next_number(township: Township, year: int) -> int:
    """Gapless per township per year: called inside the registering transaction, so a failed
    registration rolls the increment back with it."""
    counter, _ = SupervisionCounter.objects.get_or_create(township=township, year=year)
    SupervisionCounter.objects.filter(pk=counter.pk).update(last=F("last") + 1)
    counter.refresh_from_db()
    return counter.last


def register(
    *,
    township: Township,
    by: Person,
    source: str,
    matter: str,
    requirements: str,
    owner_department: Department,
    owner_person: Person,
    deadline: datetime.date,
    basis: str = "",
    other_departments: Iterable[Department] = (),
    source_entry: AgendaEntry | None = None,
    user: Actor | None = None,
    request: HttpRequest | None = None,
    at: datetime.datetime | None = None,
) -> SupervisionItem:
    """立项登记 (R7): the matter, its basis and requirements, the owner and the feedback deadline."""
    user = permit(user, by, "supervision.register", township)
    _, today = _moment(at)
    matter = _text(matter, "matter", "督查事项：请填写督查事项")
    requirements = _text(requirements, "requirements", "督查要求：请填写督查要求")
    if source not in Source.values:
        _refuse("source", "事项来源：请选择事项来源")
    if owner_department.township_id != township.pk:
        _refuse("owner_department", "承办单位：须为本镇的部门")
    if owner_person.township_id != township.pk or not owner_person.active:
        _refuse("owner_person", "责任人：须为本镇在职干部")
    if any(d.township_id != township.pk for d in other_departments):
        _refuse("other_departments", "协办单位：须为本镇的部门")
    if deadline < today:
        _refuse("deadline", f"反馈期限：不能早于立项登记日期（{cn_day(today)}）")
    if source_entry is not None and (
        source_entry.township_id != township.pk or not passed_decision(source_entry)
    ):
        _refuse("source_entry", "党委会议决定：只能依据已结束的党委会议上通过的议题立项")
    with transaction.atomic():
        item = SupervisionItem.objects.create(
            township=township,
            year=today.year,
            number=next_number(township, today.year),
            source=source,
            source_entry=source_entry,
            matter=matter,
            basis=(basis or "").strip(),
            requirements=requirements,
            owner_department=owner_department,
            owner_person=owner_person,
            registered_on=today,
            deadline=deadline,
            registered_by=by,
        )
        item.other_departments.set([d for d in other_departments if d.pk != owner_department.pk])
        audit.record(user, "supervision.register", item, summary=str(item), request=request)
    return item


def approve(
    item: SupervisionItem,
    *,
    by: Person,
    note: str = "",
    version: int | None = None,
    user: Actor | None = None,
    request: HttpRequest | None = None,
    at: datetime.datetime | None = None,
) -> None:
    """The principal (组长) approves the 拟办呈批表."""
    user = permit(user, by, "supervision.approve", item)
    now, _ = _moment(at)
    with transaction.atomic():
        _claim(
            item,
            {State.REGISTERED},
            version,
            "state",
            "审批",
            state=State.APPROVED,
            approved_by=by,
            approved_at=now,
            approval_note=(note or "").strip()[:300],
        )
        audit.record(user, "supervision.approve", item, summary=str(item), request=request, note=note)


def assign(
    item: SupervisionItem,
    *,
    by: Person,
    deadline: datetime.date | None = None,
    version: int | None = None,
    user: Actor | None = None,
    request: HttpRequest | None = None,
    at: datetime.datetime | None = None,
) -> None:
    """交办: the 《督查通报》 goes to the owner, whose feedback duty starts now."""
    user = permit(user, by, "supervision.assign", item)
    now, today = _moment(at)
    changes = {}
    if deadline is not None and deadline != item.deadline:
        if deadline < max(item.registered_on, today):
            _refuse("deadline", f"反馈期限：不能早于今天（{cn_day(today)}）")
        changes["deadline"] = deadline
    elif item.deadline < today:
        _refuse("deadline", "反馈期限：已过期，请重新确定反馈期限后再交办")
    with transaction.atomic():
        _claim(
            item,
            {State.APPROVED},
            version,
            "state",
            "交办",
            state=State.ASSIGNED,
            assigned_by=by,
            assigned_at=now,
            **changes,
        )
        _feedback_duty(item, user)
        audit.record(user, "supervision.assign", item, summary=str(item), request=request)
        notify.tell_owner(item, "assigned", key="assigned", at=now)


# --- chase and feedback ----------------------------------------------------------------------------


def log_chase(
    item: SupervisionItem,
    *,
    by: Person,
    kind: str,
    note: str,
    user: Actor | None = None,
    request: HttpRequest | None = None,
    at: datetime.datetime | None = None,
) -> ChaseLog:
    """催办: append-only, so two officers logging at once both keep their entry (and the item's
    version is not bumped: a chase changes nothing another page could overwrite)."""
    user = permit(user, by, "supervision.chase", item)
    if item.state not in {State.APPROVED, State.ASSIGNED, State.FEEDBACK_SUBMITTED}:
        _refuse("kind", f"该督查事项当前为“{STATE_CN[item.state]}”，不能催办")
    if kind not in ChaseLog.Kind.values:
        _refuse("kind", "催办方式：请选择催办方式")
    note = _text(note, "note", "催办记录：请写明催办情况")
    with transaction.atomic():
        chase = ChaseLog.objects.create(
            township=item.township, item=item, kind=kind, note=note, at=_moment(at)[0], by=by
        )
        audit.record(
            user, "supervision.chase", item, summary=f"{item.doc_number} {note}"[:300], request=request
        )
    return chase
