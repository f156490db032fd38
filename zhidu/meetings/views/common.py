"""Shared pieces of the meeting views: loading a meeting of the user's township, the live
evaluation for the findings panel, and the conflict message."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, cast, overload

from django.utils import timezone
from django.utils.translation import gettext as _

from zhidu.core.access import get_scoped
from zhidu.core.chinese import punctuated
from zhidu.meetings.checks import (
    OUTCOME_LABELS,
    PREPARATION_CODES,
    check_basis_and_supervision,
    check_reconsideration,
    check_recorder,
    notice_deadline,
    notice_pending,
)
from zhidu.meetings.exchange import judge
from zhidu.meetings.models import AgendaEntry, Attendance, Meeting
from zhidu.meetings.record import BODIES, CATEGORIES
from zhidu.meetings.rules import rules_for
from zhidu.meetings.services.decisions import decision_of
from zhidu.meetings.verdict import latest_verdict
from zhidu.obligations.kinds import kind_label
from zhidu.rules import INVALID, SEVERITY_LABELS, VIOLATION
from zhidu.workdays.services import get_calendar

if TYPE_CHECKING:
    from django.http import HttpRequest

    from zhidu.meetings.checks import Due, Evaluation
    from zhidu.meetings.exchange import Judged
    from zhidu.meetings.record import RecordError
    from zhidu.rules import Finding


def load_meeting(request, pk: int) -> Meeting:
    return get_scoped(
        Meeting.objects.select_related("chair", "chair_entrusted_by", "recorder", "township"), request, pk=pk
    )


MEMBER_REF = re.compile(r'"?\bp(\d+)\b"?')


def findings_context(meeting: Meeting, latest_notice: Due | None = None) -> dict:
    """The live evaluation of the meeting, by the same checks as `zhidu evaluate`. Before attendance
    is recorded only the preparation checks are shown; while the meeting is open an item not yet
    voted reads "to be voted" rather than "invalid". A closed meeting shows the verdict stored in its
    archive at closing (zhidu.meetings.verdict), the one its minutes and obligations followed."""
    attendance = list(meeting.attendance.select_related("person"))
    preparing = meeting.state != Meeting.State.CLOSED and any(
        a.status == Attendance.Status.UNKNOWN for a in attendance
    )
    verdict = latest_verdict(meeting) if meeting.state == Meeting.State.CLOSED else None
    judged = None if verdict is not None else judge(meeting, assume_present=preparing)
    # `judged` is set whenever there is no stored verdict (the line above).
    evaluation = verdict.evaluation() if verdict is not None else cast("Judged", judged).evaluation
    entries = {
        f"i{e.item_id}": e
        for e in meeting.entries.select_related("item__reconsiders__meeting", "item__reconsiders__item")
    }
    unvoted = {key for key, e in entries.items() if not e.vote_method and not e.deferred}
    return panel_context(
        meeting,
        evaluation,
        judged.error if judged is not None else None,
        names={str(a.person_id): a.person.name for a in attendance},
        keep=(lambda f: f.code in PREPARATION_CODES) if preparing else None,
        entries=entries,
        unvoted=unvoted,
        recorder=recorder_findings(meeting, attendance),
        notice_sent=meeting.notice_sent_at is not None,
        day=timezone.localtime(meeting.held_at).date(),
        latest_notice=latest_notice,
    )


def panel_context(
    meeting: Meeting,
    evaluation: Evaluation | None,
    error: RecordError | None,
    *,
    names: dict[str, str],
    keep: Callable[[Finding], bool] | None,
    entries: dict[str, AgendaEntry],
    unvoted: set[str],
    recorder: list[Finding],
    notice_sent: bool,
    day: datetime.date,
    latest_notice: Due | None = None,
    titles: dict[str, str] | None = None,
    notice_anyway: bool = False,
) -> dict:
    """The 制度检查 panel (meetings/_findings.html) of an evaluation: of the saved rows
    (findings_context) or of a form not yet saved (zhidu.meetings.views.preview), so both read the
    same. `keep` chooses the findings shown (None: all; the preparation checks before attendance),
    `unvoted` the entries without a vote or deferral yet (while open they read "to be voted"),
    `titles` the items' titles when they are not entries yet (a meeting being convened),
    `notice_anyway` shows the notice's deadline though no item needs a notice yet (none chosen)."""
    preparing = keep is not None
    items: list[dict] = []
    findings: list[Finding] = []
    is_open = meeting.state != Meeting.State.CLOSED
    if evaluation is not None:
        shown = keep or (lambda f: True)
        findings = [f for f in evaluation.findings if shown(f)]
        for result in evaluation.items:
            entry = entries.get(result.id)
            pending = is_open and result.id in unvoted
            item_findings = [f for f in result.findings if shown(f) and not (pending and f.code == "no-vote")]
            if entry is not None and not preparing:
                item_findings += beside_the_record(meeting, entry, result.outcome)
            if (
                pending
                and result.outcome == "invalid"
                and not any(f.severity == INVALID for f in item_findings)
            ):
                outcome = _("to be voted")
            else:
                outcome = OUTCOME_LABELS[result.outcome]
            title = entry.item.title if entry else (titles or {}).get(result.id, result.id)
            items.append(
                {
                    "title": title,
                    "result": result,
                    "findings": item_findings,
                    "outcome": None if preparing else outcome,
                }
            )
    # R1§7(2): before the notice is due, a missing notice is a pending deadline, not a finding yet;
    # nor is an item ad hoc (R1§12(3)) yet: the notice, once sent, lists the agenda.
    notice_due = None
    if is_open and (notice_anyway or any(f.code == "notice-late" for f in findings)):
        # The notice's last on-time day the page computed already (latest_notice_day), else here.
        if latest_notice is None:
            latest_notice = notice_deadline(day, rules_for(meeting.township, day), get_calendar())
        notice_due = notice_pending(notice_sent, timezone.localdate(), latest_notice)
        if notice_due is not None:
            findings = [f for f in findings if f.code != "notice-late"]
            for judged in items:
                judged["findings"] = [f for f in judged["findings"] if f.code != "ad-hoc"]
    # R1§9, R2, R3: the recorder is judged beside the record (the exchange format does not carry it).
    findings = recorder + findings
    message = None
    if error is not None:
        message = MEMBER_REF.sub(lambda m: names.get(m.group(1), m.group(0)), error.message)
    return {
        "evaluation": evaluation,
        "preparing": preparing,
        "meeting_findings": findings,
        "record_error": message,
        "notice_pending": notice_due,
        "judged_items": items,
        "obligation_labels": [kind_label(o.code) for o in evaluation.obligations] if evaluation else [],
        "severity_labels": SEVERITY_LABELS,
    }


