"""The entry points of R15 periodic reports: keep the branch roster, record a member's report, record
a branch's quarterly report. Each checks the actor (MATRIX, the township, who they act as), then the
input (refusals name the field, in Chinese), writes in one transaction with its audit entry (never the
report's content), and completes the period's obligation (opened by periodic.py)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, NoReturn, cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from zhidu import rules
from zhidu.core import audit
from zhidu.core.permissions import Actor, actor_of, allowed, require, require_person
from zhidu.obligations.services import complete_by_key
from zhidu.org.models import Branch, Person, Township
from zhidu.periodic_reports import checks
from zhidu.periodic_reports.models import BranchMember, BranchReport, Channel, MemberReport
from zhidu.workdays.services import get_calendar

if TYPE_CHECKING:
    from django.http import HttpRequest

MAX_TEXT = 5000


def _refuse(field: str, message: str) -> NoReturn:
    raise ValidationError({field: message})


def parameters(township: Township, day: datetime.date) -> checks.ReportParameters:
    return cast(checks.ReportParameters, rules.parameters_for(township, checks.AREA, day))


def due_of(period: checks.Period) -> datetime.date:
    """A period's report is due at the end of its last working day (rulebook, "Dates and deadlines")."""
    return get_calendar().last_workday_on_or_before(period.end)


def member_key(member: BranchMember, period: checks.Period) -> str:
    return f"periodic-report:m{member.pk}:{period.label}"


def branch_key(branch: Branch, period: checks.Period) -> str:
    return f"branch-report:b{branch.pk}:{period.label}"


def secretary_of(branch: Branch) -> BranchMember | None:
    return (
        BranchMember.objects.filter(
            township_id=branch.township_id, branch=branch, is_secretary=True, active=True
        )
        .exclude(person=None)
        .select_related("person")
        .first()
    )


def secretaries_branches(person: Person) -> list[int]:
    """The branches `person` is the secretary of."""
    return list(
        BranchMember.objects.filter(
            township_id=person.township_id, person=person, is_secretary=True, active=True
        ).values_list("branch_id", flat=True)
    )


def may_record_for(person: Person | None, user: Actor | None, member: BranchMember) -> bool:
    """R15§3(1): the member's own written report, or the branch secretary recording (an oral report, or
    a written one handed in); the organization office enters a report received on paper."""
    if person is None or person.township_id != member.township_id:
        return False
    if member.person_id == person.pk or member.branch_id in secretaries_branches(person):
        return True
    return user is not None and allowed(user, "periodic_reports.roster")


def may_report_for(person: Person | None, user: Actor | None, branch: Branch) -> bool:
    """R15§8: the branch's secretary reports; the organization office records a report received."""
    if person is None or person.township_id != branch.township_id:
        return False
    return branch.pk in secretaries_branches(person) or (
        user is not None and allowed(user, "periodic_reports.roster")
    )


def _text(field: str, label: str, value: str) -> str:
    if len(value) > MAX_TEXT:
        _refuse(field, f"{label}：不能超过{MAX_TEXT}字")
    return value.strip()


def _periods_open(months: int, today: datetime.date) -> list[checks.Period]:
    current = checks.period_of(today, months)
    return [current, checks.previous_period(current, months)]


def member_periods(member: BranchMember, today: datetime.date) -> tuple[str, list[checks.Period]]:
    """The duty and the periods a report may be recorded for today: this one and the one before."""
    duty, _period = checks.member_duty(member.away_since, today, parameters(member.township, today))
    months = 3 if duty == checks.AWAY else parameters(member.township, today).member_months
    return duty, _periods_open(months, today)


def draft_of(
    duty: str,
    period: checks.Period,
    channel: str,
    content: str,
    reported_on: datetime.date | None,
    today: datetime.date,
) -> checks.ReportDraft:
    return checks.ReportDraft(duty, channel, content, reported_on, period, due_of(period), today)


def _common(channel: str, reported_on: datetime.date | None, today: datetime.date, period_label: str,
            allowed_periods: list[checks.Period]) -> checks.Period:  # fmt: skip
    if channel not in Channel.values:
        _refuse("channel", "汇报方式：请选择口头或书面")
    period = next((p for p in allowed_periods if p.label == period_label), None)
    if period is None:
        _refuse("period", "汇报期：请选择本期或上一期")
    if reported_on is None:
        _refuse("reported_on", "汇报日期：请填写日期")
    if reported_on > today:
        _refuse("reported_on", "汇报日期：不能晚于今天")
    if reported_on < period.start:
        _refuse("reported_on", f"汇报日期：不能早于{period.text}")
    return period


def add_member(*, township: Township, branch: Branch, name: str, person: Person | None, is_secretary: bool,
               away_since: datetime.date | None, by: Person, user: Actor | None = None,
               request: HttpRequest | None = None) -> BranchMember:  # fmt: skip
    """The organization office adds a party member to a branch's roster."""
    actor = actor_of(user, by)
    require(actor, "periodic_reports.roster", township)
    require_person(actor, by, "periodic_reports.roster")
    if branch.township_id != township.pk or (person is not None and person.township_id != township.pk):
        raise PermissionDenied("periodic_reports.roster: another township")
    name = name.strip()
    if not name:
        _refuse("name", "姓名：请填写姓名")
    if len(name) > 30:
        _refuse("name", "姓名：不能超过30字")
    if away_since is not None and away_since > timezone.localdate():
        _refuse("away_since", "外出起始日期：不能晚于今天")
    try:
        with transaction.atomic():
            member = BranchMember.objects.create(
                township=township, branch=branch, name=name, person=person,
                is_secretary=is_secretary, away_since=away_since,
            )  # fmt: skip
            audit.record(actor, "periodic_reports.member_add", member, summary=f"{branch.name}：{name}",
                         request=request)  # fmt: skip
    except IntegrityError:
        _refuse("name", f"姓名：{branch.name}已有名为{name}的党员")
    return member


