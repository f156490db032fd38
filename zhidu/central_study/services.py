"""R12 entry points: the office records the period's plan (topics set by the committee) and the
group's sessions with attendance and materials; a member keeps self-study notes. Each checks the
actor (MATRIX; a note only as oneself), then the input (refusals name the field, in Chinese), writes
in one transaction with its audit entry, and opens or completes the duties: each planned topic is
an obligation of the office, due at the end of the period's last working day, completed by the
first session held on it."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn, cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from zhidu.central_study.checks import AREA, CentralStudyParameters
from zhidu.central_study.models import (
    Invitation,
    PlanTopic,
    SessionKind,
    StudyAttendance,
    StudyNote,
    StudyPlan,
    StudySession,
)
from zhidu.core import audit
from zhidu.core.permissions import actor_of, require, require_person
from zhidu.obligations.deadlines import DeadlineRule
from zhidu.obligations.services import complete_by_key, open_obligation
from zhidu.org.models import Person, Township, team_on
from zhidu.rules import parameters_for

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile
    from django.http import HttpRequest

    from zhidu.core.permissions import Actor

MAX_TOPICS = 30
MAX_TEXT = 10000
MAX_UPLOAD_MB = 20
GROUP_RANKS = (Person.Rank.SECTION, Person.Rank.DEPUTY_SECTION)


def refuse(field: str, message: str) -> NoReturn:
    raise ValidationError({field: message})


def text(value: str | None, field: str, label: str, *, required: bool = True, limit: int = 200) -> str:
    value = (value or "").strip()
    if required and not value:
        refuse(field, f"{label}：请填写")
    if len(value) > limit:
        refuse(field, f"{label}：不能超过{limit}字")
    return value


def parameters(township: Township, day: datetime.date) -> CentralStudyParameters:
    return cast(CentralStudyParameters, parameters_for(township, AREA, day))


def topic_key(topic: PlanTopic) -> str:
    return f"central_study:topic:{topic.pk}"


def leader(township: Township, day: datetime.date) -> Person | None:
    """组长 (R12§1 "组长由党委主要领导担任"): the secretary, else the first principal of the day."""
    terms = list(team_on(township, day).filter(is_principal=True).order_by("starts_on", "pk"))
    secretary = next((t for t in terms if t.role == "secretary"), None)
    term = secretary or (terms[0] if terms else None)
    return term.person if term is not None else None


def members(plan: StudyPlan) -> list[Person]:
    """The group of a plan (R12§1): the team members and the cadres of deputy section level and above
    on the period's first day, and the cadres invited to this plan; the leader first."""
    day = plan.starts_on
    team = {t.person_id for t in team_on(plan.township, day)}
    invited = set(Invitation.objects.filter(plan=plan).values_list("person_id", flat=True))
    people = Person.objects.filter(township=plan.township, active=True).filter(
        Q(pk__in=team) | Q(rank__in=GROUP_RANKS) | Q(pk__in=invited)
    )
    head = leader(plan.township, day)
    return sorted(people, key=lambda p: (head is None or p.pk != head.pk, p.pk not in team, p.name))


def is_member(person: Person, day: datetime.date) -> bool:
    if person.rank in GROUP_RANKS or team_on(person.township, day).filter(person=person).exists():
        return True
    return Invitation.objects.filter(
        township=person.township, person=person, plan__starts_on__lte=day, plan__ends_on__gte=day
    ).exists()


def create_plan(
    *, township: Township, by: Person, title: str | None, starts_on: datetime.date | None,
    ends_on: datetime.date | None, topics: list[str], decided: str | None = "",
    invited: Sequence[tuple[Person, str]] = (), user: Actor | None = None, request: HttpRequest | None = None,
    at: datetime.datetime | None = None,
) -> StudyPlan:  # fmt: skip
    user = actor_of(user, by)
    require(user, "central_study.plan", township)
    require_person(user, by, "central_study.plan")
    title = text(title, "title", "计划名称")
    if starts_on is None:
        refuse("starts_on", "计划期间起：请填写日期")
    if ends_on is None:
        refuse("ends_on", "计划期间止：请填写日期")
    if ends_on < starts_on:
        refuse("ends_on", "计划期间止：不能早于开始日期")
    if (ends_on - starts_on).days > 366:
        refuse("ends_on", "计划期间止：一个学习计划不超过一年")
    topics = [t.strip() for t in topics if t and t.strip()]
    if not topics:
        refuse("topics", "学习专题：请至少列出一个专题（每行一个）")
    if len(topics) > MAX_TOPICS or any(len(t) > 200 for t in topics):
        refuse("topics", f"学习专题：最多{MAX_TOPICS}个，每个不超过200字")
    decided = text(decided, "decided", "党委部署依据", required=False)
    now = at or timezone.now()
    with transaction.atomic():
        plan = StudyPlan.objects.create(
            township=township, title=title, starts_on=starts_on, ends_on=ends_on, decided=decided,
            recorded_by=by, recorded_at=now,
        )  # fmt: skip
        for n, name in enumerate(topics):
            topic = PlanTopic.objects.create(township=township, plan=plan, title=name, position=n)
            open_obligation(
                township=township, kind="study-session", article="R12§2", title=f"中心组学习专题：{name[:60]}",
                key=topic_key(topic), rule=DeadlineRule("last_workday_by", ends_on),
                department=by.department, source=plan, actor=user,
            )  # fmt: skip
        for person, reason in invited:
            if person.township_id != township.pk:
                refuse("invited", "列席人员：不是本镇干部")
            Invitation.objects.get_or_create(
                township=township, plan=plan, person=person, defaults={"reason": reason[:200]}
            )
        audit.record(user, "central_study.plan", plan, summary=f"学习计划：{title}", request=request)
    return plan


