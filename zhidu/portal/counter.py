"""Read counts without a write per read and without a trace of the reader.

Each process keeps a counter in memory (article id -> reads since the last flush); a read only adds
one under a lock. The counts reach the database in batches, one UPDATE per article read: from the
scheduler's job (registered as the "portal-views" generator, every tick), and from a read when the
last flush is older than FLUSH_SECONDS (so a process without the embedded scheduler still flushes),
and at exit. Nothing is kept about who read: no address, no session, no time of the read.

A count taken out of the counter is written in its own transaction; should the write fail, it goes
back. The job's dry run (one transaction rolled back) must not consume the counts: inside an atomic
block the job leaves them for the next real run."""

from __future__ import annotations

import atexit
import datetime
import threading
import time
from collections import Counter

from django.db import connection, transaction
from django.db.models import F

FLUSH_SECONDS = 60.0

_lock = threading.Lock()
_counts: Counter[int] = Counter()
_last_flush = time.monotonic()


def hit(article_id: int) -> None:
    """One read of an article: in memory only."""
    with _lock:
        _counts[article_id] += 1
    if time.monotonic() - _last_flush > FLUSH_SECONDS:
        flush()


def pending(article_id: int) -> int:
    """Reads of this process not yet written (the page shows the stored count plus these)."""
    with _lock:
        return _counts.get(article_id, 0)


def take() -> dict[int, int]:
    global _last_flush
    with _lock:
        taken = dict(_counts)
        _counts.clear()
        _last_flush = time.monotonic()
    return taken


def give_back(taken: dict[int, int]) -> None:
    with _lock:
        _counts.update(taken)


def flush() -> int:
    """Write the counts taken from this process's counter; returns the reads written."""
    from zhidu.portal.models import Article

    taken = take()
    if not taken:
        return 0
    try:
        with transaction.atomic():
            for pk, n in sorted(taken.items()):
                Article.objects.filter(pk=pk).update(views=F("views") + n)
    except Exception:
        give_back(taken)
        raise
    return sum(taken.values())


def flush_job(township, day: datetime.date) -> int:
    """The scheduler's step (zhidu.obligations.jobs generator): flush once per run (the first
    township's call writes every article's counts). Opens no obligation: returns 0."""
    if connection.in_atomic_block:  # a dry run, rolled back: leave the counts for the real run
        return 0
    flush()
    return 0


def _flush_at_exit() -> None:
    try:
        flush()
    except Exception:  # noqa: BLE001 — the database may be gone at exit; the counts are best effort
        pass


atexit.register(_flush_at_exit)
