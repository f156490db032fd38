"""What the pages of this area share: the acting person, a report loaded for a reader, the year."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from zhidu.core.access import get_scoped
from zhidu.self_reports import services
from zhidu.self_reports.models import SelfReport


def person_of(request):
    if request.person is None:
        raise PermissionDenied("no person")
    return request.person


def load_report(request, pk: int) -> SelfReport:
    """The report of this township (else 404), for its author or a reader of every report (else 403)."""
    report = get_scoped(SelfReport.objects.select_related("person"), request, pk=pk)
    person_of(request)
    if not services.may_read(request.user, report):
        raise PermissionDenied("self_reports.read_all")
    return report


def is_own(request, report: SelfReport) -> bool:
    return request.person is not None and request.person.pk == report.person_id
