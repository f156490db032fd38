"""The members' side of R15: my reports and my branch's (for its secretary), recording a report with
its live check, reading one (the member, the branch secretary and the organization office only)."""

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
from zhidu.periodic_reports import board, services
from zhidu.periodic_reports.forms import ReportForm
from zhidu.periodic_reports.models import BranchMember, MemberReport
from zhidu.periodic_reports.views.common import live_panel, person_of


@requires("periodic_reports.view")
def index(request):
    person = person_of(request)
    today = timezone.localdate()
    mine = list(
        scoped(BranchMember.objects, request).filter(person=person, active=True).select_related("branch")
    )
    led = services.secretaries_branches(person)
    members = list(
        scoped(BranchMember.objects, request).filter(branch_id__in=led, active=True).select_related("branch")
    )
    rows = board.member_rows(request.township, members, today)
    context = {
        "mine": board.member_rows(request.township, mine, today),
        "branches": sorted({m.branch for m in members}, key=lambda b: b.name),
        "rows": rows,
        "findings": board.findings(rows, today),
        "can_committee": allowed(request.user, "periodic_reports.committee"),
        "can_roster": allowed(request.user, "periodic_reports.roster"),
    }
    return render(request, "periodic_reports/index.html", context)


def _member(request, pk: int) -> BranchMember:
    member = get_scoped(BranchMember.objects.select_related("branch", "person"), request, pk=pk)
    if not services.may_record_for(person_of(request), request.user, member):
        raise PermissionDenied("periodic_reports.record")
    return member


@requires("periodic_reports.record")
def record(request, pk: int):
    member = _member(request, pk)
    today = timezone.localdate()
    duty, periods = services.member_periods(member, today)
    form = ReportForm(request.POST or None, periods=periods,
                      check_url=reverse("periodic_reports:check", args=[member.pk]))  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = services.record_member_report(
                member, period=data["period"], channel=data["channel"], content=data["content"],
                reported_on=data["reported_on"], by=person_of(request), user=request.user, request=request,
            )  # fmt: skip
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The report was recorded."))
            return redirect("periodic_reports:report", report.pk)
    context = {"form": form, "member": member, "duty": duty, "periods": periods}
    return render(request, "periodic_reports/record.html", context, status=400 if form.errors else 200)


@require_POST
@requires("periodic_reports.record")
def check(request, pk: int):
    member = _member(request, pk)
    duty, periods = services.member_periods(member, timezone.localdate())
    return live_panel(request, duty, periods)


@requires("periodic_reports.view")
def report(request, pk: int):
    row = get_scoped(MemberReport.objects.select_related("member__branch", "recorded_by"), request, pk=pk)
    if not services.may_record_for(person_of(request), request.user, row.member):
        raise PermissionDenied("periodic_reports.view")
    return render(request, "periodic_reports/report.html", {"report": row})
