"""The staff pages of petition cases (R21): the list, registering a case, a case's page with the
leader's instruction, routing, the extension (with its live rule check), the telling, the answer,
and the export in `zhidu.petition/1`. The petitioner's data shows only to those handling the case,
through `services.read`, which writes the audit entry."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhidu.core.access import requires, scoped
from zhidu.core.forms import attach_errors
from zhidu.core.permissions import Role, allowed, roles_of
from zhidu.petitions import access, checks, codes, inputs, judging, services
from zhidu.petitions.forms import AnswerForm, CaseForm, ExtendForm, InstructForm, RouteForm, TellForm
from zhidu.petitions.models import Case
from zhidu.petitions.views.common import load, panel, person_of

PAGE_SIZE = 50


@requires("petitions.view")
def case_list(request):
    person_of(request)
    rows = access.visible(request.user, scoped(Case.objects, request)).select_related("department", "leader")
    state = request.GET.get("state", "")
    if state in Case.State.values:
        rows = rows.filter(state=state)
    page = Paginator(rows.order_by("-received_on", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "petitions/list.html",
        {
            "page": page,
            "state": state,
            "states": Case.State.choices,
            "today": timezone.localdate(),
            "can_register": allowed(request.user, "petitions.register"),
            "can_report": allowed(request.user, "petitions.report"),
            "can_export": allowed(request.user, "petitions.export"),
        },
    )


@requires("petitions.register")
def case_new(request):
    person = person_of(request)
    today = timezone.localdate()
    leaders = inputs.leaders(request.township, today)
    form = CaseForm(
        request.POST or None, leaders=leaders, township=request.township, initial={"received_on": today}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.register(
                township=request.township, by=person, user=request.user, request=request, **data
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request,
                _("The case was registered. Give the petitioner the receipt code %(code)s.")
                % {"code": codes.grouped(case.code)},
            )
            return redirect("petitions:detail", case.pk)
    return render(request, "petitions/form.html", {"form": form}, status=400 if form.errors else 200)


def _detail(request, case: Case, forms: dict | None = None, status: int = 200):
    user = request.user
    handles = access.handles(user, case)
    personal = services.read(case, user=user, request=request, reason="办理来访事项") if handles else None
    township = request.township
    is_open = case.state != Case.State.ANSWERED
    party = access.party_office_of(user, case.township_id)
    forms = forms or {}
    leader = _leads(request)(case)
    context = {
        "case": case,
        "code": codes.grouped(case.code),
        "personal": personal,
        "is_open": is_open,
        "can_instruct": is_open and leader and allowed(user, "petitions.instruct"),
        "can_route": is_open and party,
        "can_extend": is_open and party and not case.extended,
        "can_tell": is_open and party and case.extended and case.extension_told_on is None,
        "can_answer": is_open and access.in_department(user, case),
        "can_export": allowed(user, "petitions.export"),
        "instruct_form": forms.get("instruct") or InstructForm(auto_id="instruct_%s"),
        "route_form": forms.get("route")
        or RouteForm(auto_id="route_%s", township=township, initial={"department": case.department_id}),
        "extend_form": forms.get("extend")
        or ExtendForm(auto_id="extend_%s", initial={"decided_on": timezone.localdate(), "days": 30}),
        "tell_form": forms.get("tell")
        or TellForm(auto_id="tell_%s", initial={"told_on": timezone.localdate()}),
        "answer_form": forms.get("answer")
        or AnswerForm(auto_id="answer_%s", initial={"answered_on": timezone.localdate()}),
        "readers": services.readers(case)[:50] if access.office_of(user, case.township_id) else [],
        **panel(case),
    }
    return render(request, "petitions/detail.html", context, status=status)


@requires("petitions.view")
def case_detail(request, pk: int):
    person_of(request)
    return _detail(request, load(request, pk))


@requires("petitions.register")
def case_receipt(request, pk: int):
    """The receipt (回执) the petitioner takes home: the code, the days, where to follow the case.
    No personal data: it may be lost."""
    case = load(request, pk)
    if not access.party_office_of(request.user, case.township_id):
        raise PermissionDenied("petitions.register")
    follow = request.build_absolute_uri(reverse("petitions:follow"))
    return render(
        request, "petitions/receipt.html", {"case": case, "code": codes.grouped(case.code), "follow": follow}
    )


def _act(request, pk: int, name: str, form_class, call, done: str, may=None, **form_kwargs):
    """One POST on a case: who may (before the form), the form, the service, back to the page
    (errors: the page, 400)."""
    person = person_of(request)
    case = load(request, pk)
    if may is not None and not may(case):
        raise PermissionDenied(name)
    form = form_class(request.POST, auto_id=f"{name}_%s", **form_kwargs)
    if form.is_valid():
        try:
            call(case, person, form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("petitions:detail", case.pk)
    case.refresh_from_db()
    return _detail(request, case, {name: form}, status=400)


def _leads(request):
    """The receiving leader, or the principal, instructs (批示)."""
    return lambda case: request.person.pk == case.leader_id or Role.PRINCIPAL in roles_of(request.user)


@require_POST
@requires("petitions.instruct")
def case_instruct(request, pk: int):
    def call(case, by, data):
        services.instruct(case, instruction=data["instruction"], by=by, user=request.user, request=request)

    return _act(
        request, pk, "instruct", InstructForm, call, _("The instruction was recorded."), may=_leads(request)
    )


@require_POST
@requires("petitions.route")
def case_route(request, pk: int):
    def call(case, by, data):
        services.route(case, department=data["department"], by=by, user=request.user, request=request)

    return _act(request, pk, "route", RouteForm, call, _("The case was routed."), township=request.township)


@require_POST
@requires("petitions.extend")
def case_extend(request, pk: int):
    def call(case, by, data):
        services.extend(case, by=by, user=request.user, request=request, **data)

    return _act(request, pk, "extend", ExtendForm, call, _("The extension was recorded."))


@require_POST
@requires("petitions.extend")
def extension_check(request, pk: int):
    """The live panel: the unsaved extension form judged by the same checks (htmx, debounced)."""
    case = load(request, pk)
    form = ExtendForm(request.POST, auto_id="extend_%s")
    form.is_valid()
    data = form.cleaned_data
    changes = {
        "decided_on": data.get("decided_on") or timezone.localdate(),
        "days": data.get("days") or 0,
        "reason": data.get("reason", ""),
        "told_on": data.get("told_on"),
    }
    error, evaluation = "", None
    try:
        checks.validate(judging.record_of(case, **changes))
        evaluation = judging.evaluate(case, **changes)
    except checks.InvalidRecord as invalid:
        error = str(invalid.message)
    return render(request, "petitions/_findings.html", {"case": case, **panel(case, evaluation, error)})


@require_POST
@requires("petitions.extend")
def case_tell(request, pk: int):
    def call(case, by, data):
        services.tell(case, by=by, user=request.user, request=request, **data)

    return _act(request, pk, "tell", TellForm, call, _("The telling was recorded."))


@require_POST
@requires("petitions.answer")
def case_answer(request, pk: int):
    def call(case, by, data):
        services.answer(
            case,
            text=data["answer"],
            answered_on=data["answered_on"],
            by=by,
            user=request.user,
            request=request,
        )

    return _act(
        request, pk, "answer", AnswerForm, call, _("The answer was recorded."),
        may=lambda case: access.in_department(request.user, case),
    )  # fmt: skip


def _json(payload, filename: str) -> HttpResponse:
    response = HttpResponse(
        json.dumps(payload, ensure_ascii=False, indent=1), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@requires("petitions.export")
def case_export(request, pk: int):
    """The case as a `zhidu.petition/1` file (`zhidu evaluate` judges it): no personal data."""
    case = load(request, pk)
    if not access.office_of(request.user, case.township_id):
        raise PermissionDenied("petitions.export")
    return _json(checks.to_document(judging.record_of(case)), f"petition-{case.code}.json")


@requires("petitions.export")
def export_all(request):
    """Every case of the township, each a `zhidu.petition/1` record with its receipt code."""
    person_of(request)
    rows = scoped(Case.objects, request).order_by("received_on", "id")
    payload = [{"code": c.code, "record": checks.to_document(judging.record_of(c))} for c in rows.iterator()]
    return _json(payload, "petitions.json")
