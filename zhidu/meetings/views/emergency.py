"""R1§8: emergency action taken without a meeting, recorded by the party office (who, what, why,
when); each must be reported to the next team meeting, whose agenda form lists it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from zhidu.core.access import get_scoped, requires, scoped
from zhidu.core.forms import attach_errors
from zhidu.meetings import services
from zhidu.meetings.forms import EmergencyActionForm
from zhidu.meetings.models import EmergencyAction


@requires("meetings.record_emergency")
def emergency_list(request):
    form = EmergencyActionForm(request.POST or None, township=request.township)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            emergency = services.record_emergency_action(
                township=request.township,
                taken_by=data["taken_by"],
                action=data["action"],
                reason=data["reason"],
                taken_at=form.taken_at(),
                user=request.user,
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request, _("Emergency action recorded; it is due to be reported to the next team meeting.")
            )
            return redirect("meetings:emergency-detail", emergency.pk)
    actions = scoped(EmergencyAction.objects, request).select_related("taken_by", "report_item")[:100]
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "meetings/emergency_list.html", {"form": form, "actions": actions}, status=status)


@requires("meetings.view")
def emergency_detail(request, pk: int):
    emergency = get_scoped(EmergencyAction.objects.select_related("taken_by", "report_item"), request, pk=pk)
    entry = emergency.report_item.entries.select_related("meeting").first() if emergency.report_item else None
    return render(request, "meetings/emergency_detail.html", {"emergency": emergency, "entry": entry})
