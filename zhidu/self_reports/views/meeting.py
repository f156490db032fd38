"""The year's 述德述职述廉 meeting (R10§4(2)–(3)): who attends, the assessment of the year and its
results. The organization office adds participants by name and starts the assessment (in
zhidu.ballots); everyone of the area sees the list; each member reads their own results and the
team's on the ballots area's page. R13 (the democratic life meeting) is not built yet: the results
are kept as its material here and in the assessment."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhidu.ballots import services as ballots
from zhidu.ballots.models import Rating
from zhidu.core.access import get_scoped, requires
from zhidu.core.chinese import punctuated
from zhidu.core.forms import attach_errors
from zhidu.core.permissions import allowed
from zhidu.rules import SEVERITY_LABELS
from zhidu.self_reports import services
from zhidu.self_reports.forms import ParticipantForm
from zhidu.self_reports.models import Participant
from zhidu.self_reports.views.common import person_of

ORGANIZE = "self_reports.organize"


def _to_year(year: int):
    return redirect(f"{reverse('self_reports:meeting')}?year={year}")


@requires("self_reports.view")
def meeting_page(request):
    person = person_of(request)
    year = services.year_of(request.GET.get("year") or request.POST.get("year"))
    organizer = allowed(request.user, ORGANIZE)
    form = ParticipantForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if not organizer:
            raise PermissionDenied(ORGANIZE)
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.add_participant(
                    township=request.township,
                    year=year,
                    group=d["group"],
                    name=d["name"],
                    unit=d["unit"],
                    by=person,
                    user=request.user,
                    request=request,
                )
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, _("Participant added."))
                return _to_year(year)
        status = 400
    people = services.attendees(request.township, year)
    assessment = services.assessment_of(request.township, year)
    team_result = None
    if assessment is not None:
        team = assessment.subjects.filter(person__isnull=True)
        found = ballots.assessment_results(assessment, subjects=list(team))
        team_result = found[0] if found else None
    context = {
        "year": year,
        "people": people,
        "findings": services.participant_findings(people),
        "severity_labels": SEVERITY_LABELS,
        "organizer": organizer,
        "form": form,
        "assessment": assessment,
        "team_result": team_result,
        "ratings": Rating.choices,
        "may_manage_assessment": allowed(request.user, "assessments.manage"),
        "may_read_results": allowed(request.user, "assessments.results"),
        "may_read_own": allowed(request.user, "assessments.own"),
    }
    return render(request, "self_reports/meeting.html", context, status=status)


@require_POST
@requires(ORGANIZE)
def assessment_start(request):
    person = person_of(request)
    year = services.year_of(request.POST.get("year"), default=-1)
    if year == -1:
        messages.error(request, "年度：请选择年度")
        return redirect("self_reports:meeting")
    try:
        assessment = services.start_assessment(
            township=request.township, year=year, by=person, user=request.user, request=request
        )
    except ValidationError as error:
        messages.error(request, punctuated("；").join(m for ms in error.message_dict.values() for m in ms))
        return _to_year(year)
    messages.success(request, _("The assessment is ready: open its round of ballots here."))
    return redirect("ballots:assessment", assessment.pk)


@require_POST
@requires(ORGANIZE)
def participant_remove(request, pk: int):
    person = person_of(request)
    participant = get_scoped(Participant.objects.all(), request, pk=pk)
    if request.POST.get("confirm") != "1":
        messages.error(request, _("Confirm the removal of the participant."))
        return _to_year(participant.year)
    services.remove_participant(participant, by=person, user=request.user, request=request)
    messages.success(request, _("Participant removed."))
    return _to_year(participant.year)