def beside_the_record(meeting: Meeting, entry: AgendaEntry, outcome: str) -> list[Finding]:
    """The item checks the exchange format does not carry: what the minutes record of its basis and
    supervision (R1§9) and the decision a 复议 item names (R1§12(4))."""
    item = entry.item
    changed = item.reconsiders
    found = check_basis_and_supervision(item.title, item.important, outcome, entry.basis, entry.supervision)
    if changed is not None:
        found += check_reconsideration(item.title, meeting.body, meeting.township_id, decision_of(changed))
    return found


def closing_preview(meeting: Meeting) -> list[str]:
    """What closing will archive as invalid or violated, item by item (R1§14(1): an invalid decision
    must be re-deliberated), judged exactly as close_meeting will judge it: each line names the item,
    the verdict and the findings with their articles."""
    judged = judge(meeting)
    if judged.evaluation is None:
        return []
    lines = [
        _("Meeting: %(message)s (%(article)s)") % {"message": f.message, "article": f.article}
        for f in judged.evaluation.findings
        if f.severity in (INVALID, VIOLATION)
    ]
    titles = {f"i{e.item_id}": e.item.title for e in meeting.entries.select_related("item")}
    for result in judged.evaluation.items:
        serious = [f for f in result.findings if f.severity in (INVALID, VIOLATION)]
        reasons = punctuated("；").join(
            f"{f.message}{punctuated('（')}{f.article}{punctuated('）')}" for f in serious
        )
        title = titles.get(result.id, result.id)
        if result.outcome == "invalid":
            if not serious:  # the meeting's quorum failed: every item is void with it
                reasons = _("the meeting has no quorum")
            lines.append(
                _("“%(title)s” will be archived as invalid: %(reasons)s")
                % {"title": title, "reasons": reasons}
            )
        elif serious:
            lines.append(
                _("“%(title)s” will be archived with a violation: %(reasons)s")
                % {"title": title, "reasons": reasons}
            )
    return lines


def before_the_day(meeting: Meeting) -> bool:
    """R1§8: today is before the meeting's day (recording and closing then need an emergency reason)."""
    return timezone.localdate() < timezone.localtime(meeting.held_at).date()


def recorder_findings(meeting: Meeting, attendance: list[Attendance] | None = None) -> list:
    """check_recorder on the meeting's rows: the recorder's name and their role at the meeting."""
    if attendance is None:
        attendance = list(meeting.attendance.all())
    roles = tuple(a.role for a in attendance if a.person_id == meeting.recorder_id)
    recorder = meeting.recorder.name if meeting.recorder_id and meeting.recorder else None
    return check_recorder(meeting.body, recorder, roles)


@overload
def posted_number(request: HttpRequest, name: str, default: int = -1) -> int: ...
@overload
def posted_number(request: HttpRequest, name: str, default: None) -> int | None: ...
def posted_number(request: HttpRequest, name: str, default: int | None = -1) -> int | None:
    """A whole number the page posts back (the meeting's version, a person's id). Anything else, say
    "abc", "1.5" or "²" (a digit to str.isdigit, not to int), reads as `default`: for the version a
    stale page (409), never a 500. Found by the form fuzzer (tests/fuzz/test_forms.py)."""
    value = request.POST.get(name, "")
    try:
        return int(value)
    except ValueError:
        return default


def conflict_message() -> str:
    return _(
        "Someone else changed this meeting meanwhile. Your entries are kept below: check them and save again."
    )


def body_label(body: str) -> str:
    return BODIES.get(body, body)


def category_label(category: str) -> str:
    return CATEGORIES.get(category, category)
