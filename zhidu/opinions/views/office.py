"""The staff pages of R16: the party office's list (filters by state, topic, village or unit),
entering a letter, phone call or visit, an opinion's page with its steps (the village's or unit's
verification and report, the analysis and proposal, the decision, what was done, a supervision item
in one click), the periodic publication of the results, and the monthly analysis. The submitter's
data shows only to those handling the opinion, through `services.read`, which writes the audit entry."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhidu.core.access import get_scoped, requires, scoped
from zhidu.core.chinese import punctuated
from zhidu.core.forms import attach_errors
from zhidu.core.permissions import allowed
from zhidu.opinions import access, monthly, services
from zhidu.opinions.forms import (
    AnalyseForm,
    CompleteForm,
    DecideForm,
    EnterForm,
    MonthlyForm,
    PublishForm,
    SuperviseForm,
    VerifyForm,
    place_choices,
    resolve_place,
)
from zhidu.opinions.models import MonthlyAnalysis, Opinion, Topic
from zhidu.opinions.views.public import _place_errors, live_check, representatives_context
from zhidu.petitions import codes
from zhidu.workdays.services import get_calendar

PAGE_SIZE = 50
SUPERVISION_WORKDAYS = 10  # the default feedback deadline offered: ten working days


def person_of(request):
    if request.person is None or request.person.township_id != request.township.pk:
        raise PermissionDenied("no person of this township")
    return request.person


def load(request, pk: int) -> Opinion:
    opinion = get_scoped(Opinion.objects.select_related("village", "department", "township"), request, pk=pk)
    if not access.sees(request.user, opinion):
        raise PermissionDenied("opinions.view")
    return opinion


@requires("opinions.view")
def opinion_list(request):
    person_of(request)
    rows = access.visible(request.user, scoped(Opinion.objects, request)).select_related(
        "village", "department"
    )
    state, topic, place = (request.GET.get(k, "") for k in ("state", "topic", "place"))
    if state in Opinion.State.values:
        rows = rows.filter(state=state)
    if topic in Topic.values:
        rows = rows.filter(topic=topic)
    village, department = resolve_place(request.township, place)
    if village is not None:
        rows = rows.filter(village=village)
    elif department is not None:
        rows = rows.filter(department=department)
    page = Paginator(rows.order_by("-submitted_on", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    query = f"state={state}&topic={topic}&place={place}"
    return render(
        request,
        "opinions/list.html",
        {
            "page": page,
            "state": state,
            "topic": topic,
            "place": place,
            "query": query,
            "states": Opinion.State.choices,
            "topics": Topic.choices,
            "places": place_choices(request.township),
            "can_enter": allowed(request.user, "opinions.enter"),
            "can_publish": allowed(request.user, "opinions.publish"),
            "can_analysis": allowed(request.user, "opinions.analysis"),
        },
    )


@requires("opinions.enter")
def opinion_new(request):
    person = person_of(request)
    form = EnterForm(request.POST or None, township=request.township)
    live_check(form, request.township)
    if request.method == "POST" and form.is_valid():
        try:
            opinion = services.submit(
                township=request.township, by=person, user=request.user, request=request,
                **form.cleaned_for_service(),
            )  # fmt: skip
        except ValidationError as error:
            attach_errors(form, _place_errors(error))
        else:
            messages.success(
                request,
                _("The opinion was entered. Tell the submitter the receipt code %(code)s.")
                % {"code": codes.grouped(opinion.code)},
            )
            return redirect("opinions:detail", opinion.pk)
    context = {"form": form, **representatives_context(form)}
    return render(request, "opinions/form.html", context, status=400 if form.errors else 200)


def _supervise_form(request, opinion: Opinion, data=None) -> SuperviseForm:
    today = timezone.localdate()
    deadline = get_calendar().after_workdays(today, SUPERVISION_WORKDAYS).date
    department = opinion.department
    initial = {
        "owner_department": department.pk if department else None,
        "owner_person": department.head_id if department else None,
        "deadline": deadline,
        "requirements": opinion.proposal,
    }
    return SuperviseForm(data, auto_id="supervise_%s", township=request.township, initial=initial)


def _detail(request, opinion: Opinion, forms: dict | None = None, status: int = 200):
    user = request.user
    handles = access.handles(user, opinion)
    personal = services.read(opinion, user=user, request=request, reason="办理社情民意") if handles else None
    party = access.party_office_of(user, opinion.township_id)
    forms = forms or {}
    S = Opinion.State
    verifies = access.verifies(user, opinion)
    context = {
        "opinion": opinion,
        "code": codes.grouped(opinion.code),
        "personal": personal,
        "steps": opinion.steps.select_related("by"),
        "can_verify": opinion.state == S.SUBMITTED and verifies,
        "can_report": opinion.state == S.VERIFIED and verifies,
        "can_analyse": opinion.state == S.REPORTED and party,
        "can_decide": opinion.state == S.ANALYSED and allowed(user, "opinions.decide"),
        "can_complete": opinion.state == S.ADOPTED and allowed(user, "opinions.decide"),
        "can_supervise": party and opinion.state != S.SUBMITTED and opinion.supervision_item_id is None,
        "verify_form": forms.get("verify") or VerifyForm(auto_id="verify_%s"),
        "analyse_form": forms.get("analyse") or AnalyseForm(auto_id="analyse_%s"),
        "decide_form": forms.get("decide") or DecideForm(auto_id="decide_%s"),
        "complete_form": forms.get("complete")
        or CompleteForm(auto_id="complete_%s", initial={"done_on": timezone.localdate()}),
        "supervise_form": forms.get("supervise") or _supervise_form(request, opinion),
        "readers": services.readers(opinion)[:50] if party else [],
    }
    return render(request, "opinions/detail.html", context, status=status)


@requires("opinions.view")
def opinion_detail(request, pk: int):
    person_of(request)
    return _detail(request, load(request, pk))


def _act(request, pk: int, name: str, form, call, done: str, may):
    """One POST on an opinion: who may (before the form), the form, the service, back to the page
    (errors: the page again, 400, the typed text kept)."""
    person = person_of(request)
    opinion = load(request, pk)
    if not may(opinion):
        raise PermissionDenied(name)
    bound = form(opinion)
    if bound.is_valid():
        try:
            call(opinion, person, bound.cleaned_data)
        except ValidationError as error:
            attach_errors(bound, error)
        else:
            messages.success(request, done)
            return redirect("opinions:detail", opinion.pk)
    opinion.refresh_from_db()
    return _detail(request, opinion, {name: bound}, status=400)


@require_POST
@requires("opinions.verify")
def opinion_verify(request, pk: int):
    def call(o, by, data):
        services.verify(o, by=by, user=request.user, request=request, **data)

    return _act(
        request, pk, "verify", lambda o: VerifyForm(request.POST, auto_id="verify_%s"), call,
        _("Verified and screened."), lambda o: access.verifies(request.user, o),
    )  # fmt: skip


@require_POST
@requires("opinions.verify")
def opinion_report(request, pk: int):
    person = person_of(request)
    opinion = load(request, pk)
    if not access.verifies(request.user, opinion):
        raise PermissionDenied("opinions.verify")
    try:
        services.send_up(opinion, by=person, user=request.user, request=request)
    except ValidationError as error:
        messages.error(request, punctuated("；").join(error.messages))
    else:
        messages.success(request, _("Reported to the party office."))
    return redirect("opinions:detail", opinion.pk)


@require_POST
@requires("opinions.analyse")
def opinion_analyse(request, pk: int):
    def call(o, by, data):
        services.analyse(o, by=by, user=request.user, request=request, **data)

    return _act(
        request, pk, "analyse", lambda o: AnalyseForm(request.POST, auto_id="analyse_%s"), call,
        _("The analysis and proposal were recorded."), lambda o: access.party_office_of(request.user, o.township_id),
    )  # fmt: skip


@require_POST
@requires("opinions.decide")
def opinion_decide(request, pk: int):
    def call(o, by, data):
        services.decide(o, by=by, user=request.user, request=request, **data)

    return _act(
        request, pk, "decide", lambda o: DecideForm(request.POST, auto_id="decide_%s"), call,
        _("The decision was recorded."), lambda o: True,
    )  # fmt: skip


@require_POST
@requires("opinions.decide")
def opinion_complete(request, pk: int):
    def call(o, by, data):
        services.complete(o, by=by, user=request.user, request=request, note=data["done_note"],
                          done_on=data["done_on"])  # fmt: skip

    return _act(
        request, pk, "complete", lambda o: CompleteForm(request.POST, auto_id="complete_%s"), call,
        _("What was done was recorded."), lambda o: True,
    )  # fmt: skip


@require_POST
@requires("opinions.supervise")
def opinion_supervise(request, pk: int):
    def call(o, by, data):
        services.supervise(o, by=by, user=request.user, request=request, **data)

    return _act(
        request, pk, "supervise", lambda o: _supervise_form(request, o, request.POST), call,
        _("A supervision item was registered (source: public mailbox letter)."),
        lambda o: access.party_office_of(request.user, o.township_id),
    )  # fmt: skip


@requires("opinions.publish")
def publish(request):
    """第二十一条: the results decided since the last publication, published at once."""
    person = person_of(request)
    rows = list(services.publishable(request.township).select_related("village", "department"))
    form = PublishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            done = services.publish_results(
                township=request.township, title=form.cleaned_data["title"], by=person, user=request.user,
                request=request,
            )  # fmt: skip
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("%(n)d results were published.") % {"n": len(done)})
            return redirect("opinions:publish")
    published = (
        scoped(Opinion.objects, request)
        .filter(state=Opinion.State.PUBLISHED)
        .order_by("-published_on", "-id")
    )
    return render(
        request,
        "opinions/publish.html",
        {
            "rows": [(o, services.reader_result(o)) for o in rows],
            "form": form,
            "published": published[:50],
        },
        status=400 if form.errors else 200,
    )


def _month(text: str, today: datetime.date) -> datetime.date:
    try:
        return datetime.date.fromisoformat(f"{text}-01")
    except ValueError:
        return today.replace(day=1)


@requires("opinions.analysis")
def analysis(request):
    """The monthly analysis: the month's opinions by topic, village or unit, state; the topics'
    trend over the months before; the party office's written analysis (its R16§20 duty)."""
    person_of(request)
    today = timezone.localdate()
    month = _month(request.GET.get("month", ""), today)
    row = MonthlyAnalysis.objects.filter(township=request.township, month=month).first()
    can_record = row is not None and row.done_on is None and allowed(request.user, "opinions.analyse")
    return render(
        request,
        "opinions/analysis.html",
        {
            "summary": monthly.summary(request.township, month),
            "month": month,
            "previous": monthly.previous_month(month),
            "next": monthly.month_end(month) + datetime.timedelta(days=1),
            "row": row,
            "can_record": can_record,
            "form": MonthlyForm(),
        },
    )


@requires("opinions.analysis")
def analysis_of(request, pk: int):
    """A month's analysis by its row (where its duty links to)."""
    row = get_scoped(MonthlyAnalysis.objects, request, pk=pk)
    return redirect(f"{reverse('opinions:analysis')}?month={row.month:%Y-%m}")


@require_POST
@requires("opinions.analyse")
def analysis_record(request, pk: int):
    person = person_of(request)
    row = get_scoped(MonthlyAnalysis.objects, request, pk=pk)
    form = MonthlyForm(request.POST)
    if form.is_valid():
        try:
            services.record_analysis(row, summary=form.cleaned_data["summary"], by=person, user=request.user,
                                     request=request)  # fmt: skip
        except ValidationError as error:
            messages.error(request, punctuated("；").join(error.messages))
        else:
            messages.success(request, _("The month's analysis was recorded."))
    else:
        messages.error(request, punctuated("；").join(str(e) for errs in form.errors.values() for e in errs))
    return redirect(f"{reverse('opinions:analysis')}?month={row.month:%Y-%m}")
