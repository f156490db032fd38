"""The entry points of heart-to-heart talks (R20): record a talk, enter a 七必谈 trigger, the one
audited read of a talk's words, and the quota overview. Each checks the permission (MATRIX and the
township; the talker records only their own talks), refuses bad input naming the field, writes the
rows, the audit entry and the obligations in one transaction. Audit summaries name no content."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, NoReturn, cast
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from zhidu.core import audit
from zhidu.core.permissions import actor_of, allowed, require, require_person
from zhidu.heart_talks import checks, periodic
from zhidu.heart_talks.models import HeartTalk, HeartTalkSeat, MustTalk, TalkQuota, TriggerKind
from zhidu.obligations.services import complete_by_key
from zhidu.org.models import Person
from zhidu.trust.sealing import Sealed, reveal_all

if TYPE_CHECKING:
    from django.http import HttpRequest

    from zhidu.core.permissions import Actor

MAX_TEXT = 5000
SH = ZoneInfo("Asia/Shanghai")
FIELD_OF = {
    "no-participant": "participants",
    "talks-to-self": "participants",
    "one-to-one-many": "mode",
    "held-in-future": "held_on",
    "no-manner": "manner",
    "no-contents": "contents",
}


def _refuse(field: str, message: str) -> NoReturn:
    raise ValidationError({field: message})


def _person_of(user: Actor | None) -> Person | None:
    return getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None


def may_read(user: Actor | None, talk: HeartTalk) -> bool:
    """The words of a talk: the talker and the people talked with, of the talk's own township."""
    person = _person_of(user)
    if person is None or person.township_id != talk.township_id:
        return False
    return person.pk == talk.talker_id or talk.seats.filter(person=person).exists()


def may_oversee(user: Actor | None, township_id: int) -> bool:
    """R20 "党委办公室…负责掌握领导干部开展谈心谈话的情况": the party office and the principal see who
    talked with whom against the quotas (never the words)."""
    person = _person_of(user)
    return (
        person is not None
        and person.township_id == township_id
        and allowed(cast("Actor", user), "heart_talks.oversee")
    )


def draft_of(
    talker: Person | None,
    participants: list[Person],
    held_on: datetime.date | None,
    mode: str,
    manner: str,
    contents: list[int],
) -> checks.TalkDraft:
    return checks.TalkDraft(
        talker_id=talker.pk if talker else None,
        participant_ids=tuple(p.pk for p in participants),
        held_on=held_on,
        mode=mode,
        manner=manner,
        contents=tuple(int(c) for c in contents),
        today=timezone.localdate(),
    )


def record_talk(
    *,
    talker: Person,
    participants: list[Person],
    held_on: datetime.date | None,
    mode: str,
    manner: str,
    contents: list[int],
    notes: str,
    follow_up: str = "",
    triggers: list[MustTalk] | None = None,
    user: Actor | None = None,
    request: HttpRequest | None = None,
) -> HeartTalk:
    """The talker records a talk held; it counts toward the pairs' quotas and fulfils the chosen
    七必谈 triggers (theirs, with a person talked with)."""
    user = actor_of(user, talker)
    require(user, "heart_talks.record", talker)
    require_person(user, talker, "heart_talks.record")
    if held_on is None:
        _refuse("held_on", gettext("Date of the talk: please fill in the date"))
    if any(p.township_id != talker.township_id or not p.active for p in participants):
        _refuse("participants", gettext("Talked with: only serving cadres of the township"))
    if mode not in ("one_to_one", "group"):
        _refuse("mode", gettext("Form: choose one to one or group"))
    if any(c not in checks.CONTENTS for c in contents):
        _refuse("contents", gettext("Contents of part 3: tick only the contents it lists"))
    for finding in checks.check_talk(draft_of(talker, participants, held_on, mode, manner, contents)):
        _refuse(FIELD_OF[finding.code], finding.message)
    notes, follow_up = (notes or "").strip(), (follow_up or "").strip()
    if not notes:
        _refuse("notes", gettext("What was said: record the main points of the talk"))
    if len(notes) > MAX_TEXT or len(follow_up) > MAX_TEXT:
        _refuse(
            "notes" if len(notes) > MAX_TEXT else "follow_up",
            gettext("Too long: at most %(n)s characters") % {"n": MAX_TEXT},
        )
    ids = {p.pk for p in participants}
    for trigger in triggers or []:
        if trigger.talker_id != talker.pk or trigger.person_id not in ids or trigger.talk_id is not None:
            _refuse(
                "triggers",
                gettext("Must-talks this talk fulfils: only yours, about a person talked with, not yet held"),
            )
    assert held_on is not None
    at = datetime.datetime.combine(held_on, periodic.SH_NOON, tzinfo=SH)
    with transaction.atomic():
        talk = HeartTalk.objects.create(
            township=talker.township,
            talker=talker,
            held_on=held_on,
            mode=mode,
            manner=manner,
            contents=sorted(set(contents)),
            notes=notes,
            follow_up=follow_up,
        )
        HeartTalkSeat.objects.bulk_create(
            [HeartTalkSeat(township=talker.township, talk=talk, person=p) for p in participants]
        )
        for quota in periodic.quotas_touched(talk):
            count = periodic.held(
                talk.township_id, quota.talker_id, quota.talkee_id, quota.starts_on, quota.ends_on
            )
            if count >= quota.required:
                complete_by_key(
                    talk.township, quota.key, by=user, at=max(at, _start_of(quota)), request=request
                )
        for trigger in triggers or []:
            MustTalk.objects.filter(pk=trigger.pk, talk__isnull=True).update(talk=talk)
            complete_by_key(talk.township, periodic.trigger_key(trigger), by=user, at=at, request=request)
        names = "、".join(p.name for p in participants)
        audit.record(
            user, "heart_talks.record", talk, summary=f"{talk}（{talker.name}与{names}）", request=request
        )
    return talk


