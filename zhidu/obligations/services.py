"""The obligations engine's entry points. Other areas call only these: `open_obligation` to add a duty,
`complete` (or `complete_by_key`) when it is fulfilled, and the one job (jobs.py) calls `sweep` and
`deliver_reminders`."""

from __future__ import annotations

import contextlib
import contextvars
import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, models, transaction
from django.db.models import Case, F, IntegerField, Value, When
from django.http import HttpRequest
from django.utils import timezone

from zhidu.core import audit
from zhidu.obligations.deadlines import DeadlineRule, resolve
from zhidu.obligations.models import Obligation, Reminder
from zhidu.org.models import Department, Person, Township
from zhidu.workdays.services import get_calendar

if TYPE_CHECKING:
    from zhidu.core.permissions import Actor

State = Obligation.State

# The obligations of one township that the job's generators may ask for again (known_obligations).
_known: contextvars.ContextVar[tuple[int, dict[str, Obligation]] | None] = contextvars.ContextVar(
    "zhidu_known_obligations", default=None
)
# A duty of a period containing today is due at the period's end at the earliest, or at its last
# working day before it: never more than this before today (a month-end holiday week, a generous bound).
KNOWN_MARGIN = datetime.timedelta(days=31)


@contextlib.contextmanager
def known_obligations(township: Township, day: datetime.date) -> Iterator[None]:
    """Inside: `open_obligation` for `township` answers "already open" from one query made here
    instead of one query per key (issue 18: the tick asked ~54 keys per township, every tick, when
    nothing was due). The query reads the township's rows due from a month before `day` on, through
    the (township, state, due_at) index; a key outside them still falls back to its own query, so
    the answer is the same, only cheaper. For the job's generators, one township at a time."""
    since = timezone.make_aware(datetime.datetime.combine(day - KNOWN_MARGIN, datetime.time()))
    rows = Obligation.objects.filter(township=township, state__in=State.values, due_at__gte=since)
    token = _known.set((township.pk, {ob.key: ob for ob in rows}))
    try:
        yield
    finally:
        _known.reset(token)


def open_obligation(
    *,
    township: Township,
    kind: str,
    article: str,
    title: str,
    key: str,
    rule: DeadlineRule | None,
    assignee: Person | None = None,
    department: Department | None = None,
    source: models.Model | None = None,
    actor: Actor | None = None,
    remind_before: bool = True,
) -> tuple[Obligation, bool]:
    """Create the obligation once (idempotent by `key`); returns (obligation, created).

    Two servers running the job at once may both find no row and both insert: the unique constraint
    on (township, key) refuses the second insert (on PostgreSQL it waits for the first to commit),
    whose savepoint rolls back with its audit entry, and the loser returns the winner's row."""
    known = _known.get()
    cache = known[1] if known is not None and known[0] == township.pk else None
    existing = cache.get(key) if cache is not None else None
    if existing is None:
        existing = _keyed(township, key)
    if existing is not None:
        return existing, False
    fields = {}
    if rule is not None:
        resolved = resolve(rule, get_calendar())
        fields = {
            "rule": rule.to_json(),
            "due_at": resolved.due_at,
            "provisional": resolved.provisional,
            "escalate_at": resolved.escalate_at,
            "remind_at": resolved.remind_at if remind_before else None,
        }
    escalate_to = None
    if assignee is not None:
        escalate_to = assignee.leader
    elif department is not None:
        escalate_to = department.head
    try:
        with transaction.atomic():
            obligation = Obligation.objects.create(
                township=township,
                key=key,
                kind=kind,
                article=article,
                title=title,
                assignee=assignee,
                department=department,
                escalate_to=escalate_to,
                source_type=source._meta.label_lower if source is not None else "",
                source_id=str(source.pk) if source is not None else "",
                **fields,
            )
            audit.record(actor, "obligation.open", obligation, summary=title, key=key)
    except IntegrityError:
        existing = _keyed(township, key)
        if existing is None:
            raise  # not the key: another constraint (an obligation needs an owner)
        return existing, False
    if cache is not None:
        cache[key] = obligation
    return obligation, True


def _keyed(township: Township, key: str) -> Obligation | None:
    return Obligation.objects.filter(township=township, key=key).first()


