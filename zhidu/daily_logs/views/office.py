"""The party office's pages (R18 第三): the board of a day (who handed in, late, missing, away) and the
entry of a log a member reported by SMS or WeChat, with the time it was received."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from zhidu.core.access import requires
from zhidu.core.forms import attach_errors
from zhidu.core.permissions import allowed
from zhidu.daily_logs import checks, queries, services
from zhidu.daily_logs.forms import OfficeForm, parse_day, task_formset, task_inputs
from zhidu.daily_logs.views.access import person_of
from zhidu.daily_logs.views.member import carried_initial, live_findings
from zhidu.org.models import Person, team_on


@requires("daily_logs.board")
def board(request):
    now = timezone.now()
    day = parse_day(request.GET.get("day"), timezone.localdate(now))
    found = queries.board(request.township, day, now)
    context = {
        "board": found,
        "day": day,
        "monday": checks.monday_of(day),
        "previous": day - datetime.timedelta(days=1),
        "next": day + datetime.timedelta(days=1),
        "today": timezone.localdate(now),
        "counts": {
            s: found.count(s) for s in (checks.SUBMITTED, checks.LATE, checks.PENDING, checks.MISSING)
        },
        "can_enter": allowed(request.user, "daily_logs.enter"),
    }
    return render(request, "daily_logs/board.html", context)


@requires("daily_logs.enter")
def enter(request):
    office = person_of(request)
    now = timezone.now()
    today = timezone.localdate(now)
    day = parse_day(request.POST.get("day") or request.GET.get("day"), today)
    members = Person.objects.filter(pk__in=team_on(request.township, day).values("person")).order_by("pk")
    initial = {
        "day": day,
        "channel": "sms",
        "received_at": timezone.localtime(now).replace(second=0, microsecond=0),
    }
    carried: list[dict] = []
    wanted = request.GET.get("member", "")
    plain = wanted.isascii() and wanted.isdigit() and len(wanted) < 19  # an id either database holds
    chosen = members.filter(pk=int(wanted)).first() if plain else None
    if chosen is not None:
        initial["member"] = chosen.pk
        # The member's unfinished tasks carry forward into the entered log too.
        carried = carried_initial(queries.previous_log(chosen, day))
    form = OfficeForm(request.POST or None, members=members, initial=initial)
    formset = task_formset(request.POST or None, request.township, initial=carried)
    if request.method == "POST" and form.is_valid() & formset.is_valid():
        data = form.cleaned_data
        try:
            log = services.enter(
                member=data["member"], by=office, day=data["day"], channel=data["channel"],
                received_at=data["received_at"], summary=data["summary"], plan=data["plan"],
                support=data["support"], tasks=task_inputs(formset), user=request.user, request=request,
            )  # fmt: skip
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The log was entered with the time it was received."))
            return redirect(f"{_board_url()}?day={log.day.isoformat()}")
    params = services.parameters(request.township, day)
    findings = []
    if request.method == "POST":
        received = (
            form.cleaned_data.get("received_at") if form.is_bound and hasattr(form, "cleaned_data") else None
        )
        findings = live_findings(request.POST, day, received or now, params)
    context = {"form": form, "formset": formset, "findings": findings, "deadline": params.deadline_text}
    return render(
        request, "daily_logs/enter.html", context, status=400 if form.errors or formset.errors else 200
    )


def _board_url() -> str:
    from django.urls import reverse

    return reverse("daily_logs:board")
