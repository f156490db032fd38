"""A branch in an assessment: its self-check report (filed by the cadre the plan names), the five
on-site steps and the scores (the office, with the live check panel), its rectification."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhidu.core.access import get_scoped, requires
from zhidu.core.forms import attach_errors
from zhidu.core.permissions import allowed
from zhidu.openness import services
from zhidu.openness.checks import STEPS, TIERS, check_scores, tier_for
from zhidu.openness.forms import RectifyForm, ReportForm, ScoreForm, StepsForm
from zhidu.openness.models import OpennessAssessment, UnitAssessment
from zhidu.openness.views.common import findings_context, person_of

S = OpennessAssessment.State


def _load(request, pk: int) -> UnitAssessment:
    return get_scoped(
        UnitAssessment.objects.select_related("assessment__sheet", "branch", "reporter"), request, pk=pk
    )


def _criteria(unit: UnitAssessment) -> list:
    return list(unit.assessment.sheet.criteria.all())


def _live(unit: UnitAssessment, form: ScoreForm) -> tuple[list, str]:
    """The same pure check on the unsaved scores, and the tier they would give."""
    given = {c.pk: str(form.data.get(f"score_{c.pk}", "")) for c in form.criteria}
    try:
        values, facts = services.parse_scores(unit, given)
    except ValidationError:
        return [], ""
    total = sum(v for v in values.values() if v is not None)
    rules = services.parameters(unit.township, unit.assessment.created_at.date())
    return check_scores(tuple(facts)), f"{total} · {TIERS[tier_for(total, rules)]}" if total else ""


def _page(request, unit: UnitAssessment, *, report=None, steps=None, scores=None, rectify=None, status=200):
    me = request.person
    state = unit.assessment.state
    own = me is not None and me.pk == unit.reporter_id
    manage = allowed(request.user, "openness.manage")
    given = {s.criterion_id: s.points for s in unit.scores.all()}
    criteria = _criteria(unit)
    score_form = scores or ScoreForm(initial={f"score_{k}": v for k, v in given.items()}, criteria=criteria)
    findings, preview = _live(unit, score_form) if score_form.is_bound else ([], "")
    context = {
        "unit": unit, "a": unit.assessment, "own": own, "manage": manage,
        "steps": [(label, getattr(unit, code)) for code, label in STEPS],
        "can_self_check": own and state in (S.DRAFT, S.PLAN_APPROVED) and allowed(request.user, "openness.self_check"),
        "on_site": manage and state == S.PLAN_APPROVED,
        "can_rectify": own and state == S.NOTIFIED and unit.tier == "fail" and unit.rectified_at is None,
        "report_form": report or ReportForm(initial={"report": unit.self_check}),
        "steps_form": steps or StepsForm(initial={code: getattr(unit, code) for code, _l in STEPS}),
        "score_form": score_form, "rectify_form": rectify or RectifyForm(), "preview": preview,
        **findings_context(findings),
    }  # fmt: skip
    return render(request, "openness/unit.html", context, status=status)


@requires("openness.view")
def unit_detail(request, pk: int):
    return _page(request, _load(request, pk))


@require_POST
@requires("openness.self_check")
def self_check(request, pk: int):
    unit = _load(request, pk)
    if request.person is None or request.person.pk != unit.reporter_id:
        raise PermissionDenied("openness.self_check")
    form = ReportForm(request.POST)
    if form.is_valid():
        try:
            services.file_self_check(unit, by=person_of(request), report=form.cleaned_data["report"],
                                     user=request.user, request=request)  # fmt: skip
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The self-check report was filed."))
            return redirect("openness:unit", unit.pk)
    return _page(request, unit, report=form, status=400)


@require_POST
@requires("openness.manage")
def steps(request, pk: int):
    unit = _load(request, pk)
    form = StepsForm(request.POST)
    if form.is_valid():
        try:
            services.record_steps(
                unit, by=person_of(request), notes=form.cleaned_data, user=request.user, request=request
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The on-site notes were saved."))
            return redirect("openness:unit", unit.pk)
    return _page(request, unit, steps=form, status=400)


@require_POST
@requires("openness.manage")
def score(request, pk: int):
    unit = _load(request, pk)
    form = ScoreForm(request.POST, criteria=_criteria(unit))
    if form.is_valid():
        given = {c.pk: form.cleaned_data[f"score_{c.pk}"] for c in form.criteria}
        try:
            services.score_unit(unit, by=person_of(request), given=given, user=request.user, request=request)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The scores were saved."))
            return redirect("openness:unit", unit.pk)
    return _page(request, unit, scores=form, status=400)


@require_POST
@requires("openness.manage")
def score_check(request, pk: int):
    unit = _load(request, pk)
    findings, preview = _live(unit, ScoreForm(request.POST, criteria=_criteria(unit)))
    return render(request, "openness/_findings.html", {**findings_context(findings), "preview": preview})


@require_POST
@requires("openness.self_check")
def rectify(request, pk: int):
    unit = _load(request, pk)
    if request.person is None or request.person.pk != unit.reporter_id:
        raise PermissionDenied("openness.self_check")
    form = RectifyForm(request.POST)
    if form.is_valid():
        try:
            services.rectify(unit, by=person_of(request), report=form.cleaned_data["rectification"],
                             user=request.user, request=request)  # fmt: skip
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The rectification report was filed."))
            return redirect("openness:unit", unit.pk)
    return _page(request, unit, rectify=form, status=400)