def complete(
    obligation: Obligation,
    *,
    by: Actor | None,
    at: datetime.datetime | None = None,
    request: HttpRequest | None = None,
) -> bool:
    """Mark done (or done late). A conditional UPDATE, so two clicks or two clerks never record it
    twice and the first completion time stands. Returns False when it was already finished."""
    at = at or timezone.now()
    late = obligation.due_at is not None and at > obligation.due_at
    with transaction.atomic():
        changed = Obligation.objects.filter(pk=obligation.pk, state__in=[State.OPEN, State.OVERDUE]).update(
            state=State.DONE_LATE if late else State.DONE,
            completed_at=at,
            completed_by=by if getattr(by, "is_authenticated", False) else None,
        )
        if changed:
            audit.record(
                by, "obligation.complete", obligation, summary=obligation.title, request=request, late=late
            )
    obligation.refresh_from_db()
    return bool(changed)


def complete_by_key(
    township: Township,
    key: str,
    *,
    by: Actor | None,
    at: datetime.datetime | None = None,
    request: HttpRequest | None = None,
) -> bool:
    """Complete the obligation the caller opened under `key`, if there is one still unfinished: the
    areas name their duties by the keys they opened them with and never query this app's rows.
    Returns False when there is none or it was already finished."""
    obligation = _keyed(township, key)
    if obligation is None:
        return False
    return complete(obligation, by=by, at=at, request=request)


@dataclass(frozen=True)
class SweepResult:
    marked_overdue: int
    escalated: int
    due_soon: int = 0


def sweep(now: datetime.datetime | None = None, *, dry_run: bool = False) -> SweepResult:
    """Mark open obligations past their due time overdue and queue reminders, in two set-based
    statements (no row-by-row loop: a county has millions of rows). Safe to run twice: the second
    run finds nothing left to change. Reminders are queued by raising `reminder_level`: 1 for the
    person, 2 once the escalation time has passed too (the leader)."""
    now = now or timezone.now()
    past_due = Obligation.objects.filter(state=State.OPEN, due_at__lt=now)
    to_escalate = Obligation.objects.filter(state=State.OVERDUE, reminder_level=1, escalate_at__lt=now)
    soon = Obligation.objects.filter(state=State.OPEN, soon_reminded=False, remind_at__lte=now)
    if dry_run:
        return SweepResult(past_due.count(), to_escalate.count(), soon.exclude(due_at__lt=now).count())
    with transaction.atomic():
        marked = past_due.update(
            state=State.OVERDUE,
            overdue_since=now,
            reminder_level=Case(
                When(escalate_at__lt=now, then=Value(2)), default=Value(1), output_field=IntegerField()
            ),
        )
        escalated = to_escalate.update(reminder_level=2)
        # After marking: an item already past due gets the overdue reminder, not "due soon".
        due_soon = soon.update(soon_reminded=True)
        if marked or escalated or due_soon:
            # A bulk update is a write like any other: one entry per run that changed something
            # (not per row: a county sweeps millions), in the same transaction.
            audit.record(
                None,
                "obligations.sweep",
                summary=f"逾期 {marked}，升级提醒 {escalated}，即将到期提醒 {due_soon}",
                overdue=marked,
                escalated=escalated,
                due_soon=due_soon,
            )
    return SweepResult(marked, escalated, due_soon)


def deliver_reminders(batch: int = 1000, max_batches: int = 100) -> int:
    """Turn queued reminder levels into in-app reminders, a batch at a time, each batch in its own
    transaction; idempotent by the (obligation, level) constraint. Each batch reads the next rows in
    key order from the partial indexes of what is still undelivered (obligation_to_deliver,
    obligation_soon_to_deliver): no full-table scan, however many rows are overdue (issue 18). Up
    to `max_batches` per call: 100,000 reminders a tick, 1M overdue within an hour of ticks."""
    total = 0
    after_level: int | None = 0
    after_soon: int | None = 0
    for _ in range(max_batches):
        delivered, after_level, after_soon = _deliver_batch(batch, after_level, after_soon)
        total += delivered
        if after_level is None and after_soon is None:
            break
    return total


