"""Convening a meeting: the list, creating one from the body's composition, the agenda, the notice
with its latest on-time day (R1§7(2)), and the members' own answers (receipt, absence, conflict)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from zhidu.core.access import get_scoped, requires, scoped
from zhidu.core.forms import attach_errors, error_text
from zhidu.core.permissions import allowed
from zhidu.meetings import services
from zhidu.meetings.forms import AbsenceForm, AddItemForm, MeetingForm, NoticeForm, carried_over
from zhidu.meetings.models import AgendaEntry, Attendance, EmergencyAction, Meeting
from zhidu.meetings.views.common import conflict_message, findings_context, load_meeting, posted_number
from zhidu.org.models import Person


@requires("meetings.view")
def meeting_list(request):
    meetings = scoped(Meeting.objects, request).select_related("chair").order_by("-held_at")[:100]
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "meetings": meetings,
            "can_manage": allowed(request.user, "meetings.manage"),
        },
    )


@requires("meetings.manage")
def meeting_create(request):
    form = MeetingForm(request.POST or None, township=request.township)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = services.create_meeting(
                township=request.township,
                body=data["body"],
                title=data["title"],
                held_at=form.held_at(),
                chair=data["chair"],
                place=data["place"],
                recorder=data["recorder"],
                emergency=data["emergency"],
                items=list(data["items"]),
                user=request.user,
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Meeting created. Check the agenda, then send the notice."))
            return redirect("meetings:meeting-detail", meeting.pk)
    return render(request, "meetings/meeting_form.html", {"form": form})


# What a re-sent notice changed, named as the meeting's form names the fields.
CHANGE_LABELS = {
    "held_at": gettext_lazy("Time"),
    "place": gettext_lazy("Place"),
    "title": gettext_lazy("Meeting title"),
    "chair": gettext_lazy("Chair"),
    "items": gettext_lazy("Agenda"),
}


def notice_sends(meeting: Meeting) -> list:
    """R1§7(2)'s written-notice record: every send of the notice, each with what it changed."""
    sends = list(meeting.notice_sends.order_by("revision"))
    for send in sends:
        send.change_labels = "、".join(  # type: ignore[attr-defined]
            str(CHANGE_LABELS.get(c, c)) for c in send.changes
        )
    return sends


@requires("meetings.view")
def meeting_detail(request, pk: int):
    meeting = load_meeting(request, pk)
    attendance = list(meeting.attendance.select_related("person").order_by("id"))
    entries = list(meeting.entries.select_related("item__owner").prefetch_related("conflicts__person"))
    me = next((a for a in attendance if request.person and a.person_id == request.person.pk), None)
    latest = services.latest_notice_day(meeting)
    can_manage = allowed(request.user, "meetings.manage") and meeting.state not in (
        Meeting.State.CLOSED,
        Meeting.State.CANCELLED,
    )
    today = timezone.localdate()
    context = {
        "meeting": meeting,
        "attendance": attendance,
        "entries": entries,
        "me": me,
        "my_conflicts": {
            c.entry_id for e in entries for c in e.conflicts.all() if me and c.person_id == me.person_id
        },
        "latest_notice": latest,
        "notice_late": meeting.notice_sent_at is None and today > latest.date,
        "notice_due_today": meeting.notice_sent_at is None and today == latest.date,
        "can_manage": can_manage,
        # Until it is held (attendance not yet recorded) it may be changed or cancelled.
        "editable": can_manage and not any(a.status == Attendance.Status.PRESENT for a in attendance),
        "can_export": allowed(request.user, "meetings.manage") or allowed(request.user, "meetings.audit"),
        "add_form": AddItemForm(meeting=meeting),
        # R1§7(4): what earlier meetings deferred or referred upward, to add in one click; R1§8:
        # emergency action taken without a meeting, to report to this team meeting.
        "carried_over": carried_over(meeting) if can_manage else [],
        "emergencies": services.unreported_emergencies(meeting.township)
        if can_manage and meeting.body == "team"
        else [],
        "notice_form": NoticeForm(),
        "notice_sends": notice_sends(meeting),
        "can_print_notice": allowed(request.user, "meetings.notice")
        and meeting.state != Meeting.State.CANCELLED,
        "absence_form": AbsenceForm(),
        **_attendees_context(request, meeting, attendance, can_manage),
        **findings_context(meeting, latest),
    }
    return render(request, "meetings/meeting_detail.html", context)


