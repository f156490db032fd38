"""The overview, publications and the year's scoring sheet (R11§8, §10)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from zhidu.core.access import requires, scoped
from zhidu.core.forms import attach_errors
from zhidu.core.pdf import document_response
from zhidu.core.permissions import allowed
from zhidu.openness import services
from zhidu.openness.checks import CATEGORIES, MODES, check_random_checks
from zhidu.openness.documents import sheet_docx
from zhidu.openness.forms import PublicationForm, SheetForm
from zhidu.openness.models import OpennessAssessment, Publication
from zhidu.org.models import Branch, Person
from zhidu.rules.findings import SEVERITY_LABELS

LIST_SIZE = 30
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def person_of(request) -> Person:
    if request.person is None:
        raise PermissionDenied("no person")
    return request.person


def findings_context(findings) -> dict:
    return {"findings": [{"f": f, "label": SEVERITY_LABELS[f.severity]} for f in findings]}


@requires("openness.view")
def index(request):
    today = timezone.localdate()
    assessments = scoped(OpennessAssessment.objects, request)
    findings = []
    # The past year stays judged in the first quarter, when its yearly assessment is held (第十一条).
    for year in (today.year - 1, today.year) if today.month <= 3 else (today.year,):
        held = assessments.filter(year=year, kind="random").count()
        findings += check_random_checks(year, held, today, services.parameters(request.township, today))
    context = {
        "categories": [(code, name, MODES[mode]) for code, name, mode in CATEGORIES],
        "publications": list(scoped(Publication.objects, request).select_related("branch")[:LIST_SIZE]),
        "assessments": list(assessments[:LIST_SIZE]),
        "can_manage": allowed(request.user, "openness.manage"),
        "can_publish": allowed(request.user, "openness.publish"),
        **findings_context(findings),
    }
    return render(request, "openness/index.html", context)


@requires("openness.publish")
def publication_new(request):
    by = person_of(request)
    branches = list(scoped(Branch.objects, request))
    committee = f"{request.township.name}党委"
    form = PublicationForm(request.POST or None, branches=branches, committee=committee)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        branch = next((b for b in branches if b.pk == data["branch"]), None)
        try:
            services.record_publication(
                township=request.township, by=by, branch=branch, category=data["category"],
                published_on=data["published_on"], where=data["where"], content=data["content"],
                user=request.user, request=request,
            )  # fmt: skip
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The publication was recorded."))
            return redirect("openness:index")
    return render(
        request, "openness/publication_form.html", {"form": form}, status=400 if form.errors else 200
    )


@requires("openness.view")
def sheet(request):
    year = timezone.localdate().year
    current = services.current_sheet(request.township, year)
    if request.GET.get("docx") or request.GET.get("pdf"):
        name = f"openness-sheet-{year}.docx"
        return document_response(sheet_docx(current), name, pdf=bool(request.GET.get("pdf")))
    criteria = list(current.criteria.all())
    form = SheetForm(request.POST or None, criteria=criteria)
    if request.method == "POST":
        if not allowed(request.user, "openness.manage"):
            raise PermissionDenied("openness.manage")
        if form.is_valid():
            points = {c.pk: form.cleaned_data[f"points_{c.pk}"] for c in criteria}
            try:
                services.revise_sheet(
                    current, by=person_of(request), points=points, user=request.user, request=request
                )
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, _("A new version of the scoring sheet was saved."))
                return redirect("openness:sheet")
    context = {"sheet": current, "form": form, "can_manage": allowed(request.user, "openness.manage"),
               "total": sum(c.points for c in criteria)}  # fmt: skip
    return render(request, "openness/sheet.html", context, status=400 if form.errors else 200)
