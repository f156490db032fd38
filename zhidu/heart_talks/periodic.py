"""The R20 generator, run by the one job (zhidu.obligations.jobs) every day for every township:

1. job changes: each active cadre's job (department, title, team role) is compared with what the
   generator saw last (JobSnapshot); a difference is a 七必谈 job change, found from the organization's
   own records without any signal, and opens a trigger for the right talker;
2. quotas: the pairs of part 二.1 standing today, each with its quota for the year or quarter
   containing today (prorated when the pair started inside it), one obligation per pair and period.

Idempotent: keys name the pair and period, and a snapshot changes once per change."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Q

from zhidu.heart_talks import checks
from zhidu.heart_talks.models import HeartTalk, JobSnapshot, MustTalk, TalkQuota, TriggerKind
from zhidu.obligations.deadlines import DeadlineRule
from zhidu.obligations.services import complete_by_key, open_obligation
from zhidu.org.models import Department, Person, TeamMembership, Township, team_on
from zhidu.rules import parameters_for

SH_NOON = datetime.time(12, 0)


def period_text(level: str, period: checks.Period) -> str:
    if checks.LEVELS[level][0] == 12:
        return f"{period.start.year}年"
    quarter = "一二三四"[(period.start.month - 1) // 3]
    return f"{period.start.year}年第{quarter}季度"


def _principal(terms: list[TeamMembership]) -> TeamMembership | None:
    principals = [t for t in terms if t.is_principal]
    principals.sort(key=lambda t: (t.role != TeamMembership.Role.SECRETARY, t.starts_on))
    return principals[0] if principals else None


def _job(person: Person, terms: list[TeamMembership]) -> str:
    roles = sorted(t.role for t in terms if t.person_id == person.pk)
    return f"{person.department_id or ''}|{person.title}|{','.join(roles)}"


def talker_for(person: Person, day: datetime.date) -> Person | None:
    """七必谈: who talks with `person` — "一级抓一级" (part 二.1): a team member with the principal, a
    department head with the team member in charge (Person.leader), staff with their department head,
    the principal with the deputy secretary."""
    terms = list(team_on(person.township, day))
    principal = _principal(terms)
    members = {t.person_id: t for t in terms}
    if principal is not None and person.pk == principal.person_id:
        deputy = next((t for t in terms if t.role == TeamMembership.Role.DEPUTY_SECRETARY), None)
        return deputy.person if deputy is not None else None
    if person.pk in members:
        return principal.person if principal is not None else None
    heads = Department.objects.filter(township=person.township, head=person)
    if heads.exists():
        if person.leader_id in members and person.leader is not None:
            return person.leader
        return principal.person if principal is not None else None
    department = person.department
    if department is not None and department.head_id not in (None, person.pk):
        return department.head
    if person.leader is not None:
        return person.leader
    return principal.person if principal is not None else None


def open_trigger_duty(trigger: MustTalk) -> None:
    days = parameters_for(trigger.township, checks.AREA, trigger.occurred_on).trigger_days  # type: ignore[attr-defined]
    open_obligation(
        township=trigger.township,
        kind="heart-talk-trigger",
        article="R20§2",
        # The title names no occasion: the compliance page reads more widely than the trigger's note.
        title=f"七必谈：与{trigger.person.name}谈心谈话",
        key=trigger_key(trigger),
        rule=DeadlineRule("after_days", trigger.occurred_on, days),
        assignee=trigger.talker,
        source=trigger,
    )


def trigger_key(trigger: MustTalk) -> str:
    return f"heart-trigger:{trigger.pk}"


def _job_changes(township: Township, day: datetime.date, terms: list[TeamMembership]) -> tuple[int, dict]:
    """Compare each cadre's job with the snapshot; returns (duties opened, person id -> since)."""
    opened = 0
    snapshots = {s.person_id: s for s in JobSnapshot.objects.filter(township=township)}
    since: dict[int, datetime.date] = {}
    for person in Person.objects.filter(township=township, active=True).select_related("township"):
        job = _job(person, terms)
        snap = snapshots.get(person.pk)
        if snap is None:
            try:
                with transaction.atomic():
                    JobSnapshot.objects.create(township=township, person=person, job=job, since=day)
            except IntegrityError:
                pass  # another job took the snapshot at the same moment
            continue
        if snap.job != job:
            # Claimed by a conditional UPDATE: of two jobs at once, one sees the change and opens
            # the must-talk, the other finds the snapshot already moved on.
            claimed = JobSnapshot.objects.filter(pk=snap.pk, job=snap.job).update(
                job=job, since=day, known_from_start=False
            )
            snap.job, snap.since, snap.known_from_start = job, day, False
            if not claimed:
                continue
            talker = talker_for(person, day)
            if talker is not None:
                trigger = MustTalk.objects.create(
                    township=township,
                    person=person,
                    kind=TriggerKind.JOB_CHANGE,
                    occurred_on=day,
                    talker=talker,
                    note="",
                )
                open_trigger_duty(trigger)
                opened += 1
        if not snap.known_from_start:
            since[person.pk] = snap.since
    return opened, since


