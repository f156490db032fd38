"""The year's meetings, the new meeting with its live panel, a meeting's page (preparation, the
meeting, what follows), the opinions, a participant's own speech (phone) and the meeting record."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhidu.core.access import get_scoped, requires, scoped
from zhidu.core.forms import attach_errors
from zhidu.core.permissions import allowed
from zhidu.life_meetings import aftercare, checks, publishing, services
from zhidu.life_meetings.forms import (
    DoneForm,
    FeedbackForm,
    HoldForm,
    LeaveForm,
    MeasureForm,
    MeetingForm,
    OpinionForm,
    PublishFeedbackForm,
    ReportForm,
    SpeechForm,
)
from zhidu.life_meetings.models import LifeMeeting, Postponement, Speech
from zhidu.self_reports.services.meeting import assessment_of

__all__ = ["DoneForm"]


def person_of(request):
    if request.person is None:
        raise PermissionDenied("no person")
    return request.person


@requires("life_meetings.view")
def index(request):
    person_of(request)
    year = services.year_of(request.GET.get("year"), timezone.localdate().year)
    meetings = scoped(LifeMeeting.objects, request).filter(year=year).select_related("convener")
    postponements = scoped(Postponement.objects, request).filter(year=year).select_related("requested_by")
    state = aftercare.year_state(request.township, year)
    context = {
        "year": year,
        "meetings": meetings,
        "postponements": postponements,
        "findings": checks.check_year(state),
        "can_convene": allowed(request.user, "life_meetings.convene"),
        "can_approve": allowed(request.user, "life_meetings.approve"),
    }
    return render(request, "life_meetings/index.html", context)


def _meeting_findings(form: MeetingForm):
    data = getattr(form, "cleaned_data", {})
    draft = checks.MeetingDraft(
        data.get("year"),
        data.get("theme") or form.data.get("theme", ""),
        data.get("planned_on"),
        timezone.localdate(),
    )
    return checks.check_meeting(draft)


@requires("life_meetings.convene")
def meeting_new(request):
    me = person_of(request)
    form = MeetingForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.create_meeting(
                by=me,
                year=form.cleaned_data["year"],
                theme=form.cleaned_data["theme"],
                planned_on=form.cleaned_data["planned_on"],
                user=request.user,
                request=request,
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The democratic life meeting was created."))
            return redirect("life_meetings:detail", meeting.pk)
    findings = _meeting_findings(form) if request.method == "POST" else []
    context = {
        "form": form,
        "findings": findings,
        "check_url": "life_meetings:check",
        "title": _("New democratic life meeting"),
    }
    return render(request, "life_meetings/form.html", context, status=400 if form.errors else 200)


@require_POST
@requires("life_meetings.convene")
def meeting_check(request):
    person_of(request)
    form = MeetingForm(request.POST)
    form.is_valid()
    return render(
        request, "life_meetings/_panel.html", {"findings": _meeting_findings(form), "checked": True}
    )


def load(request, pk: int) -> LifeMeeting:
    return get_scoped(LifeMeeting.objects.select_related("convener"), request, pk=pk)


def detail_context(request, meeting: LifeMeeting, **forms) -> dict:
    me = person_of(request)
    speeches = list(meeting.speeches.select_related("person"))
    read_all = services.reads_all(request.user, meeting.township_id)
    mine = next((s for s in speeches if s.person_id == me.pk), None)
    convene = allowed(request.user, "life_meetings.convene") and meeting.convener_id == me.pk
    context = {
        "meeting": meeting,
        "speeches": speeches,
        "read_all": read_all,
        "mine": mine,
        "opinions": list(meeting.opinions.all()),
        "measures": list(meeting.measures.select_related("owner")),
        "can_prepare": allowed(request.user, "life_meetings.prepare"),
        "convene": convene,
        "assessment": assessment_of(meeting.township, meeting.year),
        "after_findings": services.after_findings(meeting),
        "rectification_due": services.rectification_due(meeting.held_on) if meeting.held_on else None,
        "report_due": services.report_due(meeting),
        "opinion_form": forms.get("opinion_form") or OpinionForm(),
        "measure_form": forms.get("measure_form") or MeasureForm(township=meeting.township),
        "report_form": forms.get("report_form") or ReportForm(initial={"sent_on": timezone.localdate()}),
        "feedback_form": forms.get("feedback_form") or FeedbackForm(initial={"feedback": meeting.feedback}),
        # R13 八 on the portal: the page once published, else the proposal for the party office.
        "feedback_page": publishing.published(meeting),
        "may_publish": allowed(request.user, "portal.publish") and publishing.publishable(meeting),
    }
    if context["may_publish"] and context["feedback_page"] is None:
        title, body = publishing.proposal(meeting)
        context["publish_form"] = forms.get("publish_form") or PublishFeedbackForm(
            initial={"title": title, "body": body}
        )
    return context


@requires("life_meetings.view")
def detail(request, pk: int):
    meeting = load(request, pk)
    return render(request, "life_meetings/detail.html", detail_context(request, meeting))


@require_POST
@requires("life_meetings.prepare")
def opinion(request, pk: int):
    meeting = load(request, pk)
    form = OpinionForm(request.POST)
    if form.is_valid():
        try:
            services.add_opinion(
                meeting, by=person_of(request), source=form.cleaned_data["source"], text=form.cleaned_data["text"],
                user=request.user, request=request,
            )  # fmt: skip
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The opinion was recorded."))
            return redirect("life_meetings:detail", meeting.pk)
    context = detail_context(request, meeting, opinion_form=form)
    return render(request, "life_meetings/detail.html", context, status=400)


@requires("life_meetings.speak")
def speech(request, pk: int):
    meeting = load(request, pk)
    me = person_of(request)
    own = Speech.objects.filter(meeting=meeting, person=me).select_related("person", "meeting").first()
    if own is None:
        raise PermissionDenied("life_meetings.speak")
    form = SpeechForm(request.POST if "text" in request.POST else None, initial={"text": own.text})
    leave = LeaveForm(
        request.POST if "leave_reason" in request.POST else None, initial={"leave_reason": own.leave_reason}
    )
    if request.method == "POST" and "leave_reason" in request.POST:
        if leave.is_valid():
            try:
                services.ask_leave(
                    own, reason=leave.cleaned_data["leave_reason"], user=request.user, request=request
                )
            except ValidationError as error:
                attach_errors(leave, error)
            else:
                messages.success(request, _("Your leave was recorded."))
                return redirect("life_meetings:speech", meeting.pk)
    elif request.method == "POST":
        if form.is_valid():
            submit = request.POST.get("submit") == "1"
            try:
                services.save_speech(
                    own, text=form.cleaned_data["text"], submit=submit, user=request.user, request=request
                )
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(
                    request, _("Your speech was submitted.") if submit else _("Your draft was saved.")
                )
                return redirect("life_meetings:speech", meeting.pk)
    status = 400 if (form.errors or leave.errors) else 200
    context = {"meeting": meeting, "speech": own, "form": form, "leave": leave}
    return render(request, "life_meetings/speech.html", context, status=status)


@requires("life_meetings.convene")
def hold(request, pk: int):
    meeting = load(request, pk)
    me = person_of(request)
    if meeting.convener_id != me.pk:
        raise PermissionDenied("life_meetings.convene")
    speeches = list(meeting.speeches.select_related("person"))
    form = HoldForm(request.POST or None, initial={"held_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        records = {
            s.pk: (request.POST.get(f"self_{s.pk}", ""), request.POST.get(f"crit_{s.pk}", ""))
            for s in speeches
        }
        try:
            services.hold_meeting(
                meeting, by=me, held_on=form.cleaned_data["held_on"], summary=form.cleaned_data["summary"],
                records=records, user=request.user, request=request,
            )  # fmt: skip
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The meeting was recorded."))
            return redirect("life_meetings:detail", meeting.pk)
    rows = [(s, request.POST.get(f"self_{s.pk}", ""), request.POST.get(f"crit_{s.pk}", "")) for s in speeches]
    context = {"meeting": meeting, "form": form, "rows": rows}
    return render(request, "life_meetings/hold.html", context, status=400 if form.errors else 200)
