"""The entry points around the year and after the meeting: the postponement asked of the superior
and its approval (R13 三), the rectification measures with their responsible person and due day,
followed like supervision items until reported done (R13 六), the written report to the superior
organization and discipline inspection (R13 七), the feedback to members and the public (R13 八)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from zhidu.core import audit
from zhidu.core.permissions import actor_of, require, require_person
from zhidu.life_meetings import checks, periodic
from zhidu.life_meetings.models import LifeMeeting, Measure, Postponement
from zhidu.life_meetings.services import SH_NOON, clean_text, refuse
from zhidu.obligations.deadlines import DeadlineRule
from zhidu.obligations.services import complete_by_key, open_obligation, reschedule_by_key
from zhidu.org.models import Person, Township

if TYPE_CHECKING:
    from django.http import HttpRequest

    from zhidu.core.permissions import Actor

MEASURE_FIELD = {"no-text": "text", "no-owner": "owner", "no-due": "due_on", "due-past": "due_on"}


def year_state(township: Township, year: int, today: datetime.date | None = None) -> checks.YearState:
    held = (
        LifeMeeting.objects.filter(township=township, year=year, held_on__isnull=False)
        .order_by("held_on")
        .values_list("held_on", flat=True)
        .first()
    )
    rows = Postponement.objects.filter(township=township, year=year)
    return checks.YearState(
        year=year,
        held_on=held,
        postponements=tuple(
            checks.Postponement(p.requested_at.date(), p.hold_by, p.approved_on is not None) for p in rows
        ),
        today=today or timezone.localdate(),
    )


def request_postponement(
    *,
    by: Person,
    year: int | None,
    reason: str,
    hold_by: datetime.date | None,
    user: Actor | None = None,
    request: HttpRequest | None = None,
) -> Postponement:
    """The principal asks the superior party organization to postpone the year's meeting. Nothing
    moves until the approval is recorded: without it the year stays due at its end (R13 三)."""
    user = actor_of(user, by)
    require(user, "life_meetings.convene", by)
    require_person(user, by, "life_meetings.convene")
    if year is None or not 2000 <= year <= 2100:
        refuse("year", "年度：请填写四位数的年度")
    if hold_by is None:
        refuse("hold_by", "延期至：请填写日期")
    reason = clean_text("reason", "延期理由", reason, required=True, limit=2000)
    draft = checks.PostponementDraft(year, hold_by, reason, timezone.localdate())
    for finding in checks.check_postponement(draft):
        if finding.severity != "advice":
            refuse("reason" if finding.code == "no-reason" else "hold_by", finding.message)
    with transaction.atomic():
        row = Postponement.objects.create(
            township=by.township, year=year, reason=reason, hold_by=hold_by, requested_by=by
        )
        audit.record(user, "life_meetings.postpone", row, summary=str(row), request=request)
    return row


def approve_postponement(
    row: Postponement,
    *,
    by: Person,
    approved_on: datetime.date | None,
    approved_by: str,
    reference: str = "",
    user: Actor | None = None,
    request: HttpRequest | None = None,
) -> Postponement:
    """The organization office records the superior's approval; the year's duty then falls due on
    the approved day (its original due time stays in the audit trail)."""
    user = actor_of(user, by)
    require(user, "life_meetings.approve", row)
    require_person(user, by, "life_meetings.approve")
    if row.approved_on is not None:
        refuse("approved_on", "同意日期：该延期申请已记录同意")
    if approved_on is None:
        refuse("approved_on", "同意日期：请填写上级党组织同意的日期")
    if approved_on > timezone.localdate():
        refuse("approved_on", "同意日期：不能晚于今天")
    approved_by = clean_text("approved_by", "同意单位", approved_by, required=True, limit=100)
    reference = clean_text("approval_reference", "批复文号", reference, limit=100)
    with transaction.atomic():
        row.approved_on, row.approved_by, row.approval_reference = approved_on, approved_by, reference
        row.recorded_by = by
        row.save(update_fields=["approved_on", "approved_by", "approval_reference", "recorded_by"])
        reschedule_by_key(
            row.township,
            periodic.meeting_key(row.year),
            DeadlineRule("last_workday_by", row.hold_by),
            by=user,
        )
        audit.record(user, "life_meetings.approve", row, summary=f"{row}：上级同意", request=request)
    return row


def _convener(user: Actor | None, meeting: LifeMeeting, by: Person) -> Actor | None:
    user = actor_of(user, by)
    require(user, "life_meetings.convene", meeting)
    require_person(user, by, "life_meetings.convene")
    if meeting.held_on is None:
        refuse("held_on", "会议尚未召开：请先记录会议召开情况")
    return user


def add_measure(
    meeting: LifeMeeting,
    *,
    by: Person,
    text: str,
    owner: Person | None,
    due_on: datetime.date | None,
    user: Actor | None = None,
    request: HttpRequest | None = None,
) -> Measure:
    """A rectification measure: an obligation of its responsible person until reported done."""
    user = _convener(user, meeting, by)
    if owner is not None and (owner.township_id != meeting.township_id or not owner.active):
        refuse("owner", "责任人：须为本镇在职干部")
    text = clean_text("text", "整改措施", text, limit=2000)
    draft = checks.MeasureDraft(
        text, owner.pk if owner else None, due_on, meeting.held_on, timezone.localdate()
    )
    for finding in checks.check_measure(draft):
        if finding.severity != "advice":
            refuse(MEASURE_FIELD[finding.code], finding.message)
    assert owner is not None and due_on is not None
    with transaction.atomic():
        measure = Measure.objects.create(
            township=meeting.township, meeting=meeting, text=text, owner=owner, due_on=due_on
        )
        open_obligation(
            township=meeting.township,
            kind=periodic.MEASURE_KIND,
            article="R13§6",
            title=f"民主生活会整改措施：{text[:60]}",
            key=periodic.measure_key(measure.pk),
            rule=DeadlineRule("fixed", due_on),
            assignee=owner,
            source=measure,
            actor=user,
        )
        audit.record(
            user,
            "life_meetings.measure",
            measure,
            summary=f"{measure}（责任人{owner.name}）",
            request=request,
        )
    return measure


def confirm_measures(
    meeting: LifeMeeting, *, by: Person, user: Actor | None = None, request: HttpRequest | None = None
) -> LifeMeeting:
    """The measures are set (R13 六 "制订好整改措施"): fulfils the one-month duty."""
    user = _convener(user, meeting, by)
    if meeting.measures_set_on is not None:
        refuse("measures", "整改措施：已确认制订完毕")
    if not meeting.measures.exists():
        refuse("measures", "整改措施：请先添加至少一项整改措施")
    with transaction.atomic():
        meeting.measures_set_on = timezone.localdate()
        meeting.save(update_fields=["measures_set_on"])
        complete_by_key(meeting.township, periodic.measures_key(meeting.pk), by=user, request=request)
        audit.record(
            user,
            "life_meetings.measures_set",
            meeting,
            summary=f"{meeting}：整改措施制订完毕",
            request=request,
        )
    return meeting


def report_done(
    measure: Measure, *, report: str, user: Actor | None = None, request: HttpRequest | None = None
) -> Measure:
    """The responsible person reports the measure carried out; its obligation is fulfilled."""
    user = actor_of(user, measure.owner)
    require(user, "life_meetings.measure_done", measure)
    require_person(user, measure.owner, "life_meetings.measure_done")
    if measure.done_at is not None:
        refuse("done_report", "落实情况：已报告完成")
    measure.done_report = clean_text("done_report", "落实情况", report, required=True, limit=5000)
    measure.done_at = timezone.now()
    with transaction.atomic():
        measure.save(update_fields=["done_report", "done_at"])
        complete_by_key(measure.township, periodic.measure_key(measure.pk), by=user, request=request)
        audit.record(user, "life_meetings.measure_done", measure, summary=f"{measure}完成", request=request)
    return measure


def record_report(
    meeting: LifeMeeting,
    *,
    by: Person,
    sent_on: datetime.date | None,
    sent_to: str,
    text: str,
    user: Actor | None = None,
    request: HttpRequest | None = None,
) -> LifeMeeting:
    """R13 七: the written report to the superior organization and discipline inspection."""
    user = _convener(user, meeting, by)
    if sent_on is None:
        refuse("sent_on", "报送日期：请填写日期")
    assert meeting.held_on is not None
    if sent_on > timezone.localdate() or sent_on < meeting.held_on:
        refuse("sent_on", "报送日期：应在会议召开之后、不晚于今天")
    sent_to = clean_text("sent_to", "报送单位", sent_to, required=True, limit=200)
    text = clean_text("report_text", "书面报告", text, required=True)
    at = min(
        timezone.now(), datetime.datetime.combine(sent_on, SH_NOON, tzinfo=timezone.get_current_timezone())
    )
    with transaction.atomic():
        meeting.report_sent_on, meeting.report_to, meeting.report_text = sent_on, sent_to, text
        meeting.save(update_fields=["report_sent_on", "report_to", "report_text"])
        complete_by_key(meeting.township, periodic.report_key(meeting.pk), by=user, at=at, request=request)
        audit.record(
            user, "life_meetings.report", meeting, summary=f"{meeting}：书面报告报送", request=request
        )
    return meeting


def record_feedback(
    meeting: LifeMeeting,
    *,
    by: Person,
    text: str,
    user: Actor | None = None,
    request: HttpRequest | None = None,
) -> LifeMeeting:
    """R13 八: the feedback to members and the public, recorded as ready to publish (the public
    portal will publish it when it exists)."""
    user = _convener(user, meeting, by)
    meeting.feedback = clean_text("feedback", "反馈内容", text, required=True)
    meeting.feedback_ready_at = timezone.now()
    with transaction.atomic():
        meeting.save(update_fields=["feedback", "feedback_ready_at"])
        audit.record(
            user, "life_meetings.feedback", meeting, summary=f"{meeting}：反馈待公开", request=request
        )
    return meeting
