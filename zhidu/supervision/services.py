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
    "deputy_in_charge",
    "passed_decision",
    "register",
    "register_from_decision",
    "reject",
    "reopen",
    "submit_feedback",
]


# --- register, approve, assign -------------------------------------------------------------------


# R2§14: what a secretary's office meeting settles (会议确定的事项) — its recommendations, an
# emergency decision, what it noted — is carried out and followed up; deferred or invalid is not.
SETTLED_AT_SECRETARY_OFFICE = frozenset({"recommended", "passed", "noted"})


def passed_decision(entry: AgendaEntry) -> bool:
    """R4/R7: a team meeting's decision may be registered once the meeting is closed and the item
    passed, by the verdict stored in its archive at closing (the one its minutes print). R2§14: so
    may what a closed secretary's office meeting settled (followed by the party office)."""
    from zhidu.meetings.verdict import latest_verdict

    meeting = entry.meeting
    if meeting.state != "closed" or meeting.body not in ("team", "secretary_office"):
        return False
    if entry.withdrawn_at is not None:
        return False
    verdict = latest_verdict(meeting)
    if verdict is None:
        return False
    outcome = verdict.outcome(f"i{entry.item_id}")
    if meeting.body == "secretary_office":
        return outcome in SETTLED_AT_SECRETARY_OFFICE and not entry.deferred and not entry.referred
    return outcome == "passed"


def deputy_in_charge(entry: AgendaEntry) -> Person:
    """R2§14: "会议确定的事项，由分管副书记组织实施": the item's owner when a deputy secretary of the
    meeting, else the meeting's first deputy secretary; at a team meeting the leader in charge."""
    owner = entry.item.owner
    if entry.meeting.body != "secretary_office":
        return owner
    deputies = list(
        entry.meeting.attendance.filter(role="deputy_secretary").select_related("person").order_by("id")
    )
    if any(a.person_id == owner.pk for a in deputies):
        return owner
    return deputies[0].person if deputies else owner


# The feedback deadline a one-click registration proposes; the office may move it when assigning.
DEFAULT_FEEDBACK_WORKDAYS = 10


def register_from_decision(
    entry: AgendaEntry,
    *,
    by: Person,
    user: Actor | None = None,
    request: HttpRequest | None = None,
    at: datetime.datetime | None = None,
) -> SupervisionItem:
    """One click on a decision of a closed meeting (R4/R7: a team decision; R2§14: what a secretary's
    office meeting settled) registers it, pre-filled: the matter, the basis (meeting, minutes number,
    resolution), the requirements, the department, the deputy in charge as the person responsible and
    a feedback deadline 10 working days out (moved when assigning). Registered once per decision."""
    from zhidu.workdays.services import get_calendar

    existing = SupervisionItem.objects.filter(township_id=entry.township_id, source_entry=entry).first()
    if existing is not None:
        return existing
    if not passed_decision(entry):
        _refuse("source_entry", "只能依据已结束的党委会议上通过的议题（或书记办公会确定的事项）立项（R7）")
    meeting, item = entry.meeting, entry.item
    minutes = getattr(meeting, "minutes", None)
    basis = f"{meeting.title}{f'（{minutes}）' if minutes else ''}：{entry.resolution or item.title}"
    # The proposing department, else the owner's (a department head reporting on it), else the
    # party office, which follows up what the meeting settled (R2§14).
    department = (
        item.department
        or (item.owner.department if item.owner.department_id is not None else None)
        or Department.objects.filter(township_id=entry.township_id, kind=Department.Kind.PARTY_OFFICE).first()
    )
    if department is None:
        _refuse("owner_department", "承办单位：本镇没有党政办，请手工登记")
    _, today = _moment(at)
    return register(
        township=meeting.township,
        by=by,
        source=Source.SECRETARY_OFFICE if meeting.body == "secretary_office" else Source.TEAM_DECISION,
        matter=item.title[:200],
        basis=basis,
        requirements=entry.resolution or entry.implementer or item.title,
        owner_department=department,
        owner_person=deputy_in_charge(entry),
        deadline=get_calendar().after_workdays(today, DEFAULT_FEEDBACK_WORKDAYS).date,
        source_entry=entry,
        user=user,
        request=request,
        at=at,
    )


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
        _refuse(
            "source_entry",
            "会议决定：只能依据已结束的党委会议上通过的议题（或书记办公会确定的事项）立项（R7）",
        )
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
        _open_approval_duty(item, user)
    return item


def _principal(township: Township) -> Person | None:
    from django.utils import timezone

    from zhidu.org.models import team_on

    terms = team_on(township, timezone.localdate()).filter(is_principal=True)
    term = terms.filter(role="secretary").first() or terms.first()
    return term.person if term is not None else None


def _open_approval_duty(item: SupervisionItem, user: Actor | None) -> None:
    """R7: the principal (组长) approves the 拟办呈批表: a duty in 我的待办, done by approving."""
    from zhidu.obligations.services import open_obligation

    principal = _principal(item.township)
    if principal is None:
        return
    open_obligation(
        township=item.township,
        kind="supervision-approve",
        article="R7",
        title=f"审批督查事项：{item.doc_number} {item.matter}",
        key=f"supervision-approve:{item.pk}",
        rule=None,
        assignee=principal,
        source=item,
        actor=user,
    )


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
        from zhidu.obligations.services import complete_by_key

        complete_by_key(item.township, f"supervision-approve:{item.pk}", by=user)


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
