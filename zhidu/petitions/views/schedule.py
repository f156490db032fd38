"""定点接访: the party office's schedule of the leaders' reception days and places, and its public,
read-only page (the portal will show the same list)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from zhidu.core.access import requires, scoped
from zhidu.core.forms import attach_errors
from zhidu.core.permissions import allowed
from zhidu.org.models import Township
from zhidu.petitions import inputs, office
from zhidu.petitions.forms import ScheduleForm
from zhidu.petitions.models import ReceptionDay
from zhidu.petitions.views.common import person_of

SHOWN = 60  # the next reception days listed


def upcoming(township, today):
    rows = ReceptionDay.objects.filter(township=township, day__gte=today).select_related("leader")
    return rows.order_by("day", "starts_at", "id")[:SHOWN]


@requires("petitions.view")
def schedule(request):
    today = timezone.localdate()
    can_edit = allowed(request.user, "petitions.register")
    form = None
    if can_edit:
        leaders = inputs.leaders(request.township, today)
        form = ScheduleForm(request.POST or None, leaders=leaders, initial={"day": today})
        if request.method == "POST" and form.is_valid():
            try:
                office.schedule(
                    township=request.township, by=person_of(request), user=request.user, request=request,
                    **form.cleaned_data,
                )  # fmt: skip
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, _("The reception day was published."))
                return redirect("petitions:schedule")
    past = scoped(ReceptionDay.objects, request).filter(day__lt=today).select_related("leader")
    context = {
        "form": form,
        "days": upcoming(request.township, today),
        "past": past.order_by("-day")[:10],
    }
    return render(request, "petitions/schedule.html", context, status=400 if form and form.errors else 200)


def public_schedule(request, township: str):
    """Public, no log-in: where and when the leaders receive the public. No personal data."""
    town = get_object_or_404(Township, code=township)
    return render(
        request,
        "petitions/public_schedule.html",
        {"town": town, "days": upcoming(town, timezone.localdate())},
    )
