"""Discipline inspection's side of R9§3 (镇纪委…强化报送情况审核，加大明察暗访力度，对应报告未报告、不如实
报告或违反规定操办…的，依纪依规严肃查处): the review of each declaration (accept, or ask for a
correction with a note), spot checks (when, where, what was found) and flags with their evidence.
Entry points like services.py: permission, input, one transaction, the audit entry (never the
content), the obligations."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, NoReturn

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from zhidu.core import audit
from zhidu.core.permissions import actor_of, require, require_person
from zhidu.family_events.models import Declaration, Flag, Review, SpotCheck
from zhidu.obligations.services import open_obligation
from zhidu.org.models import Person

if TYPE_CHECKING:
    from django.http import HttpRequest

    from zhidu.core.permissions import Actor

State = Declaration.State
MAX_TEXT = 5000
FLAG_CN = {"unreported": "应报告未报告", "untrue": "不如实报告", "improper": "违反规定操办"}


def _refuse(field_name: str, message: str) -> NoReturn:
    raise ValidationError({field_name: message})


def _office(user: Actor | None, by: Person, action: str, township_id: int) -> Actor | None:
    """The township's own discipline inspection, acting as `by`, never through the county's switch."""
    user = actor_of(user, by)
    require(user, action)
    require_person(user, by, action)
    if by.township_id != township_id:
        raise PermissionDenied(f"{action}: another township")
    return user


def _text(value: str, field_name: str, label: str, *, required: bool = True, limit: int = MAX_TEXT) -> str:
    value = (value or "").strip()
    if required and not value:
        _refuse(field_name, f"{label}：请填写")
    if len(value) > limit:
        _refuse(field_name, f"{label}：不能超过{limit}字")
    return value


def review(
    d: Declaration,
    *,
    decision: str,
    note: str,
    by: Person,
    user: Actor | None = None,
    request: HttpRequest | None = None,
    at: datetime.datetime | None = None,
) -> Review:
    """Accept a submitted declaration, or send it back with a note saying what to correct (the
    declarant gets an obligation to correct it)."""
    user = _office(user, by, "family_events.decide", d.township_id)
    if by.pk == d.declarant_id:
        _refuse("decision", "审核：不能审核本人的申报")
    if decision not in Review.Decision.values:
        _refuse("decision", "审核意见：请选择“通过”或“退回补正”")
    note = _text(note, "note", "补正说明", required=decision == Review.Decision.CORRECT)
    now = at or timezone.now()
    with transaction.atomic():
        new_state = State.ACCEPTED if decision == Review.Decision.ACCEPT else State.CORRECTION
        if not Declaration.objects.filter(pk=d.pk, state=State.SUBMITTED).update(state=new_state):
            _refuse("decision", "审核：该申报不在待审核状态")
        d.state = new_state
        made = Review.objects.create(
            township=d.township, declaration=d, decision=decision, note=note, by=by, at=now
        )
        if decision == Review.Decision.CORRECT:
            # No deadline in R9 for a correction: an open duty without one, on the declarant's list.
            open_obligation(
                township=d.township,
                kind="family-event-correction",
                article="R9§3",
                title="按纪委审核意见补正婚丧嫁娶等事宜报告单",
                key=f"family_events:{d.pk}:correction:{made.pk}",
                rule=None,
                assignee=d.declarant,
                source=d,
                actor=user,
            )
        word = "通过" if decision == Review.Decision.ACCEPT else "退回补正"
        audit.record(
            user, "family_events.review", d, summary=f"{d}（{d.declarant.name}）：{word}", request=request
        )
    return made


def _subject(subject: Person | None, by: Person) -> Person:
    if subject is None or subject.township_id != by.township_id:
        _refuse("subject", "被检查干部：请选择本镇干部")
    return subject


def _declaration_of(d: Declaration | None, subject: Person) -> Declaration | None:
    if d is not None and (d.declarant_id != subject.pk or d.township_id != subject.township_id):
        _refuse("declaration", "所涉申报：须为该干部本人的申报")
    return d


def record_spot_check(
    *,
    subject: Person | None,
    checked_at: datetime.datetime | None,
    place: str,
    found: str,
    by: Person,
    declaration: Declaration | None = None,
    flag_code: str = "",
    user: Actor | None = None,
    request: HttpRequest | None = None,
) -> SpotCheck:
    """明察暗访: when and where, whose event, what was found; a breach found flags the cadre at once,
    the findings standing as the evidence."""
    user = _office(user, by, "family_events.spot_check", by.township_id)
    subject = _subject(subject, by)
    declaration = _declaration_of(declaration, subject)
    if checked_at is None:
        _refuse("checked_at", "检查时间：请填写日期和时间")
    if checked_at > timezone.now() + datetime.timedelta(minutes=5):
        _refuse("checked_at", "检查时间：不能晚于现在")
    place = _text(place, "place", "检查地点", limit=200)
    found = _text(found, "found", "检查情况")
    if flag_code and flag_code not in Flag.Code.values:
        _refuse("flag_code", "发现问题：请选择应报未报、不如实报告或违规操办")
    with transaction.atomic():
        check = SpotCheck.objects.create(
            township=by.township,
            subject=subject,
            declaration=declaration,
            checked_at=checked_at,
            place=place,
            found=found,
            by=by,
        )
        audit.record(
            user,
            "family_events.spot_check",
            check,
            summary=f"明察暗访 #{check.pk}（{subject.name}）",
            request=request,
        )
        if flag_code:
            _flag(subject, declaration, flag_code, found, by, user, request, check)
    return check


def _flag(subject, declaration, code, evidence, by, user, request, check=None) -> Flag:
    made = Flag.objects.create(
        township=by.township,
        subject=subject,
        declaration=declaration,
        spot_check=check,
        code=code,
        evidence=evidence,
        by=by,
        at=timezone.now(),
    )
    audit.record(
        user, "family_events.flag", made, summary=f"{subject.name}：{FLAG_CN[code]}", request=request
    )
    return made


def flag(
    *,
    subject: Person | None,
    code: str,
    evidence: str,
    by: Person,
    declaration: Declaration | None = None,
    user: Actor | None = None,
    request: HttpRequest | None = None,
) -> Flag:
    """应报未报, 不如实报告, 违规操办, with the evidence (sealed); about a declaration or none."""
    user = _office(user, by, "family_events.flag", by.township_id)
    subject = _subject(subject, by)
    declaration = _declaration_of(declaration, subject)
    if by.pk == subject.pk:
        _refuse("subject", "标记：不能标记本人")
    if code not in Flag.Code.values:
        _refuse("code", "问题类别：请选择应报未报、不如实报告或违规操办")
    evidence = _text(evidence, "evidence", "证据材料")
    with transaction.atomic():
        return _flag(subject, declaration, code, evidence, by, user, request)


def read_spot_check(check: SpotCheck, *, user: Actor | None, request: HttpRequest | None = None) -> dict:
    """A spot check's findings and its flags' evidence, under one audit entry; the township's own
    discipline inspection and organization office only."""
    from zhidu.family_events.services import reviews
    from zhidu.trust.sealing import Sealed, reveal_all

    person = getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None
    if person is None or not reviews(user) or person.township_id != check.township_id:
        raise PermissionDenied("family_events.review")
    flags = list(check.flags.all())
    values: dict[str, Sealed] = {"found": check.found}  # type: ignore[dict-item]
    for f in flags:
        values[f"flag:{f.pk}"] = f.evidence  # type: ignore[assignment]
    opened = reveal_all(
        user, f"查阅：明察暗访 #{check.pk}（{check.subject.name}）", values, target=check, request=request
    )
    return {
        "found": opened["found"],
        "flags": [{"flag": f, "evidence": opened[f"flag:{f.pk}"]} for f in flags],
    }
