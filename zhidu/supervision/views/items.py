"""督查事项: the list with its filters, the overdue list, registering one (also in one click from a
passed team decision) and the detail page with its timeline."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhidu.core.access import get_scoped, requires
from zhidu.core.forms import attach_errors
from zhidu.core.permissions import allowed
from zhidu.meetings.models import AgendaEntry
from zhidu.supervision import checks, services
from zhidu.supervision.forms import RegisterForm
from zhidu.supervision.models import Source, SupervisionItem
from zhidu.supervision.views.common import load_item, render_detail, visible_items
from zhidu.workdays.services import get_calendar

State = SupervisionItem.State
PAGE_SIZE = 50


def _list(request, *, overdue: bool):
    items = visible_items(request)
    counts = dict(items.values_list("state").annotate(n=Count("id")))
    today = timezone.localdate()
    chosen = request.GET.get("state") if request.GET.get("state") in State.values else None
    overdue = overdue or request.GET.get("overdue") == "1"
    rows = items.select_related("owner_department", "owner_person")
    if chosen:
        rows = rows.filter(state=chosen)
    if overdue:
        rows = rows.filter(state=State.ASSIGNED, deadline__lt=today)
    rows = rows.order_by("deadline", "id") if overdue else rows.order_by("-year", "-number")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "supervision/item_list.html",
        {
            "page": page,
            "today": today,
            "chosen": chosen,
            "overdue": overdue,
            "filters": [(value, label, counts.get(value, 0)) for value, label in State.choices],
            "total": sum(counts.values()),
            "overdue_count": items.filter(state=State.ASSIGNED, deadline__lt=today).count(),
            "can_register": allowed(request.user, "supervision.register"),
            "can_report": allowed(request.user, "supervision.report"),
            "waiting": counts.get(State.REGISTERED, 0) if allowed(request.user, "supervision.approve") else 0,
        },
    )


@requires("supervision.view")
def item_list(request):
    return _list(request, overdue=False)


@requires("supervision.view")
def overdue_list(request):
    return _list(request, overdue=True)


def _prefill(request, entry_pk) -> tuple[dict, AgendaEntry | None]:
    """A passed agenda entry of a closed team meeting, as the registration's starting point."""
    try:
        pk = int(entry_pk)
    except (TypeError, ValueError):
        return {}, None
    entry = get_scoped(
        AgendaEntry.objects.select_related("meeting__minutes", "item__department"), request, pk=pk
    )
    if not services.passed_decision(entry):
        messages.error(
            request, _("Only a decision passed at a closed team meeting can be registered from here.")
        )
        return {}, None
    meeting, item = entry.meeting, entry.item
    minutes = getattr(meeting, "minutes", None)
    basis = f"{meeting.title}{f'（{minutes}）' if minutes else ''}：{entry.resolution or item.title}"
    initial = {
        # R2§14: what a secretary's office meeting settled, carried out by the deputy in charge.
        "source": Source.SECRETARY_OFFICE if meeting.body == "secretary_office" else Source.TEAM_DECISION,
        "matter": item.title,
        "basis": basis,
        "requirements": entry.resolution or "",
        "owner_department": item.department_id,
        "owner_person": services.deputy_in_charge(entry).pk,
        "entry": entry.pk,
    }
    return initial, entry


@require_POST
@requires("supervision.register")
def item_register_from_decision(request, entry_pk: int):
    """One click on a decision of a closed meeting registers it, pre-filled (R4/R7; R2§14: what a
    secretary's office meeting settled is followed by the party office). Registered once: a second
    click opens the item already registered."""
    if request.person is None:
        raise PermissionDenied("no person")
    entry = get_scoped(
        AgendaEntry.objects.select_related("meeting__minutes", "item__department", "item__owner"),
        request,
        pk=entry_pk,
    )
    already = entry.supervision_items.first()
    try:
        item = services.register_from_decision(entry, by=request.person, user=request.user, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("meetings:minutes", entry.meeting_id)
    if already is not None:
        messages.info(
            request,
            _("This decision is already under supervision: %(number)s.") % {"number": item.doc_number},
        )
    else:
        messages.success(
            request,
            _(
                "Registered as %(number)s, pre-filled from the meeting; check the deadline when assigning. It now awaits the principal's approval."
            )
            % {"number": item.doc_number},
        )
    return redirect("supervision:item-detail", item.pk)


@requires("supervision.register")
def item_register(request):
    if request.person is None:
        raise PermissionDenied("no person")
    initial, entry = _prefill(request, request.GET.get("entry")) if request.method == "GET" else ({}, None)
    form = RegisterForm(request.POST or None, township=request.township, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data.get("entry"):
            entry = AgendaEntry.objects.filter(township=request.township, pk=data["entry"]).first()
            if entry is None:
                form.add_error(None, _("The team decision was not found."))
        if not form.errors:
            try:
                item = services.register(
                    township=request.township,
                    by=request.person,
                    source=data["source"],
                    matter=data["matter"],
                    basis=data["basis"],
                    requirements=data["requirements"],
                    owner_department=data["owner_department"],
                    owner_person=data["owner_person"],
                    other_departments=list(data["other_departments"]),
                    deadline=data["deadline"],
                    source_entry=entry,
                    user=request.user,
                    request=request,
                )
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Registered as %(number)s. It now awaits the principal's approval.")
                    % {"number": item.doc_number},
                )
                return redirect("supervision:item-detail", item.pk)
    return render(
        request,
        "supervision/item_form.html",
        {"form": form, "entry": entry},
        status=400 if form.errors else 200,
    )


@requires("supervision.view")
def item_detail(request, pk: int):
    return render_detail(request, load_item(request, pk))


@requires("supervision.register")
def deadline_hint(request):
    """The live hint under a deadline field (R7, checks.deadline_on_a_day_off): asked by the field
    itself when it changes (htmx), before anything is saved."""
    raw = request.GET.get("deadline") or request.GET.get("new_deadline") or ""
    advice = None
    try:
        day = datetime.date.fromisoformat(raw) if len(raw) == 10 else None
    except ValueError:
        day = None
    if day is not None:
        calendar = get_calendar()
        advice = checks.deadline_on_a_day_off(day, calendar.is_workday, calendar.next_workday_on_or_after)
    return render(request, "supervision/_deadline_hint.html", {"advice": advice})
