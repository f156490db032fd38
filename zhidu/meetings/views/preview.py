"""The live 制度检查 panel of a form not saved yet (issue 11, "warn before, not after"): each meeting
form posts what it holds here as the clerk types (htmx, debounced), and gets back the panel
(meetings/_findings.html) the saved record would show, judged by the same checks.

One endpoint per form kind — attendance, an item's record, convening and changing a meeting — each
with the action of the form's own view (meetings.manage), township-scoped like it. Read-only: the
record the saved rows give (exchange.meeting_record) is merged with the posted values
(zhidu.meetings.preview) and judged; nothing is written, nor audited. A value the form would refuse
is left out and named under the panel, never a server error."""

from __future__ import annotations

import datetime
from functools import wraps

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhidu.core.access import get_scoped, requires
from zhidu.meetings import services
from zhidu.meetings.checks import CONVENING_CODES, check_recorder
from zhidu.meetings.exchange import judge_record, meeting_record, member_id
from zhidu.meetings.forms import EntryForm, MeetingForm
from zhidu.meetings.models import AgendaEntry, Attendance, Body, Meeting
from zhidu.meetings.preview import convened, planned_item, typed_vote, with_attendance, with_entry
from zhidu.meetings.views.common import findings_context, load_meeting, panel_context, recorder_findings
from zhidu.meetings.views.corrections import MeetingEditForm

STATUS = Attendance.Status
TEMPLATE = "meetings/_findings.html"


def panel_endpoint(view):
    """POST only, with the form's own action (meetings.manage). The panel's request after the session
    expired answers 401, which htmx does not swap: the panel keeps its last judgement instead of
    showing the log-in page inside it (the draft script tells the clerk to log in again)."""
    guarded = require_POST(requires("meetings.manage")(view))

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.htmx and not request.user.is_authenticated:
            return HttpResponse(status=401)
        return guarded(request, *args, **kwargs)

    wrapper.zhidu_action = guarded.zhidu_action
    return wrapper


def _saved_panel(request, meeting: Meeting):
    """A closed or cancelled meeting has no form to judge: its saved panel."""
    return render(request, TEMPLATE, findings_context(meeting))


def _entries(meeting: Meeting) -> dict[str, AgendaEntry]:
    return {
        f"i{e.item_id}": e
        for e in meeting.entries.filter(withdrawn_at=None).select_related(
            "item__reconsiders__meeting", "item__reconsiders__item"
        )
    }


def _unvoted(entries: dict[str, AgendaEntry]) -> set[str]:
    return {key for key, e in entries.items() if not e.vote_method and not e.deferred}


def _errors(form) -> list[str]:
    """What the form would refuse, by its field's label: left out of the preview, and said so."""
    # A field not filled in yet is not a mistake while the clerk is typing; a value the form would
    # refuse is. The form's messages name their field already (zhidu.core.forms).
    return [
        message
        for problems in form.errors.as_data().values()
        for problem in problems
        if problem.code != "required"
        for message in problem.messages
    ]


def _render(request, meeting: Meeting, record: dict, *, ignored, unticked=(), names, **panel):
    judged = judge_record(record, meeting.township)
    day = datetime.date.fromisoformat(record["held_at"][:10])
    context = panel_context(meeting, judged.evaluation, judged.error, names=names, day=day, **panel)
    context.update(
        preview=True,
        ignored=ignored,
        unticked=[names.get(m[1:], m) for m in unticked],
    )
    return render(request, TEMPLATE, context)


