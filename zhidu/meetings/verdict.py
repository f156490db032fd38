"""The verdict on a closed meeting, judged once at closing and stored in its archive version (R1§10):
the `zhidu.evaluation/1` document (quorum, findings, each item's outcome, the obligations with their
due days) and the votes it counted. The minutes (web and Word), the API, the organization office's
audit (R1§14–16) and supervision's registration from a passed decision (R7) read it from here, so
none of them can print or act on a count the verdict did not use (a recused member's named ballot
is recorded but never counted, R1§7(4), R4).

Versions archived before the verdict was stored have none, and cannot be given one (the database
refuses UPDATE on archive rows): their verdict is judged on read from their frozen record, by the
same pure `evaluate` with the township's rules of the meeting day and the working-day calendar.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from zhidu.meetings.checks import (
    OBLIGATION_ARTICLES,
    Evaluation,
    Finding,
    ItemResult,
    Obligation,
    Quorum,
    counted_votes,
    evaluate,
    meeting_day,
)
from zhidu.meetings.evaluation_json import to_json
from zhidu.meetings.models import ArchiveVersion, Meeting
from zhidu.meetings.record import Meeting as Record
from zhidu.meetings.record import parse_meeting
from zhidu.meetings.rules import rules_for
from zhidu.workdays.services import get_calendar

Counts = dict[str, dict[str, int]]  # item id -> {"for", "against", "abstain"} as counted


def counts_of(record: Record) -> Counts:
    """The votes each voted item counted: a recused member's named ballot left out (R1§7(4), R4)."""
    counts: Counts = {}
    for item in record.items:
        if item.vote is not None:
            for_, against, abstain = counted_votes(item)
            counts[item.id] = {"for": for_, "against": against, "abstain": abstain}
    return counts


@dataclass(frozen=True)
class Verdict:
    document: dict[str, Any]  # zhidu.evaluation/1
    counts: Counts
    # False for a version archived before verdicts were stored: judged on read, today's calendar.
    stored: bool

    def outcome(self, item_id: str) -> str | None:
        return next((i["outcome"] for i in self.document["items"] if i["id"] == item_id), None)

    def counted(self, item_id: str) -> tuple[int, int, int] | None:
        votes = self.counts.get(item_id)
        return None if votes is None else (votes["for"], votes["against"], votes["abstain"])

    def evaluation(self) -> Evaluation:
        """The document as the checks' Evaluation, for the screens that show one."""
        return evaluation_from_json(self.document)


def judge_record(township, data: dict) -> tuple[Evaluation, Counts]:
    """Judge an archived record by the township's rules of the meeting day and the working-day
    calendar. Raises RecordError when the record is not a valid `zhidu.meeting/1` document."""
    record = parse_meeting(data)
    evaluation = evaluate(record, rules_for(township, meeting_day(record)), get_calendar())
    return evaluation, counts_of(record)


def archive_fields(evaluation: Evaluation, data: dict) -> dict[str, Any]:
    """The verdict columns of a new archive version of the record `data` judged as `evaluation`,
    written in the version's INSERT (the trust chain then hashes them with the record)."""
    return {"evaluation": to_json(evaluation), "counts": counts_of(parse_meeting(data))}


def copied_fields(version: ArchiveVersion) -> dict[str, Any]:
    """A correction of the minutes' texts keeps the record, so it keeps the verdict (R1§10)."""
    verdict = verdict_of(version)
    return {"evaluation": verdict.document, "counts": verdict.counts}


def verdict_of(version: ArchiveVersion) -> Verdict:
    """The stored verdict of an archive version, or (older versions) its verdict judged on read."""
    if version.evaluation is not None and version.counts is not None:
        # Rebuilt through the checks' Evaluation: PostgreSQL's jsonb keeps no key order, and the
        # zhidu.evaluation/1 contract prints its keys in the spec's order.
        return Verdict(to_json(evaluation_from_json(version.evaluation)), version.counts, stored=True)
    evaluation, counts = judge_record(version.township, version.record)
    return Verdict(to_json(evaluation), counts, stored=False)


def latest_version(meeting: Meeting) -> ArchiveVersion | None:
    return meeting.archive.select_related("township").order_by("-version").first()


def latest_verdict(meeting: Meeting) -> Verdict | None:
    """The verdict of the meeting's latest archive version; None while it is not archived."""
    version = latest_version(meeting)
    return None if version is None else verdict_of(version)


def evaluation_from_json(document: dict[str, Any]) -> Evaluation:
    """The inverse of `evaluation_json.to_json`. The document does not carry an obligation's article;
    it is the one its code is always opened under."""
    quorum = document["quorum"]
    return Evaluation(
        quorum=Quorum(quorum["expected"], quorum["present"], quorum["required"], quorum["met"]),
        findings=tuple(_finding(f) for f in document["findings"]),
        items=tuple(
            ItemResult(
                id=i["id"],
                outcome=i["outcome"],
                for_=i["for"],
                needed=i["needed"],
                findings=tuple(_finding(f) for f in i["findings"]),
            )
            for i in document["items"]
        ),
        obligations=tuple(
            Obligation(
                code=o["code"],
                item=o["item"],
                article=OBLIGATION_ARTICLES[o["code"]],
                due=None if o["due"] is None else dt.date.fromisoformat(o["due"]),
                provisional=bool(o.get("provisional", False)),
            )
            for o in document["obligations"]
        ),
    )


def _finding(data: dict[str, str]) -> Finding:
    return Finding(data["code"], data["severity"], data["article"], data["message"])
