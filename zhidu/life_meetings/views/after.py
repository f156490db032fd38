"""The postponement and its approval, the measures (live panel), the rectification confirmed, the
written report, the feedback, and a measure's page where its responsible person reports it done."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhidu.core.access import get_scoped, requires
from zhidu.core.chinese import punctuated
from zhidu.core.forms import attach_errors
from zhidu.core.permissions import allowed
from zhidu.life_meetings import aftercare, checks, publishing
from zhidu.life_meetings.forms import (
    ApprovalForm,
    DoneForm,
    FeedbackForm,
    MeasureForm,
    PostponementForm,
    PublishFeedbackForm,
    ReportForm,
)
from zhidu.life_meetings.models import Measure, Postponement
from zhidu.life_meetings.views.meetings import detail_context, load, person_of


def _postpone_findings(form: PostponementForm):
    data = getattr(form, "cleaned_data", {})
    draft = checks.PostponementDraft(
        data.get("year"),
        data.get("hold_by"),
        data.get("reason") or form.data.get("reason", ""),
        timezone.localdate(),
    )
    return checks.check_postponement(draft)


@requires("life_meetings.convene")
def postpone(request):
    me = person_of(request)
    form = PostponementForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        try:
            row = aftercare.request_postponement(
                by=me, year=form.cleaned_data["year"], reason=form.cleaned_data["reason"],
                hold_by=form.cleaned_data["hold_by"], user=request.user, request=request,
            )  # fmt: skip
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The request for postponement was recorded."))
            return redirect(f"/life-meetings/?year={row.year}")
    findings = _postpone_findings(form) if request.method == "POST" else []
    context = {
        "form": form, "findings": findings, "check_url": "life_meetings:postpone-check",
        "title": _("Ask the superior to postpone the meeting"),
    }  # fmt: skip
    return render(request, "life_meetings/form.html", context, status=400 if form.errors else 200)


@require_POST
@requires("life_meetings.convene")
def postpone_check(request):
    person_of(request)
    form = PostponementForm(request.POST)
    form.is_valid()
    return render(
        request, "life_meetings/_panel.html", {"findings": _postpone_findings(form), "checked": True}
    )


@requires("life_meetings.approve")
def approve(request, pk: int):
    row = get_scoped(Postponement.objects, request, pk=pk)
    form = ApprovalForm(request.POST or None, initial={"approved_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            aftercare.approve_postponement(
                row, by=person_of(request), approved_on=form.cleaned_data["approved_on"],
                approved_by=form.cleaned_data["approved_by"], reference=form.cleaned_data["approval_reference"],
                user=request.user, request=request,
            )  # fmt: skip
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The superior's approval was recorded."))
            return redirect(f"/life-meetings/?year={row.year}")
    context = {"form": form, "row": row, "findings": [], "title": _("Record the superior's approval")}
    return render(request, "life_meetings/form.html", context, status=400 if form.errors else 200)


def _measure_findings(form: MeasureForm, meeting):
    data = getattr(form, "cleaned_data", {})
    owner = data.get("owner")
    draft = checks.MeasureDraft(
        data.get("text") or form.data.get("text", ""), owner.pk if owner else None, data.get("due_on"),
        meeting.held_on, timezone.localdate(),
    )  # fmt: skip
    return checks.check_measure(draft)


@requires("life_meetings.convene")
def measure_new(request, pk: int):
    meeting = load(request, pk)
    form = MeasureForm(request.POST or None, township=meeting.township)
    if request.method == "POST" and form.is_valid():
        try:
            aftercare.add_measure(
                meeting, by=person_of(request), text=form.cleaned_data["text"], owner=form.cleaned_data["owner"],
                due_on=form.cleaned_data["due_on"], user=request.user, request=request,
            )  # fmt: skip
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The measure was added and is followed until reported done."))
            return redirect("life_meetings:measure-new", meeting.pk)
    findings = _measure_findings(form, meeting) if request.method == "POST" else []
    context = {
        "form": form, "findings": findings, "meeting": meeting, "measures": list(meeting.measures.select_related("owner")),
    }  # fmt: skip
    return render(request, "life_meetings/measures.html", context, status=400 if form.errors else 200)


@require_POST
@requires("life_meetings.convene")
def measure_check(request, pk: int):
    meeting = load(request, pk)
    form = MeasureForm(request.POST, township=meeting.township)
    form.is_valid()
    return render(
        request, "life_meetings/_panel.html", {"findings": _measure_findings(form, meeting), "checked": True}
    )


def _after(request, pk: int, form_class, key: str, act, meeting=None):
    meeting = meeting or load(request, pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            said = act(meeting, form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, said or _("Saved."))
            return redirect("life_meetings:detail", meeting.pk)
    return render(
        request, "life_meetings/detail.html", detail_context(request, meeting, **{key: form}), status=400
    )


@require_POST
@requires("life_meetings.convene")
def confirm_measures(request, pk: int):
    meeting = load(request, pk)
    try:
        aftercare.confirm_measures(meeting, by=person_of(request), user=request.user, request=request)
    except ValidationError as error:
        messages.error(request, punctuated("；").join(m for ms in error.message_dict.values() for m in ms))
    else:
        messages.success(request, _("The rectification measures are set."))
    return redirect("life_meetings:detail", meeting.pk)


@require_POST
@requires("life_meetings.convene")
def report(request, pk: int):
    def act(meeting, data):
        aftercare.record_report(
            meeting, by=person_of(request), sent_on=data["sent_on"], sent_to=data["sent_to"],
            text=data["report_text"], user=request.user, request=request,
        )  # fmt: skip

    return _after(request, pk, ReportForm, "report_form", act)


@require_POST
@requires("life_meetings.convene")
def feedback(request, pk: int):
    def act(meeting, data):
        aftercare.record_feedback(
            meeting, by=person_of(request), text=data["feedback"], user=request.user, request=request
        )

    return _after(request, pk, FeedbackForm, "feedback_form", act)


@require_POST
@requires("portal.publish")
def publish_feedback(request, pk: int):
    """R13 八: the party office publishes the recorded feedback on the portal, in one click."""
    meeting = load(request, pk)
    if not publishing.publishable(meeting):
        # The form is shown only once the feedback is recorded: a POST before that has no form to
        # carry its error, so it is told on the meeting's page.
        messages.error(request, publishing.NOT_READY)
        return redirect("life_meetings:detail", meeting.pk)

    def act(meeting, data):
        article = publishing.publish_feedback(
            request.user, meeting, title=data["title"], body=data["body"], request=request
        )
        url = request.build_absolute_uri(article.get_absolute_url())
        return _("Published on the public site: %(url)s") % {"url": url}

    return _after(request, pk, PublishFeedbackForm, "publish_form", act, meeting=meeting)


@requires("life_meetings.measure_done")
def measure_detail(request, pk: int):
    measure = get_scoped(Measure.objects.select_related("owner", "meeting"), request, pk=pk)
    me = person_of(request)
    own = measure.owner_id == me.pk
    if not (own or allowed(request.user, "life_meetings.view")):
        raise PermissionDenied("life_meetings.view")
    form = DoneForm(request.POST or None)
    if request.method == "POST":
        if not own:
            raise PermissionDenied("life_meetings.measure_done")
        if form.is_valid():
            try:
                aftercare.report_done(
                    measure, report=form.cleaned_data["done_report"], user=request.user, request=request
                )
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, _("The measure was reported done."))
                return redirect("life_meetings:measure", measure.pk)
    context = {
        "measure": measure,
        "form": form,
        "own": own,
        "can_view_meeting": allowed(request.user, "life_meetings.view"),
    }
    return render(request, "life_meetings/measure.html", context, status=400 if form.errors else 200)
