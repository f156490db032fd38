"""The clerk's screen during the meeting (works on a tablet): attendance and quorum live, each item's
record, the rule check refreshed by htmx after every save; then closing, the minutes and the export."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhidu.core.access import get_scoped, requires
from zhidu.core.forms import attach_errors, error_text
from zhidu.meetings import services
from zhidu.meetings.forms import EntryForm
from zhidu.meetings.models import AgendaEntry, Attendance
from zhidu.meetings.views import archived
from zhidu.meetings.views.common import (
    before_the_day,
    closing_preview,
    conflict_message,
    findings_context,
    load_meeting,
    posted_number,
)

STATUS = Attendance.Status


@requires("meetings.manage")
def record_attendance(request, pk: int):
    meeting = load_meeting(request, pk)
    if meeting.state == meeting.State.CLOSED:
        return archived.attendance_page(request, meeting)  # read-only, no form (issue 11)
    attendance = list(meeting.attendance.select_related("person").order_by("id"))
    # A leave reported after the meeting was prepared (R14§5): offered, unsaved, for what is unrecorded.
    leave = services.leave_reasons(meeting.township, meeting.held_at)
    for a in attendance:
        if a.status == STATUS.UNKNOWN and a.person_id in leave:
            a.status, a.reason = STATUS.ABSENT, leave[a.person_id]
        # An absence with its reason (the member's request, a leave, a saved absence): "everyone
        # present" leaves it alone (an attribute for the template only).
        cast(Any, a).registered_absence = a.status == STATUS.ABSENT and bool(a.reason.strip())
    errors = []
    status = 200
    if request.method == "POST":
        statuses = {}
        for a in attendance:
            value = request.POST.get(f"status_{a.person_id}", a.status)
            reason = request.POST.get(f"reason_{a.person_id}", "").strip()
            statuses[a.person_id] = (value, reason)
            # Keep what the clerk typed even when the save is refused.
            a.status, a.reason = value, reason
        chair = request.POST.get("chair", "")
        try:
            services.record_attendance(
                meeting,
                version=posted_number(request, "version"),
                statuses=statuses,
                chair_id=posted_number(request, "chair", None) if chair else None,
                emergency_reason=request.POST.get("emergency_reason", ""),
                user=request.user,
            )
        except services.Conflicting:
            errors.append(conflict_message())
            status = 409
        except ValidationError as error:
            errors.extend(m for ms in error.message_dict.values() for m in ms)
            status = 400
        else:
            messages.success(request, _("Attendance saved."))
            return redirect("meetings:record", pk)
        meeting.refresh_from_db(fields=["version"])
    entries = list(meeting.entries.select_related("item"))
    present = sum(1 for a in attendance if a.status == STATUS.PRESENT)
    preview = closing_preview(meeting) if meeting.state != meeting.State.CLOSED else []
    context = {
        "meeting": meeting,
        "attendance": attendance,
        "entries": entries,
        "errors": errors,
        "present_count": present,
        "statuses": STATUS.choices,
        **findings_context(meeting),
        **_early_context(request, meeting),
        # Closing names what it will archive as invalid or violated, item by item (R1§14(1)).
        "closing_preview": preview,
        "close_confirm": "\n".join(
            [_("Closing archives the meeting permanently, with:"), *preview, _("Close the meeting?")]
        )
        if preview
        else _("Close the meeting and archive it permanently?"),
    }
    return render(request, "meetings/record.html", context, status=status)


@requires("meetings.manage")
def record_entry(request, pk: int, entry_pk: int):
    meeting = load_meeting(request, pk)
    entry = get_scoped(
        AgendaEntry.objects.select_related("item__owner", "item__reconsiders__item").prefetch_related(
            "conflicts", "named_ballots", "written_opinions", "reserved_opinions__person"
        ),
        request,
        pk=entry_pk,
        meeting=meeting,
    )
    if meeting.state == meeting.State.CLOSED:
        return archived.entry_page(request, meeting, entry)  # read-only, no form (issue 11)
    attendance = list(meeting.attendance.select_related("person").order_by("id"))
    present = [a.person for a in attendance if a.status == STATUS.PRESENT]
    absent = [a.person for a in attendance if a.status != STATUS.PRESENT]
    posted = request.POST if request.method == "POST" else None  # an empty POST is refused by name too
    form = EntryForm(posted, initial=_initial(entry), present=present, absent=absent)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.record_entry(
                    entry,
                    version=posted_number(request, "version"),
                    speakers=form.speakers(),
                    recused=form.recused(),
                    vote_method=form.cleaned_data["vote_method"],
                    counts=form.counts(),
                    ballots=form.ballots(),
                    opinions=form.opinions(),
                    deferred=form.cleaned_data["deferred"],
                    discussion=form.cleaned_data["discussion"],
                    resolution=form.cleaned_data["resolution"],
                    implementer=form.cleaned_data["implementer"],
                    basis=form.cleaned_data["basis"],
                    supervision=form.cleaned_data["supervision"],
                    referred=form.cleaned_data["referred"],
                    emergency_reason=request.POST.get("emergency_reason", ""),
                    user=request.user,
                )
            except services.Conflicting:
                form.add_error(None, conflict_message())
                status = 409
            except ValidationError as error:
                attach_errors(form, error)
                status = 400
            else:
                messages.success(request, _("Saved: %s") % entry.item.title)
                return redirect("meetings:record-entry", pk, entry_pk)
        else:
            status = 400
        meeting.refresh_from_db(fields=["version"])
    declared = {c.person_id for c in entry.conflicts.all()}
    rows = [
        {
            "person": p,
            "speak": form[f"speak_{p.pk}"],
            "recused": form[f"recused_{p.pk}"],
            "ballot": form[f"ballot_{p.pk}"],
            "declared": p.pk in declared,
            "chair": p.pk == meeting.chair_id,
        }
        for p in present
    ]
    context = {
        "meeting": meeting,
        "entry": entry,
        "form": form,
        "rows": rows,
        "absent_rows": [{"person": p, "opinion": form[f"opinion_{p.pk}"]} for p in absent],
        **findings_context(meeting),
        **_early_context(request, meeting),
    }
    return render(request, "meetings/record_entry.html", context, status=status)


def _initial(entry: AgendaEntry) -> dict:
    initial = {
        "vote_method": entry.vote_method,
        "votes_for": entry.votes_for,
        "votes_against": entry.votes_against,
        "votes_abstain": entry.votes_abstain,
        "deferred": entry.deferred,
        "discussion": entry.discussion,
        "resolution": entry.resolution,
        "implementer": entry.implementer,
        "basis": entry.basis,
        "supervision": entry.supervision,
        "referred": entry.referred,
    }
    for rank, person_id in enumerate(entry.speakers, start=1):
        initial[f"speak_{person_id}"] = rank
    for conflict in entry.conflicts.all():
        # A declared conflict is a proposed recusal until the item's record is first saved.
        initial[f"recused_{conflict.person_id}"] = conflict.recused or entry.recorded_at is None
    for ballot in entry.named_ballots.all():
        initial[f"ballot_{ballot.person_id}"] = ballot.choice
    for opinion in entry.written_opinions.all():
        initial[f"opinion_{opinion.person_id}"] = opinion.position
    return initial


@requires("meetings.view")
def findings_panel(request, pk: int):
    meeting = load_meeting(request, pk)
    return render(request, "meetings/_findings.html", findings_context(meeting))


@require_POST
@requires("meetings.manage")
def meeting_close(request, pk: int):
    meeting = load_meeting(request, pk)
    try:
        minutes = services.close_meeting(
            meeting,
            version=posted_number(request, "version"),
            emergency_reason=request.POST.get("emergency_reason", ""),
            user=request.user,
        )
    except services.Conflicting:
        messages.error(request, conflict_message())
        return redirect("meetings:record", pk)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect("meetings:record", pk)
    messages.success(request, _("Meeting closed and archived; minutes number %s.") % minutes)
    return redirect("meetings:minutes", pk)


@require_POST
@requires("meetings.manage")
def record_reserved(request, pk: int, entry_pk: int):
    meeting = load_meeting(request, pk)
    entry = get_scoped(
        AgendaEntry.objects.select_related("item", "meeting"), request, pk=entry_pk, meeting=meeting
    )
    try:
        services.record_reserved_opinion(
            entry,
            posted_number(request, "person", 0),
            request.POST.get("text", ""),
            version=posted_number(request, "version") if "version" in request.POST else None,
            emergency_reason=request.POST.get("emergency_reason", ""),
            user=request.user,
        )
    except services.Conflicting:
        messages.error(request, conflict_message())
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Reserved opinion recorded."))
    return redirect("meetings:record-entry", pk, entry_pk)


def _early_context(request, meeting) -> dict:
    """R1§8: before the meeting's day the forms ask for the emergency reason (the typed one kept)."""
    return {
        "before_the_day": before_the_day(meeting),
        "emergency_reason": request.POST.get("emergency_reason", "") if request.method == "POST" else "",
    }
