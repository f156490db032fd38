"""责任追究 (R7): two or more consecutive failed checks (rejected feedback) of the same person or the
same owner department cost them the year's award eligibility; an accepted report in between ends
the run. Decided rounds are read in the order they were decided; progress reports are not checks."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from zhidu.supervision.models import FeedbackRound

SHANGHAI = ZoneInfo("Asia/Shanghai")
MIN_CONSECUTIVE = 2
Decision = FeedbackRound.Decision


@dataclass(frozen=True)
class Ineligibility:
    kind: str  # "person" or "department"
    subject: object  # the Person or the Department
    rounds: tuple[FeedbackRound, ...]  # the evidence: every failed check in a qualifying run

    @property
    def name(self) -> str:
        return str(self.subject)


def _decided(township, year: int):
    start = datetime.datetime(year, 1, 1, tzinfo=SHANGHAI)
    end = datetime.datetime(year + 1, 1, 1, tzinfo=SHANGHAI)
    return (
        FeedbackRound.objects.filter(
            township=township,
            decision__in=[Decision.ACCEPTED, Decision.REJECTED],
            decided_at__gte=start,
            decided_at__lt=end,
        )
        .select_related("item", "owner_person", "owner_department")
        .order_by("decided_at", "id")
    )


def _runs(rounds: Iterable[FeedbackRound]) -> dict[tuple[str, int], list[list[FeedbackRound]]]:
    """(kind, id) -> the runs of consecutive rejections of that subject, each at least 2 long."""
    current: dict[tuple[str, int], list[FeedbackRound]] = {}
    runs: dict[tuple[str, int], list[list[FeedbackRound]]] = {}
    for r in rounds:
        for key in (("person", r.owner_person_id), ("department", r.owner_department_id)):
            if r.decision == Decision.ACCEPTED:
                current.pop(key, None)
                continue
            run = current.setdefault(key, [])
            if not run:
                runs.setdefault(key, []).append(run)
            run.append(r)
    return {key: [run for run in found if len(run) >= MIN_CONSECUTIVE] for key, found in runs.items()}


def ineligible(township, year: int) -> list[Ineligibility]:
    """Who lost the year's award eligibility, with the failed checks as evidence."""
    rounds = list(_decided(township, year))
    result = []
    for (kind, _pk), found in _runs(rounds).items():
        if not found:
            continue
        evidence = tuple(r for run in found for r in run)
        subject = evidence[0].owner_person if kind == "person" else evidence[0].owner_department
        result.append(Ineligibility(kind, subject, evidence))
    result.sort(key=lambda i: (i.kind != "department", i.name))
    return result


def failure_streaks(township, year: int, latest: FeedbackRound) -> list[Ineligibility]:
    """The qualifying runs that `latest` (just rejected) belongs to: recorded at each rejection."""
    found = []
    for entry in ineligible(township, year):
        for run_round in entry.rounds:
            if run_round.pk == latest.pk:
                found.append(entry)
                break
    return found
