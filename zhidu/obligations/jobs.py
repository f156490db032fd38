"""The one job: generate → sweep → deliver (style: healthchecks' `sendalerts`, one job of one-step
functions). `zhidu sweep` (cron) and the embedded scheduler thread both run exactly this, so a
deployment that turns the thread off (ZHIDU_SWEEP_SECONDS=0) still opens the recurring duties.

1. Generate: every registered generator opens the obligations of the periods containing today, for
   each township. Each area registers its own from its app's `ready()` (`register_generator`); this
   kernel imports no area. Generators open rows through `services.open_obligation`, which is
   idempotent by (township, key) and leans on the unique constraint, so two servers running the job
   at the same moment never open a duty twice.
2. Sweep: `services.sweep`, conditional UPDATEs (a second sweeper finds nothing left to change).
3. Deliver: `services.deliver_reminders`, idempotent by the (obligation, level) constraint.

A dry run performs the three steps in one transaction and rolls it back: the counts are exactly what
a real run would do at that moment (generation included, which no count query could predict), and
nothing is written: no row, no audit entry, no chain entry, no notification (those wait for a commit
that never comes). The price is that a dry run holds the write lock while it runs.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from zhidu.core.permissions import SYSTEM, Actor, require
from zhidu.obligations import lease, services
from zhidu.org.models import Township

# (township, day) -> how many obligations it opened. Idempotent: it runs every tick of the day.
Generator = Callable[[Township, datetime.date], int]

_generators: dict[str, Generator] = {}


def register_generator(name: str, generator: Generator) -> None:
    """Run `generator(township, day)` in the job, after those registered before it (apps register
    in INSTALLED_APPS order). Registering a name again replaces it (a reloaded app)."""
    _generators[name] = generator


def generators() -> dict[str, Generator]:
    return dict(_generators)


@dataclasses.dataclass(frozen=True)
class JobResult:
    opened: dict[str, int]  # generator name -> obligations opened
    sweep: services.SweepResult
    delivered: int
    dry_run: bool = False
    skipped: bool = False  # another server holds the lease: it runs this tick

    @property
    def opened_total(self) -> int:
        return sum(self.opened.values())


def generate(day: datetime.date) -> dict[str, int]:
    opened = dict.fromkeys(_generators, 0)
    for township in Township.objects.order_by("pk"):
        # One query for the township's current duties, not one per key: a tick with nothing due
        # costs a constant number of queries per township (issue 18).
        with services.known_obligations(township, day):
            for name, generator in _generators.items():
                opened[name] += generator(township, day)
    return opened


def _steps(day: datetime.date, now: datetime.datetime) -> JobResult:
    opened = generate(day)
    swept = services.sweep(now)
    delivered = services.deliver_reminders()
    return JobResult(opened, swept, delivered)


def run(
    *,
    actor: Actor | None = SYSTEM,
    now: datetime.datetime | None = None,
    dry_run: bool = False,
    hold_seconds: int = 0,
) -> JobResult:
    """The job, as `actor` (the system's own by default): only SYSTEM may run it, so no person's
    account (nor a command acting for one) opens, sweeps or reminds on the clock's behalf. On N
    servers the one holding the lease runs it; the others return `skipped` (zhidu.obligations.lease).
    `hold_seconds` (the embedded scheduler's interval): the runner keeps the lease that long from
    the tick's start, so the other servers' ticks within it skip: one run per interval; 0 (`zhidu
    sweep`, cron) gives it back at once."""
    for action in ("duties.generate", "duties.sweep", "duties.remind"):
        require(actor, action)
    now = now or timezone.now()
    day = timezone.localdate(now)
    if not dry_run:
        if not lease.claim(lease.JOB, settings.ZHIDU_JOB_LEASE_SECONDS):
            return JobResult({}, services.SweepResult(0, 0), 0, skipped=True)
        started = timezone.now()
        try:
            return _steps(day, now)
        finally:
            if hold_seconds > 0:
                lease.hold(lease.JOB, started + datetime.timedelta(seconds=hold_seconds))
            else:
                lease.release(lease.JOB)
    with transaction.atomic():
        result = _steps(day, now)
        transaction.set_rollback(True)
    return dataclasses.replace(result, dry_run=True)