@panel_endpoint
def attendance_preview(request, pk: int):
    """The attendance form (record_attendance) as ticked: R1§6 quorum and personnel quorum, the
    leaders in charge present, R1§12(5) reasons for absence, and what the items' records say of it."""
    meeting = load_meeting(request, pk)
    if meeting.state in (Meeting.State.CLOSED, Meeting.State.CANCELLED):
        return _saved_panel(request, meeting)
    attendance = list(meeting.attendance.select_related("person").order_by("id"))
    names = {str(a.person_id): a.person.name for a in attendance}
    ignored, statuses = [], {}
    for a in attendance:
        status = request.POST.get(f"status_{a.person_id}", a.status)
        if status not in STATUS.values:
            ignored.append(_("Attendance of %(name)s: not a choice of the form") % {"name": a.person.name})
            status = a.status
        reason = request.POST.get(f"reason_{a.person_id}", a.reason).strip()
        statuses[member_id(a.person_id)] = (status, reason)
    chair = None
    posted_chair = request.POST.get("chair", "")
    if posted_chair:
        if posted_chair.isascii() and posted_chair.isdigit() and posted_chair in names:
            chair = member_id(int(posted_chair))
        else:
            ignored.append(_("Chair: not an expected member of this meeting"))
    record, unticked = with_attendance(meeting_record(meeting), statuses, chair)
    entries = _entries(meeting)
    return _render(
        request,
        meeting,
        record,
        ignored=ignored,
        unticked=unticked,
        names=names,
        keep=None,
        entries=entries,
        unvoted=_unvoted(entries),
        recorder=recorder_findings(meeting, attendance),
        notice_sent=meeting.notice_sent_at is not None,
    )


@panel_endpoint
def entry_preview(request, pk: int, entry_pk: int):
    """An item's record form (record_entry) as typed: R1§7(3) the principal speaking last, R1§7(5)
    no more votes than voters, R1§7(4) a close vote (defer it) and recusals, R1§12(3) an item not in
    the notice, and the rest of the meeting's record as saved."""
    meeting = load_meeting(request, pk)
    entry = get_scoped(
        AgendaEntry.objects.select_related("item").prefetch_related("conflicts"),
        request,
        pk=entry_pk,
        meeting=meeting,
    )
    if meeting.state in (Meeting.State.CLOSED, Meeting.State.CANCELLED):
        return _saved_panel(request, meeting)
    attendance = list(meeting.attendance.select_related("person").order_by("id"))
    names = {str(a.person_id): a.person.name for a in attendance}
    present = [a.person for a in attendance if a.status == STATUS.PRESENT]
    absent = [a.person for a in attendance if a.status != STATUS.PRESENT]
    form = EntryForm(request.POST, present=present, absent=absent)
    form.is_valid()  # what it refuses is left out below, and named under the panel
    data = form.cleaned_data
    ranked = sorted((data[f"speak_{p.pk}"], p.pk) for p in present if data.get(f"speak_{p.pk}"))
    present_ids = {p.pk for p in present}
    # A declared member who is absent took no part: recused, as the saved record lists them.
    recused = {p.pk for p in present if data.get(f"recused_{p.pk}")} | {
        c.person_id for c in entry.conflicts.all() if c.person_id not in present_ids
    }
    method = data.get("vote_method") or ""
    counts = (data.get("votes_for"), data.get("votes_against"), data.get("votes_abstain"))
    ballots = {member_id(p.pk): c for p in present if (c := data.get(f"ballot_{p.pk}"))}
    vote = typed_vote(method, counts, ballots)
    deferred = bool(data.get("deferred") or data.get("referred"))
    opinions = [
        {"member": member_id(p.pk), "position": c} for p in absent if (c := data.get(f"opinion_{p.pk}"))
    ]
    key = f"i{entry.item_id}"
    record = with_entry(
        meeting_record(meeting),
        key,
        speakers=[member_id(pk) for _rank, pk in ranked],
        recused=[member_id(pk) for pk in sorted(recused)],
        vote=vote,
        opinions=opinions,
        deferred=deferred,
    )
    entries = _entries(meeting)
    unvoted = _unvoted(entries) - {key}
    if vote is None and not deferred:
        unvoted.add(key)
    if key in entries:  # the minutes' text as typed (R1§9), on the unsaved row only
        for name in ("basis", "supervision"):
            setattr(entries[key], name, data.get(name) or "")
    return _render(
        request,
        meeting,
        record,
        ignored=_errors(form),
        names=names,
        keep=None,
        entries=entries,
        unvoted=unvoted,
        recorder=recorder_findings(meeting, attendance),
        notice_sent=meeting.notice_sent_at is not None,
    )


