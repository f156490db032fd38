"""The live record of a meeting: attendance and each item (speakers, recusals, opinions, the vote).
Impossible records are refused with the field named; nothing already saved is lost."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.db import transaction
from django.utils import timezone

from zhidu.core import audit
from zhidu.meetings.models import (
    AgendaEntry,
    Attendance,
    Conflict,
    Meeting,
    NamedBallot,
    ReservedOpinion,
    WrittenOpinion,
)
from zhidu.meetings.services.common import _refuse, bump, not_before_the_day, require

if TYPE_CHECKING:
    from zhidu.core.permissions import Actor


def record_attendance(
    meeting: Meeting,
    *,
    version: int,
    statuses: dict[int, tuple[str, str]],
    chair_id: int | None = None,
    emergency_reason: str = "",
    user: Actor | None = None,
) -> None:
    """statuses: person id -> (status, reason). A member cannot be both present and absent: one row.
    `chair_id` changes the chair, e.g. a deputy entrusted by an absent secretary (R2). Before the
    meeting's day only with an `emergency_reason` (R1§8)."""
    require(user, "meetings.manage", meeting)
    _open_for_record(meeting)
    early = not_before_the_day(meeting, emergency_reason)
    known = set(meeting.attendance.values_list("person_id", flat=True))
    for person_id, (status, _reason) in statuses.items():
        if person_id not in known:
            _refuse("attendance", "只能登记本次会议的应到会成员", "R1§6")
        if status not in Attendance.Status.values:
            _refuse("attendance", f"未知的到会状态“{status}”")
    if chair_id is not None and chair_id not in known:
        _refuse("chair", "主持人须为本次会议的应到会成员", "R1§7(3), R2")
    if chair_id is not None and chair_id != meeting.chair_id and meeting.body == "secretary_office":
        # R2§10: the secretary chairs, or a deputy the secretary entrusts (services.entrust_chair).
        role = meeting.attendance.filter(person_id=chair_id).values_list("role", flat=True).first()
        if role != "secretary":
            _refuse(
                "chair", "书记办公会由党委书记主持，或由书记委托的副书记主持：须由书记在会议页面委托", "R2"
            )
    with transaction.atomic():
        bump(meeting, version)
        if chair_id is not None and chair_id != meeting.chair_id:
            # A new chair: an earlier entrusting (R2) no longer describes who chairs.
            Meeting.objects.filter(pk=meeting.pk).update(
                chair_id=chair_id, chair_entrusted_by=None, chair_entrusted_at=None
            )
            meeting.chair_id = chair_id
            meeting.chair_entrusted_by, meeting.chair_entrusted_at = None, None
        for person_id, (status, reason) in statuses.items():
            Attendance.objects.filter(meeting=meeting, person_id=person_id).update(
                status=status, reason=reason.strip() if status == Attendance.Status.ABSENT else ""
            )
        audit.record(user, "meeting.attendance", meeting, summary=meeting.title, **_early(early))


