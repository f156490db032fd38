"""Shared by the ballot entry points: refusals that name their field, the permission check
(zhidu.core.permissions.require; every entry point but `cast`, which never receives the user), and
handing a result or a void note to the meeting record through its entry points
(zhidu.meetings.services.record_ballot_result, record_void_ballot): ballots never write AgendaEntry
rows themselves."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NoReturn, cast

from django.core.exceptions import ValidationError
from django.db.models import F

from zhidu.ballots.models import BallotBox
from zhidu.core.permissions import actor_of, require, require_person
from zhidu.meetings import services as meetings

if TYPE_CHECKING:
    from zhidu.core.permissions import Actor


__all__ = [
    "LIVE_STATES",
    "actor_of",
    "claim",
    "refuse",
    "require",
    "require_person",
    "write_result",
    "write_void_note",
]

LIVE_STATES = (BallotBox.State.PREPARED, BallotBox.State.OPEN, BallotBox.State.COUNTED)


def refuse(field: str, message: str) -> NoReturn:
    raise ValidationError({field: message})


def claim(
    box: BallotBox, from_states: Iterable[str], *, message: str = "投票状态已变化，请刷新页面", **changes: Any
) -> None:
    """Move the box out of `from_states` with a conditional UPDATE: of two concurrent requests (two
    clerks closing, a cast racing the close) exactly one wins, on SQLite and PostgreSQL alike."""
    if not BallotBox.objects.filter(pk=box.pk, state__in=list(from_states)).update(**changes):
        refuse("box", message)
    for name, value in changes.items():
        if not isinstance(value, F):
            setattr(box, name, value)


def write_result(box: BallotBox, user: Actor | None = None) -> bool:
    """R1§7(4): the counts of a closed anonymous ballot become the entry's vote, through the
    meetings entry point (which bumps the meeting's version and writes the audit entry). False when
    the meeting was archived meanwhile (R1§10: corrections only)."""
    # Called for a counted box on an entry (not an assessment): the entry and the counts are set.
    return meetings.record_ballot_result(
        cast(int, box.entry_id),
        cast("tuple[int, int, int]", (box.votes_for, box.votes_against, box.votes_abstain)),
        box_id=box.pk,
        user=user,
    )


def write_void_note(box: BallotBox, user: Actor | None = None) -> None:
    """A void vote is not a vote: the entry keeps no counts from it, and its discussion (which the
    minutes print) says why the vote was void (through the meetings entry point)."""
    if box.entry_id is None:
        return
    meetings.record_void_ballot(
        box.entry_id, f"无记名投票（票箱{box.pk}）作废：{box.void_reason}", box_id=box.pk, user=user
    )