def _convening(request, meeting: Meeting, data: dict, held_at, known_absent: dict[int, str], items, notice):
    """The panel of a meeting being convened or changed, from its form's valid values."""
    body = data["body"]
    terms = services.expected_members(request.township, body, timezone.localtime(held_at).date())
    if not terms:
        return None, [_("No expected members of this body on that day: keep the team's terms first.")]
    members = [{"id": member_id(t.person_id), "name": t.person.name, "roles": [t.role]} for t in terms]
    ids = {t.person_id for t in terms}
    ignored = []
    chair = data.get("chair")
    if chair is None or chair.pk not in ids:
        if chair is not None:
            ignored.append(_("Chair: the chair must be an expected member of the meeting"))
        chair_id = terms[0].person_id  # judged as if the principal chairs, until one is chosen
    else:
        chair_id = chair.pk
    leave = services.leave_reasons(request.township, held_at)
    absences = {member_id(pk): reason for pk in ids if (reason := known_absent.get(pk) or leave.get(pk))}
    decision = body == Body.TEAM or bool(data.get("emergency"))
    planned = [
        planned_item(
            f"i{item.pk}",
            item.title,
            item.category,
            member_id(item.owner_id),
            item.state == item.State.APPROVED,
            bool(item.evaluation_report),
            decision,
        )
        for item in items
    ]
    record = convened(
        body=body,
        held_at=timezone.localtime(held_at).isoformat(),
        emergency=bool(data.get("emergency")),
        members=members,
        absences=absences,
        chair=member_id(chair_id),
        items=planned,
        notice=notice,
    )
    return record, ignored


def _convening_panel(request, meeting: Meeting, form, known_absent, items, notice, recorder):
    form.is_valid()  # what it refuses is left out, and named under the panel
    ignored = _errors(form)
    data = form.cleaned_data
    if not all(k in data for k in ("body", "day", "time")):
        context = {"preview": True, "ignored": ignored, "waiting": True}
        return render(request, TEMPLATE, context)
    held_at = timezone.make_aware(datetime.datetime.combine(data["day"], data["time"]))
    record, more = _convening(request, meeting, data, held_at, known_absent, items, notice)
    if record is None:
        return render(request, TEMPLATE, {"preview": True, "ignored": ignored + more, "waiting": True})
    names = {m["id"][1:]: m["name"] for m in record["members"]}
    roles = {m["id"]: m["roles"] for m in record["members"]}
    who = recorder(data)
    meeting.body, meeting.held_at = data["body"], held_at
    return _render(
        request,
        meeting,
        record,
        ignored=ignored + more,
        names=names,
        keep=lambda f: f.code in CONVENING_CODES,
        entries={},
        unvoted=set(),
        recorder=check_recorder(
            data["body"], who.name if who else None, tuple(roles.get(member_id(who.pk), ())) if who else ()
        ),
        notice_sent=notice is not None,
        # R1§7(2): a team meeting convened before its items are chosen has its notice deadline too.
        notice_anyway=data["body"] == Body.TEAM and not items,
        titles={f"i{item.pk}": item.title for item in items},
    )


@panel_endpoint
def create_preview(request):
    """The convene form (meeting_create) as filled: the expected members on that day and who is
    already known away (the quorum of the invited), the notice's last on-time day as a pending
    deadline (R1§7(2)), the chosen items' approval and evaluation reports, the recorder (R1§9)."""
    form = MeetingForm(request.POST, township=request.township)
    form.is_valid()
    items = list(form.cleaned_data.get("items") or [])
    meeting = Meeting(township=request.township)
    return _convening_panel(request, meeting, form, {}, items, None, lambda data: data.get("recorder"))


@panel_endpoint
def edit_preview(request, pk: int):
    """The change form (meeting_edit) as filled: the same checks as convening, on the meeting's
    agenda, its notice and the absences its members already gave."""
    meeting = load_meeting(request, pk)
    if meeting.state in (Meeting.State.CLOSED, Meeting.State.CANCELLED):
        return _saved_panel(request, meeting)
    form = MeetingEditForm(request.POST, township=request.township)
    saved = meeting_record(meeting, assume_present=True)
    known_absent = {
        a.person_id: a.reason for a in meeting.attendance.filter(status=STATUS.ABSENT).exclude(reason="")
    }
    entries = list(meeting.entries.filter(withdrawn_at=None).select_related("item").order_by("position"))
    items = [e.item for e in entries]
    notice = saved["notice"]
    return _convening_panel(
        request, meeting, form, known_absent, items, notice, lambda data: meeting.recorder
    )
