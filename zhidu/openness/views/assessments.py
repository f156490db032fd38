"""Assessment pages (第十三条): the plan drafted, the committee's approval, the tiers proposed,
decided, approved and notified; the notified result as Word, the scores as Excel."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhidu.core.access import get_scoped, requires, scoped
from zhidu.core.forms import attach_errors, error_text
from zhidu.core.pdf import document_response
from zhidu.core.permissions import allowed
from zhidu.openness import services
from zhidu.openness.checks import ADJUSTMENT
from zhidu.openness.documents import result_docx, scores_xlsx
from zhidu.openness.forms import AssessmentForm, DecideForm, NoteForm
from zhidu.openness.models import OpennessAssessment
from zhidu.openness.views.common import person_of
from zhidu.org.models import Branch, Person

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@requires("openness.manage")
def assessment_new(request):
    by = person_of(request)
    branches = list(scoped(Branch.objects, request))
    people = list(scoped(Person.objects, request).filter(active=True))
    initial = {"year": timezone.localdate().year}
    form = AssessmentForm(request.POST or None, branches=branches, people=people, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        by_pk = {p.pk: p for p in people}
        units = [(b, by_pk[data[f"reporter_{b.pk}"]]) for b in branches if data[f"reporter_{b.pk}"]]
        try:
            a = services.create_assessment(
                township=request.township, by=by, year=data["year"], kind=data["kind"], title=data["title"],
                plan=data["plan"], concern=data["concern"], units=units,
                inspectors=[by_pk[pk] for pk in data["inspectors"]], user=request.user, request=request,
            )  # fmt: skip
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The assessment plan was drafted."))
            return redirect("openness:assessment", a.pk)
    return render(
        request, "openness/assessment_form.html", {"form": form}, status=400 if form.errors else 200
    )


def _load(request, pk: int) -> OpennessAssessment:
    return get_scoped(OpennessAssessment.objects.select_related("sheet"), request, pk=pk)


@requires("openness.view")
def assessment_detail(request, pk: int):
    a = _load(request, pk)
    units = list(a.units.select_related("branch", "reporter"))
    u = request.user
    context = {
        "a": a, "units": [{"u": x, "adjustment": ADJUSTMENT.get(x.tier)} for x in units],
        "inspectors": [i.person for i in a.inspectors.select_related("person")],
        "can_manage": allowed(u, "openness.manage"), "can_approve": allowed(u, "openness.approve"),
        "can_decide": allowed(u, "openness.decide"), "can_export": allowed(u, "openness.export"),
        "note_form": NoteForm(), "decide_form": DecideForm(units=units),
    }  # fmt: skip
    return render(request, "openness/assessment_detail.html", context)


def _step(request, pk: int, call):
    a = _load(request, pk)
    try:
        call(a, person_of(request))
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Recorded."))
    return redirect("openness:assessment", a.pk)


def _note(request) -> str:
    return (request.POST.get("note") or "")[:200]


@require_POST
@requires("openness.approve")
def approve_plan(request, pk: int):
    return _step(
        request,
        pk,
        lambda a, by: services.approve_plan(
            a, by=by, note=_note(request), user=request.user, request=request
        ),
    )


@require_POST
@requires("openness.manage")
def propose(request, pk: int):
    return _step(request, pk, lambda a, by: services.propose(a, by=by, user=request.user, request=request))


@require_POST
@requires("openness.decide")
def decide(request, pk: int):
    a = _load(request, pk)
    units = list(a.units.select_related("branch"))
    form = DecideForm(request.POST, units=units)
    if not form.is_valid():
        messages.error(request, error_text(form.errors))
        return redirect("openness:assessment", a.pk)
    tiers = {x.pk: form.cleaned_data[f"tier_{x.pk}"] for x in units}
    note = form.cleaned_data["note"]
    return _step(
        request,
        pk,
        lambda a, by: services.decide(a, by=by, note=note, tiers=tiers, user=request.user, request=request),
    )


@require_POST
@requires("openness.approve")
def approve_result(request, pk: int):
    return _step(
        request,
        pk,
        lambda a, by: services.approve_result(
            a, by=by, note=_note(request), user=request.user, request=request
        ),
    )


@require_POST
@requires("openness.manage")
def notify(request, pk: int):
    return _step(request, pk, lambda a, by: services.notify(a, by=by, user=request.user, request=request))


@requires("openness.view")
def result_document(request, pk: int, pdf: bool = False):
    a = _load(request, pk)
    if a.state != OpennessAssessment.State.NOTIFIED:
        raise Http404
    return document_response(result_docx(a), f"openness-result-{a.pk}.docx", pdf=pdf)


@requires("openness.export")
def scores_export(request, pk: int):
    a = _load(request, pk)
    response = HttpResponse(scores_xlsx(a), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="openness-scores-{a.pk}.xlsx"'
    return response
