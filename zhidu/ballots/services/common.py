"""Shared by the ballot entry points: refusals that name their field, and writing a result or a void
note onto the agenda entry with the meeting's version bump (zhidu.meetings.services.bump)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import F

from zhidu.ballots.models import BallotBox
from zhidu.core import audit
from zhidu.meetings.models import AgendaEntry, Meeting
from zhidu.meetings.services import Conflicting, bump

LIVE_STATES = (BallotBox.State.PREPARED, BallotBox.State.OPEN, BallotBox.State.COUNTED)


def refuse(field: str, message: str):
    raise ValidationError({field: message})


def claim(box: BallotBox, from_states, *, message: str = "投票状态已变化，请刷新页面", **changes) -> None:
    """Move the box out of `from_states` with a conditional UPDATE: of two concurrent requests (two
    clerks closing, a cast racing the close) exactly one wins, on SQLite and PostgreSQL alike."""
    if not BallotBox.objects.filter(pk=box.pk, state__in=list(from_states)).update(**changes):
        refuse("box", message)
    for name, value in changes.items():
        if not isinstance(value, F):
            setattr(box, name, value)


def _bump_current(meeting: Meeting) -> None:
    # The clerk acting on a ballot box did not load the meeting form: claim whatever version is
    # current, retrying if a record save slips in between.
    for _attempt in range(5):
        version = Meeting.objects.values_list("version", flat=True).get(pk=meeting.pk)
        try:
            bump(meeting, version)
            return
        except Conflicting:
            continue
    raise Conflicting


def write_result(box: BallotBox, user=None) -> bool:
    """R1§7(4): the counts of a closed anonymous ballot become the entry's vote. Returns False, and
    leaves the entry alone, when the meeting was archived meanwhile (R1§10: corrections only)."""
    entry = AgendaEntry.objects.select_related("meeting", "item").get(pk=box.entry_id)
    if entry.meeting.state == Meeting.State.CLOSED:
        return False
    _bump_current(entry.meeting)
    AgendaEntry.objects.filter(pk=entry.pk).update(
        vote_method="anonymous_ballot",
        votes_for=box.votes_for,
        votes_against=box.votes_against,
        votes_abstain=box.votes_abstain,
    )
    audit.record(
        user,
        "meeting.record_item",
        entry.meeting,
        summary=f"{entry.item.title}：无记名投票结果",
        box=box.pk,
        counts=[box.votes_for, box.votes_against, box.votes_abstain],
    )
    return True


def write_void_note(box: BallotBox, user=None) -> None:
    """A void vote is not a vote: the entry keeps no counts from it, and its discussion (which the
    minutes print) says why the vote was void."""
    if box.entry_id is None:
        return
    entry = AgendaEntry.objects.select_related("meeting").get(pk=box.entry_id)
    if entry.meeting.state == Meeting.State.CLOSED:
        return
    _bump_current(entry.meeting)
    note = f"无记名投票（票箱{box.pk}）作废：{box.void_reason}"
    text = f"{entry.discussion}\n{note}".strip()
    AgendaEntry.objects.filter(pk=entry.pk).update(discussion=text)
