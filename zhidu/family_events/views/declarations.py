"""The declarant's pages: the list, the 报告单 form with its live rule check (htmx), the detail (the
audited read), and the office's entry of a funeral reported by phone."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhidu.core.access import requires, scoped
from zhidu.core.forms import MAX_ID, attach_errors
from zhidu.core.permissions import allowed
from zhidu.family_events import checks, records, services
from zhidu.family_events.forms import DeclarationForm, FlagForm, OralForm, ReviewForm
from zhidu.family_events.models import Declaration, prohibitions_for
from zhidu.family_events.views.common import load, person_of, reviewer
from zhidu.workdays.services import get_calendar

PAGE_SIZE = 50


@requires("family_events.declare")
def declaration_list(request):
    person = person_of(request)
    office = reviewer(request)
    rows = scoped(Declaration.objects, request).select_related("declarant")
    if not office:
        rows = rows.filter(declarant=person)
    state = request.GET.get("state", "")
    if state in Declaration.State.values:
        rows = rows.filter(state=state)
    page = Paginator(rows.order_by("-event_on", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "family_events/list.html",
        {
            "page": page,
            "reviewer": office,
            "state": state,
            "states": Declaration.State.choices,
            "can_declare": services.is_leading_cadre(person),
            "can_oral": allowed(request.user, "family_events.oral"),
            "can_spot_check": office and allowed(request.user, "family_events.spot_check"),
        },
    )


def _form_page(request, form, declaration, status=200):
    return render(
        request,
        "family_events/form.html",
        {"form": form, "declaration": declaration, **_live(form, declaration, request.township.pk)},
        status=status,
    )


def _save(request, declaration: Declaration | None):
    form = DeclarationForm(request.POST or None, fixed=declaration)
    if request.method == "POST" and form.is_valid():
        submit = request.POST.get("action") != "draft"
        try:
            if declaration is None:
                declaration = services.declare(
                    declarant=person_of(request),
                    content=form.content(),
                    submit=submit,
                    user=request.user,
                    request=request,
                )
            else:
                services.update(
                    declaration, content=form.content(), submit=submit, user=request.user, request=request
                )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            if declaration.state == Declaration.State.SUBMITTED:
                messages.success(request, _("Your declaration was submitted to discipline inspection."))
            else:
                messages.success(
                    request, _("Saved. The declaration is on your list of duties until you submit it.")
                )
            return redirect("family_events:detail", declaration.pk)
    return _form_page(request, form, declaration, status=400 if form.errors else 200)


@requires("family_events.declare")
def declaration_new(request):
    if not services.is_leading_cadre(person_of(request)):
        raise PermissionDenied("family_events.declare")
    return _save(request, None)


@requires("family_events.declare")
def declaration_edit(request, pk: int):
    d = load(request, pk)
    if not services.may_write(request.user, d):
        raise PermissionDenied("family_events.declare")
    if request.method == "GET":
        content = services.read(d, user=request.user, request=request, reason="修改申报")
        initial = {
            "kind": d.kind, "whose": d.whose, "event_on": d.event_on, "purpose": d.purpose, "time": d.time,
            "place": d.place, "guests": d.guests, "standard": d.standard, "attested": d.attested,
            "relatives": content["relatives"], "guest_list": content["guest_list"],
        }  # fmt: skip
        form = DeclarationForm(initial=initial, fixed=d)
        return _form_page(request, form, d)
    return _save(request, d)


def _live(form, declaration: Declaration | None, township_id: int) -> dict:
    """The rule check of the unsaved form: the record as if handed in today (R9§2), judged by the
    same pure checks as `zhidu evaluate`."""
    raw = form.data if form.is_bound else form.initial
    kind = (
        declaration.kind if declaration and declaration.state == Declaration.State.ORAL else raw.get("kind")
    )
    try:
        event_on = (
            declaration.event_on
            if declaration and declaration.state == Declaration.State.ORAL
            else datetime.date.fromisoformat(str(raw.get("event_on") or ""))
        )
    except ValueError:
        event_on = None
    if kind not in checks.KINDS or event_on is None:
        return {"live": None}
    today = timezone.localdate()
    if declaration is not None and declaration.report_on is not None:
        report = checks.Report(declaration.report_on, declaration.channel)
        written_on = today if declaration.channel == "oral" else None
    else:
        report, written_on = checks.Report(today, "written"), None

    def number(value):
        try:
            return int(str(value))
        except ValueError:
            return None

    attested = raw.getlist("attested") if hasattr(raw, "getlist") else list(raw.get("attested") or [])
    record = checks.FamilyEvent(
        kind,
        event_on,
        report,
        written_on,
        checks.Details(
            str(raw.get("purpose") or ""),
            str(raw.get("time") or ""),
            str(raw.get("place") or ""),
            number(raw.get("guests")),
            str(raw.get("standard") or ""),
        ),
        {p.value for p in prohibitions_for(kind)} <= set(attested),
    )
    params = records.parameters(township_id, event_on)
    return {"live": checks.evaluate(record, get_calendar(), params), "today": today}


def _live_oral(data, township_id: int) -> dict:
    """The phone report as it is typed: a funeral reported orally on the day the call came, so the
    panel shows whether it came before the funeral and when the written form is due (R9§2)."""
    try:
        event_on = datetime.date.fromisoformat(str(data.get("event_on") or ""))
        received = datetime.date.fromisoformat(str(data.get("received_at") or "")[:10])
    except ValueError:
        return {"live": None}
    record = checks.FamilyEvent(
        checks.FUNERAL, event_on, checks.Report(received, "oral"), None, checks.Details(), True
    )
    params = records.parameters(township_id, event_on)
    return {"live": checks.evaluate(record, get_calendar(), params)}


@require_POST
@requires("family_events.declare")
def declaration_check(request):
    """htmx: the live check panel of the form, judged on every change (debounced)."""
    if request.POST.get("mode") == "oral":
        return render(request, "family_events/_check.html", _live_oral(request.POST, request.township.pk))
    declaration = None
    raw = request.POST.get("declaration", "")
    if raw.isascii() and raw.isdigit() and int(raw) <= MAX_ID:
        declaration = load(request, int(raw))
    form = DeclarationForm(request.POST, fixed=declaration)
    return render(request, "family_events/_check.html", _live(form, declaration, request.township.pk))


def _detail(request, d: Declaration, review_form=None, flag_form=None, status=200):
    own = d.declarant_id == person_of(request).pk
    office = reviewer(request)
    reason = "查阅本人申报" if own and not office else "审核申报"
    content = services.read(d, user=request.user, request=request, reason=reason)
    context = {
        "d": d,
        "content": content,
        "own": own,
        "reviewer": office,
        "evaluation": records.evaluate(d),
        "prohibitions": [(p, p.value in d.attested) for p in prohibitions_for(d.kind)],
        "can_write": services.may_write(request.user, d),
        "can_review": office
        and allowed(request.user, "family_events.decide")
        and d.state == Declaration.State.SUBMITTED
        and not own,
        "can_flag": office and allowed(request.user, "family_events.flag") and not own,
        "review_form": review_form or ReviewForm(auto_id="review_%s"),
        "flag_form": flag_form or FlagForm(auto_id="flag_%s"),
        "readers": services.readers(d)[:50] if office else [],
    }
    return render(request, "family_events/detail.html", context, status=status)


@requires("family_events.declare")
def declaration_detail(request, pk: int):
    return _detail(request, load(request, pk))


@requires("family_events.oral")
def oral_new(request):
    person = person_of(request)
    form = OralForm(request.POST or None, township=request.township)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            d = services.enter_oral(
                declarant=data["declarant"],
                event_on=data["event_on"],
                received_at=data["received_at"],
                by=person,
                content=form.content(),
                user=request.user,
                request=request,
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            due = records.evaluate(d).obligations
            messages.success(
                request,
                _("The phone report of %(name)s was recorded; the written form is due by %(due)s.")
                % {"name": d.declarant.name, "due": f"{due[0].due:%Y年%-m月%-d日}" if due else "—"},
            )
            return redirect("family_events:list")
    live = _live_oral(form.data, request.township.pk) if form.is_bound else {"live": None}
    return render(
        request, "family_events/oral.html", {"form": form, **live}, status=400 if form.errors else 200
    )