def _attendees_context(request, meeting, attendance, can_manage: bool) -> dict:
    """R2: the observers (列席) and who may be invited; the secretary's entrusting of a deputy."""
    observers = list(meeting.observers.select_related("person", "person__department").order_by("id"))
    taken = {a.person_id for a in attendance} | {o.person_id for o in observers}
    candidates = []
    if can_manage and meeting.body != "five_person_group":
        candidates = list(
            Person.objects.filter(township=meeting.township, active=True)
            .exclude(pk__in=taken)
            .select_related("department")
            .order_by("name")[:300]
        )
    me = request.person
    roles = {a.person_id: a.role for a in attendance}
    can_entrust = (
        meeting.body == "secretary_office"
        and meeting.state in (Meeting.State.DRAFT, Meeting.State.NOTIFIED)
        and me is not None
        and roles.get(me.pk) == "secretary"
        and allowed(request.user, "meetings.entrust_chair")
    )
    return {
        "observers": observers,
        "observer_candidates": candidates,
        "can_entrust": can_entrust,
        "deputies": [
            a for a in attendance if a.role == "deputy_secretary" and a.person_id != meeting.chair_id
        ]
        if can_entrust
        else [],
    }


@require_POST
@requires("meetings.manage")
def meeting_add_item(request, pk: int):
    meeting = load_meeting(request, pk)
    form = AddItemForm(request.POST, meeting=meeting)
    if not form.is_valid():
        messages.error(request, error_text(form.errors))
        return redirect("meetings:meeting-detail", pk)
    return _act(
        request,
        meeting,
        lambda v: services.add_item(meeting, form.cleaned_data["item"], version=v, user=request.user),
        _("Item added to the agenda."),
    )


@require_POST
@requires("meetings.manage")
def meeting_report_emergency(request, pk: int):
    """R1§8: one click puts the report of an emergency action on this team meeting's agenda."""
    meeting = load_meeting(request, pk)
    chosen = posted_number(request, "emergency", 0)
    # None chosen: the entry point refuses by name; another township's action is a 404.
    emergency = (
        get_scoped(EmergencyAction.objects.select_related("taken_by"), request, pk=chosen)
        if chosen > 0
        else None
    )
    return _act(
        request,
        meeting,
        lambda v: services.report_emergency_action(meeting, emergency, version=v, user=request.user),
        _("The report of the emergency action is on the agenda."),
    )


@require_POST
@requires("meetings.manage")
def meeting_send_notice(request, pk: int):
    meeting = load_meeting(request, pk)
    form = NoticeForm(request.POST)
    channel = form.cleaned_data["channel"] if form.is_valid() else "written"
    return _act(
        request,
        meeting,
        lambda v: services.send_notice(meeting, version=v, channel=channel, user=request.user),
        _("Notice sent to every expected member."),
    )


def _act(request, meeting, action, success: str):
    try:
        # No version posted: the current one; a malformed one: a stale page (409), never a 500.
        version = posted_number(request, "version") if "version" in request.POST else meeting.version
        action(version)
    except services.Conflicting:
        messages.error(request, conflict_message())
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, success)
    return redirect("meetings:meeting-detail", meeting.pk)


def _my_attendance(request, meeting) -> Attendance:
    me = meeting.attendance.filter(person=request.person).first() if request.person else None
    if me is None:
        raise PermissionDenied("not an expected member")
    return me


@require_POST
@requires("meetings.respond")
def meeting_confirm(request, pk: int):
    meeting = load_meeting(request, pk)
    _my_attendance(request, meeting)
    services.confirm_notice(meeting, request.person, user=request.user)
    messages.success(request, _("Receipt of the notice confirmed."))
    return redirect("meetings:meeting-detail", pk)


@require_POST
@requires("meetings.respond")
def meeting_absence(request, pk: int):
    meeting = load_meeting(request, pk)
    _my_attendance(request, meeting)
    form = AbsenceForm(request.POST)
    if not form.is_valid():
        messages.error(request, error_text(form.errors))
        return redirect("meetings:meeting-detail", pk)
    try:
        services.request_absence(meeting, request.person, form.cleaned_data["reason"], user=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Your absence and its reason are recorded."))
    return redirect("meetings:meeting-detail", pk)


@require_POST
@requires("meetings.respond")
def meeting_conflict(request, pk: int, entry_pk: int):
    meeting = load_meeting(request, pk)
    _my_attendance(request, meeting)
    entry = get_scoped(
        AgendaEntry.objects.select_related("item", "meeting"), request, pk=entry_pk, meeting=meeting
    )
    services.declare_conflict(entry, request.person, request.POST.get("note", "")[:200], user=request.user)
    messages.success(request, _("Your conflict of interest is declared; you will be asked to recuse."))
    return redirect("meetings:meeting-detail", pk)
