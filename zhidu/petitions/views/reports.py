"""The committee's monthly report on receptions (R21) and the party office's aging dashboard."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhidu.core.access import get_scoped, requires, scoped
from zhidu.core.forms import attach_errors
from zhidu.core.pdf import document_response
from zhidu.petitions import access, documents, monthly, office
from zhidu.petitions.forms import HearForm
from zhidu.petitions.models import MonthlyReport
from zhidu.petitions.views.common import person_of


@requires("petitions.report")
def report_list(request):
    person_of(request)
    today = timezone.localdate()
    current = today.replace(day=1)
    rows = scoped(MonthlyReport.objects, request).order_by("-month")[:24]
    summary = monthly.summary(request.township, current, today)
    return render(
        request,
        "petitions/reports.html",
        {"reports": rows, "current": summary, "current_total": [summary.total], "today": today},
    )


def _report(request, report: MonthlyReport, form=None, status: int = 200):
    today = timezone.localdate()
    can_hear = report.heard_on is None and access.party_office_of(request.user, report.township_id)
    summary = monthly.summary(request.township, report.month, today)
    context = {
        "report": report,
        "summary": summary,
        "total_rows": [summary.total],
        "can_hear": can_hear,
        "form": form or HearForm(initial={"heard_on": today}),
    }
    return render(request, "petitions/report.html", context, status=status)


@requires("petitions.report")
def report_detail(request, pk: int):
    person_of(request)
    return _report(request, get_scoped(MonthlyReport.objects, request, pk=pk))


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@requires("petitions.report")
def report_document(request, pk: int, pdf: bool = False):
    """The report as the committee reads it (Word)."""
    person_of(request)
    report = get_scoped(MonthlyReport.objects.select_related("township"), request, pk=pk)
    today = timezone.localdate()
    with translation.override("zh-hans"):  # an official Chinese document, whoever downloads it
        summary = monthly.summary(request.township, report.month, today)
    body = documents.monthly_report(report, summary, today)
    name = f"{report.month.year}年{report.month.month}月接待群众来访情况报告.docx"
    return document_response(body, name, pdf=pdf)


@require_POST
@requires("petitions.register")
def report_hear(request, pk: int):
    person = person_of(request)
    report = get_scoped(MonthlyReport.objects, request, pk=pk)
    form = HearForm(request.POST)
    if form.is_valid():
        try:
            office.hear_report(
                report, heard_on=form.cleaned_data["heard_on"], by=person, user=request.user, request=request
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The hearing was recorded."))
            return redirect("petitions:report", report.pk)
    return _report(request, report, form, status=400)


@requires("petitions.report")
def aging(request):
    person = person_of(request)
    if not (access.office_of(request.user, person.township_id) or _principal(request)):
        raise PermissionDenied("petitions.report")
    today = timezone.localdate()
    data = monthly.aging(request.township, today)
    return render(request, "petitions/aging.html", {"today": today, **data, "bands": data["bands"]})


def _principal(request) -> bool:
    from zhidu.core.permissions import Role, roles_of

    return Role.PRINCIPAL in roles_of(request.user)
