"""What every R9 page shares: the acting person, who reviews, and the declaration of this township
(else 404) that this user may read (else 403)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from zhidu.core.access import get_scoped
from zhidu.family_events import services
from zhidu.family_events.models import Declaration


def person_of(request):
    if request.person is None:
        raise PermissionDenied("no person")
    return request.person


def reviewer(request) -> bool:
    """The township's own discipline inspection and organization office, never through the county
    view's township switch."""
    return services.reviews(request.user) and person_of(request).township_id == request.township.pk


def load(request, pk: int) -> Declaration:
    d = get_scoped(Declaration.objects.select_related("declarant__department", "received_by"), request, pk=pk)
    if not services.may_read(request.user, d):
        raise PermissionDenied("family_events.review")
    return d
