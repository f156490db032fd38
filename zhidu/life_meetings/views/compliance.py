"""R1§13: the year's rule-compliance report as Zhidu generates it, presented by the party office,
and its Word document."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhidu.core.access import requires, scoped
from zhidu.core.pdf import document_response
from zhidu.core.permissions import allowed
from zhidu.life_meetings import compliance, services
from zhidu.life_meetings.models import ComplianceReport
from zhidu.life_meetings.views.meetings import person_of


def _year(request) -> int:
    return services.year_of(request.GET.get("year") or request.POST.get("year"), timezone.localdate().year)


@requires("life_meetings.view")
def compliance_page(request):
    person_of(request)
    year = _year(request)
    presented = (
        scoped(ComplianceReport.objects, request).filter(year=year).select_related("presented_by").first()
    )
    context = {
        "year": year,
        "data": compliance.build(request.township, year),
        "presented": presented,
        "can_present": allowed(request.user, "life_meetings.present"),
    }
    return render(request, "life_meetings/compliance.html", context)


@require_POST
@requires("life_meetings.present")
def compliance_present(request):
    year = _year(request)
    compliance.present(request.township, year, by=person_of(request), user=request.user, request=request)
    messages.success(request, _("The report was presented."))
    return redirect(f"/life-meetings/compliance/?year={year}")


@requires("life_meetings.view")
def compliance_docx(request, pdf: bool = False):
    person_of(request)
    year = _year(request)
    presented = scoped(ComplianceReport.objects, request).filter(year=year).first()
    data = presented.data if presented is not None else compliance.build(request.township, year)
    return document_response(compliance.document(request.township, data), f"compliance-{year}.docx", pdf=pdf)
