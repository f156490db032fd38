"""Closing an electronic vote: reshuffle the stored ballots, count them, publish the sorted list and
its digest, and write the counts onto the agenda entry. And the recount check anyone may run."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, cast

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from zhidu.ballots import codes as codebook
from zhidu.ballots.models import (
    AnonymousBallot,
    Assessment,
    AssessmentAnswer,
    AssessmentTally,
    BallotBox,
    CodeSlot,
)
from zhidu.ballots.services.common import claim, refuse, require, write_result, write_void_note
from zhidu.core import audit
from zhidu.core.models import AuditEntry
from zhidu.meetings.models import AgendaEntry

if TYPE_CHECKING:
    from zhidu.core.permissions import Actor


_shuffle = random.SystemRandom().shuffle


def reshuffle(box: BallotBox) -> None:
    """Rewrite every ballot row of the box in one statement pair, in random order, under fresh random
    ids. Afterwards insertion order (SQLite rowid, PostgreSQL ctid), ids and xmin (one transaction for
    all rows) say nothing about the order of casting. Also rewrite the code slots, whose xmin would
    otherwise date each code's use. Called inside the closing transaction."""
    if box.is_assessment:
        answers = list(
            AssessmentAnswer.objects.filter(box=box).values_list("subject_id", "receipt", "rating")
        )
        _shuffle(answers)
        AssessmentAnswer.objects.filter(box=box).delete()
        AssessmentAnswer.objects.bulk_create(
            [AssessmentAnswer(box=box, subject_id=s, receipt=r, rating=g) for s, r, g in answers]
        )
    else:
        ballots = list(AnonymousBallot.objects.filter(box=box).values_list("receipt", "choice"))
        _shuffle(ballots)
        AnonymousBallot.objects.filter(box=box).delete()
        AnonymousBallot.objects.bulk_create(
            [AnonymousBallot(box=box, receipt=r, choice=c) for r, c in ballots]
        )
    CodeSlot.objects.filter(box=box).update(used=F("used"))


def published_lines(box: BallotBox) -> list[str]:
    """The public list: one line per ballot, "receipt choice", sorted by receipt. For an assessment,
    "receipt s<subject> grade"."""
    rows: Iterable[tuple[str, str]]
    if box.is_assessment:
        rows = (
            (r, f"s{s} {g}")
            for s, r, g in AssessmentAnswer.objects.filter(box=box).values_list(
                "subject_id", "receipt", "rating"
            )
        )
    else:
        rows = AnonymousBallot.objects.filter(box=box).values_list("receipt", "choice")
    return codebook.published_lines(rows)


def close_box(box: BallotBox, *, user: Actor | None = None) -> BallotBox:
    """Close an electronic vote.

    1. Claim the box (open → closed) by a conditional UPDATE: a cast still in flight either committed
       before (and is counted) or finds the box closed (and is refused).
    2. Reshuffle the rows (see `reshuffle`).
    3. Count: more ballots than codes issued, or ballots that do not match the used codes, void the
       vote (R1§7(4); only tampering can cause either, since each code is accepted once).
    4. Store the counts and the digest of the published list; write the counts onto the agenda entry
       or the assessment tallies; audit the result (counts only, no actor's choice).
    5. After the commit, on PostgreSQL, vacuum the ballot tables: the rewrite of step 2 leaves the
       cast-time row versions behind as dead tuples (each with its cast's transaction id), which a
       database owner could read with pageinspect until autovacuum gets to them (issue 17).

    The counters (cast_count) are the database's, never written back from `box`, which may have been
    loaded before the last casts: only the fields this closing sets are saved."""
    require(user, "ballots.manage", box)
    if box.method != BallotBox.Method.ELECTRONIC:
        refuse("box", "纸质投票由计票人录入、监票人确认")
    with transaction.atomic():
        claim(box, [BallotBox.State.OPEN], state=BallotBox.State.CLOSED, closed_at=timezone.now())
        box.refresh_from_db(fields=["cast_count"])  # casts that committed after `box` was loaded
        reshuffle(box)
        used = CodeSlot.objects.filter(box=box, used=True).count()
        lines = published_lines(box)
        box.list_digest = codebook.list_digest(lines)
        if box.is_assessment:
            # is_assessment: the box belongs to an assessment, not to an entry.
            assessment = cast(Assessment, box.assessment)
            subjects = list(assessment.subjects.values_list("pk", flat=True))
            per_subject = Counter(line.split(" ")[1] for line in lines)
            box.ballots_counted = used
            problem = any(per_subject[f"s{s}"] != used for s in subjects) or len(lines) != used * len(
                subjects
            )
        else:
            counts = codebook.recount(lines)
            box.ballots_counted = len(lines)
            box.votes_for, box.votes_against, box.votes_abstain = (
                counts["for"],
                counts["against"],
                counts["abstain"],
            )
            problem = len(lines) != used
        if box.ballots_counted > box.codes_issued or problem:
            box.state = BallotBox.State.VOID
            box.void_reason = (
                f"收回选票{box.ballots_counted}张，发出选票码{box.codes_issued}张，已使用{used}张："
                "选票多于发出或与已使用的选票码不符，本次投票无效"
            )
        box.save(update_fields=CLOSING_FIELDS)
        _finish(box, user)
        transaction.on_commit(vacuum_ballot_tables)
    return box


