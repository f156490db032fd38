"""Pages of personal-matter reports (R8). A cadre sees the list of their own reports and files them;
the organization office and discipline inspection see every report of the township. Content is shown
only through `services.read`, which writes the audit entry; another cadre's report is refused (403),
another township's is not found (404)."""

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
from zhidu.personal import services
from zhidu.personal.forms import FileForm, FlagForm, RequestForm
from zhidu.personal.models import Report

PAGE_SIZE = 50


def _person(request):
    if request.person is None:
        raise PermissionDenied("no person")
    return request.person


def _reviews(request) -> bool:
    """R8: the township's own organization office and discipline inspection, never through the
    county view's township switch."""
    person = _person(request)
    return allowed(request.user, "personal.review") and person.township_id == request.township.pk


def _load(request, pk: int) -> Report:
    """The report of this township (else 404), if the user reviews or is its reporter (else 403)."""
    report = get_scoped(Report.objects.select_related("reporter__department"), request, pk=pk)
    if not (_reviews(request) or report.reporter_id == _person(request).pk):
        raise PermissionDenied("personal.review")
    return report


@requires("personal.file")
def report_list(request):
    person = _person(request)
    reviewer = _reviews(request)
    rows = scoped(Report.objects, request).select_related("reporter")
    if not reviewer:
        rows = rows.filter(reporter=person)
    page = Paginator(rows.order_by("-event_on", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "personal/list.html",
        {
            "page": page,
            "reviewer": reviewer,
            "can_file": services.required_to_report(person),
            "can_request": allowed(request.user, "personal.request"),
        },
    )


def _file(request, report: Report | None):
    person = _person(request)
    if not services.required_to_report(person):
        raise PermissionDenied("personal.file")
    form = FileForm(request.POST or None, fixed=report)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = services.file(
                reporter=person,
                report=report,
                occasion=data.get("occasion"),
                item=data.get("item") or "",
                event_on=data.get("event_on"),
                details=data["details"],
                explanation=data["explanation"],
                user=request.user,
                request=request,
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request,
                _("Your report was filed. Only the organization office and discipline inspection read it."),
            )
            return redirect("personal:detail", report.pk)
    return render(
        request, "personal/form.html", {"form": form, "report": report}, status=400 if form.errors else 200
    )


@requires("personal.file")
def report_new(request):
    return _file(request, None)


@requires("personal.file")
def report_file(request, pk: int):
    report = _load(request, pk)
    if report.reporter_id != _person(request).pk:
        raise PermissionDenied("personal.file")
    if report.state != Report.State.REQUESTED:
        return redirect("personal:detail", report.pk)
    return _file(request, report)


def _detail(request, report: Report, flag_form=None, status: int = 200):
    own = report.reporter_id == request.person.pk
    reviewer = _reviews(request)
    # The audit trail's words are data, in Chinese like every other summary, not screen text.
    reason = "查阅本人报告" if own and not reviewer else "审核报告"
    content = services.read(report, user=request.user, request=request, reason=reason)
    context = {
        "report": report,
        "content": content,
        "own": own,
        "reviewer": reviewer,
        "can_flag": reviewer
        and allowed(request.user, "personal.flag")
        and report.state == Report.State.FILED,
        "flag_form": flag_form or FlagForm(auto_id="flag_%s"),
        "readers": services.readers(report)[:50] if reviewer else [],
    }
    return render(request, "personal/detail.html", context, status=status)


@requires("personal.file")
def report_detail(request, pk: int):
    return _detail(request, _load(request, pk))


@require_POST
@requires("personal.flag")
def report_flag(request, pk: int):
    report = _load(request, pk)
    if not _reviews(request):
        raise PermissionDenied("personal.flag")
    form = FlagForm(request.POST, auto_id="flag_%s")
    if form.is_valid():
        try:
            services.flag(
                report,
                code=form.cleaned_data["code"],
                note=form.cleaned_data["note"],
                by=_person(request),
                user=request.user,
                request=request,
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The flag was recorded."))
            return redirect("personal:detail", report.pk)
    return _detail(request, report, flag_form=form, status=400)


@requires("personal.request")
def report_request(request):
    person = _person(request)
    form = RequestForm(request.POST or None, township=request.township)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = services.request_report(
                reporter=data["reporter"],
                occasion=data["occasion"],
                event_on=data["event_on"],
                by=person,
                user=request.user,
                request=request,
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s has been asked to report; the duty is on their list.")
                % {"name": report.reporter.name},
            )
            return redirect("personal:list")
    return render(request, "personal/request.html", {"form": form}, status=400 if form.errors else 200)
