"""我的待办 (my duties) and the township compliance overview."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhidu.core.access import ZhiduRequest, get_scoped, requires, scoped
from zhidu.core.permissions import allowed
from zhidu.obligations import services
from zhidu.obligations.kinds import completed_at_source
from zhidu.obligations.models import Obligation, Reminder

State = Obligation.State
UNFINISHED = [State.OPEN, State.OVERDUE]


@requires("duties.view")
def duties(request: ZhiduRequest) -> HttpResponse:
    person = request.person
    mine = (
        scoped(Obligation.objects, request).filter(assignee=person) if person else Obligation.objects.none()
    )
    today = timezone.localdate()
    unfinished = list(mine.filter(state__in=UNFINISHED).order_by("due_at", "id")[:200])
    finished = list(mine.exclude(state__in=UNFINISHED).order_by("-completed_at", "-id")[:20])
    reminders = (
        list(
            Reminder.objects.filter(recipient=person, read_at__isnull=True).select_related("obligation")[:20]
        )
        if person
        else []
    )
    return render(
        request,
        "obligations/duties.html",
        {
            "overdue": [o for o in unfinished if o.state == State.OVERDUE],
            "due_today": [
                o
                for o in unfinished
                if o.state == State.OPEN and o.due_at and timezone.localdate(o.due_at) == today
            ],
            "upcoming": [
                o
                for o in unfinished
                if o.state == State.OPEN and not (o.due_at and timezone.localdate(o.due_at) == today)
            ],
            "finished": finished,
            "reminders": reminders,
        },
    )


@require_POST
@requires("duties.complete_own")
def complete(request: ZhiduRequest, pk: int) -> HttpResponse:
    obligation = get_scoped(Obligation.objects.select_related("assignee"), request, pk=pk)
    own = request.person is not None and obligation.assignee_id == request.person.pk
    if not own and not allowed(request.user, "duties.complete_any"):
        raise PermissionDenied
    if completed_at_source(obligation.kind):
        # Confirmed where it happens (e.g. on the meeting page), so the record there stays true.
        messages.error(request, _("This duty is fulfilled on its own page: %s") % obligation.title)
        return redirect("duties")
    if services.complete(obligation, by=request.user, request=request):
        text = _("Marked done late: %s") if obligation.state == State.DONE_LATE else _("Marked done: %s")
        messages.success(request, text % obligation.title)
    else:
        messages.info(request, _("Already finished: %s") % obligation.title)
    if request.htmx:
        return render(request, "obligations/_row.html", {"o": obligation, "now": timezone.now()})
    # Back to the page the duty was completed from, only if it is a path of this site: a posted
    # "next" is user input (an open redirect, or a 500 when it is neither a URL nor a view name).
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(target)
    return redirect("duties")


@requires("compliance.view")
def compliance(request: ZhiduRequest) -> HttpResponse:
    qs = scoped(Obligation.objects, request)
    by_kind = (
        qs.values("kind", "article")
        .annotate(
            total=Count("id"),
            open=Count("id", filter=Q(state=State.OPEN)),
            overdue=Count("id", filter=Q(state=State.OVERDUE)),
            done=Count("id", filter=Q(state=State.DONE)),
            done_late=Count("id", filter=Q(state=State.DONE_LATE)),
        )
        .order_by("article", "kind")
    )
    by_person = (
        qs.filter(assignee__isnull=False)
        .values("assignee__name")
        .annotate(
            overdue=Count("id", filter=Q(state=State.OVERDUE)),
            done_late=Count("id", filter=Q(state=State.DONE_LATE)),
            done=Count("id", filter=Q(state=State.DONE)),
            open=Count("id", filter=Q(state=State.OPEN)),
        )
        .order_by("-overdue", "-done_late", "assignee__name")
    )
    overdue = qs.filter(state=State.OVERDUE).select_related("assignee", "department").order_by("due_at")[:100]
    return render(
        request,
        "obligations/compliance.html",
        {
            "by_kind": list(by_kind),
            "by_person": list(by_person),
            "overdue": list(overdue),
        },
    )
