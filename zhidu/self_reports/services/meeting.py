"""The year's 述德述职述廉 meeting (R10§4(2)–(3)): who attends (the organization's own records for
the team and the department heads, plus those the organization office adds by name), and the
anonymous democratic assessment started for the year through zhidu.ballots (its boxes, codes,
results and each member's own page are the ballots area's; nothing is rebuilt here)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, NoReturn

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from zhidu.ballots import services as ballots
from zhidu.ballots.models import Assessment
from zhidu.core import audit
from zhidu.core.permissions import actor_of, require, require_person
from zhidu.org.models import Department, Person, Township
from zhidu.rules import Finding
from zhidu.self_reports import checks
from zhidu.self_reports.models import Participant, ReportMeeting
from zhidu.self_reports.services.reports import team_in_year

if TYPE_CHECKING:
    from django.http import HttpRequest

    from zhidu.core.permissions import Actor

ORGANIZE = "self_reports.organize"


def _refuse(field: str, message: str) -> NoReturn:
    raise ValidationError({field: message})


@dataclass(frozen=True)
class Attendee:
    group: str  # checks.PARTICIPANT_GROUPS or "other"
    name: str
    unit: str
    participant: Participant | None = None  # an added one (removable); None from the organization


def attendees(township: Township, year: int) -> list[Attendee]:
    """R10§4(2): team members of the year, department heads (middle-level cadres) from the
    organization, then the participants added by name, by group."""
    team = team_in_year(township, year)
    found = [Attendee("team", p.name, p.title) for p in team]
    on_team = {p.pk for p in team}
    heads = (
        Department.objects.filter(township=township, head__isnull=False, head__active=True)
        .select_related("head")
        .order_by("name")
    )
    for department in heads:
        head = department.head
        if head is not None and head.pk not in on_team:
            found.append(Attendee("middle_cadre", head.name, head.title or department.name))
            on_team.add(head.pk)
    order = {group: n for n, group in enumerate(Participant.Group.values)}  # R10§4(2)'s order
    added = Participant.objects.filter(township=township, year=year).order_by("id")
    for p in sorted(added, key=lambda p: order.get(p.group, len(order))):
        found.append(Attendee(p.group, p.name, p.unit, p))
    return found


def participant_findings(people: list[Attendee]) -> list[Finding]:
    counts: dict[str, int] = {}
    for a in people:
        counts[a.group] = counts.get(a.group, 0) + 1
    return checks.check_participants(counts)


def _office(user: Actor | None, by: Person, township: Township) -> Actor | None:
    user = actor_of(user, by)
    require(user, ORGANIZE, township)
    require_person(user, by, ORGANIZE)
    return user


def _year(year: int) -> None:
    today = timezone.localdate()
    if not 2000 <= year <= today.year + 1:
        _refuse("year", f"年度：须为2000年至{today.year + 1}年")


def add_participant(
    *,
    township: Township,
    year: int,
    group: str,
    name: str,
    unit: str = "",
    by: Person,
    user: Actor | None = None,
    request: HttpRequest | None = None,
) -> Participant:
    user = _office(user, by, township)
    _year(year)
    if group not in Participant.Group.values:
        _refuse("group", "类别：请选择参加人员类别")
    name, unit = (name or "").strip(), (unit or "").strip()
    if not name:
        _refuse("name", "请填写姓名")
    if len(name) > 30:
        _refuse("name", "不能超过30字")
    if len(unit) > 80:
        _refuse("unit", "不能超过80字")
    try:
        with transaction.atomic():
            row = Participant.objects.create(
                township=township,
                year=year,
                group=group,
                name=name,
                unit=unit,
                added_by=by,
                added_at=timezone.now(),
            )
            audit.record(
                user,
                "self_reports.participant_add",
                row,
                summary=f"{year}年度述德述职述廉会议：{name}",
                request=request,
            )
    except IntegrityError:
        _refuse("name", f"{name}（{unit or '未填单位'}）已在参加人员名单中")
    return row


def remove_participant(
    participant: Participant, *, by: Person, user: Actor | None = None, request: HttpRequest | None = None
) -> None:
    user = _office(user, by, participant.township)
    with transaction.atomic():
        audit.record(
            user,
            "self_reports.participant_remove",
            participant,
            summary=f"{participant.year}年度述德述职述廉会议：移除{participant.name}",
            request=request,
        )
        Participant.objects.filter(pk=participant.pk).delete()


def meeting_of(township: Township, year: int) -> ReportMeeting | None:
    return ReportMeeting.objects.filter(township=township, year=year).select_related("assessment").first()


def assessment_of(township: Township, year: int) -> Assessment | None:
    """The year's assessment: the one started from the meeting, else the latest the ballots area
    holds for the year (created there directly)."""
    meeting = meeting_of(township, year)
    if meeting is not None and meeting.assessment is not None:
        return meeting.assessment
    return Assessment.objects.filter(township=township, year=year).order_by("-id").first()


def start_assessment(
    *,
    township: Township,
    year: int,
    by: Person,
    user: Actor | None = None,
    request: HttpRequest | None = None,
) -> Assessment:
    """R10§4(3): after the reports, attendees assess the team and each member anonymously. Links the
    year's assessment when the ballots area already holds one, else creates it there (the team as a
    whole, then each member of the year's team)."""
    user = _office(user, by, township)
    _year(year)
    with transaction.atomic():
        meeting, _ = ReportMeeting.objects.get_or_create(township=township, year=year)
        if meeting.assessment_id is not None:
            _refuse("year", f"{year}年度的民主测评已经开始")
        assessment = Assessment.objects.filter(township=township, year=year).order_by("-id").first()
        if assessment is None:
            assessment = ballots.create_assessment(
                township=township,
                year=year,
                title=f"{year}年度领导班子及班子成员民主测评",
                members=team_in_year(township, year),
                user=user,
            )
        claimed = ReportMeeting.objects.filter(pk=meeting.pk, assessment__isnull=True).update(
            assessment=assessment
        )
        if not claimed:
            _refuse("year", f"{year}年度的民主测评已经开始")
        audit.record(
            user,
            "self_reports.assessment_start",
            meeting,
            summary=f"{year}年度述德述职述廉会议：{assessment.title}",
            request=request,
        )
    return assessment


def year_of(value: object, default: int | None = None) -> int:
    """A year from a query string, defaulting to the current year; never raises."""
    fallback = default or timezone.localdate().year
    try:
        year = int(str(value))
    except (TypeError, ValueError):
        return fallback
    return year if 2000 <= year <= timezone.localdate().year + 1 else fallback
