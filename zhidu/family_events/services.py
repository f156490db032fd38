"""The entry points of family-event declarations (R9): a leading cadre declares (a draft opens the
reporting obligation, submitting completes it), the office enters a funeral reported by phone, the
written form follows; the one audited read of the sealed content. Each checks the actor first
(MATRIX, the township, acting as themselves), then its input (refusals name the field, in Chinese),
changes the rows in one transaction and writes the audit entry. Audit summaries never carry the
content: the audit trail is read by more people than R9 allows. Review, spot checks and flags are in
oversight.py."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NoReturn, cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from zhidu.core import audit
from zhidu.core.models import AuditEntry
from zhidu.core.permissions import actor_of, allowed, require, require_person
from zhidu.family_events import checks
from zhidu.family_events.models import READ, Declaration, Kind, Whose, prohibitions_for
from zhidu.family_events.records import parameters
from zhidu.obligations.deadlines import DeadlineRule
from zhidu.obligations.services import complete_by_key, open_obligation, reschedule_by_key
from zhidu.org.models import Person
from zhidu.trust.sealing import Sealed, reveal_all

if TYPE_CHECKING:
    from django.http import HttpRequest

    from zhidu.core.permissions import Actor

State = Declaration.State
MAX_TEXT = 5000
WINDOW = datetime.timedelta(days=366)  # the spec's year: a declaration is of an event within it
# 领导干部: cadres at (deputy) section level, and the members of the team.
LEADING_RANKS = {Person.Rank.SECTION, Person.Rank.DEPUTY_SECTION}
EDITABLE = {State.DRAFT, State.CORRECTION, State.ORAL}


@dataclass
class Content:
    """What the declaration form carries (the 报告单's contents, R9§2, and the attestations, R9§1)."""

    kind: str = ""
    whose: str = Whose.SELF
    event_on: datetime.date | None = None
    purpose: str = ""
    time: str = ""
    place: str = ""
    guests: int | None = None
    standard: str = ""
    relatives: str = ""
    guest_list: str = ""
    attested: list[str] = field(default_factory=list)


def _refuse(field_name: str, message: str) -> NoReturn:
    raise ValidationError({field_name: message})


def is_leading_cadre(person: Person | None, day: datetime.date | None = None) -> bool:
    """R9 applies to 领导干部: an active cadre at (deputy) section level, or a member of the team."""
    if person is None or not person.active:
        return False
    if person.rank in LEADING_RANKS:
        return True
    day = day or timezone.localdate()
    return any(term.covers(day) for term in person.terms.all())


def reviews(user: Actor | None) -> bool:
    """R9: the township's own discipline inspection and organization office read every declaration."""
    return user is not None and allowed(user, "family_events.review")


def may_read(user: Actor | None, d: Declaration) -> bool:
    person = getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None
    if person is None:
        return False
    if person.pk == d.declarant_id:
        return True
    return reviews(user) and person.township_id == d.township_id


def may_write(user: Actor | None, d: Declaration) -> bool:
    """The declarant edits a draft, a declaration sent back for correction, and adds the written
    form after an oral report; discipline inspection may transcribe that paper form for them."""
    if d.state not in EDITABLE:
        return False
    person = getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None
    if person is None:
        return False
    if person.pk == d.declarant_id:
        return True
    return (
        d.state == State.ORAL
        and user is not None
        and allowed(user, "family_events.oral")
        and allowed(user, "family_events.review")
        and person.township_id == d.township_id
    )


def report_rule(kind: str, event_on: datetime.date, township_id: int) -> DeadlineRule:
    """R9§2: a funeral is reported before it is held (the day itself); any other event 10 days before,
    moved back past days off."""
    if kind == checks.FUNERAL:
        return DeadlineRule("fixed", event_on)
    return DeadlineRule("before_days", event_on, parameters(township_id, event_on).report_days)


def written_rule(event_on: datetime.date, township_id: int) -> DeadlineRule:
    """R9§2 口头报告的，需于事后10天内补报《报告单》."""
    return DeadlineRule("after_days", event_on, parameters(township_id, event_on).written_days)


def _clean(c: Content, today: datetime.date, *, submit: bool) -> Content:
    if c.kind not in Kind.values:
        _refuse("kind", "事宜类别：请选择婚、丧、生育、祝寿、乔迁、升迁或升学")
    if c.whose not in Whose.values:
        _refuse("whose", "事宜所属：请选择本人或直系亲属")
    if c.event_on is None:
        _refuse("event_on", "办理日期：请填写日期")
    if not today - WINDOW <= c.event_on <= today + WINDOW:
        _refuse("event_on", "办理日期：应在今天前后一年以内")
    for name in ("purpose", "time", "place", "standard", "relatives", "guest_list"):
        value = (getattr(c, name) or "").strip()
        if len(value) > (
            200 if name in ("purpose", "place", "standard") else 100 if name == "time" else MAX_TEXT
        ):
            _refuse(name, "内容过长：请精简")
        setattr(c, name, value)
    if c.guests is not None and not 0 <= c.guests <= 100000:
        _refuse("guests", "人数：应为0至100000之间的整数")
    allowed_codes = {p.value for p in prohibitions_for(c.kind)}
    c.attested = sorted(set(c.attested) & allowed_codes)
    if submit:
        labels = {"purpose": "办理事由", "time": "时间", "place": "地点", "standard": "标准"}
        for name, label in labels.items():
            if not getattr(c, name):
                _refuse(name, f"{label}：报告单须说明{label}（R9§2）")
        if c.guests is None:
            _refuse("guests", "人数：报告单须说明人数（R9§2）")
        missing = allowed_codes - set(c.attested)
        if missing:
            _refuse("attested", "纪律承诺：请逐项确认第一部分的每一项规定（R9§1）")
    return c


def _fill(d: Declaration, c: Content) -> None:
    for name in ("kind", "whose", "event_on", "purpose", "time", "place", "guests", "standard"):
        setattr(d, name, getattr(c, name))
    d.relatives, d.guest_list = c.relatives, c.guest_list  # sealed on save
    d.attested = c.attested


def _summary(d: Declaration) -> str:
    return f"{d}（{d.declarant.name}）"


def _open_report_duty(d: Declaration, user: Actor | None) -> None:
    open_obligation(
        township=d.township,
        kind="family-event-report",
        article="R9§2",
        title="报告婚丧嫁娶等事宜（《领导干部婚丧嫁娶等事宜报告单》）",
        key=f"family_events:{d.pk}:report",
        rule=report_rule(d.kind, d.event_on, d.township_id),
        assignee=d.declarant,
        source=d,
        actor=user,
    )


def _submit(d: Declaration, now: datetime.datetime) -> None:
    """The written form is handed in: the first report when nothing came before, else (after an oral
    report) the form that follows it; a corrected form keeps the day first reported."""
    today = timezone.localdate(now)
    if d.report_on is None:
        d.report_on, d.channel = today, Declaration.Channel.WRITTEN
    elif d.channel == Declaration.Channel.ORAL and d.written_on is None:
        d.written_on = today
    d.state = State.SUBMITTED
    d.submitted_at = now


def declare(
    *,
    declarant: Person,
    content: Content,
    submit: bool,
    user: Actor | None = None,
    request: HttpRequest | None = None,
    at: datetime.datetime | None = None,
) -> Declaration:
    """A leading cadre starts a declaration (a draft opens the reporting obligation, R9§2) or submits
    it at once (the obligation is opened and completed)."""
    user = actor_of(user, declarant)
    require(user, "family_events.declare", declarant)
    require_person(user, declarant, "family_events.declare")
    now = at or timezone.now()
    if not is_leading_cadre(declarant, timezone.localdate(now)):
        _refuse("kind", "申报人：本制度适用于领导干部（科级干部及班子成员）")
    content = _clean(content, timezone.localdate(now), submit=submit)
    with transaction.atomic():
        d = Declaration(township=declarant.township, declarant=declarant)
        _fill(d, content)
        if submit:
            _submit(d, now)
        d.save()
        _open_report_duty(d, user)
        if submit:
            complete_by_key(d.township, f"family_events:{d.pk}:report", by=user, at=now, request=request)
        audit.record(
            user,
            "family_events.submit" if submit else "family_events.start",
            d,
            summary=_summary(d),
            request=request,
        )
    return d


def update(
    d: Declaration,
    *,
    content: Content,
    submit: bool,
    user: Actor | None,
    request: HttpRequest | None = None,
    at: datetime.datetime | None = None,
) -> Declaration:
    """The declarant edits a draft or corrects a declaration sent back; after an oral report the
    written form is added (by the declarant, or transcribed by discipline inspection)."""
    require(user, "family_events.declare" if _own(user, d) else "family_events.oral", d)
    if not may_write(user, d):
        raise PermissionDenied("family_events.declare")
    now = at or timezone.now()
    previous = (d.kind, d.event_on, d.state)
    if d.state == State.ORAL:
        content.kind, content.event_on = d.kind, d.event_on  # the oral report fixed them
    content = _clean(content, timezone.localdate(now), submit=submit or d.state != State.DRAFT)
    with transaction.atomic():
        locked = Declaration.objects.select_for_update().get(pk=d.pk)
        if locked.state != previous[2]:
            _refuse("kind", "该申报已被处理，请刷新后再试")
        _fill(d, content)
        if submit or d.state != State.DRAFT:
            _submit(d, now)
        d.save()
        key = f"family_events:{d.pk}"
        if previous[2] == State.DRAFT and (d.kind, d.event_on) != previous[:2]:
            # A new day or kind moves the duty: R9 counts from the event, whatever was typed first.
            rule = report_rule(d.kind, d.event_on, d.township_id)
            reschedule_by_key(d.township, f"{key}:report", rule, by=user)
        if d.state == State.SUBMITTED:
            duties = ["report", "written"]
            if previous[2] == State.CORRECTION:
                asked = d.reviews.filter(decision="correct").order_by("-at", "-id").first()
                duties += [f"correction:{asked.pk}"] if asked else []
            for duty in duties:
                complete_by_key(d.township, f"{key}:{duty}", by=user, at=now, request=request)
        action = "family_events.submit" if d.state == State.SUBMITTED else "family_events.edit"
        audit.record(user, action, d, summary=_summary(d), request=request)
    return d


def _own(user: Actor | None, d: Declaration) -> bool:
    person = getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None
    return person is not None and person.pk == d.declarant_id


def enter_oral(
    *,
    declarant: Person,
    event_on: datetime.date | None,
    received_at: datetime.datetime | None,
    by: Person,
    content: Content | None = None,
    user: Actor | None = None,
    request: HttpRequest | None = None,
) -> Declaration:
    """R9§2: a funeral reported before it by phone (or in person), entered by the party office or
    discipline inspection with the time received; the written form is then owed within 10 days after."""
    user = actor_of(user, by)
    require(user, "family_events.oral", declarant)
    require_person(user, by, "family_events.oral")
    if declarant.township_id != by.township_id or not is_leading_cadre(declarant):
        _refuse("declarant", "报告人：须为本镇的领导干部")
    if received_at is None:
        _refuse("received_at", "接报时间：请填写接到电话的日期和时间")
    now = timezone.now()
    if received_at > now + datetime.timedelta(minutes=5):
        _refuse("received_at", "接报时间：不能晚于现在")
    content = content or Content()
    content.kind, content.event_on = Kind.FUNERAL, event_on
    content = _clean(content, timezone.localdate(now), submit=False)
    assert content.event_on is not None  # _clean refused a missing day
    if timezone.localdate(received_at) < content.event_on - WINDOW:
        _refuse("received_at", "接报时间：早于办理日前一年")
    with transaction.atomic():
        d = Declaration(township=declarant.township, declarant=declarant)
        _fill(d, content)
        d.state, d.channel = State.ORAL, Declaration.Channel.ORAL
        d.report_on, d.received_at, d.received_by = timezone.localdate(received_at), received_at, by
        d.save()
        open_obligation(
            township=d.township,
            kind="family-event-written",
            article="R9§2",
            title="补报《领导干部婚丧嫁娶等事宜报告单》（丧葬事宜口头报告后10天内）",
            key=f"family_events:{d.pk}:written",
            rule=written_rule(d.event_on, d.township_id),
            assignee=declarant,
            source=d,
            actor=user,
        )
        audit.record(user, "family_events.oral", d, summary=_summary(d), request=request)
    return d


def read(d: Declaration, *, user: Actor | None, request: HttpRequest | None = None, reason: str = "") -> dict:
    """The one way to the sealed content: the relatives and guests, the review notes, and (for the
    offices) the spot checks' findings and the flags' evidence, under ONE audit entry."""
    if not may_read(user, d):
        raise PermissionDenied("family_events.review")
    values: dict[str, Sealed] = {
        "relatives": cast(Sealed, d.relatives),
        "guest_list": cast(Sealed, d.guest_list),
    }
    reviews_ = list(d.reviews.select_related("by"))
    for r in reviews_:
        values[f"review:{r.pk}"] = cast(Sealed, r.note)
    office = reviews(user) and getattr(user, "person", None) is not None
    checks_ = list(d.spot_checks.select_related("by")) if office else []
    flags = list(d.flags.select_related("by")) if office else []
    for s in checks_:
        values[f"spot:{s.pk}"] = cast(Sealed, s.found)
    for f in flags:
        values[f"flag:{f.pk}"] = cast(Sealed, f.evidence)
    opened = {k: "" for k in values}
    if any(values.values()):
        opened = reveal_all(user, f"{reason or '查阅'}：{_summary(d)}", values, target=d, request=request)
    return {
        "relatives": opened["relatives"],
        "guest_list": opened["guest_list"],
        "reviews": [{"review": r, "note": opened[f"review:{r.pk}"]} for r in reviews_],
        "spot_checks": [{"check": s, "found": opened[f"spot:{s.pk}"]} for s in checks_],
        "flags": [{"flag": f, "evidence": opened[f"flag:{f.pk}"]} for f in flags],
    }


def readers(d: Declaration) -> QuerySet[AuditEntry]:
    """Who read this declaration's sealed content, newest first (the audit entries of its reads)."""
    return AuditEntry.objects.filter(
        township=d.township, action=READ, target_type="family_events.declaration", target_id=str(d.pk)
    ).order_by("-at", "-id")
