"""A meeting in the database as a `zhidu.meeting/1` record, and its evaluation by the same checks
`zhidu evaluate` runs (spec: meeting-record.md). The live screens, the archive and the export all go
through `meeting_record`, so what the clerk sees is what an auditor's script would compute."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from zhidu.meetings.checks import Evaluation, evaluate, meeting_day
from zhidu.meetings.models import Attendance, Meeting
from zhidu.meetings.record import FORMAT, RecordError, parse_meeting
from zhidu.meetings.record_format import evaluate_with_defaults, register_format
from zhidu.meetings.rules import rules_for
from zhidu.workdays.services import get_calendar

# The format of `zhidu evaluate` is pure (record_format.py, registered without Django by the
# command); re-exported here for the app's ready() and the callers that judge a stored meeting.
__all__ = [
    "Judged",
    "evaluate_with_defaults",
    "judge",
    "judge_record",
    "meeting_record",
    "member_id",
    "register_format",
]


def member_id(person_id: int) -> str:
    return f"p{person_id}"


def meeting_record(meeting: Meeting, *, assume_present: bool = False) -> dict:
    """Build the record from the rows, in a fixed number of queries whatever the agenda's size.
    `assume_present` counts members whose attendance is not yet recorded as present: the
    preparation checks before a meeting (notice, approval, reports) need a judgeable record."""
    attendance = list(meeting.attendance.select_related("person").order_by("id"))
    entries = list(
        # A withdrawn item is no longer an item of the meeting: not judged, not archived.
        meeting.entries.filter(withdrawn_at=None)
        .select_related("item__owner")
        .prefetch_related("conflicts", "written_opinions", "named_ballots")
    )
    members = [{"id": member_id(a.person_id), "name": a.person.name, "roles": [a.role]} for a in attendance]
    observers = _observers(meeting, {a.person_id for a in attendance}, entries)
    counted = (
        {Attendance.Status.PRESENT, Attendance.Status.UNKNOWN}
        if assume_present
        else {Attendance.Status.PRESENT}
    )
    present = [member_id(a.person_id) for a in attendance if a.status in counted]
    # A member whose attendance is not yet recorded counts as absent without a reason: the live
    # screen then shows the missing entry as a finding rather than guessing.
    absent = [
        {"member": member_id(a.person_id), "reason": a.reason if a.status == Attendance.Status.ABSENT else ""}
        for a in attendance
        if a.status not in counted
    ]
    notice = None
    if meeting.notice_sent_at is not None:
        notice = {
            "sent_at": timezone.localtime(meeting.notice_sent_at).isoformat(),
            "channel": meeting.notice_channel or "written",
            "items": [f"i{e.item_id}" for e in entries if e.in_notice],
        }
    record = {
        "format": FORMAT,
        "body": meeting.body,
        "held_at": timezone.localtime(meeting.held_at).isoformat(),
        "emergency": meeting.emergency,
        "members": members,
        "chair": member_id(meeting.chair_id),
        "present": present,
        "absent": absent,
        "notice": notice,
        "items": [_item(e, set(present)) for e in entries],
    }
    if observers:
        # The project's added field (the spec allows added fields): left out when there are none,
        # so a meeting without 列席 exports exactly the document it always did.
        record["observers"] = observers
    return record


def _observers(meeting: Meeting, members: set[int], entries: list) -> list[dict]:
    """列席 (R2): the invited observers, and any owner of an agenda item who is not an expected
    member (an item's owner attends to report on it: a meeting archived before observers were
    invited then still reads, instead of failing on an unknown member)."""
    people = {o.person_id: o.person.name for o in meeting.observers.select_related("person").order_by("id")}
    for entry in entries:
        owner = entry.item.owner
        if owner.pk not in members and owner.pk not in people:
            people[owner.pk] = owner.name
    return [{"id": member_id(pk), "name": name} for pk, name in people.items() if pk not in members]


def _item(entry, present: set[str]) -> dict:
    item = entry.item
    # R1§7(4), R4: a declared conflict of a present member is a proposed recusal until the clerk
    # records the item (then the clerk's ticks are the record); an absent declared member took no
    # part in the item, so the record lists them as recused (never flagged 未回避, and left out of
    # the majority's base as a recused member is).
    recused = [
        member_id(c.person_id)
        for c in entry.conflicts.all()
        if c.recused or entry.recorded_at is None or member_id(c.person_id) not in present
    ]
    vote: dict[str, Any] | None = None
    if entry.vote_method:
        if entry.vote_method == "named_ballot" and entry.named_ballots.all():
            vote = {
                "method": "named_ballot",
                "ballots": {member_id(b.person_id): b.choice for b in entry.named_ballots.all()},
            }
        else:
            vote = {
                "method": entry.vote_method,
                "for": entry.votes_for or 0,
                "against": entry.votes_against or 0,
                "abstain": entry.votes_abstain or 0,
            }
    return {
        "id": f"i{item.pk}",
        "title": item.title,
        "category": item.category,
        "owner": member_id(item.owner_id),
        "approved": item.state == item.State.APPROVED,
        "evaluation_report": bool(item.evaluation_report),
        "speakers": [member_id(int(p)) for p in entry.speakers],
        "written_opinions": [
            {"member": member_id(o.person_id), "position": o.position} for o in entry.written_opinions.all()
        ],
        "conflicts": [member_id(c.person_id) for c in entry.conflicts.all()],
        "recused": recused,
        "decision": entry.decision,
        "deferred": entry.deferred,
        "vote": vote,
    }


@dataclass(frozen=True)
class Judged:
    record: dict
    evaluation: Evaluation | None
    error: RecordError | None


def judge(meeting: Meeting, *, assume_present: bool = False) -> Judged:
    return judge_record(meeting_record(meeting, assume_present=assume_present), meeting.township)


def judge_record(record: dict, township) -> Judged:
    """Judge a record by the township's rules of its day: a stored meeting's (judge) or one the
    clerk has not saved yet (zhidu.meetings.views.preview)."""
    try:
        parsed = parse_meeting(record)
    except RecordError as error:
        return Judged(record, None, error)
    day = meeting_day(parsed)
    return Judged(record, evaluate(parsed, rules_for(township, day), get_calendar()), None)
