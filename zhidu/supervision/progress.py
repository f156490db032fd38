"""定期续报 (R7 综合反馈: "未能按时办结的要详细说明原因，并定期续报，直至办结"). A progress report (the
work is not done yet) opens the next progress-report duty, due N working days after it (a township
parameter, default 10). When that day passes without a report, the daily generation opens the one
after, N working days later again, so every missed report stays visible as its own overdue duty.
Any report of the owner answers the open ones; a final report ends the chain.

Keys: ``supervision:<item>:progress:<round>:<k>``, the k-th duty after progress report <round>."""

from __future__ import annotations

import datetime
from typing import cast
from zoneinfo import ZoneInfo

from zhidu.obligations.deadlines import DeadlineRule
from zhidu.obligations.models import Obligation
from zhidu.obligations.services import open_obligation
from zhidu.rules import parameters_for
from zhidu.supervision.checks import AREA, SupervisionParameters
from zhidu.supervision.models import FeedbackRound, SupervisionItem

SHANGHAI = ZoneInfo("Asia/Shanghai")
KIND = "supervision-progress"


def local_day(moment: datetime.datetime) -> datetime.date:
    return moment.astimezone(SHANGHAI).date()


def progress_workdays(township, day: datetime.date) -> int:
    """The interval in force in a township on a day (the township's rule set, zhidu.rules)."""
    parameters = parameters_for(township, AREA, day)
    assert isinstance(parameters, SupervisionParameters)
    return parameters.progress_workdays


def _open(item: SupervisionItem, round_number: int, k: int, anchor: datetime.date, user=None) -> Obligation:
    n = progress_workdays(item.township, anchor)
    duty, _ = open_obligation(
        township=item.township,
        kind=KIND,
        article="R7",
        title=f"续报督查事项办理进展：{item.doc_number} {item.matter}",
        key=f"supervision:{item.pk}:progress:{round_number}:{k}",
        rule=DeadlineRule("after_workdays", anchor, n),
        assignee=item.owner_person,
        source=item,
        actor=user,
    )
    return duty


def open_progress_duty(item: SupervisionItem, feedback: FeedbackRound, user=None) -> Obligation:
    """After progress report `feedback`: the next report is due N working days after its day."""
    return _open(item, feedback.number, 1, local_day(feedback.submitted_at), user)


def _chain(key: str) -> tuple[int, int, int]:
    _, item, _, round_number, k = key.split(":")
    return int(item), int(round_number), int(k)


def generate(township, day: datetime.date) -> int:
    """Open the progress duties whose period has begun by `day` for items still in progress.
    Idempotent (by key) and set-based in its reads: it looks only at unanswered duties already past
    due, a handful per township, never at every item."""
    start = datetime.datetime.combine(day, datetime.time.min, tzinfo=SHANGHAI)
    missed = Obligation.objects.filter(
        township=township,
        kind=KIND,
        state__in=[Obligation.State.OPEN, Obligation.State.OVERDUE],
        due_at__lt=start,
    ).values_list("key", flat=True)
    chains: set[tuple[int, int]] = {_chain(key)[:2] for key in missed}
    created = 0
    for item_pk, round_number in sorted(chains):
        item = SupervisionItem.objects.filter(pk=item_pk, township=township).first()
        latest = item.rounds.order_by("-number").first() if item is not None else None
        # The chain runs while its report is the latest word and the work is not reported done.
        if (
            item is None
            or item.state != SupervisionItem.State.ASSIGNED
            or latest is None
            or (latest.number, latest.decision) != (round_number, FeedbackRound.Decision.PROGRESS)
        ):
            continue
        rows = Obligation.objects.filter(
            township=township, key__startswith=f"supervision:{item_pk}:progress:{round_number}:"
        ).values_list("key", "due_at")
        k, due = max(((_chain(key)[2], due) for key, due in rows), key=lambda r: r[0])
        # A progress duty is opened with a fixed rule (`_open`), so it always has a due time.
        due_at = cast(datetime.datetime, due)
        while due_at < start:
            k += 1
            due_at = cast(datetime.datetime, _open(item, round_number, k, local_day(due_at)).due_at)
            created += 1
    return created
