"""A closed meeting's record pages: its values read-only under an "archived" banner, with no form
control at all (issue 11). Not an inert form: Chromium 80, still in township offices, ignores the
`inert` attribute and would let the clerk type into a record that can no longer change (issue 16).
The archive is corrected only through the minutes' "更正" (R1§10)."""

from __future__ import annotations

from django.shortcuts import render
from django.utils.translation import gettext as _

from zhidu.meetings.models import AgendaEntry, Attendance, Meeting
from zhidu.meetings.views.common import findings_context


def _closed_at(meeting: Meeting):
    first = meeting.archive.order_by("version").first()
    return first.created_at if first is not None else None


def _context(request, meeting: Meeting) -> dict:
    refused = request.method == "POST"
    return {
        "meeting": meeting,
        "closed_at": _closed_at(meeting),
        # A page opened before another clerk closed the meeting, sent afterwards.
        "errors": [_("This meeting is closed and archived: its record can no longer be changed (R1§10).")]
        if refused
        else [],
        **findings_context(meeting),
    }


def attendance_page(request, meeting: Meeting):
    attendance = list(meeting.attendance.select_related("person").order_by("id"))
    context = _context(request, meeting) | {
        "attendance": attendance,
        "present_count": sum(1 for a in attendance if a.status == Attendance.Status.PRESENT),
        "entries": list(meeting.entries.select_related("item")),
    }
    return render(request, "meetings/record_archived.html", context, status=409 if context["errors"] else 200)


def entry_page(request, meeting: Meeting, entry: AgendaEntry):
    attendance = list(meeting.attendance.select_related("person").order_by("id"))
    names = {a.person_id: a.person.name for a in attendance}
    recused = {c.person_id for c in entry.conflicts.all() if c.recused}
    ballots = {b.person_id: b.get_choice_display() for b in entry.named_ballots.all()}
    order = {person_id: rank for rank, person_id in enumerate(entry.speakers, start=1)}
    present = [a.person for a in attendance if a.status == Attendance.Status.PRESENT]
    context = _context(request, meeting) | {
        "entry": entry,
        "rows": [
            {
                "person": p,
                "chair": p.pk == meeting.chair_id,
                "speaks": order.get(p.pk),
                "recused": p.pk in recused,
                "ballot": ballots.get(p.pk, ""),
            }
            for p in present
        ],
        "speakers": [names.get(pk, "") for pk in entry.speakers],
        "named": bool(ballots),
        "opinions": [
            {"person": names.get(o.person_id, ""), "position": o.get_position_display(), "text": o.text}
            for o in entry.written_opinions.all()
        ],
    }
    return render(
        request, "meetings/record_entry_archived.html", context, status=409 if context["errors"] else 200
    )
