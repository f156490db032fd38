"""The entry points of requested talks (R19): publish a talk day, book, decline with an explanation,
record the talk and its requests (one 约谈意见处理卡 each), review and hand a card to a unit, answer it;
and the audited reads. Each checks the permission first (MATRIX, the township, acting as oneself),
then the input (refusals name the field, in Chinese), writes in one transaction with its audit entry
and the obligations. Audit summaries and obligation titles never carry what was said."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, NoReturn, cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from zhidu.core import audit
from zhidu.core.permissions import actor_of, allowed, require, require_person
from zhidu.obligations.deadlines import DeadlineRule, resolve
from zhidu.obligations.services import complete_by_key, open_obligation
from zhidu.org.models import Department, Person, Township, team_on
from zhidu.requested_talks import checks, periodic
from zhidu.requested_talks.models import Channel, FollowUpCard, TalkBooking, TalkDay, Topic
from zhidu.rules import VIOLATION, parameters_for
from zhidu.trust.sealing import Sealed, bound, reveal_all
from zhidu.workdays.services import get_calendar

if TYPE_CHECKING:
    from django.http import HttpRequest

    from zhidu.core.permissions import Actor

MAX_TEXT = 5000
State = TalkBooking.State
CardState = FollowUpCard.State
FIELD_OF = {
    "no-day": "day",
    "day-past": "day",
    "not-talk-day": "day",
    "day-twice": "day",
    "too-many-days": "day",
}


def _refuse(field: str, message: str) -> NoReturn:
    raise ValidationError({field: message})


def _me(user: Actor | None) -> Person | None:
    return getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None


def params(township: Township | int, day: datetime.date) -> checks.RequestedTalkParameters:
    return cast(checks.RequestedTalkParameters, parameters_for(township, checks.AREA, day))


def standing(person: Person, day: datetime.date) -> checks.Standing:
    terms = [t for t in team_on(person.township, day) if t.person_id == person.pk]
    return checks.Standing(
        person.pk, bool(terms), any(t.is_principal for t in terms), frozenset(t.role for t in terms)
    )


def talk_days(leader: Person | None) -> tuple[datetime.date, ...]:
    if leader is None:
        return ()
    return tuple(
        TalkDay.objects.filter(township=leader.township, leader=leader).values_list("day", flat=True)
    )


def draft(
    cadre: Person, talker: Person | None, designated: bool, day: datetime.date | None, urgent: bool
) -> checks.BookingDraft:
    today = timezone.localdate()
    return checks.BookingDraft(
        cadre=standing(cadre, today),
        talker=standing(talker, today) if talker is not None else None,
        cadre_leader_id=cadre.leader_id,
        designated=designated,
        day=day,
        urgent=urgent,
        talk_days=talk_days(talker),
        today=today,
    )


def _oversees(user: Actor | None, township_id: int) -> bool:
    me = _me(user)
    return (
        me is not None
        and me.township_id == township_id
        and allowed(cast("Actor", user), "requested_talks.oversee")
    )


def may_read(user: Actor | None, booking: TalkBooking) -> bool:
    """四.4: the two people, the organization office and discipline inspection."""
    me = _me(user)
    if me is None or me.township_id != booking.township_id:
        return False
    return me.pk in (booking.cadre_id, booking.talker_id) or _oversees(user, booking.township_id)


def may_read_card(user: Actor | None, card: FollowUpCard) -> bool:
    """A card also reaches the leader who reviews it and the head of the unit it is handed to (四.3)."""
    me = _me(user)
    if me is None or me.township_id != card.township_id:
        return False
    if may_read(user, card.booking) or me.pk == card.reviewer_id:
        return True
    return card.department is not None and card.department.head_id == me.pk


def publish_day(
    *,
    leader: Person,
    day: datetime.date | None,
    user: Actor | None = None,
    request: HttpRequest | None = None,
) -> TalkDay:
    user = actor_of(user, leader)
    require(user, "requested_talks.days", leader)
    require_person(user, leader, "requested_talks.days")
    if day is None:
        _refuse("day", "约谈日：请选择日期")
    most = params(leader.township, day).talk_days_per_month
    for finding in checks.check_talk_day(day, talk_days(leader), timezone.localdate(), most):
        _refuse("day", finding.message)
    with transaction.atomic():
        made = TalkDay.objects.create(township=leader.township, leader=leader, day=day)
        complete_by_key(leader.township, periodic.days_key(leader, day), by=user, request=request)
        audit.record(
            user,
            "requested_talks.days",
            made,
            summary=f"{leader.name}公布约谈日{day.isoformat()}",
            request=request,
        )
    return made


def book(
    *,
    cadre: Person,
    talker: Person | None,
    designated: bool,
    channel: str,
    topics: list[str],
    day: datetime.date | None,
    urgent: bool,
    summary: str,
    user: Actor | None = None,
    request: HttpRequest | None = None,
) -> TalkBooking:
    """三: a cadre books a talk with the leader the hierarchy names (or one they designate)."""
    user = actor_of(user, cadre)
    require(user, "requested_talks.book", cadre)
    require_person(user, cadre, "requested_talks.book")
    if talker is not None and talker.township_id != cadre.township_id:
        _refuse("talker", "接谈领导：须为本镇党委班子成员")
    if channel not in Channel.values:
        _refuse("channel", "预约方式：请选择电话、邮件、书面或当面")
    if not topics or any(t not in Topic.values for t in topics):
        _refuse("topics", "约谈内容：请至少选择一项")
    for finding in checks.check_booking(draft(cadre, talker, designated, day, urgent)):
        if finding.severity == VIOLATION:
            _refuse(FIELD_OF.get(finding.code, "talker"), finding.message)
    summary = (summary or "").strip()
    if not summary:
        _refuse("summary", "主要约谈内容：请说明主要约谈内容")
    if len(summary) > MAX_TEXT:
        _refuse("summary", f"主要约谈内容：不能超过{MAX_TEXT}字")
    assert talker is not None and day is not None  # refused above
    with transaction.atomic():
        booking = TalkBooking.objects.create(
            township=cadre.township, cadre=cadre, talker=talker, designated=designated, channel=channel,
            topics=sorted(set(topics)), day=day, urgent=urgent, summary=summary,
        )  # fmt: skip
        open_obligation(
            township=cadre.township, kind="requested-talk", article="R19§3", title=f"接受{cadre.name}约谈",
            key=f"rtalk:{booking.pk}:hold", rule=DeadlineRule("fixed", day), assignee=talker, source=booking,
            actor=user,
        )  # fmt: skip
        audit.record(
            user,
            "requested_talks.book",
            booking,
            summary=f"{booking}（{cadre.name}约{talker.name}）",
            request=request,
        )
    return booking


def _talker_of(user: Actor | None, booking: TalkBooking, by: Person, action: str) -> Actor | None:
    user = actor_of(user, by)
    require(user, action, booking)
    require_person(user, by, action)
    if by.pk != booking.talker_id:
        raise PermissionDenied(f"{action}: only the leader asked")
    if booking.state != State.BOOKED:
        _refuse("record", "该约谈已处理")
    return user


def decline(
    booking: TalkBooking,
    *,
    by: Person,
    explanation: str,
    user: Actor | None = None,
    request: HttpRequest | None = None,
) -> TalkBooking:
    """二 "条件不具备时向约谈人作出说明": a designated leader who cannot receive the talk explains why."""
    user = _talker_of(user, booking, by, "requested_talks.record")
    if not booking.designated:
        _refuse("explanation", "说明：按干部管理权限应由您接受约谈，不能推辞")
    explanation = (explanation or "").strip()
    if not explanation or len(explanation) > MAX_TEXT:
        _refuse("explanation", "说明：请写明不能接受约谈的原因（不超过5000字）")
    with transaction.atomic():
        TalkBooking.objects.filter(pk=booking.pk).update(
            state=State.DECLINED, explanation=bound(TalkBooking, "explanation", booking.pk, explanation)
        )
        complete_by_key(booking.township, f"rtalk:{booking.pk}:hold", by=user, request=request)
        audit.record(
            user, "requested_talks.decline", booking, summary=f"{booking}：作出说明", request=request
        )
    booking.refresh_from_db()
    return booking


def record(
    booking: TalkBooking,
    *,
    by: Person,
    held_on: datetime.date | None,
    text: str,
    requests: list[str],
    reviewer: Person | None = None,
    user: Actor | None = None,
    request: HttpRequest | None = None,
) -> TalkBooking:
    """四.3: the talk is recorded; each request goes on a follow-up card, reviewed by the relevant
    leader (the talker unless another is named) within the review working days."""
    user = _talker_of(user, booking, by, "requested_talks.record")
    today = timezone.localdate()
    if held_on is None or held_on > today:
        _refuse("held_on", "约谈日期：请填写不晚于今天的日期")
    text = (text or "").strip()
    if not text or len(text) > MAX_TEXT:
        _refuse("record", "约谈记录：请记录约谈情况（不超过5000字）")
    requests = [r.strip() for r in requests if r.strip()]
    if any(len(r) > 1000 for r in requests) or len(requests) > 20:
        _refuse("requests", "提出的要求：每条不超过1000字，至多20条")
    reviewer = reviewer or by
    if not standing(reviewer, today).member or reviewer.township_id != booking.township_id:
        _refuse("reviewer", "审阅领导：须为本镇党委班子成员")
    workdays = params(booking.township, held_on).card_review_workdays
    with transaction.atomic():
        claimed = TalkBooking.objects.filter(pk=booking.pk, state=State.BOOKED).update(
            state=State.HELD, held_on=held_on, record=bound(TalkBooking, "record", booking.pk, text)
        )
        if not claimed:
            _refuse("record", "该约谈已处理")
        for number, item in enumerate(requests, start=1):
            card = FollowUpCard.objects.create(
                township=booking.township, booking=booking, number=number, request=item, reviewer=reviewer
            )
            open_obligation(
                township=booking.township, kind="talk-card-review", article="R19§4", title=f"审阅{card}",
                key=f"rtalk-card:{card.pk}:review", rule=DeadlineRule("after_workdays", held_on, workdays),
                assignee=reviewer, source=card, actor=user,
            )  # fmt: skip
        complete_by_key(booking.township, f"rtalk:{booking.pk}:hold", by=user, request=request)
        audit.record(
            user,
            "requested_talks.record",
            booking,
            summary=f"{booking}：已约谈，处理卡{len(requests)}张",
            request=request,
        )
    booking.refresh_from_db()
    return booking


def hand_over(
    card: FollowUpCard,
    *,
    by: Person,
    department: Department | None,
    note: str = "",
    user: Actor | None = None,
    request: HttpRequest | None = None,
    at: datetime.datetime | None = None,
) -> FollowUpCard:
    """四.3 "经相关领导审阅后，由相关单位…做好协调、落实工作": the reviewer hands the card to a unit,
    whose head answers within the answer days."""
    user = actor_of(user, by)
    require(user, "requested_talks.review", card)
    require_person(user, by, "requested_talks.review")
    if by.pk != card.reviewer_id:
        raise PermissionDenied("requested_talks.review: only the reviewer")
    if card.state != CardState.REVIEW:
        _refuse("department", "该处理卡已交办")
    if department is None or department.township_id != card.township_id:
        _refuse("department", "承办单位：请选择本镇的单位")
    if department.head_id is None:
        _refuse("department", "承办单位：该单位未设负责人，无法交办")
    note = (note or "").strip()
    if len(note) > MAX_TEXT:
        _refuse("note", f"审阅意见：不能超过{MAX_TEXT}字")
    now = at or timezone.now()
    rule = DeadlineRule(
        "after_days", timezone.localdate(now), params(card.township, timezone.localdate(now)).card_answer_days
    )
    due_at = resolve(rule, get_calendar()).due_at
    with transaction.atomic():
        claimed = FollowUpCard.objects.filter(pk=card.pk, state=CardState.REVIEW).update(
            state=CardState.HANDED,
            department=department,
            review_note=bound(FollowUpCard, "review_note", card.pk, note),
            handed_at=now,
            due_at=due_at,
        )
        if not claimed:
            _refuse("department", "该处理卡已交办")
        card.refresh_from_db()
        complete_by_key(card.township, f"rtalk-card:{card.pk}:review", by=user, at=now, request=request)
        open_obligation(
            township=card.township, kind="talk-card-answer", article="R19§4", title=f"办理{card}并答复",
            key=f"rtalk-card:{card.pk}:answer", rule=rule, assignee=department.head, department=department,
            source=card, actor=user,
        )  # fmt: skip
        audit.record(
            user, "requested_talks.review", card, summary=f"{card}：交{department.name}办理", request=request
        )
    return card


def answer(
    card: FollowUpCard,
    *,
    by: Person,
    text: str,
    user: Actor | None = None,
    request: HttpRequest | None = None,
    at: datetime.datetime | None = None,
) -> FollowUpCard:
    """The head of the unit answers; the answer goes back to the cadre (their talk's page)."""
    user = actor_of(user, by)
    require(user, "requested_talks.answer", card)
    require_person(user, by, "requested_talks.answer")
    if card.state != CardState.HANDED or card.department is None or card.department.head_id != by.pk:
        raise PermissionDenied("requested_talks.answer: only the head of the unit handling it")
    text = (text or "").strip()
    if not text or len(text) > MAX_TEXT:
        _refuse("answer", "答复：请填写办理情况和答复意见（不超过5000字）")
    now = at or timezone.now()
    with transaction.atomic():
        claimed = FollowUpCard.objects.filter(pk=card.pk, state=CardState.HANDED).update(
            state=CardState.ANSWERED,
            answer=bound(FollowUpCard, "answer", card.pk, text),
            answered_by=by,
            answered_at=now,
        )
        if not claimed:
            _refuse("answer", "该处理卡已答复")
        card.refresh_from_db()
        complete_by_key(card.township, f"rtalk-card:{card.pk}:answer", by=user, at=now, request=request)
        audit.record(user, "requested_talks.answer", card, summary=f"{card}：已答复", request=request)
    return card


def read(booking: TalkBooking, *, user: Actor | None, request: HttpRequest | None = None) -> dict:
    """The one way to a talk's words: the booking's and its cards' sealed fields under ONE audit entry."""
    if not may_read(user, booking):
        raise PermissionDenied("requested_talks.read")
    cards = list(booking.cards.select_related("department", "reviewer", "answered_by"))
    values: dict[str, Sealed] = {
        "summary": cast(Sealed, booking.summary),
        "explanation": cast(Sealed, booking.explanation),
        "record": cast(Sealed, booking.record),
    }
    for card in cards:
        for name in ("request", "review_note", "answer"):
            values[f"{card.pk}:{name}"] = cast(Sealed, getattr(card, name))
    opened = reveal_all(
        user, f"查阅：{booking}（{booking.cadre.name}）", values, target=booking, request=request
    )
    return {
        "summary": opened["summary"],
        "explanation": opened["explanation"],
        "record": opened["record"],
        "cards": [
            {"card": c, **{n: opened[f"{c.pk}:{n}"] for n in ("request", "review_note", "answer")}}
            for c in cards
        ],
    }


def read_card(
    card: FollowUpCard, *, user: Actor | None, request: HttpRequest | None = None
) -> dict[str, str]:
    if not may_read_card(user, card):
        raise PermissionDenied("requested_talks.read")
    values = {n: cast(Sealed, getattr(card, n)) for n in ("request", "review_note", "answer")}
    return reveal_all(user, f"查阅：{card}", values, target=card, request=request)
