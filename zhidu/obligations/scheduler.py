"""The embedded scheduler: a daemon thread in the web process that runs the one job
(zhidu.obligations.jobs: generate → sweep → deliver) every ZHIDU_SWEEP_SECONDS. No extra server by
default; a deployment that prefers cron sets ZHIDU_SWEEP_SECONDS=0 and runs `zhidu sweep`, the same
job. `zhidu serve` starts the thread through the `core.signals.serving` signal (apps.py).

On N servers each thread ticks on its own clock; the job's lease (zhidu.obligations.lease) lets one
run each interval: the runner holds it for ZHIDU_SWEEP_SECONDS from its tick's start (renewing it
at its next tick), the others skip until it lapses; a crashed runner's lease lapses the same way."""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from django.db import close_old_connections

if TYPE_CHECKING:
    from zhidu.obligations import jobs

log = logging.getLogger(__name__)


def run_once() -> jobs.JobResult:
    """One tick; returns the job's result (`skipped` when another server runs this interval)."""
    from django.conf import settings

    from zhidu.obligations import jobs

    return jobs.run(hold_seconds=settings.ZHIDU_SWEEP_SECONDS)


def on_serving(sender: object, **kwargs: object) -> None:
    from django.conf import settings

    start(settings.ZHIDU_SWEEP_SECONDS)


def start(interval_seconds: int) -> threading.Thread | None:
    if interval_seconds <= 0:
        return None
    stop = threading.Event()

    def loop() -> None:
        while not stop.is_set():
            try:
                run_once()
            except Exception:  # keep the scheduler alive; the next tick retries
                log.exception("scheduled sweep failed")
            finally:
                close_old_connections()
            stop.wait(interval_seconds)

    thread = threading.Thread(target=loop, name="zhidu-scheduler", daemon=True)
    thread.stop = stop  # type: ignore[attr-defined]
    thread.start()
    return thread
