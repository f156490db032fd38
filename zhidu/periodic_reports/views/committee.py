"""The committee's side of R15: branch reports received and missing per quarter, recording a branch's
quarterly report (its secretary, or the organization office receiving it), and the roster."""

from __future__ import annotations

import datetime

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
from zhidu.org.models import Branch
from zhidu.periodic_reports import board, checks, services
from zhidu.periodic_reports.forms import MemberEditForm, MemberForm, ReportForm
from zhidu.periodic_reports.models import BranchMember, BranchReport
from zhidu.periodic_reports.views.common import live_panel, person_of


@requires("periodic_reports.committee")
def committee(request):
    today = timezone.localdate()
    parsed = checks.parse_period(request.GET.get("quarter", ""))
    quarter = parsed[0] if parsed and parsed[1] == 3 else checks.period_of(today, 3)
    rows = board.branch_rows(request.township, quarter, today)
    context = {
        "quarter": quarter,
        "previous": checks.previous_period(quarter, 3),
        "next": checks.period_of(quarter.end + datetime.timedelta(days=1), 3),
        "rows": rows,
        "findings": board.findings(rows, today),
        "received": sum(r.status in ("received", "late") for r in rows),
        "due": rows[0].due if rows else services.due_of(quarter),
    }
    return render(request, "periodic_reports/committee.html", context)


def _branch(request, pk: int) -> Branch:
    branch = get_scoped(Branch.objects, request, pk=pk)
    if not services.may_report_for(person_of(request), request.user, branch):
        raise PermissionDenied("periodic_reports.branch_report")
    return branch


@requires("periodic_reports.branch_report")
def branch_report(request, pk: int):
    branch = _branch(request, pk)
    periods = services.quarters_open(timezone.localdate())
    form = ReportForm(request.POST or None, periods=periods, branch=True,
                      check_url=reverse("periodic_reports:branch-check"))  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = services.record_branch_report(
                branch, quarter=data["period"], channel=data["channel"], content=data["content"],
                reporter_name=data.get("reporter_name", ""), reported_on=data["reported_on"],
                by=person_of(request), user=request.user, request=request,
            )  # fmt: skip
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The branch's report to the committee was recorded."))
            return redirect("periodic_reports:branch-detail", report.pk)
    context = {"form": form, "branch": branch}
    return render(request, "periodic_reports/branch_report.html", context, status=400 if form.errors else 200)


@require_POST
@requires("periodic_reports.branch_report")
def branch_check(request):
    """The live check of the branch report form: the same for every branch (its quarters), open to
    whoever reports for some branch."""
    person = person_of(request)
    if not (services.secretaries_branches(person) or allowed(request.user, "periodic_reports.roster")):
        raise PermissionDenied("periodic_reports.branch_report")
    return live_panel(request, checks.BRANCH, services.quarters_open(timezone.localdate()))


@requires("periodic_reports.view")
def branch_detail(request, pk: int):
    row = get_scoped(BranchReport.objects.select_related("branch", "recorded_by"), request, pk=pk)
    person = person_of(request)
    if not (
        allowed(request.user, "periodic_reports.committee")
        or row.branch_id in services.secretaries_branches(person)
    ):
        raise PermissionDenied("periodic_reports.committee")
    return render(request, "periodic_reports/branch_detail.html", {"report": row})


@requires("periodic_reports.roster")
def roster(request):
    form = MemberForm(request.POST or None, township=request.township)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            member = services.add_member(
                township=request.township, branch=data["branch"], name=data["name"], person=data["person"],
                is_secretary=data["is_secretary"], away_since=data["away_since"],
                by=person_of(request), user=request.user, request=request,
            )  # fmt: skip
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("%(name)s was added to the roster.") % {"name": member.name})
            return redirect("periodic_reports:roster")
    members = scoped(BranchMember.objects, request).select_related("branch", "person")
    return render(request, "periodic_reports/roster.html", {"form": form, "members": members},
                  status=400 if form.errors else 200)  # fmt: skip


@require_POST
@requires("periodic_reports.roster")
def member_edit(request, pk: int):
    member = get_scoped(BranchMember.objects, request, pk=pk)
    form = MemberEditForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.update_member(
                member, is_secretary=data["is_secretary"], away_since=data["away_since"], active=data["active"],
                by=person_of(request), user=request.user, request=request,
            )  # fmt: skip
        except ValidationError as error:
            messages.error(request, punctuated("；").join(error.messages))
        else:
            messages.success(request, _("%(name)s was updated.") % {"name": member.name})
    else:
        messages.error(
            request, punctuated("；").join(str(e) for errors in form.errors.values() for e in errors)
        )
    return redirect("periodic_reports:roster")
