"""七必谈: the organization office enters an occasion, a cadre asks for a talk; a trigger's page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from zhidu.core.access import get_scoped, requires
from zhidu.core.forms import attach_errors
from zhidu.core.permissions import allowed
from zhidu.heart_talks import services
from zhidu.heart_talks.forms import TriggerForm
from zhidu.heart_talks.models import MustTalk, TriggerKind
from zhidu.heart_talks.views.talks import person_of


@requires("heart_talks.request")
def trigger_new(request):
    me = person_of(request)
    office = allowed(request.user, "heart_talks.trigger")
    form = TriggerForm(request.POST or None, township=request.township, own=None if office else me)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            trigger = services.enter_trigger(
                person=data.get("person") or me,
                kind=data["kind"] if office else TriggerKind.OWN_REQUEST,
                occurred_on=data["occurred_on"],
                note=data["note"],
                talker=data.get("talker"),
                by=me,
                user=request.user,
                request=request,
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s has a talk to hold; it is on their duties.") % {"name": trigger.talker.name},
            )
            return redirect("heart_talks:list")
    status = 400 if form.errors else 200
    return render(request, "heart_talks/trigger_form.html", {"form": form, "office": office}, status=status)


@requires("heart_talks.view")
def trigger_detail(request, pk: int):
    trigger = get_scoped(MustTalk.objects.select_related("person", "talker"), request, pk=pk)
    me = person_of(request)
    if not (allowed(request.user, "heart_talks.trigger") or me.pk == trigger.talker_id):
        raise PermissionDenied("heart_talks.read")
    note = services.read_trigger_note(trigger, user=request.user, request=request)
    return render(request, "heart_talks/trigger.html", {"trigger": trigger, "note": note})
