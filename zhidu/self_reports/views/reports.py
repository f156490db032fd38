"""The year's reports and a member's report (R10). A member writes their own on a phone: the seven
points, each under the seed's wording, and the annex pre-filled from the records; "save draft"
keeps it (a reload shows it again), "submit" makes it read-only. The live check panel judges the
unsaved form by the same pure checks (checks.check_report). The organization office, discipline
inspection and the principal read every submitted report of the year; a draft is its author's."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from zhidu.core.access import requires, scoped
from zhidu.core.chinese import punctuated
from zhidu.core.permissions import allowed
from zhidu.rules import SEVERITY_LABELS
from zhidu.self_reports import checks, services
from zhidu.self_reports.models import SelfReport
from zhidu.self_reports.views.common import is_own, load_report, person_of

ACTIONS = {"save", "refresh", "submit"}
CONFLICT = gettext_lazy(
    "This report was saved elsewhere (another window or device) after you opened it. Your text below "
    "is kept and not yet saved: check it, then save again to keep this version."
)


def _years(request, year: int) -> list[int]:
    stored = scoped(SelfReport.objects, request).values_list("year", flat=True).distinct()
    return sorted({year, timezone.localdate().year, *stored}, reverse=True)


@requires("self_reports.view")
def index(request):
    person = person_of(request)
    year = services.year_of(request.GET.get("year"))
    rows = scoped(SelfReport.objects, request).filter(year=year).select_related("person")
    reader = allowed(request.user, services.reports.READERS)
    mine = rows.filter(person=person).first()
    team = services.team_in_year(request.township, year)
    context = {
        "year": year,
        "years": _years(request, year),
        "mine": mine,
        "may_write": allowed(request.user, "self_reports.write") and person.pk in {p.pk for p in team},
        "reader": reader,
        "due": services.due(request.township, year),
        "assessment": services.assessment_of(request.township, year),
    }
    if reader:
        by_person = {r.person_id: r for r in rows}
        context["board"] = [{"person": p, "report": by_person.get(p.pk)} for p in team]
    return render(request, "self_reports/index.html", context)


@require_POST
@requires("self_reports.write")
def start(request):
    person = person_of(request)
    year = services.year_of(request.POST.get("year"), default=-1)
    if year == -1:
        messages.error(request, "年度：请选择年度")
        return redirect("self_reports:index")
    try:
        report = services.start_report(person=person, year=year, user=request.user, request=request)
    except ValidationError as error:
        messages.error(request, punctuated("；").join(m for ms in error.message_dict.values() for m in ms))
        return redirect(f"{reverse('self_reports:index')}?year={year}")
    return redirect("self_reports:report", report.pk)


def _posted(request) -> tuple[list[str], list[dict[str, str]]]:
    points = [request.POST.get(f"point_{p.number}", "") for p in checks.POINTS]
    fields = ("area", "heading", "article", "text")
    columns = [request.POST.getlist(f"annex_{f}") for f in fields]
    count = min(len(c) for c in columns)
    annex = [{f: columns[i][n] for i, f in enumerate(fields)} for n in range(count)]
    return points, annex


def _form_context(report: SelfReport, points, annex, errors=None, version=None) -> dict:
    errors = errors or {}
    now = timezone.now()
    found = services.findings(report, points, annex, now)
    return {
        "report": report,
        "points": [
            {"point": p, "text": points[p.number - 1], "errors": errors.get(f"point_{p.number}", [])}
            for p in checks.POINTS
        ],
        "annex": [
            {**section, "n": n, "errors": errors.get(f"annex_{n}", [])}
            for n, section in enumerate(annex, start=1)
        ],
        "field_errors": errors,
        # Every refusal as one list (what the page says, in Chinese, field by field).
        "errors": [str(m) for problems in errors.values() for m in problems],
        "findings": found,
        "severity_labels": SEVERITY_LABELS,
        "version": version if version is not None else report.version,
        "prefilled": report.annex_refreshed_at is None and not report.annex,
    }


def _write(request, report: SelfReport):
    if request.method == "GET":
        annex = report.annex or services.fresh_annex(report.person, report.year)
        return render(request, "self_reports/write.html", _form_context(report, report.point_texts(), annex))
    points, annex = _posted(request)
    action = request.POST.get("action", "")
    version_text = request.POST.get("version", "")
    version = int(version_text) if version_text.isdigit() and len(version_text) < 10 else None
    if action not in ACTIONS or version is None:
        context = _form_context(report, points, annex, {"action": ["操作：请选择保存草稿、从记录刷新或提交"]})
        return render(request, "self_reports/write.html", context, status=400)
    try:
        if action == "refresh":
            services.refresh_annex(report, points=points, version=version, user=request.user, request=request)
            messages.success(request, _("The annex was refreshed from the records; your text was kept."))
            return redirect("self_reports:report", report.pk)
        services.save_draft(
            report, points=points, annex=annex, version=version, user=request.user, request=request
        )
        if action == "submit":
            services.submit(report, points=points, annex=annex, user=request.user, request=request)
            messages.success(request, _("Your report was submitted. It can no longer be changed."))
        else:
            messages.success(request, _("Draft saved."))
    except services.Conflicting:
        report.refresh_from_db()
        context = _form_context(report, points, annex, version=report.version)
        context["conflict"] = True
        context["errors"] = [str(CONFLICT)]
        return render(request, "self_reports/write.html", context, status=409)
    except ValidationError as error:
        report.refresh_from_db()
        context = _form_context(report, points, annex, error.message_dict)
        context["draft_kept"] = action == "submit" and report.state == SelfReport.State.DRAFT
        return render(request, "self_reports/write.html", context, status=400)
    return redirect("self_reports:report", report.pk)


@requires("self_reports.view")
def report_page(request, pk: int):
    report = load_report(request, pk)
    own = is_own(request, report)
    if own and report.state == SelfReport.State.DRAFT and allowed(request.user, "self_reports.write"):
        return _write(request, report)
    if request.method == "POST":
        if own:
            messages.error(request, _("The report has been submitted and can no longer be changed."))
            return redirect("self_reports:report", report.pk)
        raise PermissionDenied("self_reports.write")
    context = {
        "report": report,
        "own": own,
        "show_text": services.may_read_text(request.user, report),
        "points": [{"point": p, "text": t} for p, t in zip(checks.POINTS, report.point_texts(), strict=True)],
        "findings": services.findings(report, report.point_texts(), report.annex, timezone.now())
        if report.state == SelfReport.State.SUBMITTED
        else [],
        "severity_labels": SEVERITY_LABELS,
        "assessment": services.assessment_of(report.township, report.year),
    }
    return render(request, "self_reports/detail.html", context)


@require_POST
@requires("self_reports.write")
def check_panel(request, pk: int):
    """The live panel: the pure checks on the unsaved form, for the author of a draft."""
    report = load_report(request, pk)
    if not is_own(request, report):
        raise PermissionDenied("self_reports.write")
    points, annex = _posted(request)
    found = services.findings(report, points, annex, timezone.now())
    return render(
        request,
        "self_reports/_checks.html",
        {"findings": found, "severity_labels": SEVERITY_LABELS, "report": report},
    )
