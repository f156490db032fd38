"""The assessment procedure of 第十三条, one entry point a step: the office drafts the plan (with the
branches assessed, who files each self-check, the inspectors drawn, 第十三条(一)(三)); the committee's
approval is recorded; each branch files its self-check report (二); the office records the on-site
steps 一看二访三听四查五评 and the scores (四); it proposes the tiers from the scores (五), the leading
group decides, the committee approves and the office notifies. A 不合格 branch must then rectify
by a deadline (第十四条(二)), a duty of its reporter."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from zhidu.core import audit
from zhidu.core.permissions import actor_of, require, require_person
from zhidu.obligations.deadlines import DeadlineRule
from zhidu.obligations.services import complete_by_key, open_obligation
from zhidu.openness.checks import FAIL, STEPS, TIER_CN, ScoreFacts, check_scores, tier_for
from zhidu.openness.models import Inspector, OpennessAssessment, Score, UnitAssessment
from zhidu.openness.services.common import parameters, refuse, text
from zhidu.openness.services.publish import current_sheet
from zhidu.org.models import Branch, Person, Township

if TYPE_CHECKING:
    from django.http import HttpRequest

    from zhidu.core.permissions import Actor

__all__ = [
    "approve_plan", "approve_result", "create_assessment", "decide", "file_self_check", "notify", "propose",
    "parse_scores", "rectify", "record_steps", "rectify_key", "score_unit", "self_check_key",
]  # fmt: skip
S = OpennessAssessment.State


def self_check_key(unit: UnitAssessment) -> str:
    return f"openness:self-check:{unit.pk}"


def rectify_key(unit: UnitAssessment) -> str:
    return f"openness:rectify:{unit.pk}"


def _state(a: OpennessAssessment, *allowed: str) -> None:
    if a.state not in allowed:
        refuse("state", f"考核状态：当前为“{a.get_state_display()}”，不能进行此操作")


def _acting(user: Actor | None, by: Person, action: str, obj: object) -> Actor | None:
    user = actor_of(user, by)
    require(user, action, obj)
    require_person(user, by, action)
    return user


def create_assessment(
    *, township: Township, by: Person, year: int | None, kind: str | None, title: str | None, plan: str | None,
    units: list[tuple[Branch, Person]], inspectors: list[Person], concern: str | None = "",
    user: Actor | None = None, request: HttpRequest | None = None, at: datetime.datetime | None = None,
) -> OpennessAssessment:  # fmt: skip
    user = _acting(user, by, "openness.manage", township)
    if kind not in OpennessAssessment.Kind.values:
        refuse("kind", "考核方式：请选择集中考核、平时考核或年度考核")
    if year is None or not 2000 <= year <= 2100:
        refuse("year", "考核年度：请填写年份")
    title = text(title, "title", "考核名称")
    plan = text(plan, "plan", "考核方案", limit=10000)
    concern = text(concern, "concern", "群众关注的热点问题", required=kind == "concentrated")
    if not units:
        refuse("units", "被考核党支部：请至少选择一个党支部，并指定报送自查报告的干部")
    if not inspectors:
        refuse("inspectors", "监督员：请至少抽调一名监督员")
    for branch, person in units:
        if branch.township_id != township.pk or person.township_id != township.pk:
            refuse("units", "被考核党支部：须为本镇的党支部和干部")
    now = at or timezone.now()
    rules = parameters(township, timezone.localdate(now))
    with transaction.atomic():
        a = OpennessAssessment.objects.create(
            township=township, year=year, kind=kind, title=title, plan=plan, concern=concern,
            sheet=current_sheet(township, year), created_by=by, created_at=now,
        )  # fmt: skip
        for person in {p.pk: p for p in inspectors}.values():
            Inspector.objects.create(township=township, assessment=a, person=person)
        for branch, person in {b.pk: (b, p) for b, p in units}.values():
            unit = UnitAssessment.objects.create(
                township=township, assessment=a, branch=branch, reporter=person
            )
            open_obligation(
                township=township, kind="openness-self-check", article="R11§13", title=f"{branch.name}党务公开自查报告",
                key=self_check_key(unit), rule=DeadlineRule("after_days", timezone.localdate(now), rules.self_check_days),
                assignee=person, source=a, actor=user,
            )  # fmt: skip
        audit.record(user, "openness.assess", a, summary=f"考核方案：{title}", request=request)
    return a


def approve_plan(a: OpennessAssessment, *, by: Person, note: str | None, user: Actor | None = None,
                 request: HttpRequest | None = None) -> OpennessAssessment:  # fmt: skip
    """第十三条(一) "经镇党委审定后发文部署": the committee's approval, recorded."""
    user = _acting(user, by, "openness.approve", a)
    _state(a, S.DRAFT)
    note = text(note, "note", "党委审定情况")
    with transaction.atomic():
        OpennessAssessment.objects.filter(pk=a.pk).update(state=S.PLAN_APPROVED, plan_approved_note=note)
        audit.record(user, "openness.approve", a, summary=f"{a}：党委审定考核方案", request=request)
    a.refresh_from_db()
    return a