def record_entry(
    entry: AgendaEntry,
    *,
    version: int,
    speakers: list[int],
    recused: set[int],
    vote_method: str,
    counts: tuple[int, int, int] | None,
    ballots: dict[int, str] | None,
    opinions: dict[int, str],
    deferred: bool,
    discussion: str = "",
    resolution: str = "",
    implementer: str = "",
    basis: str = "",
    supervision: str = "",
    referred: bool = False,
    emergency_reason: str = "",
    user: Actor | None = None,
) -> None:
    """Record one item: speaking order, recusals, absent members' written opinions and the vote.
    Impossible records are refused with the field named; nothing already saved is lost. Before the
    meeting's day only with an `emergency_reason` (R1§8). `basis` and `supervision` are what the
    minutes record of its basis and reasons and of how its execution is supervised (R1§9);
    `referred`: the meeting referred it to the superior (请求上级裁决, R1§7(4)) instead of deciding,
    recorded as not decided (deferred) in the record, so without a vote."""
    meeting = entry.meeting
    require(user, "meetings.manage", meeting)
    _open_for_record(meeting)
    early = not_before_the_day(meeting, emergency_reason)
    statuses = dict(meeting.attendance.values_list("person_id", "status"))
    present = {p for p, s in statuses.items() if s == Attendance.Status.PRESENT}
    for person_id in speakers:
        if person_id not in present:
            _refuse("speakers", "发言人须为到会成员", "R1§7(3)")
    for person_id in opinions:
        if person_id not in statuses or person_id in present:
            _refuse("opinions", "书面意见只能来自缺席的应到会成员", "R1§7(3)")
    if referred and vote_method:
        # R1§7(4): when the members are split the item is not put to the vote but referred upward.
        _refuse("referred", "请求上级裁决的议题不付表决：请清除表决方式，分歧情况记入讨论情况", "R1§7(4)")
    voters = present - recused
    if vote_method == "named_ballot" and ballots is not None:
        if not set(ballots) <= present:
            _refuse("ballots", "记名投票只能由到会成员投出", "R1§7(4)")
    elif vote_method and counts is not None:
        if any(c < 0 for c in counts):
            _refuse("votes_for", "票数不能为负数", "R1§7(5)")
        if sum(counts) > len(voters):
            _refuse("votes_for", f"票数合计 {sum(counts)} 超过可投票的到会成员 {len(voters)} 人", "R1§7(5)")
    with transaction.atomic():
        bump(meeting, version)
        entry.speakers = [str(p) for p in speakers]
        entry.vote_method = vote_method
        entry.deferred = deferred or referred
        entry.referred = referred
        entry.discussion, entry.resolution, entry.implementer = discussion, resolution, implementer
        entry.basis, entry.supervision = basis, supervision
        # From now on the recusals are the clerk's, no longer the proposed ones (see exchange._item).
        entry.recorded_at = entry.recorded_at or timezone.now()
        named = vote_method == "named_ballot" and ballots is not None
        if named:
            # `named`: a named ballot with its list (the type checker does not carry it).
            choices = list(cast("dict[int, str]", ballots).values())
            entry.votes_for, entry.votes_against, entry.votes_abstain = (
                choices.count("for"),
                choices.count("against"),
                choices.count("abstain"),
            )
        elif vote_method and counts is not None:
            entry.votes_for, entry.votes_against, entry.votes_abstain = counts
        else:
            entry.votes_for = entry.votes_against = entry.votes_abstain = None
        entry.save()
        entry.conflicts.update(recused=False)
        for person_id in recused:
            Conflict.objects.update_or_create(
                township=entry.township, entry=entry, person_id=person_id, defaults={"recused": True}
            )
        # Until the meeting closes the record is a draft: a corrected ballot list replaces the old one.
        entry.named_ballots.exclude(person_id__in=list(ballots or {}) if named else []).delete()
        entry.written_opinions.exclude(person_id__in=list(opinions)).delete()
        if named:
            for person_id, choice in cast("dict[int, str]", ballots).items():
                NamedBallot.objects.update_or_create(
                    township=entry.township, entry=entry, person_id=person_id, defaults={"choice": choice}
                )
        for person_id, position in opinions.items():
            WrittenOpinion.objects.update_or_create(
                township=entry.township, entry=entry, person_id=person_id, defaults={"position": position}
            )
        audit.record(user, "meeting.record_item", meeting, summary=entry.item.title, **_early(early))


def record_reserved_opinion(
    entry: AgendaEntry,
    person_id: int,
    text: str,
    *,
    version: int | None = None,
    emergency_reason: str = "",
    user: Actor | None = None,
) -> ReservedOpinion:
    """R1§11: a member who voted may keep a reserved opinion; the resolution binds them all the same.
    The clerk's form may carry the meeting's version; without one the opinion (an addition, it
    overwrites nothing) bumps unconditionally, so forms loaded before it are refused as stale."""
    require(user, "meetings.manage", entry.meeting)
    _open_for_record(entry.meeting)
    early = not_before_the_day(entry.meeting, emergency_reason)
    if not text.strip():
        _refuse("text", "保留意见内容不能为空", "R1§11")
    present = entry.meeting.attendance.filter(person_id=person_id, status=Attendance.Status.PRESENT).exists()
    if not present:
        _refuse("person", "只有到会成员可以提出保留意见", "R1§11")
    with transaction.atomic():
        bump(entry.meeting, version)
        opinion = ReservedOpinion.objects.create(
            township=entry.township, entry=entry, person_id=person_id, text=text.strip()
        )
        audit.record(
            user, "meeting.reserved_opinion", entry.meeting, summary=entry.item.title, **_early(early)
        )
    return opinion


def _open_for_record(meeting: Meeting) -> None:
    if meeting.state == Meeting.State.CLOSED:
        _refuse("meeting", "会议已结束并归档：更正请使用“更正”", "R1§10")
    if meeting.state == Meeting.State.CANCELLED:
        _refuse("meeting", "会议已取消", "R1§10")


def _early(reason: str) -> dict[str, str]:
    """The audit entry's field for a record made before the meeting's day (R1§8)."""
    return {"emergency_reason": reason} if reason else {}
