"""A ballot's outcome reaches the meeting record only through these entry points: the counts of a
closed anonymous ballot become the entry's vote (R1§7(4)), and a void ballot leaves a note and no
counts. The ballots area calls them when it closes a box; it never writes AgendaEntry rows itself."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from zhidu.core import audit
from zhidu.core.permissions import require_any
from zhidu.meetings.models import AgendaEntry, Meeting
from zhidu.meetings.services.common import bump

if TYPE_CHECKING:
    from zhidu.core.permissions import Actor


# The clerk closes an electronic box (ballots.manage); the scrutineer confirms a paper count
# (ballots.count, checked against the box's named scrutineer by the ballots area).
BALLOT_ACTIONS = ("ballots.manage", "ballots.count")


def _open_entry(entry_id: int, user: Actor | None) -> AgendaEntry | None:
    entry = AgendaEntry.objects.select_related("meeting", "item").get(pk=entry_id)
    require_any(user, BALLOT_ACTIONS, entry)
    if entry.meeting.state == Meeting.State.CLOSED:
        return None  # R1§10: the archive changes only by a correction
    return entry


def record_ballot_result(
    entry_id: int, counts: tuple[int, int, int], *, box_id: int, user: Actor | None = None
) -> bool:
    """The counts (for, against, abstain) of a closed anonymous ballot become the entry's vote.
    Returns False, and leaves the entry alone, when the meeting was archived meanwhile. Called inside
    the ballot's closing transaction; bumps the meeting's version unconditionally (the clerk acting
    on a box did not load the meeting form), so a record form loaded before the result is stale."""
    entry = _open_entry(entry_id, user)
    if entry is None:
        return False
    votes_for, votes_against, votes_abstain = counts
    with transaction.atomic():
        bump(entry.meeting)
        AgendaEntry.objects.filter(pk=entry.pk).update(
            vote_method="anonymous_ballot",
            votes_for=votes_for,
            votes_against=votes_against,
            votes_abstain=votes_abstain,
        )
        audit.record(
            user,
            "meeting.record_item",
            entry.meeting,
            summary=f"{entry.item.title}：无记名投票结果",
            box=box_id,
            counts=list(counts),
        )
    return True


def record_void_ballot(entry_id: int, note: str, *, box_id: int, user: Actor | None = None) -> bool:
    """A void vote is not a vote: the entry keeps no counts from it, and its discussion (which the
    minutes print) says why the vote was void."""
    entry = _open_entry(entry_id, user)
    if entry is None:
        return False
    with transaction.atomic():
        bump(entry.meeting)
        text = f"{entry.discussion}\n{note}".strip()
        AgendaEntry.objects.filter(pk=entry.pk).update(discussion=text)
        audit.record(user, "meeting.record_item", entry.meeting, summary=note[:300], box=box_id)
    return True
