"""The Friday briefing (R14§3 每周五党政领导碰头会): one record a week, held on its last working day
(`checks.briefing_day`), a duty of the party office due that day. The record names who was present
and, for each leader in charge, this week's key work, next week's plan and what concerns the whole
team, pre-filled from their daily logs (zhidu.rules.week_notes) and from who is away
(zhidu.org.absences). Closing it completes the duty; a closed record is read-only, like a meeting's."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from zhidu.coordination.checks import briefing_day, monday_of
from zhidu.coordination.models import Briefing, BriefingEntry
from zhidu.coordination.services.common import refuse, text
from zhidu.core import audit
from zhidu.core.chinese import cn_date
from zhidu.core.permissions import actor_of, require, require_person
from zhidu.obligations.deadlines import DeadlineRule
from zhidu.obligations.services import complete_by_key, open_obligation
from zhidu.org.absences import away_on
from zhidu.org.models import Department, Person, Township, team_on
from zhidu.rules.week_notes import week_notes
from zhidu.workdays.services import get_calendar

if TYPE_CHECKING:
    from django.http import HttpRequest

    from zhidu.core.permissions import Actor


class Conflicting(Exception):
    """Someone else saved the briefing since this page was loaded."""


def duty_key(monday: datetime.date) -> str:
    return f"coordination:briefing:{monday.isoformat()}"


def day_of_week(monday: datetime.date) -> datetime.date | None:
    return briefing_day(monday, get_calendar().is_workday)


def _rule(monday: datetime.date, day: datetime.date) -> DeadlineRule:
    # Monday to Friday: "the period's last working day" up to Friday, recomputed (and provisional) with
    # the calendar; a week holding it on a 调休 weekend day: that day, fixed.
    if day.weekday() < 5:
        return DeadlineRule("last_workday_by", monday + datetime.timedelta(days=4))
    return DeadlineRule("fixed", day)


def open_week(township: Township, day: datetime.date, *, actor: Actor | None = None) -> Briefing | None:
    """The week's record (a draft, created once) and the party office's duty to hold it. None in a
    week without a working day. Idempotent: the scheduler calls it every day."""
    return _open(township, day, actor)[0]


def _open(township: Township, day: datetime.date, actor: Actor | None) -> tuple[Briefing | None, bool]:
    """(the week's record, whether its duty was opened now)."""
    monday = monday_of(day)
    held_on = day_of_week(monday)
    if held_on is None:
        return None, False
    briefing = Briefing.objects.filter(township=township, week_of=monday).first()
    if briefing is None:
        try:
            with transaction.atomic():
                briefing = Briefing.objects.create(township=township, week_of=monday, held_on=held_on)
                audit.record(actor, "coordination.briefing.open", briefing, summary=str(briefing))
        except IntegrityError:  # two schedulers at once: the other one's row
            briefing = Briefing.objects.get(township=township, week_of=monday)
    office = (
        Department.objects.filter(township=township, kind=Department.Kind.PARTY_OFFICE).order_by("pk").first()
    )
    if office is None:
        return briefing, False
    _, created = open_obligation(
        township=township,
        kind="friday-briefing",
        article="R14§3",
        title=f"召开并记录党政领导碰头会（{cn_date(held_on)}）",
        key=duty_key(monday),
        rule=_rule(monday, held_on),
        department=office,
        source=briefing,
        actor=actor,
    )
    return briefing, created


def generate(township: Township, day: datetime.date) -> int:
    """The scheduler's generator (zhidu.obligations.jobs): this week's record and duty; returns how
    many obligations it opened (0 or 1)."""
    return int(_open(township, day, None)[1])


def _prefill(person: Person, monday: datetime.date) -> tuple[str, str]:
    notes = week_notes(person, monday)
    this_week = "\n".join(notes.done)
    next_week = "\n".join([*notes.planned, *(f"（续）{line}" for line in notes.unfinished)])
    return this_week, next_week


def prepare(
    briefing: Briefing, *, by: Person, user: Actor | None = None, request: HttpRequest | None = None
) -> int:
    """Add an entry for every team member on the briefing day who has none yet, pre-filled from their
    daily logs of the week and marked away with the reason when on leave that day. Returns how many."""
    user = actor_of(user, by)
    require(user, "coordination.briefing", briefing)
    require_person(user, by, "coordination.briefing")
    if briefing.state != Briefing.State.DRAFT:
        refuse("briefing", "碰头会记录已归档，不能修改")
    known = set(briefing.entries.values_list("person_id", flat=True))
    away = away_on(briefing.township, briefing.held_on)
    rows = []
    terms = sorted(
        team_on(briefing.township, briefing.held_on), key=lambda t: (not t.is_principal, t.starts_on, t.pk)
    )
    for position, term in enumerate(terms, start=len(known) + 1):
        if term.person_id in known:
            continue
        known.add(term.person_id)
        this_week, next_week = _prefill(term.person, briefing.week_of)
        absence = away.get(term.person_id)
        rows.append(
            BriefingEntry(
                township=briefing.township,
                briefing=briefing,
                person=term.person,
                position=position,
                present=absence is None,
                absence_reason=absence.reason[:200] if absence else "",
                this_week=this_week,
                next_week=next_week,
            )  # fmt: skip
        )
    with transaction.atomic():
        BriefingEntry.objects.bulk_create(rows)
        if rows:
            Briefing.objects.filter(pk=briefing.pk).update(version=F("version") + 1)
            audit.record(
                user, "coordination.briefing.prepare", briefing, summary=str(briefing), request=request
            )
    briefing.refresh_from_db()
    return len(rows)


def prepare_week(
    township: Township,
    day: datetime.date,
    *,
    by: Person,
    user: Actor | None = None,
    request: HttpRequest | None = None,
) -> Briefing:
    """The party office opens the week's record itself (when the scheduler has not yet) and fills it."""
    user = actor_of(user, by)
    require(user, "coordination.briefing", township)
    require_person(user, by, "coordination.briefing")
    briefing = open_week(township, day, actor=user)
    if briefing is None:
        refuse("briefing", "本周没有工作日，不召开碰头会")
    if briefing.state == Briefing.State.DRAFT:
        prepare(briefing, by=by, user=user, request=request)
    return briefing


@dataclass(frozen=True)
class EntryInput:
    present: bool
    absence_reason: str = ""
    this_week: str = ""
    next_week: str = ""
    whole_team: str = ""


def save(
    briefing: Briefing,
    *,
    version: int,
    held_on: datetime.date | None,
    place: str,
    notes: str,
    entries: dict[int, EntryInput],
    by: Person,
    user: Actor | None = None,
    request: HttpRequest | None = None,
) -> None:
    user = actor_of(user, by)
    require(user, "coordination.briefing", briefing)
    require_person(user, by, "coordination.briefing")
    if briefing.state != Briefing.State.DRAFT:
        refuse("briefing", "碰头会记录已归档，不能修改")
    if held_on is None:
        refuse("held_on", "召开日期：请填写日期")
    if not briefing.week_of <= held_on <= briefing.week_of + datetime.timedelta(days=6):
        refuse("held_on", "召开日期：须在本周内")
    place = text(place, "place", "地点", required=False, limit=100)
    notes = text(notes, "notes", "其他事项", required=False)
    known = {e.person_id: e for e in briefing.entries.all()}
    cleaned = {}
    for person_id, value in entries.items():
        if person_id not in known:
            refuse("entries", "只能记录本次碰头会的班子成员")
        name = known[person_id].person.name
        cleaned[person_id] = EntryInput(
            present=value.present,
            absence_reason=text(value.absence_reason, f"reason_{person_id}", f"{name}未到会原因", required=False,
                                limit=200) if not value.present else "",
            this_week=text(value.this_week, f"this_week_{person_id}", f"{name}本周重点工作", required=False),
            next_week=text(value.next_week, f"next_week_{person_id}", f"{name}下周工作安排", required=False),
            whole_team=text(value.whole_team, f"whole_team_{person_id}", f"{name}涉及全体班子成员的事项",
                            required=False),
        )  # fmt: skip
    with transaction.atomic():
        claimed = Briefing.objects.filter(pk=briefing.pk, version=version, state=Briefing.State.DRAFT).update(
            version=F("version") + 1, held_on=held_on, place=place, notes=notes, recorder=by
        )
        if not claimed:
            raise Conflicting
        for person_id, value in cleaned.items():
            BriefingEntry.objects.filter(briefing=briefing, person_id=person_id).update(**value.__dict__)
        audit.record(user, "coordination.briefing.save", briefing, summary=str(briefing), request=request)
    briefing.refresh_from_db()


def close(
    briefing: Briefing,
    *,
    version: int,
    by: Person,
    user: Actor | None = None,
    request: HttpRequest | None = None,
    at: datetime.datetime | None = None,
) -> None:
    """Close the record: read-only from now on; the week's duty is done (late after its day)."""
    user = actor_of(user, by)
    require(user, "coordination.briefing", briefing)
    require_person(user, by, "coordination.briefing")
    if not briefing.entries.filter(present=True).exists():
        refuse("briefing", "碰头会记录：请先记录到会的班子成员")
    now = at or timezone.now()
    with transaction.atomic():
        claimed = Briefing.objects.filter(pk=briefing.pk, version=version, state=Briefing.State.DRAFT).update(
            version=F("version") + 1, state=Briefing.State.CLOSED, closed_at=now
        )
        if not claimed:
            raise Conflicting
        complete_by_key(briefing.township, duty_key(briefing.week_of), by=user, at=now, request=request)
        audit.record(user, "coordination.briefing.close", briefing, summary=str(briefing), request=request)
    briefing.refresh_from_db()
