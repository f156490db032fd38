"""Convening: the body's composition on the day, the agenda, the notice (R1§7(2)) and the members'
answers (receipt, absence with a reason, conflicts)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, cast

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from zhidu.core import audit
from zhidu.meetings import notify
from zhidu.meetings.checks import notice_deadline
from zhidu.meetings.models import (
    AgendaEntry,
    Attendance,
    Body,
    Conflict,
    Item,
    Meeting,
    NoticeSend,
)
from zhidu.meetings.rules import rules_for
from zhidu.meetings.services.attendees import invite_owner_if_needed
from zhidu.meetings.services.common import _refuse, actor_of, bump, require, require_person
from zhidu.obligations.deadlines import DeadlineRule
from zhidu.obligations.services import complete_by_key, open_obligation
from zhidu.org.absences import away_on
from zhidu.org.models import Person, TeamMembership, team_on
from zhidu.workdays.services import get_calendar

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from zhidu.core.permissions import Actor
    from zhidu.meetings.checks import Due
    from zhidu.org.models import Township


ROLE = TeamMembership.Role

# Who is expected at each body (R1: the whole team; R2: secretary and deputies; R3: the five).
COMPOSITION: dict[str, set[str] | None] = {
    Body.TEAM: None,
    Body.SECRETARY_OFFICE: {ROLE.SECRETARY, ROLE.DEPUTY_SECRETARY},
    Body.FIVE_PERSON_GROUP: {
        ROLE.SECRETARY,
        ROLE.DEPUTY_SECRETARY,
        ROLE.ORGANIZATION_MEMBER,
        ROLE.DISCIPLINE_SECRETARY,
    },
}


def expected_members(township: Township, body: str, day: datetime.date) -> list[TeamMembership]:
    allowed = COMPOSITION[body]
    terms = [
        t
        for t in team_on(township, day).order_by("-is_principal", "starts_on", "id")
        if allowed is None or t.role in allowed
    ]
    seen, unique = set(), []
    for term in terms:
        if term.person_id not in seen:
            seen.add(term.person_id)
            unique.append(term)
    return unique


def create_meeting(
    *,
    township: Township,
    body: str,
    title: str,
    held_at: datetime.datetime,
    chair: Person,
    place: str = "",
    recorder: Person | None = None,
    emergency: bool = False,
    items: Iterable[Item] = (),
    user: Actor | None = None,
) -> Meeting:
    require(user, "meetings.manage", township)
    if timezone.is_naive(held_at):
        _refuse("held_at", "会议时间缺少时区")
    terms = expected_members(township, body, timezone.localtime(held_at).date())
    if not terms:
        _refuse("held_at", "会议当日该会议的应到会成员为空：请先维护班子任职")
    if chair.pk not in {t.person_id for t in terms}:
        _refuse("chair", "主持人须为本次会议的应到会成员")
    with transaction.atomic():
        meeting = Meeting.objects.create(
            township=township,
            body=body,
            title=title,
            held_at=held_at,
            chair=chair,
            place=place,
            recorder=recorder,
            emergency=emergency,
            # `require` let only a logged-in user through (SYSTEM and anonymous hold no role here).
            created_by=cast("User | None", user),
        )
        leave = leave_reasons(township, held_at)
        Attendance.objects.bulk_create(
            [
                Attendance(township=township, meeting=meeting, person_id=t.person_id, role=t.role)
                if t.person_id not in leave
                # R14§5: a member on a reported leave that day is pre-marked absent, with its reason.
                else Attendance(
                    township=township,
                    meeting=meeting,
                    person_id=t.person_id,
                    role=t.role,
                    status=Attendance.Status.ABSENT,
                    reason=leave[t.person_id],
                )
                for t in terms
            ]
        )
        for position, item in enumerate(items, start=1):
            _reconsidered_by_the_same_body(meeting, item)
            _add(meeting, item, position, user)
        audit.record(user, "meeting.create", meeting, summary=title)
    return meeting


def leave_reasons(township: Township, held_at: datetime.datetime) -> dict[int, str]:
    """person id -> the reason of their absence on the meeting day, from the areas that record
    absences (R14 leave) through the kernel (zhidu.org.absences): the attendance takes it."""
    away = away_on(township, timezone.localtime(held_at).date())
    return {pid: a.reason[:200] for pid, a in away.items()}


def _add(meeting: Meeting, item: Item, position: int, user: Actor | None) -> AgendaEntry:
    if item.township_id != meeting.township_id:
        _refuse("items", "议题不属于本镇")
    # R2: an owner outside the body attends to report on the item, as an observer (列席).
    invite_owner_if_needed(meeting, item.owner, user)
    return AgendaEntry.objects.create(
        township=meeting.township,
        meeting=meeting,
        item=item,
        position=position,
        decision=meeting.body == Body.TEAM or meeting.emergency,
        # An item added after the notice went out is an ad-hoc motion (R1§12(3)).
        in_notice=False,
    )


def _reconsidered_by_the_same_body(meeting: Meeting, item: Item) -> None:
    """R1§12(4): a 复议 item is decided by the body whose decision it changes."""
    if item.reconsiders_id is not None:
        from zhidu.meetings.services.decisions import refuse_bad_reconsideration

        refuse_bad_reconsideration(item.title, meeting.body, meeting.township_id, item.reconsiders)


def add_item(meeting: Meeting, item: Item, *, version: int, user: Actor | None = None) -> AgendaEntry:
    require(user, "meetings.manage", meeting)
    if meeting.state in (Meeting.State.CLOSED, Meeting.State.CANCELLED):
        _refuse("items", "会议已结束或已取消，不能再添加议题", "R1§10")
    _reconsidered_by_the_same_body(meeting, item)
    with transaction.atomic():
        bump(meeting, version)
        position = (meeting.entries.order_by("-position").values_list("position", flat=True).first() or 0) + 1
        entry = _add(meeting, item, position, user)
        audit.record(
            user, "meeting.add_item", meeting, summary=item.title, notice_sent=bool(meeting.notice_sent_at)
        )
    return entry


def latest_notice_day(meeting: Meeting) -> Due:
    """R1§7(2): the last day a written notice is on time (1 working day before the meeting day),
    computed by the same `notice_deadline` as the check of the notice."""
    day = timezone.localtime(meeting.held_at).date()
    return notice_deadline(day, rules_for(meeting.township, day), get_calendar())


def notice_revision(meeting: Meeting) -> int:
    """Which send of the notice the members answer now: 0 before the notice, 1 for the first, n
    for the (n-1)th re-send after a change (R1§7(2), the written-notice record `NoticeSend`)."""
    last = meeting.notice_sends.order_by("-revision").values_list("revision", flat=True).first()
    return last or (1 if meeting.notice_sent_at is not None else 0)


def receipt_key(meeting: Meeting, person_id: int, revision: int) -> str:
    """The key of a member's duty to confirm receipt of one send of the notice (the first keeps
    the key it always had)."""
    return f"notice:{meeting.pk}:{person_id}" + (f":r{revision}" if revision > 1 else "")


def open_receipts(meeting: Meeting, revision: int, user: Actor | None) -> None:
    """Each expected member confirms receipt of this send before the meeting (R1§7(2))."""
    held = timezone.localtime(meeting.held_at)
    title = (
        f"确认收到会议通知：{meeting.title}"
        if revision <= 1
        else f"确认收到变更后的会议通知：{meeting.title}"
    )
    for attendance in meeting.attendance.select_related("person"):
        open_obligation(
            township=meeting.township,
            kind="notice-receipt",
            article="R1§7(2)",
            title=title,
            key=receipt_key(meeting, attendance.person_id, revision),
            rule=DeadlineRule("fixed", held.date(), 0, held.time()),
            assignee=attendance.person,
            source=meeting,
            actor=user,
        )


def record_send(
    meeting: Meeting,
    *,
    revision: int,
    at: datetime.datetime,
    channel: str,
    user: Actor | None,
    changes: Sequence[str] = (),
    summary: str = "",
) -> NoticeSend:
    """One line of the written-notice record (R1§7(2)): when, how, what changed, which items."""
    items = list(
        meeting.entries.filter(withdrawn_at=None).order_by("position", "pk").values_list("item_id", flat=True)
    )
    return NoticeSend.objects.create(
        township=meeting.township,
        meeting=meeting,
        revision=revision,
        sent_at=at,
        channel=channel,
        changes=list(changes),
        summary=summary[:500],
        items=items,
        sent_by=cast("User | None", user if getattr(user, "is_authenticated", False) else None),
    )


def send_notice(
    meeting: Meeting,
    *,
    version: int,
    channel: str = "written",
    at: datetime.datetime | None = None,
    user: Actor | None = None,
) -> None:
    require(user, "meetings.manage", meeting)
    at = at or timezone.now()
    if meeting.state != Meeting.State.DRAFT:
        _refuse("notice", "会议通知已发出")
    if not meeting.entries.exists():
        _refuse("notice", "议程为空：请先添加议题")
    with transaction.atomic():
        bump(meeting, version)
        Meeting.objects.filter(pk=meeting.pk).update(
            notice_sent_at=at, notice_channel=channel, state=Meeting.State.NOTIFIED
        )
        meeting.entries.update(in_notice=True)
        open_receipts(meeting, 1, user)
        record_send(meeting, revision=1, at=at, channel=channel, user=user)
        notify.queue_notice(meeting, at=at)  # R1§7(2): delivered in writing, through the outbox
        audit.record(user, "meeting.notice", meeting, summary=meeting.title, channel=channel)
    meeting.refresh_from_db()


def _member_answers(meeting: Meeting, person: Person, user: Actor | None, action: str) -> Actor | None:
    """A member's own answer to a notice (R1§7(2), R1§12(5)): a team member, for themselves, and
    only an expected member of this meeting. Returns the actor."""
    actor = actor_of(user, person)
    require(actor, "meetings.respond", meeting)
    require_person(actor, person, action)
    if not meeting.attendance.filter(person=person).exists():
        raise PermissionDenied(f"{action}: not an expected member")
    return actor


def confirm_notice(meeting: Meeting, person: Person, *, user: Actor | None = None) -> None:
    user = _member_answers(meeting, person, user, "meeting.confirm_notice")
    with transaction.atomic():
        # The member's page carries no version: bump unconditionally (see `bump`).
        bump(meeting)
        Attendance.objects.filter(meeting=meeting, person=person, notice_confirmed_at__isnull=True).update(
            notice_confirmed_at=timezone.now()
        )
        complete_by_key(meeting.township, receipt_key(meeting, person.pk, notice_revision(meeting)), by=user)
        audit.record(user, "meeting.confirm_notice", meeting, summary=person.name)


def request_absence(meeting: Meeting, person: Person, reason: str, *, user: Actor | None = None) -> None:
    """R1§12(5): an absence needs a recorded reason. Bumps the version, so the clerk's attendance
    form loaded before it is refused instead of marking the member present again."""
    user = _member_answers(meeting, person, user, "meeting.absence")
    if not reason.strip():
        _refuse("reason", "请假须说明理由", "R1§12(5)")
    if meeting.state == Meeting.State.CLOSED:
        _refuse("reason", "会议已结束", "R1§10")
    with transaction.atomic():
        bump(meeting)
        Attendance.objects.filter(meeting=meeting, person=person).update(
            status=Attendance.Status.ABSENT, reason=reason.strip()
        )
        audit.record(user, "meeting.absence", meeting, summary=f"{person.name}：{reason.strip()}")


def declare_conflict(
    entry: AgendaEntry, person: Person, note: str = "", *, user: Actor | None = None
) -> None:
    """R1§7(5): a member declares a conflict of interest on an item; the clerk's item form loaded
    before it is refused as stale, so the declaration is seen before the recusals are saved."""
    user = _member_answers(entry.meeting, person, user, "meeting.conflict")
    with transaction.atomic():
        bump(entry.meeting)
        Conflict.objects.get_or_create(
            township=entry.township, entry=entry, person=person, defaults={"note": note}
        )
        audit.record(user, "meeting.conflict", entry.meeting, summary=f"{person.name}：{entry.item.title}")
