"""The entry points of the democratic life meeting before and at it (R13 二–五): create the year's
meeting, gather opinions, a participant's speech and leave, record the meeting held. Each checks the
permission (MATRIX and the township; a participant writes only their own speech), refuses bad input
naming the field, writes the rows, the audit entry and the obligations in one transaction. The
duties after the meeting are in aftercare.py; the R1§13 report in compliance.py."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, NoReturn, cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from zhidu.core import audit
from zhidu.core.permissions import actor_of, allowed, require, require_person
from zhidu.life_meetings import checks, periodic
from zhidu.life_meetings.models import LifeMeeting, Opinion, Speech
from zhidu.obligations.deadlines import DeadlineRule
from zhidu.obligations.services import complete_by_key, open_obligation
from zhidu.org.models import Person, team_on
from zhidu.rules import parameters_for
from zhidu.workdays.services import get_calendar

if TYPE_CHECKING:
    from django.http import HttpRequest

    from zhidu.core.permissions import Actor

MAX_TEXT = 20000
SH_NOON = datetime.time(12, 0)
FIELD_OF = {"no-theme": "theme", "planned-other-year": "planned_on"}


def refuse(field: str, message: str) -> NoReturn:
    raise ValidationError({field: message})


def person_of(user: Actor | None) -> Person | None:
    return getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None


def reads_all(user: Actor | None, township_id: int) -> bool:
    """The principal, the organization office and discipline inspection read every speech."""
    person = person_of(user)
    if user is None or person is None or person.township_id != township_id:
        return False
    return allowed(user, "life_meetings.read_all")


def may_read_speech(user: Actor | None, speech: Speech) -> bool:
    person = person_of(user)
    if person is not None and person.pk == speech.person_id and person.township_id == speech.township_id:
        return True
    return reads_all(user, speech.township_id)


def clean_text(field: str, label: str, value: str, *, required: bool = False, limit: int = MAX_TEXT) -> str:
    value = (value or "").strip()
    if required and not value:
        refuse(field, f"{label}：请填写")
    if len(value) > limit:
        refuse(field, f"{label}：不能超过{limit}字")
    return value


def year_of(value: object, default: int) -> int:
    text = str(value or "")
    return int(text) if text.isdigit() and 2000 <= int(text) <= 2100 else default


def create_meeting(
    *,
    by: Person,
    year: int | None,
    theme: str,
    planned_on: datetime.date | None,
    user: Actor | None = None,
    request: HttpRequest | None = None,
) -> LifeMeeting:
    """The principal convenes the year's meeting: its theme and day; every team member standing that
    day becomes a participant with an empty speech to draft (R13 五)."""
    user = actor_of(user, by)
    require(user, "life_meetings.convene", by)
    require_person(user, by, "life_meetings.convene")
    if year is None or not 2000 <= year <= 2100:
        refuse("year", "年度：请填写四位数的年度")
    theme = clean_text("theme", "会议主题", theme, required=True, limit=200)
    today = timezone.localdate()
    for finding in checks.check_meeting(checks.MeetingDraft(year, theme, planned_on, today)):
        if finding.severity != "advice":
            refuse(FIELD_OF[finding.code], finding.message)
    day = planned_on or today
    with transaction.atomic():
        meeting = LifeMeeting.objects.create(
            township=by.township, year=year, theme=theme, planned_on=planned_on, convener=by
        )
        people = {t.person_id: t.person for t in team_on(by.township, day)}
        people.setdefault(by.pk, by)
        Speech.objects.bulk_create(
            [Speech(township=by.township, meeting=meeting, person=p) for p in people.values()]
        )
        audit.record(user, "life_meetings.create", meeting, summary=str(meeting), request=request)
    return meeting


def add_opinion(
    meeting: LifeMeeting,
    *,
    by: Person,
    source: str,
    text: str,
    user: Actor | None = None,
    request: HttpRequest | None = None,
) -> Opinion:
    """R13 五 "通过各种渠道收集入党积极分子和群众对党员的意见": entered by the office for now (the
    public-opinion intake of R16 does not exist yet)."""
    user = actor_of(user, by)
    require(user, "life_meetings.prepare", meeting)
    require_person(user, by, "life_meetings.prepare")
    if source not in Opinion.Source.values:
        refuse("source", "意见来源：请选择入党积极分子、群众或党员")
    text = clean_text("text", "意见内容", text, required=True, limit=5000)
    with transaction.atomic():
        opinion = Opinion.objects.create(
            township=meeting.township, meeting=meeting, source=source, text=text, entered_by=by
        )
        audit.record(user, "life_meetings.opinion", meeting, summary=f"{meeting}：收集意见", request=request)
    return opinion


def save_speech(
    speech: Speech,
    *,
    text: str,
    submit: bool = False,
    user: Actor | None = None,
    request: HttpRequest | None = None,
) -> Speech:
    """The participant drafts their own speech (对照检查材料) and submits it; a submitted speech is
    kept read-only (R13 五 "认真做好发言准备")."""
    user = actor_of(user, speech.person)
    require(user, "life_meetings.speak", speech)
    require_person(user, speech.person, "life_meetings.speak")
    if speech.state == Speech.State.SUBMITTED:
        refuse("text", "发言材料：已提交，不能再修改")
    text = clean_text("text", "发言材料", text, required=submit)
    speech.text = text
    fields = ["text", "updated_at"]
    if submit:
        speech.state, speech.submitted_at = Speech.State.SUBMITTED, timezone.now()
        fields += ["state", "submitted_at"]
    with transaction.atomic():
        speech.save(update_fields=fields)
        action = "life_meetings.speech_submit" if submit else "life_meetings.speech_draft"
        audit.record(
            user, action, speech, summary=f"{speech.meeting}：{speech.person.name}的发言材料", request=request
        )
    return speech


def ask_leave(
    speech: Speech, *, reason: str, user: Actor | None = None, request: HttpRequest | None = None
) -> Speech:
    """R13 五 "因故不能参加民主生活会的人员要提前请假": only before the meeting is held."""
    user = actor_of(user, speech.person)
    require(user, "life_meetings.speak", speech)
    require_person(user, speech.person, "life_meetings.speak")
    if speech.meeting.state != LifeMeeting.State.PREPARING:
        refuse("leave_reason", "请假理由：会议已召开，须提前请假")
    speech.leave_reason = clean_text("leave_reason", "请假理由", reason, required=True, limit=200)
    speech.leave_asked_at = timezone.now()
    with transaction.atomic():
        speech.save(update_fields=["leave_reason", "leave_asked_at", "updated_at"])
        audit.record(
            user, "life_meetings.leave", speech, summary=f"{speech.person.name}请假", request=request
        )
    return speech


def hold_meeting(
    meeting: LifeMeeting,
    *,
    by: Person,
    held_on: datetime.date | None,
    summary: str,
    records: dict[int, tuple[str, str]],
    user: Actor | None = None,
    request: HttpRequest | None = None,
) -> LifeMeeting:
    """The principal records the meeting held: per participant the self-criticism and the criticism
    received (R13 一.3). The year's duty is fulfilled; the one-month rectification duty (R13 六) and
    the written report (R13 七) open from the day held."""
    user = actor_of(user, by)
    require(user, "life_meetings.convene", meeting)
    require_person(user, by, "life_meetings.convene")
    if meeting.state != LifeMeeting.State.PREPARING:
        refuse("held_on", "召开日期：本次会议已记录召开")
    if held_on is None:
        refuse("held_on", "召开日期：请填写日期")
    if held_on > timezone.localdate():
        refuse("held_on", "召开日期：不能晚于今天")
    summary = clean_text("summary", "会议情况", summary)
    speeches = {s.pk: s for s in meeting.speeches.select_related("person")}
    for pk, (own, others) in records.items():
        if pk not in speeches:
            refuse("records", "批评与自我批评：参会人员不属于本次会议")
        clean_text(f"self_{pk}", "自我批评", own)
        clean_text(f"crit_{pk}", "批评意见", others)
    present = [s for pk, s in speeches.items() if not s.leave_reason]
    if not any(records.get(s.pk, ("", ""))[0].strip() for s in present):
        refuse("records", "批评与自我批评：请至少记录一名参会人员的自我批评")
    params = cast(checks.LifeMeetingParameters, parameters_for(meeting.township, checks.AREA, held_on))
    principal = meeting.convener
    at = min(
        timezone.now(), datetime.datetime.combine(held_on, SH_NOON, tzinfo=timezone.get_current_timezone())
    )
    with transaction.atomic():
        for pk, (own, others) in records.items():
            speech = speeches[pk]
            speech.self_criticism, speech.criticism = own.strip(), others.strip()
            speech.save(update_fields=["self_criticism", "criticism", "updated_at"])
        meeting.state, meeting.held_on, meeting.summary = LifeMeeting.State.HELD, held_on, summary
        meeting.save(update_fields=["state", "held_on", "summary"])
        complete_by_key(meeting.township, periodic.meeting_key(meeting.year), by=user, at=at, request=request)
        open_obligation(
            township=meeting.township,
            kind=periodic.MEASURES_KIND,
            article="R13§6",
            title=f"{meeting.year}年度民主生活会：一个月内制订整改措施",
            key=periodic.measures_key(meeting.pk),
            rule=DeadlineRule("after_days", held_on, checks.one_month_days(held_on)),
            assignee=principal,
            source=meeting,
            actor=user,
        )
        open_obligation(
            township=meeting.township,
            kind=periodic.REPORT_KIND,
            article="R13§7",
            title=f"{meeting.year}年度民主生活会：向上级组织、纪检部门报送书面报告",
            key=periodic.report_key(meeting.pk),
            rule=DeadlineRule("after_days", held_on, params.report_days),
            assignee=principal,
            source=meeting,
            actor=user,
        )
        audit.record(user, "life_meetings.hold", meeting, summary=f"{meeting}召开", request=request)
    return meeting


def rectification_due(held_on: datetime.date) -> datetime.date:
    """The last day to set the measures: one month after the meeting, past holidays (R13 六)."""
    return get_calendar().after_days(held_on, checks.one_month_days(held_on)).date


def report_due(meeting: LifeMeeting) -> datetime.date | None:
    if meeting.held_on is None:
        return None
    params = cast(
        checks.LifeMeetingParameters, parameters_for(meeting.township, checks.AREA, meeting.held_on)
    )
    return get_calendar().after_days(meeting.held_on, params.report_days).date


def after_findings(meeting: LifeMeeting, today: datetime.date | None = None) -> list:
    if meeting.held_on is None:
        return []
    state = checks.AfterState(
        held_on=meeting.held_on,
        measures_set_on=meeting.measures_set_on,
        measures_due=rectification_due(meeting.held_on),
        report_sent_on=meeting.report_sent_on,
        report_due=report_due(meeting) or meeting.held_on,
        today=today or timezone.localdate(),
    )
    return checks.check_after(state)


def ensure_reader(user: Actor | None, meeting: LifeMeeting) -> None:
    require(user, "life_meetings.view", meeting)
    if person_of(user) is None:
        raise PermissionDenied("life_meetings.view")