def file_self_check(unit: UnitAssessment, *, by: Person, report: str | None, user: Actor | None = None,
                    request: HttpRequest | None = None, at: datetime.datetime | None = None) -> UnitAssessment:  # fmt: skip
    """第十三条(二): the branch's written self-check, filed by the cadre the plan names."""
    user = _acting(user, by, "openness.self_check", unit)
    if unit.reporter_id != by.pk:
        refuse("report", "自查报告：由方案指定的干部报送")
    _state(unit.assessment, S.DRAFT, S.PLAN_APPROVED)
    report = text(report, "report", "自查报告", limit=10000)
    now = at or timezone.now()
    with transaction.atomic():
        UnitAssessment.objects.filter(pk=unit.pk).update(self_check=report, self_check_at=now)
        complete_by_key(unit.township, self_check_key(unit), by=user, at=now, request=request)
        audit.record(
            user, "openness.self_check", unit, summary=f"{unit.branch.name}报送自查报告", request=request
        )
    unit.refresh_from_db()
    return unit


def record_steps(unit: UnitAssessment, *, by: Person, notes: dict[str, str], user: Actor | None = None,
                 request: HttpRequest | None = None) -> UnitAssessment:  # fmt: skip
    """第十三条(四) 现场考核: the notes of 一看二访三听四查五评."""
    user = _acting(user, by, "openness.manage", unit)
    _state(unit.assessment, S.PLAN_APPROVED)
    values = {
        code: text(notes.get(code), code, str(label), required=False, limit=5000) for code, label in STEPS
    }
    with transaction.atomic():
        UnitAssessment.objects.filter(pk=unit.pk).update(**values)
        audit.record(user, "openness.steps", unit, summary=f"{unit.branch.name}现场考核记录", request=request)
    unit.refresh_from_db()
    return unit


def parse_scores(
    unit: UnitAssessment, given: dict[int, str]
) -> tuple[dict[int, Decimal | None], list[ScoreFacts]]:
    values: dict[int, Decimal | None] = {}
    facts = []
    for c in unit.assessment.sheet.criteria.all():
        raw = (given.get(c.pk) or "").strip()
        value = None
        if raw:
            try:
                value = Decimal(raw)
            except InvalidOperation:
                refuse(f"score_{c.pk}", f"{c.label}得分：请填写数字")
            if not value.is_finite() or value != value.quantize(Decimal("0.1")):
                refuse(f"score_{c.pk}", f"{c.label}得分：最多一位小数")
        values[c.pk] = value
        facts.append(ScoreFacts(c.label, c.points, value))
    return values, facts


def score_unit(unit: UnitAssessment, *, by: Person, given: dict[int, str], user: Actor | None = None,
               request: HttpRequest | None = None) -> UnitAssessment:  # fmt: skip
    """五评: the points per criterion of the year's sheet; the score is their sum."""
    user = _acting(user, by, "openness.manage", unit)
    _state(unit.assessment, S.PLAN_APPROVED)
    values, facts = parse_scores(unit, given)
    for f in check_scores(tuple(facts)):
        if f.code == "score-out-of-range":
            bad = next(
                pk
                for pk, s in zip(values, facts, strict=True)
                if s.given is not None and not 0 <= s.given <= s.points
            )
            refuse(f"score_{bad}", f.message)
        refuse("scores", f.message)
    total = sum((v for v in values.values() if v is not None), Decimal(0))
    with transaction.atomic():
        for pk, value in values.items():
            if value is None:
                continue
            Score.objects.update_or_create(
                township=unit.township, unit=unit, criterion_id=pk, defaults={"points": value}
            )
        UnitAssessment.objects.filter(pk=unit.pk).update(score=total)
        audit.record(user, "openness.score", unit, summary=f"{unit.branch.name}得分{total}", request=request)
    unit.refresh_from_db()
    return unit