def record_session(
    plan: StudyPlan, *, by: Person, kind: str | None, held_on: datetime.date | None, subject: str | None,
    topic: PlanTopic | None, attendance: dict[int, tuple[str, str]], place: str | None = "",
    speaker: str | None = "", summary: str | None = "", material: UploadedFile | None = None,
    user: Actor | None = None, request: HttpRequest | None = None, at: datetime.datetime | None = None,
) -> StudySession:  # fmt: skip
    """A session held: its attendance is recorded for every member of the group (present, on leave
    with the reason, or absent); the topic's duty is completed."""
    user = actor_of(user, by)
    require(user, "central_study.session", plan)
    require_person(user, by, "central_study.session")
    if kind not in SessionKind.values:
        refuse("kind", "学习形式：请选择集中学习、座谈讨论或专题讲座")
    if held_on is None:
        refuse("held_on", "学习日期：请填写日期")
    subject = text(subject, "subject", "学习内容")
    if topic is not None and topic.plan_id != plan.pk:
        refuse("topic", "对应专题：不是该计划的专题")
    if material is not None and (material.size or 0) > MAX_UPLOAD_MB * 1024 * 1024:
        refuse("material", f"学习材料：不能超过{MAX_UPLOAD_MB}MB")
    group = {p.pk: p for p in members(plan)}
    rows = []
    for pk, person in group.items():
        status, reason = attendance.get(pk, ("present", ""))
        if status not in StudyAttendance.Status.values:
            refuse(f"att_{pk}", f"{person.name}的出勤：请选择")
        rows.append((person, status, (reason or "").strip()[:200]))
    now = at or timezone.now()
    with transaction.atomic():
        session = StudySession.objects.create(
            township=plan.township, plan=plan, topic=topic, kind=kind, held_on=held_on, subject=subject,
            place=text(place, "place", "地点", required=False, limit=100),
            speaker=text(speaker, "speaker", "主讲人", required=False, limit=100),
            summary=text(summary, "summary", "学习情况", required=False, limit=MAX_TEXT),
            material=material, material_name=(material.name or "")[:200] if material else "",
            recorded_by=by, recorded_at=now,
        )  # fmt: skip
        StudyAttendance.objects.bulk_create(
            StudyAttendance(township=plan.township, session=session, person=p, status=s,
                       leave_reason=r if s == "leave" else "")
            for p, s, r in rows
        )  # fmt: skip
        if topic is not None:
            complete_by_key(plan.township, topic_key(topic), by=user, at=now, request=request)
        audit.record(
            user, "central_study.session", session, summary=f"中心组学习：{subject}", request=request
        )
    return session


def write_note(
    *, person: Person, kind: str | None, title: str | None, body: str | None, written_on: datetime.date | None,
    topic: PlanTopic | None = None, user: Actor | None = None, request: HttpRequest | None = None,
    at: datetime.datetime | None = None,
) -> StudyNote:  # fmt: skip
    """A member's self-study note (R12§3), on a phone; only members of the group keep them here."""
    user = actor_of(user, person)
    require(user, "central_study.note", person)
    require_person(user, person, "central_study.note")
    if kind not in StudyNote.Kind.values:
        refuse("kind", "笔记类别：请选择读书笔记或心得体会")
    title = text(title, "title", "笔记标题")
    body = text(body, "body", "笔记内容", limit=MAX_TEXT)
    if written_on is None:
        refuse("written_on", "笔记日期：请填写日期")
    now = at or timezone.now()
    if written_on > timezone.localdate(now):
        refuse("written_on", "笔记日期：不能晚于今天")
    if not is_member(person, written_on):
        refuse("kind", "笔记类别：您不是党委中心组成员，无需在此记学习笔记")
    if topic is not None and topic.township_id != person.township_id:
        refuse("topic", "对应专题：不是本镇的专题")
    with transaction.atomic():
        note = StudyNote.objects.create(
            township=person.township, person=person, kind=kind, title=title, body=body, written_on=written_on,
            topic=topic, created_at=now,
        )  # fmt: skip
        audit.record(user, "central_study.note", note, summary=f"学习笔记：{title}", request=request)
    return note
