"""Paper anonymous ballots: the system prints the ballots and the tally sheet; the counter (计票人)
enters the totals, the scrutineer (监票人), another person, confirms them. Ballots collected may not
exceed ballots issued: more void the vote (R1§7(4))."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.db import transaction
from django.utils import timezone

from zhidu.ballots.models import Assessment, AssessmentTally, BallotBox, Rating
from zhidu.ballots.services.closing import _finish
from zhidu.ballots.services.common import actor_of, claim, refuse, require, require_person
from zhidu.core import audit

if TYPE_CHECKING:
    from zhidu.core.permissions import Actor
    from zhidu.org.models import Person


def enter_paper_count(
    box: BallotBox,
    *,
    by: Person | None,
    collected: int,
    invalid: int,
    counts: tuple[int, int, int] | None = None,
    tallies: dict[int, dict[str, int]] | None = None,
    user: Actor | None = None,
) -> None:
    """The counter's totals. For an entry `counts` is (for, against, abstain); for an assessment
    `tallies` maps subject id -> grade -> number. May be entered again until the scrutineer confirms."""
    user = actor_of(user, by)
    require(user, "ballots.count", box)
    require_person(user, by, "ballots.paper_count")
    if box.method != BallotBox.Method.PAPER:
        refuse("box", "电子投票由系统计票")
    if by is None or by.pk != box.counter_id:
        refuse("counter", "只有本次投票指定的计票人可以录入计票结果")
    numbers = [collected, invalid, *(counts or ())]
    numbers += [n for grades in (tallies or {}).values() for n in grades.values()]
    if any(n is None or n < 0 for n in numbers):
        refuse("collected", "票数须为不小于0的整数")
    if invalid > collected:
        refuse("invalid", f"无效票{invalid}张多于收回的选票{collected}张")
    valid = collected - invalid
    if box.is_assessment:
        # is_assessment: the box belongs to an assessment, not to an entry.
        subjects = set(cast(Assessment, box.assessment).subjects.values_list("pk", flat=True))
        tallies = tallies or {}
        if set(tallies) != subjects or any(set(g) - set(Rating.values) for g in tallies.values()):
            refuse("tallies", "请为每一位测评对象填写各等次的票数")
        for grades in tallies.values():
            if sum(grades.values()) > valid:
                refuse("tallies", f"每位测评对象各等次票数之和不能超过有效测评表{valid}张")
    else:
        if counts is None or len(counts) != 3:
            refuse("votes_for", "请填写同意、反对、弃权票数")
        if sum(counts) != valid:
            refuse(
                "votes_for",
                f"同意、反对、弃权票数之和（{sum(counts)}）应等于有效票数（收回{collected}张减无效{invalid}张）",
            )
    with transaction.atomic():
        claim(box, [BallotBox.State.OPEN, BallotBox.State.COUNTED], state=BallotBox.State.COUNTED)
        box.collected, box.invalid = collected, invalid
        if box.is_assessment:
            # Both set and checked above (`tallies` for an assessment, `counts` otherwise); the type
            # checker does not carry that across the two `is_assessment` tests.
            tallies = cast("dict[int, dict[str, int]]", tallies)
            box.tallies.all().delete()  # not yet confirmed: a re-entry replaces the last one
            AssessmentTally.objects.bulk_create(
                [
                    AssessmentTally(box=box, subject_id=s, rating=r, count=n)
                    for s, grades in sorted(tallies.items())
                    for r, n in grades.items()
                ]
            )
        else:
            box.votes_for, box.votes_against, box.votes_abstain = cast("tuple[int, int, int]", counts)
        box.ballots_counted = valid
        box.save(
            update_fields=[
                "collected",
                "invalid",
                "votes_for",
                "votes_against",
                "votes_abstain",
                "ballots_counted",
            ]
        )
        audit.record(
            user,
            "ballots.paper_count",
            box,
            summary=f"收回{collected}张，无效{invalid}张",
            counts=list(counts or ()),
        )


def confirm_paper_count(box: BallotBox, *, by: Person | None, user: Actor | None = None) -> BallotBox:
    """The scrutineer confirms the counter's totals; the vote closes, or is void when more ballots
    were collected than issued."""
    user = actor_of(user, by)
    require(user, "ballots.count", box)
    require_person(user, by, "ballots.paper_confirm")
    if by is None or by.pk != box.scrutineer_id:
        refuse("scrutineer", "只有本次投票指定的监票人可以确认计票结果")
    if by.pk == box.counter_id:
        refuse("scrutineer", "监票人不能确认自己录入的计票结果")
    box.refresh_from_db()
    with transaction.atomic():
        if box.collected is not None and box.collected > box.codes_issued:
            reason = f"收回选票{box.collected}张，多于发出的{box.codes_issued}张，本次投票无效"
            claim(
                box,
                [BallotBox.State.COUNTED],
                state=BallotBox.State.VOID,
                void_reason=reason,
                closed_at=timezone.now(),
            )
        else:
            claim(box, [BallotBox.State.COUNTED], state=BallotBox.State.CLOSED, closed_at=timezone.now())
        _finish(box, user)
    return box
