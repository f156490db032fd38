"""After the meeting: the minutes (on screen and as a Word document), the chair's sign-off,
corrections as new archive versions (R1§9–10), and the zhidu.meeting/1 export."""

from __future__ import annotations

import json
from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhidu.core.access import requires
from zhidu.core.chinese import punctuated
from zhidu.core.forms import error_text
from zhidu.core.pdf import document_response
from zhidu.core.permissions import allowed
from zhidu.meetings import services
from zhidu.meetings.checks import check_basis_and_supervision
from zhidu.meetings.documents import minutes_docx, minutes_number, observer_names
from zhidu.meetings.exchange import meeting_record
from zhidu.meetings.forms import MinutesSentForm
from zhidu.meetings.models import Attendance, Meeting
from zhidu.meetings.record import BODIES
from zhidu.meetings.services.closing import CORRECTABLE
from zhidu.meetings.verdict import latest_verdict
from zhidu.meetings.views.common import (
    conflict_message,
    findings_context,
    load_meeting,
    posted_number,
    recorder_findings,
)


def _closed(request, pk: int) -> Meeting | None:
    meeting = load_meeting(request, pk)
    if meeting.state != Meeting.State.CLOSED:
        messages.info(request, _("Minutes are drafted when the meeting is closed."))
        return None
    return meeting


def _supervised(entries) -> dict:
    """entry id -> the supervision item registered from it (one query)."""
    from zhidu.supervision.models import SupervisionItem

    rows = SupervisionItem.objects.filter(source_entry__in=[e.pk for e in entries]).order_by("id")
    found: dict = {}
    for row in rows:
        found.setdefault(row.source_entry_id, row)
    return found


def _settled(entry, verdict) -> bool:
    """What the supervision area accepts (zhidu.supervision.services.passed_decision), judged on
    the verdict already loaded."""
    from zhidu.supervision.services import SETTLED_AT_SECRETARY_OFFICE

    if verdict is None or entry.withdrawn_at is not None:
        return False
    outcome = verdict.outcome(f"i{entry.item_id}")
    if entry.meeting.body == "secretary_office":
        return outcome in SETTLED_AT_SECRETARY_OFFICE and not entry.deferred and not entry.referred
    return entry.meeting.body == "team" and outcome == "passed"


@requires("meetings.view")
def minutes_view(request, pk: int):
    meeting = _closed(request, pk)
    if meeting is None:
        return redirect("meetings:meeting-detail", pk)
    entries = list(
        meeting.entries.filter(withdrawn_at=None)
        .select_related("item__owner", "item__reconsiders__meeting__minutes", "item__reconsiders__item")
        .prefetch_related(
            "conflicts__person",
            "reserved_opinions__person",
            "changed_by__by__meeting__minutes",
            "changed_by__by__item",
        )
    )
    # The votes the stored verdict counted (a recused member's named ballot left out, R1§7(4)),
    # never the raw totals of the rows: the minutes print what the outcome was decided on.
    verdict = latest_verdict(meeting)
    # R4/R7, R2§14: a decision of the closed meeting goes under supervision in one click.
    can_register = allowed(request.user, "supervision.register")
    supervised = _supervised(entries) if entries else {}
    for entry in entries:
        # Attributes for the template only, not fields of AgendaEntry.
        shown = cast(Any, entry)
        shown.supervised = supervised.get(entry.pk)
        shown.supervisable = can_register and shown.supervised is None and _settled(entry, verdict)
        shown.recused_names = "、".join(c.person.name for c in entry.conflicts.all() if c.recused)
        shown.counted = verdict.counted(f"i{entry.item_id}") if verdict is not None else None
        outcome = (verdict.outcome(f"i{entry.item_id}") if verdict is not None else None) or ""
        shown.basis_findings = check_basis_and_supervision(
            entry.item.title, entry.item.important, outcome, entry.basis, entry.supervision
        )
    attendance = list(meeting.attendance.select_related("person").order_by("id"))
    present = [a for a in attendance if a.status == Attendance.Status.PRESENT]
    chinese = (get_language() or "zh-hans").startswith("zh")
    return render(
        request,
        "meetings/minutes.html",
        {
            "meeting": meeting,
            # The masthead of the minutes document (documents.py) as written, in Chinese; in English
            # its translation, the body named as the vocabulary names it.
            "masthead": f"中共{meeting.township.name}委员会"
            if chinese
            else _("CPC %(township)s Committee") % {"township": meeting.township.name},
            "doc_subtitle": f"{BODIES[meeting.body]}纪要"
            if chinese
            else _("Minutes of the %(body)s") % {"body": meeting.get_body_display()},
            "observer_names": observer_names(meeting),
            "present_names": punctuated("、").join(a.person.name for a in present),
            "absent_names": punctuated("、").join(
                f"{a.person.name}{punctuated('（')}{a.reason or '—'}{punctuated('）')}"
                for a in attendance
                if a not in present
            ),
            "minutes": meeting.minutes,
            "entries": entries,
            "attendance": attendance,
            "number": minutes_number(meeting),
            "recorder_findings": recorder_findings(meeting, attendance),
            "versions": list(meeting.archive.order_by("version")),
            "can_sign": request.person is not None
            and request.person.pk == meeting.chair_id
            and meeting.minutes.signed_at is None,
            "can_correct": allowed(request.user, "meetings.manage"),
            # R1§9: important minutes go to the city-level leader in charge; recorded when and how.
            "to_send": allowed(request.user, "meetings.manage") and services.must_send_minutes(meeting),
            "sent_form": MinutesSentForm(),
            **findings_context(meeting),
        },
    )


