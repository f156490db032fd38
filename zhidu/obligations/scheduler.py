"""The embedded scheduler: a daemon thread in the web process that runs the daily generation of
recurring obligations, the sweep and the reminder delivery. No extra server by default; a deployment
that prefers cron sets ZHIDU_SWEEP_SECONDS=0 and runs `zhidu sweep` instead."""

from __future__ import annotations

import logging
import threading

from django.db import close_old_connections
from django.utils import timezone

log = logging.getLogger(__name__)


def run_once() -> None:
    from zhidu.obligations import periodic, services
    from zhidu.org.models import Township
    from zhidu.supervision import periodic as supervision_periodic

    today = timezone.localdate()
    for township in Township.objects.all():
        periodic.generate(township, today)
        # R5/R6 responsibility letters and R7 progress reports (later areas add their generators here).
        supervision_periodic.generate(township, today)
    services.sweep()
    services.deliver_reminders()


def start(interval_seconds: int) -> threading.Thread | None:
    if interval_seconds <= 0:
        return None
    stop = threading.Event()

    def loop():
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
