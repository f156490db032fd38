"""The Friday briefing pages (R14§3): the list, the party office opening this week's record
(pre-filled from the daily logs), editing it with the live check panel, closing it; a closed record
is read-only."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhidu.coordination import services
from zhidu.coordination.checks import BriefingFacts, LeaderFacts, check_briefing
from zhidu.coordination.documents import briefing_docx
from zhidu.coordination.forms import BriefingForm
from zhidu.coordination.models import Briefing
from zhidu.coordination.services.briefing import day_of_week
from zhidu.coordination.views.common import findings_context, person_of
from zhidu.core.access import get_scoped, requires, scoped
from zhidu.core.forms import error_text
from zhidu.core.pdf import document_response
from zhidu.core.permissions import allowed

PAGE_SIZE = 30
Draft = Briefing.State.DRAFT


def _load(request, pk: int) -> Briefing:
    return get_scoped(Briefing.objects.select_related("recorder"), request, pk=pk)


def _check(briefing: Briefing, held_on, entries) -> list:
    leaders = tuple(
        LeaderFacts(e.person.name, e.present, e.absence_reason, e.this_week, e.next_week) for e in entries
    )
    return check_briefing(BriefingFacts(briefing.week_of, held_on, day_of_week(briefing.week_of), leaders))


@requires("coordination.view")
def briefing_list(request):
    rows = scoped(Briefing.objects, request).order_by("-week_of")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "coordination/briefing_list.html",
        {"page": page, "can_brief": allowed(request.user, "coordination.briefing")},
    )  # fmt: skip


@requires("coordination.view")
def briefing_detail(request, pk: int):
    briefing = _load(request, pk)
    entries = list(briefing.entries.select_related("person"))
    context = {
        "briefing": briefing,
        "entries": entries,
        "can_edit": briefing.state == Draft and allowed(request.user, "coordination.briefing"),
        **findings_context(_check(briefing, briefing.held_on, entries)),
    }
    return render(request, "coordination/briefing_detail.html", context)


@requires("coordination.view")
def briefing_document(request, pk: int, pdf: bool = False):
    """The closed record as a Word document; a draft is not printed."""
    briefing = _load(request, pk)
    if briefing.state != Briefing.State.CLOSED:
        return redirect("coordination:briefing", briefing.pk)
    return document_response(
        briefing_docx(briefing), f"briefing-{briefing.held_on.isoformat()}.docx", pdf=pdf
    )


@require_POST
@requires("coordination.briefing")
def briefing_new(request):
    try:
        briefing = services.prepare_week(
            request.township, timezone.localdate(), by=person_of(request), user=request.user, request=request
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect("coordination:briefing-list")
    return (
        redirect("coordination:briefing-edit", briefing.pk)
        if briefing.state == Draft
        else redirect("coordination:briefing", briefing.pk)
    )


@require_POST
@requires("coordination.briefing")
def briefing_fill(request, pk: int):
    briefing = _load(request, pk)
    try:
        added = services.prepare(briefing, by=person_of(request), user=request.user, request=request)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect("coordination:briefing", briefing.pk)
    messages.success(request, _("%(n)s leaders added from the team and their daily logs.") % {"n": added})
    return redirect("coordination:briefing-edit", briefing.pk)


def _posted(request, entries):
    """The entries as typed (kept on a refused save) and as the service takes them."""
    values = {}
    for e in entries:
        pid = e.person_id
        e.present = request.POST.get(f"present_{pid}") == "on"
        e.absence_reason = request.POST.get(f"reason_{pid}", "")
        e.this_week = request.POST.get(f"this_week_{pid}", "")
        e.next_week = request.POST.get(f"next_week_{pid}", "")
        e.whole_team = request.POST.get(f"whole_team_{pid}", "")
        values[pid] = services.EntryInput(e.present, e.absence_reason, e.this_week, e.next_week, e.whole_team)
    return values


@requires("coordination.briefing")
def briefing_edit(request, pk: int):
    briefing = _load(request, pk)
    if briefing.state != Draft:
        return redirect("coordination:briefing", briefing.pk)
    entries = list(briefing.entries.select_related("person"))
    form = BriefingForm(request.POST or None, initial={"held_on": briefing.held_on, "place": briefing.place,
                                                       "notes": briefing.notes})  # fmt: skip
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        values = _posted(request, entries)
        if form.is_valid():
            data = form.cleaned_data
            try:
                version = int(request.POST.get("version", ""))
                services.save(
                    briefing, version=version, held_on=data["held_on"], place=data["place"], notes=data["notes"],
                    entries=values, by=person_of(request), user=request.user, request=request,
                )  # fmt: skip
                if "close" in request.POST:
                    services.close(briefing, version=briefing.version, by=person_of(request), user=request.user,
                                   request=request)  # fmt: skip
            except ValueError:
                errors.append(_("The form is out of date: reload the page."))
                status = 400
            except services.Conflicting:
                errors.append(
                    _("Someone else saved this record meanwhile: reload the page to see their changes.")
                )
                status = 409
            except ValidationError as error:
                errors.append(error_text(error))
                status = 400
            else:
                if briefing.state == Briefing.State.CLOSED:
                    messages.success(request, _("The briefing record is closed and filed."))
                    return redirect("coordination:briefing", briefing.pk)
                messages.success(request, _("Saved."))
                return redirect("coordination:briefing-edit", briefing.pk)
        else:
            status = 400
    held_on = form.cleaned_data.get("held_on") if form.is_bound and form.is_valid() else briefing.held_on
    context = {
        "briefing": briefing,
        "entries": entries,
        "form": form,
        "errors": errors,
        **findings_context(_check(briefing, held_on, entries)),
    }
    return render(request, "coordination/briefing_edit.html", context, status=status)


@require_POST
@requires("coordination.briefing")
def briefing_check(request, pk: int):
    """The live panel: the same pure check on the unsaved record."""
    briefing = _load(request, pk)
    entries = list(briefing.entries.select_related("person"))
    _posted(request, entries)
    form = BriefingForm(request.POST)
    held_on = form.cleaned_data.get("held_on") if form.is_valid() else None
    return render(
        request, "coordination/_findings.html", findings_context(_check(briefing, held_on, entries))
    )
