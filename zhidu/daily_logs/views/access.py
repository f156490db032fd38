"""Who reads whose logs: a team member their own; the principal and the supervisors (daily_logs.board)
everyone's of their township; the owner of an unfinished task the log that names it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from zhidu.core.access import get_scoped
from zhidu.core.permissions import allowed
from zhidu.daily_logs.models import DailyLog
from zhidu.org.models import Person


def person_of(request) -> Person:
    if request.person is None:
        raise PermissionDenied("no person")
    return request.person


def reads_all(request) -> bool:
    return allowed(request.user, "daily_logs.board")


def member_for(request, pk: int) -> Person:
    """The member of this township (else 404) whose logs the user may read (else 403)."""
    member = get_scoped(Person.objects.select_related("township"), request, pk=pk)
    own = request.person is not None and request.person.pk == member.pk
    if not (own or reads_all(request)):
        raise PermissionDenied("daily_logs.view")
    return member


def log_for(request, pk: int) -> DailyLog:
    log = get_scoped(DailyLog.objects.select_related("member", "entered_by"), request, pk=pk)
    me = request.person
    if me is not None and (log.member_id == me.pk or reads_all(request)):
        return log
    if me is not None and log.unfinished.filter(owner=me).exists():
        return log
    raise PermissionDenied("daily_logs.view")