def _deliver_batch(
    batch: int, after_level: int | None, after_soon: int | None
) -> tuple[int, int | None, int | None]:
    """One batch after the keys (None: that queue is done); returns (reminders, next keys)."""
    pending: list[dict[str, Any]] = []
    if after_level is not None:
        pending = [
            dict(row)
            for row in Obligation.objects.filter(delivered_level__lt=F("reminder_level"), pk__gt=after_level)
            .order_by("pk")
            .values(
                "pk", "township_id", "assignee_id", "escalate_to_id", "reminder_level", "delivered_level"
            )[:batch]
        ]
    rows = []
    for ob in pending:
        for level in range(ob["delivered_level"] + 1, ob["reminder_level"] + 1):
            recipient = ob["assignee_id"] if level == 1 else (ob["escalate_to_id"] or ob["assignee_id"])
            if recipient is not None:
                rows.append(
                    Reminder(
                        township_id=ob["township_id"],
                        obligation_id=ob["pk"],
                        recipient_id=recipient,
                        level=level,
                    )
                )
    soon: list[dict[str, Any]] = []
    if after_soon is not None:
        soon = [
            dict(row)
            for row in Obligation.objects.filter(soon_reminded=True, soon_delivered=False, pk__gt=after_soon)
            .order_by("pk")
            .values("pk", "township_id", "assignee_id")[:batch]
        ]
    rows += [
        Reminder(
            township_id=ob["township_id"],
            obligation_id=ob["pk"],
            recipient_id=ob["assignee_id"],
            level=Obligation.Reminder.SOON,
        )
        for ob in soon
        if ob["assignee_id"] is not None
    ]
    with transaction.atomic():
        Reminder.objects.bulk_create(rows, ignore_conflicts=True)
        Obligation.objects.filter(pk__in=[ob["pk"] for ob in soon]).update(soon_delivered=True)
        by_level: dict[int, list[int]] = {}
        for ob in pending:
            by_level.setdefault(ob["reminder_level"], []).append(ob["pk"])
        for level, pks in by_level.items():
            Obligation.objects.filter(pk__in=pks).update(delivered_level=level)
        if rows:
            audit.record(None, "obligations.remind", summary=f"发出提醒 {len(rows)} 条", reminders=len(rows))
    next_level = pending[-1]["pk"] if len(pending) == batch else None
    next_soon = soon[-1]["pk"] if len(soon) == batch else None
    return len(rows), next_level, next_soon


def recompute(years: set[int] | None = None, now: datetime.datetime | None = None) -> int:
    """Recompute the due times of unfinished obligations after the calendar changed (a holiday
    notice entered). An overdue item whose new due time is still ahead returns to open."""
    now = now or timezone.now()
    calendar = get_calendar()
    changed = []
    qs = Obligation.objects.filter(state__in=[State.OPEN, State.OVERDUE]).exclude(rule={})
    for ob in qs.only(
        "pk", "rule", "due_at", "provisional", "escalate_at", "remind_at", "state", "reminder_level"
    ).iterator():
        rule = DeadlineRule.from_json(ob.rule)
        if years is not None and not (
            rule.anchor.year in years
            or rule.anchor.year + 1 in years
            or (ob.due_at and ob.due_at.year in years)
        ):
            continue
        resolved = resolve(rule, calendar)
        remind_at = resolved.remind_at if ob.remind_at is not None else None
        if (resolved.due_at, resolved.provisional, resolved.escalate_at, remind_at) == (
            ob.due_at,
            ob.provisional,
            ob.escalate_at,
            ob.remind_at,
        ):
            continue
        ob.due_at, ob.provisional, ob.escalate_at, ob.remind_at = (
            resolved.due_at,
            resolved.provisional,
            resolved.escalate_at,
            remind_at,
        )
        if ob.state == State.OVERDUE and resolved.due_at >= now:
            ob.state, ob.reminder_level = State.OPEN, 0
        changed.append(ob)
    Obligation.objects.bulk_update(
        changed,
        ["due_at", "provisional", "escalate_at", "remind_at", "state", "reminder_level"],
        batch_size=500,
    )
    return len(changed)


def reschedule_by_key(township: Township, key: str, rule: DeadlineRule, *, by: Actor | None = None) -> bool:
    """Give the unfinished obligation opened under `key` a new deadline rule, when the record it
    follows changed what the rule counts from before anything was due (a draft declaration's event
    day, R9). The audit entry keeps the original due time. Returns False when there is none left
    unfinished or the rule is the same."""
    obligation = _keyed(township, key)
    if obligation is None or obligation.state not in (State.OPEN, State.OVERDUE):
        return False
    if obligation.rule == rule.to_json():
        return False
    resolved = resolve(rule, get_calendar())
    before = obligation.due_at
    obligation.rule = rule.to_json()
    obligation.due_at, obligation.provisional = resolved.due_at, resolved.provisional
    obligation.escalate_at = resolved.escalate_at
    if obligation.remind_at is not None:
        obligation.remind_at = resolved.remind_at
    if obligation.state == State.OVERDUE and resolved.due_at >= timezone.now():
        obligation.state, obligation.reminder_level = State.OPEN, 0
    fields = ["rule", "due_at", "provisional", "escalate_at", "remind_at", "state", "reminder_level"]
    with transaction.atomic():
        obligation.save(update_fields=fields)
        audit.record(
            by,
            "obligation.reschedule",
            obligation,
            summary=obligation.title,
            key=key,
            was=before.isoformat() if before else None,
        )
    return True
