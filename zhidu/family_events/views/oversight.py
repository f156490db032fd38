"""Discipline inspection's pages (R9§3): the review of a declaration (accept or ask for a correction),
a flag with its evidence, and the spot checks (明察暗访)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhidu.core.access import get_scoped, requires, scoped
from zhidu.core.forms import attach_errors
from zhidu.core.permissions import allowed
from zhidu.family_events import oversight
from zhidu.family_events.forms import FlagForm, ReviewForm, SpotCheckForm
from zhidu.family_events.models import Flag, SpotCheck
from zhidu.family_events.views.common import load, person_of, reviewer
from zhidu.family_events.views.declarations import _detail

PAGE_SIZE = 50


def _office(request) -> None:
    if not reviewer(request):
        raise PermissionDenied("family_events.review")


@require_POST
@requires("family_events.decide")
def declaration_review(request, pk: int):
    d = load(request, pk)
    _office(request)
    form = ReviewForm(request.POST, auto_id="review_%s")
    if form.is_valid():
        try:
            oversight.review(
                d,
                decision=form.cleaned_data["decision"],
                note=form.cleaned_data["note"],
                by=person_of(request),
                user=request.user,
                request=request,
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The review was recorded."))
            return redirect("family_events:detail", d.pk)
    return _detail(request, d, review_form=form, status=400)


@require_POST
@requires("family_events.flag")
def declaration_flag(request, pk: int):
    d = load(request, pk)
    _office(request)
    form = FlagForm(request.POST, auto_id="flag_%s")
    if form.is_valid():
        try:
            oversight.flag(
                subject=d.declarant,
                declaration=d,
                code=form.cleaned_data["code"],
                evidence=form.cleaned_data["evidence"],
                by=person_of(request),
                user=request.user,
                request=request,
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The flag was recorded."))
            return redirect("family_events:detail", d.pk)
    return _detail(request, d, flag_form=form, status=400)


@requires("family_events.review")
def spot_check_list(request):
    _office(request)
    rows = scoped(SpotCheck.objects, request).select_related("subject", "by")
    page = Paginator(rows.order_by("-checked_at", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    flags = scoped(Flag.objects, request).select_related("subject", "by").order_by("-at", "-id")[:PAGE_SIZE]
    return render(
        request,
        "family_events/spot_checks.html",
        {"page": page, "flags": flags, "can_spot_check": allowed(request.user, "family_events.spot_check")},
    )


@requires("family_events.spot_check")
def spot_check_new(request):
    _office(request)
    form = SpotCheckForm(request.POST or None, township=request.township)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            check = oversight.record_spot_check(
                subject=data["subject"],
                declaration=data.get("declaration"),
                checked_at=data["checked_at"],
                place=data["place"],
                found=data["found"],
                flag_code=data.get("flag_code") or "",
                by=person_of(request),
                user=request.user,
                request=request,
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The spot check was recorded."))
            return redirect("family_events:spot-check", check.pk)
    return render(
        request, "family_events/spot_check_form.html", {"form": form}, status=400 if form.errors else 200
    )


@requires("family_events.review")
def spot_check_detail(request, pk: int):
    _office(request)
    check = get_scoped(SpotCheck.objects.select_related("subject", "by", "declaration"), request, pk=pk)
    content = oversight.read_spot_check(check, user=request.user, request=request)
    return render(request, "family_events/spot_check.html", {"check": check, "content": content})