def pairs(township: Township, day: datetime.date, since: dict[int, datetime.date] | None = None):
    """The pairs of part 二.1 standing on `day`: (level, talker, talkee, the day the pair began)."""
    since = since or {}
    terms = list(team_on(township, day))
    found = []
    principal = _principal(terms)
    members = {t.person_id: t for t in terms}
    if principal is not None:
        for term in terms:
            if term.person_id != principal.person_id:
                start = max(term.starts_on, principal.starts_on)
                found.append((checks.PRINCIPAL_MEMBER, principal.person, term.person, start))
    heads = Department.objects.filter(township=township, head__active=True).select_related("head__leader")
    head_ids = set()
    for department in heads:
        head = department.head
        assert head is not None  # filtered on head__active
        head_ids.add(head.pk)
        leader_term = members.get(head.leader_id) if head.leader_id else None
        if leader_term is not None and head.pk not in members:
            start = max(leader_term.starts_on, since.get(head.pk, leader_term.starts_on))
            found.append((checks.MEMBER_HEAD, leader_term.person, head, start))
    staff = Person.objects.filter(township=township, active=True, department__head__active=True)
    for person in staff.select_related("department__head"):
        head = person.department.head if person.department else None
        if head is None or person.pk == head.pk or person.pk in members or person.pk in head_ids:
            continue
        start = max(since.get(person.pk, datetime.date.min), since.get(head.pk, datetime.date.min))
        found.append((checks.HEAD_STAFF, head, person, start))
    return found


def quota_key(level: str, talker_id: int, talkee_id: int, period: checks.Period) -> str:
    return f"heart-quota:{level}:{talker_id}:{talkee_id}:{period.label}"


def held(township_id: int, talker_id: int, talkee_id: int, start: datetime.date, end: datetime.date) -> int:
    return (
        HeartTalk.objects.filter(township_id=township_id, talker_id=talker_id, seats__person_id=talkee_id)
        .filter(held_on__gte=start, held_on__lte=end)
        .distinct()
        .count()
    )


def generate(township: Township, day: datetime.date) -> int:
    terms = list(team_on(township, day))
    opened, since = _job_changes(township, day, terms)
    # One query for the keys already opened for the periods containing `day` (the job runs daily).
    known = set(
        TalkQuota.objects.filter(township=township, starts_on__lte=day, ends_on__gte=day).values_list(
            "key", flat=True
        )
    )
    for level, talker, talkee, start in pairs(township, day, since):
        period = checks.period_of(level, day)
        key = quota_key(level, talker.pk, talkee.pk, period)
        if key in known:
            continue
        required = checks.quota(level, period, start)
        if required == 0:
            continue
        try:
            with transaction.atomic():
                quota = TalkQuota.objects.create(
                    township=township,
                    talker=talker,
                    talkee=talkee,
                    level=level,
                    period=period.label,
                    starts_on=period.start,
                    ends_on=period.end,
                    required=required,
                    key=key,
                )
        except IntegrityError:
            continue  # another job opened this quota at the same moment, and opens its duty too
        _, created = open_obligation(
            township=township,
            kind="heart-talk-quota",
            article="R20§2",
            title=f"{period_text(level, period)}与{talkee.name}谈心谈话（至少{required}次）",
            key=key,
            rule=DeadlineRule("last_workday_by", period.end),
            assignee=talker,
            source=quota,
        )
        opened += created
        if held(township.pk, talker.pk, talkee.pk, period.start, period.end) >= required:
            complete_by_key(township, key, by=None)
    return opened


def quotas_touched(talk: HeartTalk) -> list[TalkQuota]:
    ids = list(talk.seats.values_list("person_id", flat=True))
    return list(
        TalkQuota.objects.filter(
            township=talk.township, talker=talk.talker, talkee_id__in=ids, starts_on__lte=talk.held_on
        ).filter(Q(ends_on__gte=talk.held_on))
    )
