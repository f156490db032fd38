"""Paired support (R17§3(1)): a member's pairs and this month's contacts on the phone, logging a
contact with its live check, and the party office's view of the whole team and its pairs."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhidu.core.access import get_scoped, requires, scoped
from zhidu.core.chinese import punctuated
from zhidu.core.forms import attach_errors
from zhidu.core.permissions import allowed
from zhidu.work_style import board, checks, services
from zhidu.work_style.forms import ContactForm, PairForm
from zhidu.work_style.models import SupportContact, SupportPair
from zhidu.work_style.views.common import day, panel, person_of, status_for


@requires("work_style.view")
def index(request):
    person = person_of(request)
    today = timezone.localdate()
    pairs = list(
        services.active_pairs(request.township, today).filter(member=person).select_related("village")
    )
    recent = (
        scoped(SupportContact.objects, request)
        .filter(pair__member=person)
        .select_related("pair__village")[:10]
    )
    context = {
        "rows": board.pair_rows(request.township, pairs, today),
        "recent": recent,
        "due": services.month_due(today),
        "can_team": allowed(request.user, "work_style.team"),
        "can_pairs": allowed(request.user, "work_style.pairs"),
    }
    return render(request, "work_style/index.html", context)


def _own_pair(request, pk: int) -> SupportPair:
    pair = get_scoped(SupportPair.objects.select_related("village", "member"), request, pk=pk)
    if pair.member_id != person_of(request).pk:
        raise PermissionDenied("work_style.contact")
    return pair


@requires("work_style.contact")
def contact(request, pk: int):
    pair = _own_pair(request, pk)
    form = ContactForm(request.POST or None, live=reverse("work_style:contact-check", args=[pair.pk]),
                       initial={"contacted_on": timezone.localdate(), "channel": "visit"})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.log_contact(pair, contacted_on=data["contacted_on"], channel=data["channel"], done=data["done"],
                                 by=person_of(request), user=request.user, request=request)  # fmt: skip
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The contact was logged."))
            return redirect("work_style:index")
    context = {"form": form, "pair": pair, "target": services.reader_target(pair)}
    return render(request, "work_style/contact.html", context, status=status_for(form))


@require_POST
@requires("work_style.contact")
def contact_check(request, pk: int):
    pair = _own_pair(request, pk)
    draft = services.contact_draft(pair, day(request.POST.get("contacted_on")), request.POST.get("channel", ""),
                                   request.POST.get("done", ""), timezone.localdate())  # fmt: skip
    return panel(request, checks.contact_findings(draft))


@requires("work_style.team")
def team(request):
    today = timezone.localdate()
    rows = board.team_rows(request.township, today)
    context = {"rows": rows, "due": services.month_due(today), "today": today,
               "findings": [f for r in rows for f in r.findings]}  # fmt: skip
    return render(request, "work_style/team.html", context)


@requires("work_style.pairs")
def pairs(request):
    today = timezone.localdate()
    form = PairForm(
        request.POST or None, township=request.township, today=today, initial={"starts_on": today}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_pair(
                township=request.township, member=data["member"], kind=data["kind"], village=data["village"],
                household=data["household"], starts_on=data["starts_on"], by=person_of(request),
                user=request.user, request=request,
            )  # fmt: skip
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The pair was recorded."))
            return redirect("work_style:pairs")
    rows = services.active_pairs(request.township, today).select_related("member", "village")
    return render(request, "work_style/pairs.html", {"form": form, "pairs": rows}, status=status_for(form))


@require_POST
@requires("work_style.pairs")
def pair_end(request, pk: int):
    pair = get_scoped(SupportPair.objects, request, pk=pk)
    try:
        services.end_pair(pair, ends_on=day(request.POST.get("ends_on")) or timezone.localdate(),
                          by=person_of(request), user=request.user, request=request)  # fmt: skip
    except ValidationError as error:
        messages.error(request, punctuated("；").join(error.messages))
    else:
        messages.success(request, _("The pair was ended."))
    return redirect("work_style:pairs")