# What closing writes on the box; everything else (the cast counter above all) stays as stored.
CLOSING_FIELDS = ["state", "list_digest", "ballots_counted", "votes_for", "votes_against", "votes_abstain",
                  "void_reason"]  # fmt: skip
BALLOT_TABLES = (AnonymousBallot, AssessmentAnswer, CodeSlot, BallotBox)


def vacuum_ballot_tables() -> None:
    """PostgreSQL: remove the dead row versions of the ballot tables (the ballots as cast, the code
    slots as used, the box's counter at each cast), outside any transaction as VACUUM requires.
    SQLite keeps no row versions; its deleted cells are zeroed by `PRAGMA secure_delete`
    (settings). A VACUUM refused (not the tables' owner) leaves THREATS.md's operator step."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in BALLOT_TABLES)
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM {tables}")


def _finish(box: BallotBox, user: Actor | None) -> None:
    """Write what a closed or void box means for its entry or assessment, and the audit entry."""
    if box.state == BallotBox.State.VOID:
        write_void_note(box, user)
        audit.record(user, "ballots.void", box, summary=box.void_reason, digest=box.list_digest)
        return
    if box.is_assessment:
        if box.method == BallotBox.Method.ELECTRONIC:
            _write_tallies(box)
    else:
        write_result(box, user)
    audit.record(
        user,
        "ballots.close",
        box,
        summary=f"有效票{box.ballots_counted}张",
        counts=[box.votes_for, box.votes_against, box.votes_abstain],
        ballots=box.ballots_counted,
        digest=box.list_digest,
    )


def _write_tallies(box: BallotBox) -> None:
    counts = Counter(AssessmentAnswer.objects.filter(box=box).values_list("subject_id", "rating"))
    AssessmentTally.objects.bulk_create(
        [AssessmentTally(box=box, subject_id=s, rating=r, count=n) for (s, r), n in sorted(counts.items())]
    )


def verify(box: BallotBox) -> list[str]:
    """The recount check: recount the published list as it is stored now and compare it with every
    independent copy of the result (the box, the agenda entry, the audit entry written at closing).
    Returns the problems found, in Chinese; an empty list means the list and the result agree."""
    if box.method != BallotBox.Method.ELECTRONIC or box.state != BallotBox.State.CLOSED:
        return []
    problems = []
    lines = published_lines(box)
    if codebook.list_digest(lines) != box.list_digest:
        problems.append("公布清单的摘要与投票结束时记录的摘要不一致：选票在结束后被改动")
    closing = (
        AuditEntry.objects.filter(
            action="ballots.close", target_type="ballots.ballotbox", target_id=str(box.pk)
        )
        .order_by("at", "id")
        .first()
    )
    if closing is None or closing.detail.get("digest") != codebook.list_digest(lines):
        problems.append("公布清单与审计记录中的摘要不一致")
    used = CodeSlot.objects.filter(box=box, used=True).count()
    if box.is_assessment:
        recounted = Counter(line.split(" ", 1)[1] for line in lines)
        stored = {f"s{t.subject_id} {t.rating}": t.count for t in box.tallies.all()}
        if dict(recounted) != stored:
            problems.append("重新计票的结果与保存的测评结果不一致")
        return problems
    recounted = codebook.recount(lines)
    result = (recounted["for"], recounted["against"], recounted["abstain"])
    if result != (box.votes_for, box.votes_against, box.votes_abstain):
        problems.append("重新计票的结果（同意{}、反对{}、弃权{}）与保存的结果不一致".format(*result))
    if len(lines) != used or len(lines) > box.codes_issued:
        problems.append(f"选票{len(lines)}张与已使用的选票码{used}张（发出{box.codes_issued}张）不符")
    # Not an assessment: the box is on an entry (BallotBox's check constraint), so entry_id is set.
    entry = AgendaEntry.objects.filter(pk=cast(int, box.entry_id)).values_list(
        "vote_method", "votes_for", "votes_against", "votes_abstain"
    )
    if entry and entry[0][0] == "anonymous_ballot" and tuple(entry[0][1:]) != result:
        problems.append("重新计票的结果与会议记录中的票数不一致")
    return problems
