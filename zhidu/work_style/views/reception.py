"""Zero reception (R17§3(3)): a village's meal reported to the committee and the recorded decision;
discipline inspection's quarterly checks, their findings and the rectification."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhidu.core.access import get_scoped, requires, scoped
from zhidu.core.forms import attach_errors
from zhidu.core.permissions import allowed
from zhidu.org.models import Village
from zhidu.work_style import checks, services
from zhidu.work_style.forms import DecisionForm, InspectionForm, ReceptionForm, RectifyForm
from zhidu.work_style.models import ReceptionInspection, ReceptionRequest
from zhidu.work_style.views.common import day, panel, person_of, status_for

PAGE = 100


@requires("work_style.view")
def receptions(request):
    form = ReceptionForm(
        request.POST or None, township=request.township, live=reverse("work_style:reception-check")
    )
    if request.method == "POST":
        if not allowed(request.user, "work_style.reception_report"):
            raise PermissionDenied("work_style.reception_report")
        if form.is_valid():
            data = form.cleaned_data
            try:
                row = services.report_reception(
                    township=request.township, village=data["village"], meal_on=data["meal_on"], guests=data["guests"],
                    reason=data["reason"], by=person_of(request), user=request.user, request=request,
                )  # fmt: skip
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, _("The report was sent to the committee."))
                return redirect("work_style:reception", row.pk)
    rows = scoped(ReceptionRequest.objects, request).select_related("village")[:PAGE]
    return render(
        request, "work_style/receptions.html", {"form": form, "rows": rows}, status=status_for(form)
    )


@require_POST
@requires("work_style.reception_report")
def reception_check(request):
    draft = checks.ReceptionDraft(day(request.POST.get("meal_on")), request.POST.get("guests", ""),
                                  request.POST.get("reason", ""), timezone.localdate())  # fmt: skip
    return panel(request, checks.reception_findings(draft))


def _reception(request, pk: int, form=None, status: int = 200):
    row = get_scoped(
        ReceptionRequest.objects.select_related("village", "reported_by", "decided_by"), request, pk=pk
    )
    can = allowed(request.user, "work_style.reception_decide") and row.state == ReceptionRequest.State.PENDING
    context = {"row": row, "form": form or DecisionForm(), "can_decide": can}
    return render(request, "work_style/reception.html", context, status=status)


@requires("work_style.view")
def reception(request, pk: int):
    return _reception(request, pk)


@require_POST
@requires("work_style.reception_decide")
def reception_decide(request, pk: int):
    row = get_scoped(ReceptionRequest.objects, request, pk=pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.decide_reception(row, approve=form.cleaned_data["approve"], note=form.cleaned_data["note"],
                                      by=person_of(request), user=request.user, request=request)  # fmt: skip
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The committee's decision was recorded."))
            return redirect("work_style:reception", row.pk)
    return _reception(request, pk, form, 400)


@requires("work_style.team")
def inspections(request):
    """The inspections of the township and the form to record one; `?village=` (the quarterly duty's
    link) preselects the village to inspect."""
    initial: dict[str, object] = {"inspected_on": timezone.localdate()}
    chosen = request.GET.get("village", "")
    if chosen.isascii() and chosen.isdigit() and len(chosen) < 19:
        initial["village"] = int(chosen)
    form = InspectionForm(request.POST or None, township=request.township, live=reverse("work_style:inspection-check"),
                          initial=initial)  # fmt: skip
    if request.method == "POST":
        if not allowed(request.user, "work_style.inspect"):
            raise PermissionDenied("work_style.inspect")
        if form.is_valid():
            data = form.cleaned_data
            try:
                row = services.inspect(
                    township=request.township, village=data["village"], inspected_on=data["inspected_on"],
                    findings=data["findings"], rectify_by=data["rectify_by"], responsible=data["responsible"],
                    by=person_of(request), user=request.user, request=request,
                )  # fmt: skip
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, _("The inspection was recorded."))
                return redirect("work_style:inspection", row.pk)
    rows = scoped(ReceptionInspection.objects, request).select_related("village", "responsible")[:PAGE]
    context = {"form": form, "rows": rows, "can_inspect": allowed(request.user, "work_style.inspect")}
    return render(request, "work_style/inspections.html", context, status=status_for(form))


@requires("work_style.team")
def village_inspect(request, village: int):
    """The quarterly inspection duty's page: the inspection form with its village chosen."""
    row = get_scoped(Village.objects, request, pk=village)
    return redirect(f"{reverse('work_style:inspections')}?village={row.pk}")


@require_POST
@requires("work_style.inspect")
def inspection_check(request):
    responsible = (request.POST.get("responsible") or "").strip()
    draft = services.inspection_draft(day(request.POST.get("inspected_on")), request.POST.get("findings", ""),
                                      day(request.POST.get("rectify_by")), bool(responsible), timezone.localdate())  # fmt: skip
    return panel(request, checks.inspection_findings(draft))


@requires("work_style.rectify")
def inspection(request, pk: int):
    row = get_scoped(
        ReceptionInspection.objects.select_related("village", "responsible", "inspected_by"), request, pk=pk
    )
    if not services.may_rectify(person_of(request), request.user, row):
        raise PermissionDenied("work_style.rectify")
    form = RectifyForm(request.POST or None, initial={"rectified_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.rectify(row, rectified_on=form.cleaned_data["rectified_on"], note=form.cleaned_data["note"],
                             by=person_of(request), user=request.user, request=request)  # fmt: skip
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The rectification was recorded."))
            return redirect("work_style:inspection", row.pk)
    return render(request, "work_style/inspection.html", {"row": row, "form": form}, status=status_for(form))
