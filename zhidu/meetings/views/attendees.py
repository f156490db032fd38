"""R2: inviting observers (列席) to a meeting, and the secretary entrusting a deputy secretary to
chair it. Thin: the entry points are zhidu.meetings.services.attendees."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhidu.core.access import get_scoped, requires
from zhidu.meetings import services
from zhidu.meetings.views.common import load_meeting, posted_number
from zhidu.meetings.views.meeting import _act
from zhidu.org.models import Person


def _person(request, field: str) -> Person | None:
    chosen = posted_number(request, field, 0)
    # Another township's cadre is a 404, as every record of another township.
    return get_scoped(Person.objects, request, pk=chosen) if chosen > 0 else None


@require_POST
@requires("meetings.manage")
def invite_observer(request, pk: int):
    meeting = load_meeting(request, pk)
    person = _person(request, "person")
    if person is None:
        messages.error(request, _("Choose the cadre to invite."))
        return redirect("meetings:meeting-detail", pk)
    reason = request.POST.get("reason", "")[:200]
    return _act(
        request,
        meeting,
        lambda v: services.invite_observer(meeting, person, version=v, reason=reason, user=request.user),
        _("Invited to attend without a vote: %(name)s.") % {"name": person.name},
    )


@require_POST
@requires("meetings.entrust_chair")
def entrust_chair(request, pk: int):
    meeting = load_meeting(request, pk)
    if request.person is None:
        raise PermissionDenied("no person")
    deputy = _person(request, "deputy")
    if deputy is None:
        messages.error(request, _("Choose the deputy secretary who will chair."))
        return redirect("meetings:meeting-detail", pk)
    return _act(
        request,
        meeting,
        lambda v: services.entrust_chair(meeting, deputy, by=request.person, version=v, user=request.user),
        _("%(name)s is entrusted to chair the meeting.") % {"name": deputy.name},
    )
