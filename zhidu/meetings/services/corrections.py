"""Correcting a meeting before it is held, without rewriting history: editing its date, place, title,
body or chair; cancelling it with a reason (kept, audited, the members told on their duties page);
withdrawing an item from the agenda before its vote, with a reason. Nothing is deleted (R1§10)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from zhidu.core import audit
from zhidu.meetings import notify
from zhidu.meetings.models import AgendaEntry, Attendance, Meeting
from zhidu.meetings.services.common import _refuse, bump, require
from zhidu.meetings.services.convene import (
    expected_members,
    leave_reasons,
    notice_revision,
    open_receipts,
    receipt_key,
    record_send,
)
from zhidu.obligations.services import complete_by_key, open_obligation

if TYPE_CHECKING:
    from zhidu.core.permissions import Actor
    from zhidu.org.models import Person, TeamMembership


def _not_held(meeting: Meeting, field: str) -> None:
    """A meeting is corrected only until it is held: not closed, not cancelled, attendance not yet
    recorded (a member's own absence is not the clerk's record of the meeting)."""
    if meeting.state == Meeting.State.CLOSED:
        _refuse(field, "会议已结束并归档：更正请使用“更正”", "R1§10")
    if meeting.state == Meeting.State.CANCELLED:
        _refuse(field, "会议已取消", "R1§10")
    if meeting.attendance.filter(status=Attendance.Status.PRESENT).exists():
        _refuse(field, "会议已开始记录出席情况，视为已召开，不能再修改或取消", "R1§10")


def edit_meeting(
    meeting: Meeting,
    *,
    version: int,
    title: str,
    held_at: datetime.datetime,
    place: str,
    body: str,
    chair: Person,
    user: Actor | None = None,
) -> list[str]:
    """Change what the clerk set when convening. The body or the day decide the expected members
    (R1, R2, R3): they are taken again from the composition on the new day, keeping each remaining
    member's answers. After the notice, the body cannot change (it would be another meeting: cancel
    it and convene anew), and any change re-sends the notice saying what changed (R1§7(2),
    `_resend_notice`): the members confirm receipt again, by the meeting's new time. Returns the
    names of the changed fields."""
    require(user, "meetings.manage", meeting)
    _not_held(meeting, "meeting")
    if timezone.is_naive(held_at):
        _refuse("held_at", "会议时间缺少时区")
    if not title.strip():
        _refuse("title", "会议名称不能为空")
    if body != meeting.body and meeting.notice_sent_at is not None:
        _refuse("body", "会议通知已发出，不能改变会议类型：请取消本次会议后重新筹备", "R1§7(2)")
    day = timezone.localtime(held_at).date()
    terms = expected_members(meeting.township, body, day)
    if not terms:
        _refuse("held_at", "会议当日该会议的应到会成员为空：请先维护班子任职")
    if chair.pk not in {t.person_id for t in terms}:
        _refuse("chair", "主持人须为本次会议的应到会成员", "R1§7(3), R2")
    old: dict[str, object] = {
        "title": meeting.title,
        "held_at": meeting.held_at,
        "place": meeting.place,
        "body": meeting.body,
        "chair": meeting.chair_id,
    }
    new = {
        "title": title.strip(),
        "held_at": held_at,
        "place": place.strip(),
        "body": body,
        "chair": chair.pk,
    }
    changed = [name for name in old if old[name] != new[name]]
    if not changed:
        return []
    before = list(meeting.attendance.values_list("person_id", flat=True))
    with transaction.atomic():
        bump(meeting, version)
        Meeting.objects.filter(pk=meeting.pk).update(
            title=title.strip(), held_at=held_at, place=place.strip(), body=body, chair=chair
        )
        if "chair" in changed:
            # Another chair: the secretary's entrusting (R2) no longer describes who chairs.
            Meeting.objects.filter(pk=meeting.pk).update(chair_entrusted_by=None, chair_entrusted_at=None)
        if "body" in changed or "held_at" in changed:
            _reconcile_members(meeting, terms, held_at)
        if meeting.notice_sent_at is not None:
            meeting.refresh_from_db()
            _resend_notice(meeting, changed, old, before, user)
        audit.record(
            user,
            "meeting.edit",
            meeting,
            summary=title.strip(),
            changed={name: [str(old[name]), str(new[name])] for name in changed},
        )
    meeting.refresh_from_db()
    return changed


def _resend_notice(
    meeting: Meeting, changed: list[str], old: dict[str, object], before: list[int], user: Actor | None
) -> None:
    """R1§7(2): the notice is the members' written word of when, where and what; once it went out,
    a change goes out as a re-sent notice saying what changed (through the outbox, a new message
    per send), the members confirm receipt of it anew (the earlier confirmations answered the old
    notice) and the written-notice record keeps both sends."""
    revision = notice_revision(meeting) + 1
    previous = meeting.notice_sends.order_by("-revision").first()
    items = list(
        meeting.entries.filter(withdrawn_at=None).order_by("position", "pk").values_list("item_id", flat=True)
    )
    if previous is not None and previous.items != items:
        changed = [*changed, "items"]
    at = timezone.now()
    lines = notify.change_lines(meeting, changed, old, previous.items if previous else items)
    send = record_send(
        meeting,
        revision=revision,
        at=at,
        channel=meeting.notice_channel or "written",
        user=user,
        changes=changed,
        summary="；".join(lines),
    )
    # The receipts answered the old notice: reset, and each member's duty now follows the new one.
    Attendance.objects.filter(meeting=meeting).update(notice_confirmed_at=None)
    for person_id in before:
        complete_by_key(meeting.township, receipt_key(meeting, person_id, revision - 1), by=user)
    open_receipts(meeting, revision, user)
    notify.queue_notice(meeting, at=at, revision=revision, changes=lines)
    audit.record(
        user,
        "meeting.notice_resend",
        meeting,
        summary=f"{meeting.title}：{send.summary}",
        revision=revision,
        changes=changed,
    )


def _reconcile_members(meeting: Meeting, terms: list[TeamMembership], held_at: datetime.datetime) -> None:
    """The expected members on the new day or of the new body: rows of members no longer expected go
    (nothing was recorded of the meeting yet), new members get a row (absent when on leave, R14§5)."""
    wanted = {t.person_id: t for t in terms}
    meeting.attendance.exclude(person_id__in=list(wanted)).delete()
    have = set(meeting.attendance.values_list("person_id", flat=True))
    leave = leave_reasons(meeting.township, held_at)
    Attendance.objects.bulk_create(
        [
            Attendance(
                township=meeting.township,
                meeting=meeting,
                person_id=pid,
                role=t.role,
                status=Attendance.Status.ABSENT if pid in leave else Attendance.Status.UNKNOWN,
                reason=leave.get(pid, ""),
            )
            for pid, t in wanted.items()
            if pid not in have
        ]
    )
    for pid, t in wanted.items():
        meeting.attendance.filter(person_id=pid).exclude(role=t.role).update(role=t.role)


def cancel_meeting(meeting: Meeting, *, version: int, reason: str, user: Actor | None = None) -> None:
    """Call the meeting off before it is held, with its reason: the meeting stays (cancelled, its
    reason shown on its page), the members' receipt duties close and each expected member is told on
    their duties page (我的待办) with a link to the meeting."""
    require(user, "meetings.manage", meeting)
    _not_held(meeting, "reason")
    reason = reason.strip()
    if not reason:
        _refuse("reason", "取消会议须说明理由", "R1§10")
    with transaction.atomic():
        bump(meeting, version)
        Meeting.objects.filter(pk=meeting.pk).update(
            state=Meeting.State.CANCELLED, cancelled_at=timezone.now(), cancel_reason=reason[:300]
        )
        for attendance in meeting.attendance.select_related("person"):
            # The notice needs no confirming any more.
            complete_by_key(
                meeting.township,
                receipt_key(meeting, attendance.person_id, notice_revision(meeting)),
                by=user,
            )
            open_obligation(
                township=meeting.township,
                kind="meeting-cancelled",
                article="R1§7(2)",
                title=f"会议已取消：{meeting.title}（{reason[:100]}）",
                key=f"cancelled:{meeting.pk}:{attendance.person_id}",
                rule=None,
                assignee=attendance.person,
                source=meeting,
                actor=user,
            )
        audit.record(user, "meeting.cancel", meeting, summary=f"{meeting.title}：{reason}")
    meeting.refresh_from_db()


def withdraw_item(entry: AgendaEntry, *, version: int, reason: str, user: Actor | None = None) -> None:
    """Take an item off the agenda before its vote, with the reason. The entry stays (withdrawn), is
    no longer judged, minuted or archived, and the item can be put on a later agenda."""
    meeting = entry.meeting
    require(user, "meetings.manage", meeting)
    if meeting.state in (Meeting.State.CLOSED, Meeting.State.CANCELLED):
        _refuse("reason", "会议已结束或已取消，不能撤回议题", "R1§10")
    if entry.withdrawn_at is not None:
        _refuse("reason", "该议题已撤回")
    if entry.vote_method or entry.named_ballots.exists() or entry.votes_for is not None:
        _refuse("reason", "该议题已表决，不能撤回：表决结果须如实记录", "R1§7(4)")
    reason = reason.strip()
    if not reason:
        _refuse("reason", "撤回议题须说明理由", "R1§7(1)")
    with transaction.atomic():
        bump(meeting, version)
        AgendaEntry.objects.filter(pk=entry.pk).update(
            withdrawn_at=timezone.now(), withdrawal_reason=reason[:300]
        )
        audit.record(user, "meeting.withdraw_item", meeting, summary=f"{entry.item.title}：{reason}")
    entry.refresh_from_db()
