"""Leave pages (R14§5): report (with the live check panel), read, acknowledge, cancel (销假)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhidu.coordination import services
from zhidu.coordination.checks import LeaveFacts, check_leave
from zhidu.coordination.forms import LeaveForm, ReturnForm
from zhidu.coordination.models import Leave
from zhidu.coordination.views.common import findings_context, person_of
from zhidu.core.access import get_scoped, requires
from zhidu.core.forms import attach_errors, error_text
from zhidu.core.permissions import allowed


def _facts(leave: Leave) -> LeaveFacts:
    expected = {p.pk for p in services.expected_acknowledgers(leave)}
    done = {a.principal_id for a in leave.acknowledgements.all()}
    return LeaveFacts(
        starts_at=leave.starts_at, ends_on=leave.ends_on, reported_at=leave.reported_at, now=timezone.now(),
        return_due_at=leave.return_due_at, returned_at=leave.returned_at, acknowledged=expected <= done,
    )  # fmt: skip


@requires("coordination.leave")
def leave_new(request):
    person = person_of(request)
    form = LeaveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            leave = services.report_leave(
                person=person, purpose=data["purpose"], destination=data["destination"],
                starts_at=data["starts_at"], ends_on=data["ends_on"], user=request.user, request=request,
            )  # fmt: skip
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Your leave was reported to the principals."))
            return redirect("coordination:leave", leave.pk)
    context = {"form": form, **findings_context(_live(form))}
    return render(request, "coordination/leave_form.html", context, status=400 if form.errors else 200)


def _live(form: LeaveForm) -> list:
    """The same pure check on the unsaved form: reported now, for the moment typed in."""
    if not form.is_bound:
        return []
    starts_at = ends_on = None
    for name in ("starts_at", "ends_on"):
        try:
            value = form.fields[name].clean(form.data.get(name, ""))
        except ValidationError:
            value = None
        if name == "starts_at":
            starts_at = value
        else:
            ends_on = value
    now = timezone.now()
    return check_leave(
        LeaveFacts(starts_at=starts_at, ends_on=ends_on, reported_at=now, now=now, acknowledged=True)
    )


@require_POST
@requires("coordination.leave")
def leave_check(request):
    return render(request, "coordination/_findings.html", findings_context(_live(LeaveForm(request.POST))))


def _detail(request, leave: Leave, return_form=None, status: int = 200):
    person = request.person
    acknowledged = {a.principal_id: a for a in leave.acknowledgements.select_related("principal")}
    expected = services.expected_acknowledgers(leave)
    own = person is not None and person.pk == leave.person_id
    context = {
        "leave": leave,
        "own": own,
        "acknowledgers": [{"person": p, "ack": acknowledged.get(p.pk)} for p in expected],
        "can_acknowledge": person is not None
        and allowed(request.user, "coordination.acknowledge")
        and person.pk in {p.pk for p in expected}
        and person.pk not in acknowledged,
        "can_return": own and leave.state == Leave.State.AWAY and allowed(request.user, "coordination.leave"),
        "return_form": return_form or ReturnForm(),
        **findings_context(check_leave(_facts(leave))),
    }
    return render(request, "coordination/leave_detail.html", context, status=status)


def _load(request, pk: int) -> Leave:
    return get_scoped(Leave.objects.select_related("person"), request, pk=pk)


@requires("coordination.view")
def leave_detail(request, pk: int):
    return _detail(request, _load(request, pk))


@require_POST
@requires("coordination.acknowledge")
def leave_acknowledge(request, pk: int):
    leave = _load(request, pk)
    try:
        services.acknowledge(leave, by=person_of(request), user=request.user, request=request)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Acknowledged."))
    return redirect("coordination:leave", leave.pk)


@require_POST
@requires("coordination.leave")
def leave_return(request, pk: int):
    leave = _load(request, pk)
    person = person_of(request)
    if leave.person_id != person.pk:
        raise PermissionDenied("coordination.leave")
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.cancel_leave(
                leave,
                person=person,
                report=form.cleaned_data["return_report"],
                user=request.user,
                request=request,
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Your leave is cancelled. Welcome back."))
            return redirect("coordination:leave", leave.pk)
    return _detail(request, leave, return_form=form, status=400)