def _start_of(quota: TalkQuota) -> datetime.datetime:
    return datetime.datetime.combine(quota.starts_on, periodic.SH_NOON, tzinfo=SH)


def enter_trigger(
    *,
    person: Person,
    kind: str,
    occurred_on: datetime.date | None,
    note: str = "",
    talker: Person | None = None,
    by: Person,
    user: Actor | None = None,
    request: HttpRequest | None = None,
) -> MustTalk:
    """七必谈: the organization office enters an occasion (any kind); a cadre asks for a talk
    (own request, for themselves). Opens the talk obligation of the right talker."""
    user = actor_of(user, by)
    own = kind == TriggerKind.OWN_REQUEST and person.pk == by.pk
    require(user, "heart_talks.request" if own else "heart_talks.trigger", person)
    require_person(user, by, "heart_talks.trigger")
    if kind not in TriggerKind.values:
        _refuse("kind", "必谈情形：请选择七必谈之一")
    if person.township_id != by.township_id or not person.active:
        _refuse("person", "干部：须为本镇在职干部")
    if occurred_on is None:
        _refuse("occurred_on", "日期：请填写日期")
    if occurred_on > timezone.localdate():
        _refuse("occurred_on", "日期：不能晚于今天")
    talker = talker or periodic.talker_for(person, occurred_on)
    if talker is None or talker.pk == person.pk or talker.township_id != person.township_id:
        _refuse("talker", "谈话人：请指定本镇的谈话人（不能是本人）")
    note = (note or "").strip()
    if len(note) > MAX_TEXT:
        _refuse("note", f"情况说明：不能超过{MAX_TEXT}字")
    with transaction.atomic():
        trigger = MustTalk.objects.create(
            township=person.township,
            person=person,
            kind=kind,
            occurred_on=occurred_on,
            talker=talker,
            note=note,
            entered_by=by,
        )
        periodic.open_trigger_duty(trigger)
        audit.record(
            user, "heart_talks.trigger", trigger, summary=f"{trigger}（谈话人{talker.name}）", request=request
        )
    return trigger


def read(talk: HeartTalk, *, user: Actor | None, request: HttpRequest | None = None) -> dict[str, str]:
    if not may_read(user, talk):
        raise PermissionDenied("heart_talks.read")
    values = {"notes": cast(Sealed, talk.notes), "follow_up": cast(Sealed, talk.follow_up)}
    return reveal_all(user, f"查阅：{talk}", values, target=talk, request=request)


def read_trigger_note(trigger: MustTalk, *, user: Actor | None, request: HttpRequest | None = None) -> str:
    """The note of a trigger: the organization office and the talker named."""
    person = _person_of(user)
    office = person is not None and allowed(cast("Actor", user), "heart_talks.trigger")
    if person is None or person.township_id != trigger.township_id:
        raise PermissionDenied("heart_talks.read")
    if not (office or person.pk == trigger.talker_id):
        raise PermissionDenied("heart_talks.read")
    return reveal_all(
        user, f"查阅：{trigger}", {"note": cast(Sealed, trigger.note)}, target=trigger, request=request
    )["note"]


@dataclass(frozen=True)
class QuotaRow:
    quota: TalkQuota
    held: int
    status: str  # met / missed / due


def overview(township_id: int, year: int, today: datetime.date | None = None) -> list[QuotaRow]:
    """Every quota of the year against the talks held (met / missed / due)."""
    today = today or timezone.localdate()
    rows = []
    quotas = TalkQuota.objects.filter(township_id=township_id, starts_on__year=year).select_related(
        "talker", "talkee"
    )
    days: dict[tuple[int, int], list[datetime.date]] = {}
    seats = HeartTalkSeat.objects.filter(township_id=township_id, talk__held_on__year=year)
    for talker, person, day in seats.values_list("talk__talker_id", "person_id", "talk__held_on"):
        days.setdefault((talker, person), []).append(day)
    rank = {level: n for n, level in enumerate(checks.LEVELS)}
    ordered = sorted(quotas, key=lambda q: (rank.get(q.level, 9), q.talker.name, q.starts_on, q.talkee.name))
    for quota in ordered:
        pair = days.get((quota.talker_id, quota.talkee_id), [])
        count = sum(1 for day in pair if quota.starts_on <= day <= quota.ends_on)
        state = checks.QuotaState(quota.required, count, quota.ends_on)
        rows.append(QuotaRow(quota, count, state.status(today)))
    return rows