@requires("meetings.view")
def minutes_document(request, pk: int, pdf: bool = False):
    meeting = _closed(request, pk)
    if meeting is None:
        return redirect("meetings:meeting-detail", pk)
    name = f"minutes-{meeting.minutes.year}-{meeting.minutes.number}.docx"
    return document_response(minutes_docx(meeting), name, pdf=pdf)


@require_POST
@requires("meetings.view")
def minutes_sign(request, pk: int):
    meeting = _closed(request, pk)
    if meeting is None:
        return redirect("meetings:meeting-detail", pk)
    if request.person is None or request.person.pk != meeting.chair_id:
        raise PermissionDenied("only the chair signs the minutes")
    if services.sign_minutes(meeting.minutes, by=request.person, user=request.user):
        messages.success(request, _("Minutes signed off."))
    else:
        messages.info(request, _("The minutes were already signed off."))
    return redirect("meetings:minutes", pk)


@require_POST
@requires("meetings.manage")
def minutes_sent(request, pk: int):
    """R1§9: record when and how the important minutes were sent to the city-level leader."""
    meeting = _closed(request, pk)
    if meeting is None:
        return redirect("meetings:meeting-detail", pk)
    form = MinutesSentForm(request.POST)
    if not form.is_valid():
        messages.error(request, error_text(form.errors))
        return redirect("meetings:minutes", pk)
    try:
        changed = services.record_minutes_sent(
            meeting.minutes, sent_at=form.sent_at(), how=form.cleaned_data["how"], user=request.user
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        if changed:
            messages.success(request, _("Sending of the minutes to the city-level leader recorded."))
        else:
            messages.info(request, _("The sending of these minutes was already recorded."))
    return redirect("meetings:minutes", pk)


@requires("meetings.manage")
def meeting_correct(request, pk: int):
    meeting = _closed(request, pk)
    if meeting is None:
        return redirect("meetings:meeting-detail", pk)
    entries = list(meeting.entries.select_related("item"))
    errors = []
    if request.method == "POST":
        texts = {
            e.pk: {name: request.POST.get(f"{name}_{e.pk}", getattr(e, name)).strip() for name in CORRECTABLE}
            for e in entries
        }
        for e in entries:  # keep what was typed if the save is refused
            for name, value in texts[e.pk].items():
                setattr(e, name, value)
        try:
            archived = services.correct_meeting(
                meeting,
                texts=texts,
                reason=request.POST.get("reason", ""),
                version=posted_number(request, "version"),
                user=request.user,
            )
        except services.Conflicting:
            errors.append(conflict_message())
        except ValidationError as error:
            errors.extend(m for ms in error.message_dict.values() for m in ms)
        else:
            messages.success(
                request, _("Correction archived as version %s; earlier versions are kept.") % archived.version
            )
            return redirect("meetings:minutes", pk)
    return render(
        request,
        "meetings/correct.html",
        {
            "meeting": meeting,
            "entries": entries,
            "errors": errors,
            "reason": request.POST.get("reason", ""),
        },
        status=400 if errors else 200,
    )


@requires("meetings.view")
def meeting_export(request, pk: int):
    meeting = load_meeting(request, pk)
    version = meeting.archive.order_by("-version").first()
    record = version.record if version is not None else meeting_record(meeting)
    response = HttpResponse(
        json.dumps(record, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.json"'
    return response
