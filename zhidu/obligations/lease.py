"""One runner per tick on N servers (issue 18): a lease row claimed by a conditional UPDATE, which
works the same on PostgreSQL and SQLite (an advisory lock would be PostgreSQL's only, and would
tie the lock to one connection the job's own transactions do not use). The job stays correct
without it (every step is idempotent); the lease saves the other servers the work."""

from __future__ import annotations

import datetime
import os
import socket
import threading

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from zhidu.obligations.models import JobLease

JOB = "obligations.job"


def holder() -> str:
    """This process and thread, on this machine: two threads of one process are two runners."""
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"[:120]


def claim(name: str, seconds: int, *, who: str | None = None, now: datetime.datetime | None = None) -> bool:
    """Take the lease for `seconds` if it is free, expired or already ours; False if another holds it."""
    who, now = who or holder(), now or timezone.now()
    until = now + datetime.timedelta(seconds=seconds)
    if not JobLease.objects.filter(name=name).exists():
        try:
            with transaction.atomic():
                JobLease.objects.create(name=name, holder=who, until=until)
            return True
        except IntegrityError:  # another server created it first: compete for it below
            pass
    free = Q(until__lte=now) | Q(holder=who)
    return JobLease.objects.filter(free, name=name).update(holder=who, until=until) == 1


def release(name: str, *, who: str | None = None) -> None:
    """Give the lease back at once (the next tick of any server may claim it)."""
    JobLease.objects.filter(name=name, holder=who or holder()).update(until=timezone.now())


def hold(name: str, until: datetime.datetime, *, who: str | None = None) -> None:
    """Keep the lease until `until` after a finished tick: the embedded schedulers of N servers
    tick at their own moments, and one run per interval is the point (a server whose timer fires a
    minute after another's finished would otherwise run the whole job again)."""
    JobLease.objects.filter(name=name, holder=who or holder()).update(until=until)