def update_member(member: BranchMember, *, is_secretary: bool, away_since: datetime.date | None, active: bool,
                  by: Person, user: Actor | None = None, request: HttpRequest | None = None) -> BranchMember:  # fmt: skip
    actor = actor_of(user, by)
    require(actor, "periodic_reports.roster", member)
    require_person(actor, by, "periodic_reports.roster")
    if away_since is not None and away_since > timezone.localdate():
        _refuse("away_since", "外出起始日期：不能晚于今天")
    with transaction.atomic():
        member.is_secretary, member.away_since, member.active = is_secretary, away_since, active
        member.save(update_fields=["is_secretary", "away_since", "active"])
        audit.record(actor, "periodic_reports.member_update", member, summary=member.name, request=request,
                     away=away_since.isoformat() if away_since else "", active=active)  # fmt: skip
    return member


def record_member_report(member: BranchMember, *, period: str, channel: str, content: str,
                         reported_on: datetime.date | None, by: Person, user: Actor | None = None,
                         request: HttpRequest | None = None) -> MemberReport:  # fmt: skip
    """A member's report for a period: their own written one, or the secretary's record of an oral
    report (R15§3(1)); away over three months, written only (R15§3(2)). Completes the period's duty."""
    actor = actor_of(user, by)
    require(actor, "periodic_reports.record", member)
    require_person(actor, by, "periodic_reports.record")
    if not may_record_for(by, actor, member):
        raise PermissionDenied("periodic_reports.record: not this member's branch secretary")
    today = timezone.localdate()
    duty, periods = member_periods(member, today)
    chosen = _common(channel, reported_on, today, period, periods)
    assert reported_on is not None
    content = _text("content", "汇报内容", content)
    if not content:
        _refuse("content", "汇报内容：请填写学习、思想、工作情况")
    if duty == checks.AWAY and channel == Channel.ORAL:
        _refuse("channel", "汇报方式：外出超过三个月的党员须书面汇报（R15§3(2)）")
    if (
        channel == Channel.ORAL
        and member.person_id == by.pk
        and member.branch_id not in secretaries_branches(by)
    ):
        _refuse("channel", "汇报方式：口头汇报由党支部书记记录")
    late = reported_on > due_of(chosen)
    try:
        with transaction.atomic():
            report = MemberReport.objects.create(
                township=member.township, member=member, period=chosen.label, channel=channel,
                reported_on=reported_on, content=content, recorded_by=by, late=late,
            )  # fmt: skip
            audit.record(actor, "periodic_reports.record", report, request=request,
                         summary=f"{member.name} {chosen.text}汇报（{Channel(channel).label}）")  # fmt: skip
            complete_by_key(member.township, member_key(member, chosen), by=actor, request=request)
    except IntegrityError:
        _refuse("period", f"汇报期：{member.name}{chosen.text}的汇报已经记录")
    return report


def quarters_open(today: datetime.date) -> list[checks.Period]:
    return _periods_open(3, today)


def record_branch_report(branch: Branch, *, quarter: str, channel: str, content: str, reporter_name: str,
                         reported_on: datetime.date | None, by: Person, user: Actor | None = None,
                         request: HttpRequest | None = None) -> BranchReport:  # fmt: skip
    """A branch's quarterly report to the committee (R15§8): completes the branch's quarter duty."""
    actor = actor_of(user, by)
    require(actor, "periodic_reports.branch_report", branch)
    require_person(actor, by, "periodic_reports.branch_report")
    if not may_report_for(by, actor, branch):
        raise PermissionDenied("periodic_reports.branch_report: not this branch's secretary")
    today = timezone.localdate()
    chosen = _common(channel, reported_on, today, quarter, quarters_open(today))
    assert reported_on is not None
    content = _text("content", "汇报内容", content)
    if not content:
        _refuse("content", "汇报内容：请填写本季度的工作情况")
    reporter_name = reporter_name.strip() or by.name
    if len(reporter_name) > 30:
        _refuse("reporter_name", "汇报人：不能超过30字")
    late = reported_on > due_of(chosen)
    try:
        with transaction.atomic():
            report = BranchReport.objects.create(
                township=branch.township, branch=branch, quarter=chosen.label, channel=channel,
                reported_on=reported_on, content=content, reporter_name=reporter_name, recorded_by=by, late=late,
            )  # fmt: skip
            audit.record(actor, "periodic_reports.branch_report", report, request=request,
                         summary=f"{branch.name} {chosen.text}向党委汇报")  # fmt: skip
            complete_by_key(branch.township, branch_key(branch, chosen), by=actor, request=request)
    except IntegrityError:
        _refuse("quarter", f"季度：{branch.name}{chosen.text}的汇报已经记录")
    return report
