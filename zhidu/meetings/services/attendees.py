"""Who sits at a meeting besides its expected members (R2): observers (列席), invited as the items
need them, and the chair a secretary entrusts to a deputy secretary."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from zhidu.core import audit
from zhidu.meetings.checks import entrusted_chair_problem, observer_problem
from zhidu.meetings.models import Attendance, Meeting, Observer
from zhidu.meetings.services.common import _refuse, actor_of, bump, require, require_person
from zhidu.org.models import Person

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from zhidu.core.permissions import Actor

OPEN = (Meeting.State.DRAFT, Meeting.State.NOTIFIED)


def invite_observer(
    meeting: Meeting, person: Person, *, version: int, reason: str = "", user: Actor | None = None
) -> Observer:
    """R2 ("其他列席人员根据会议议题需要确定"): invite a cadre to attend without a vote. Not an expected
    member: not counted in the quorum, never voting; may own an item of the agenda."""
    require(user, "meetings.manage", meeting)
    if meeting.state not in OPEN:
        _refuse("person", "会议已结束或已取消，不能再邀请列席人员", "R1§10")
    expected = meeting.attendance.filter(person=person).exists()
    problem = observer_problem(
        meeting.body,
        same_township=person.township_id == meeting.township_id,
        active=person.active,
        expected=expected,
    )
    if problem:
        _refuse("person", *problem)
    with transaction.atomic():
        bump(meeting, version)
        observer, _created = Observer.objects.get_or_create(
            township=meeting.township,
            meeting=meeting,
            person=person,
            defaults={"reason": reason.strip()[:200], "invited_by": cast("User | None", user)},
        )
        audit.record(user, "meeting.invite_observer", meeting, summary=person.name, reason=reason.strip())
    return observer


def invite_owner_if_needed(meeting: Meeting, person: Person, user: Actor | None) -> None:
    """An item's owner who is not an expected member attends to report on it (列席, R2): invited with
    the item, in the caller's transaction. Not at a five-person group (R3 is confidential)."""
    if observer_problem(meeting.body, same_township=True, active=True, expected=False):
        return
    if meeting.attendance.filter(person=person).exists():
        return
    _observer, created = Observer.objects.get_or_create(
        township=meeting.township,
        meeting=meeting,
        person=person,
        defaults={"reason": "汇报议题", "invited_by": cast("User | None", user)},
    )
    if created:
        audit.record(user, "meeting.invite_observer", meeting, summary=person.name, reason="汇报议题")


def entrust_chair(
    meeting: Meeting, deputy: Person, *, by: Person, version: int, user: Actor | None = None
) -> None:
    """R2§10: "书记办公会由党委书记主持，也可由受党委书记委托的副书记主持". Only the secretary of this
    meeting entrusts, only a deputy secretary expected at it; who and when are kept on the meeting."""
    user = actor_of(user, by)
    require(user, "meetings.entrust_chair", meeting)
    require_person(user, by, "meeting.entrust_chair")
    roles = dict(meeting.attendance.values_list("person_id", "role"))
    if roles.get(by.pk) != "secretary":
        raise PermissionDenied("meeting.entrust_chair: only the secretary of this meeting entrusts")
    if meeting.state not in OPEN:
        _refuse("deputy", "会议已结束或已取消，不能再委托主持人", "R1§10")
    absent = meeting.attendance.filter(person=deputy, status=Attendance.Status.ABSENT).exists()
    problem = entrusted_chair_problem(meeting.body, roles.get(deputy.pk), absent=absent)
    if problem:
        _refuse("deputy", *problem)
    with transaction.atomic():
        bump(meeting, version)
        now = timezone.now()
        Meeting.objects.filter(pk=meeting.pk).update(
            chair=deputy, chair_entrusted_by=by, chair_entrusted_at=now
        )
        meeting.chair, meeting.chair_entrusted_by, meeting.chair_entrusted_at = deputy, by, now
        audit.record(user, "meeting.entrust_chair", meeting, summary=f"{by.name}委托{deputy.name}主持")
