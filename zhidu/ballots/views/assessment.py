"""R10 democratic assessment: the organization office sets it up and reads all results; each member
reads their own (and the team's), never a breakdown of fewer than five respondents."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from zhidu.ballots import services
from zhidu.ballots.forms import AssessmentForm, BoxForm
from zhidu.ballots.models import Assessment, Rating
from zhidu.core import audit
from zhidu.core.access import get_scoped, requires, scoped
from zhidu.core.forms import attach_errors
from zhidu.core.permissions import allowed
from zhidu.org.models import Person, team_on


def _team(request):
    ids = team_on(request.township, timezone.localdate()).values_list("person_id", flat=True)
    return Person.objects.filter(pk__in=ids).order_by("name")


@requires("assessments.manage")
def assessment_list(request):
    form = AssessmentForm(
        request.POST if request.method == "POST" else None,  # an empty POST is refused by name too
        members=_team(request),
        initial={"year": timezone.localdate().year, "members": _team(request)},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            try:
                assessment = services.create_assessment(
                    township=request.township,
                    year=d["year"],
                    title=d["title"],
                    members=d["members"],
                    user=request.user,
                )
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, _("Assessment created."))
                return redirect("ballots:assessment", assessment.pk)
        status = 400
    assessments = scoped(Assessment.objects.all(), request)
    return render(
        request, "ballots/assessment_list.html", {"form": form, "assessments": assessments}, status=status
    )


@requires("assessments.manage")
def assessment_detail(request, pk: int):
    assessment = get_scoped(Assessment.objects.all(), request, pk=pk)
    posted = request.POST if request.method == "POST" else None  # an empty POST is refused by name too
    form = BoxForm(posted, township=request.township, initial={"method": "electronic"})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            try:
                box = services.create_box(
                    assessment,
                    method=d["method"],
                    codes=d["codes"],
                    counter=d["counter"],
                    scrutineer=d["scrutineer"],
                    user=request.user,
                )
            except ValidationError as error:
                attach_errors(form, error)
            else:
                return redirect("ballots:box", box.pk)
        status = 400
    context = {
        "assessment": assessment,
        "subjects": assessment.subjects.select_related("person"),
        "boxes": assessment.boxes.all(),
        "form": form,
        "can_read_results": allowed(request.user, "assessments.results"),
    }
    return render(request, "ballots/assessment_detail.html", context, status=status)


def _render_results(request, assessment, results, mine: bool):
    context = {
        "assessment": assessment,
        "results": results,
        "ratings": Rating.choices,
        "threshold": services.RESULT_THRESHOLD,
        "mine": mine,
    }
    return render(request, "ballots/assessment_results.html", context)


@requires("assessments.results")
def assessment_results(request, pk: int):
    assessment = get_scoped(Assessment.objects.all(), request, pk=pk)
    results = services.assessment_results(assessment)
    # Every member's assessment is sensitive (R10): who read them is recorded (issue 6).
    audit.record(
        request.user, "assessments.results_read", assessment, request=request, summary=assessment.title
    )
    return _render_results(request, assessment, results, mine=False)


@requires("assessments.own")
def my_results(request, pk: int):
    """A member's own result and the team's: nobody else's."""
    assessment = get_scoped(Assessment.objects.all(), request, pk=pk)
    own = assessment.subjects.filter(person=request.person) | assessment.subjects.filter(person__isnull=True)
    return _render_results(
        request, assessment, services.assessment_results(assessment, subjects=list(own)), mine=True
    )