def propose(
    a: OpennessAssessment, *, by: Person, user: Actor | None = None, request: HttpRequest | None = None
) -> OpennessAssessment:
    """第十三条(五) "提出考核意见": each branch's tier from its score, by the township's bands."""
    user = _acting(user, by, "openness.manage", a)
    _state(a, S.PLAN_APPROVED)
    units = list(a.units.select_related("branch"))
    unscored = [u.branch.name for u in units if u.score is None]
    if unscored:
        refuse("state", f"提出考核意见：{'、'.join(unscored)}尚未评分")
    rules = parameters(a.township, timezone.localdate())
    with transaction.atomic():
        for u in units:
            UnitAssessment.objects.filter(pk=u.pk).update(tier=tier_for(u.score or Decimal(0), rules))
        OpennessAssessment.objects.filter(pk=a.pk).update(state=S.PROPOSED)
        audit.record(user, "openness.propose", a, summary=f"{a}：提出考核档次", request=request)
    a.refresh_from_db()
    return a


def decide(a: OpennessAssessment, *, by: Person, note: str | None, tiers: dict[int, str] | None = None,
           user: Actor | None = None, request: HttpRequest | None = None) -> OpennessAssessment:  # fmt: skip
    """第十三条(五) "报镇党务公开工作领导小组确定考核档次": the leading group decides (it may change a tier)."""
    user = _acting(user, by, "openness.decide", a)
    _state(a, S.PROPOSED)
    note = text(note, "note", "领导小组确定情况")
    changes = {pk: t for pk, t in (tiers or {}).items() if t}
    if any(t not in TIER_CN for t in changes.values()):
        refuse("tiers", "考核档次：请选择优秀、良好、合格或不合格")
    with transaction.atomic():
        for pk, tier in changes.items():
            UnitAssessment.objects.filter(assessment=a, pk=pk).update(tier=tier)
        OpennessAssessment.objects.filter(pk=a.pk).update(state=S.DECIDED, decided_note=note)
        audit.record(user, "openness.decide", a, summary=f"{a}：领导小组确定档次", request=request)
    a.refresh_from_db()
    return a


def approve_result(a: OpennessAssessment, *, by: Person, note: str | None, user: Actor | None = None,
                   request: HttpRequest | None = None) -> OpennessAssessment:  # fmt: skip
    user = _acting(user, by, "openness.approve", a)
    _state(a, S.DECIDED)
    note = text(note, "note", "党委审定情况")
    with transaction.atomic():
        OpennessAssessment.objects.filter(pk=a.pk).update(state=S.APPROVED, approved_note=note)
        audit.record(user, "openness.approve_result", a, summary=f"{a}：党委审定考核结果", request=request)
    a.refresh_from_db()
    return a


def notify(a: OpennessAssessment, *, by: Person, on: datetime.date | None = None, user: Actor | None = None,
           request: HttpRequest | None = None) -> OpennessAssessment:  # fmt: skip
    """第十三条(五) "进行通报"; a 不合格 branch must rectify within the township's days (第十四条(二))."""
    user = _acting(user, by, "openness.manage", a)
    _state(a, S.APPROVED)
    on = on or timezone.localdate()
    rules = parameters(a.township, on)
    with transaction.atomic():
        OpennessAssessment.objects.filter(pk=a.pk).update(state=S.NOTIFIED, notified_on=on)
        for u in a.units.filter(tier=FAIL).select_related("branch"):
            open_obligation(
                township=a.township, kind="openness-rectify", article="R11§14", title=f"{u.branch.name}党务公开限期整改",
                key=rectify_key(u), rule=DeadlineRule("after_days", on, rules.rectify_days), assignee=u.reporter,
                source=a, actor=user,
            )  # fmt: skip
        audit.record(user, "openness.notify", a, summary=f"{a}：通报考核结果", request=request)
    a.refresh_from_db()
    return a


def rectify(unit: UnitAssessment, *, by: Person, report: str | None, user: Actor | None = None,
            request: HttpRequest | None = None, at: datetime.datetime | None = None) -> UnitAssessment:  # fmt: skip
    user = _acting(user, by, "openness.self_check", unit)
    if unit.reporter_id != by.pk or unit.tier != FAIL or unit.assessment.state != S.NOTIFIED:
        refuse("rectification", "整改报告：只有被评为不合格的党支部在通报后报送")
    report = text(report, "rectification", "整改报告", limit=10000)
    now = at or timezone.now()
    with transaction.atomic():
        UnitAssessment.objects.filter(pk=unit.pk).update(rectification=report, rectified_at=now)
        complete_by_key(unit.township, rectify_key(unit), by=user, at=now, request=request)
        audit.record(
            user, "openness.rectify", unit, summary=f"{unit.branch.name}报送整改报告", request=request
        )
    unit.refresh_from_db()
    return unit
