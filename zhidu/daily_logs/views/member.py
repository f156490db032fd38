"""A team member's daily log on the phone (R18): today's form, pre-filled from yesterday's plan and
carrying its unfinished tasks forward, with the live check panel (the same pure checks on the
unsaved form); and one log's page."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhidu.core.access import get_scoped, requires
from zhidu.core.forms import attach_errors
from zhidu.core.permissions import allowed
from zhidu.daily_logs import checks, queries, services
from zhidu.daily_logs.forms import MAX_TASKS, LogForm, parse_day, task_formset, task_inputs
from zhidu.daily_logs.models import DailyLog
from zhidu.daily_logs.views.access import log_for, person_of, reads_all
from zhidu.org.models import TeamMembership
from zhidu.workdays.services import get_calendar


def carried_initial(previous: DailyLog | None) -> list[dict]:
    if previous is None:
        return []
    return [
        {"task": t.task, "reason": t.reason, "owner": t.owner_id, "due": t.due, "origin": t.pk}
        for t in previous.unfinished.all()
    ]


@requires("daily_logs.view")
def today(request):
    """The member's log of today: the form, or the log handed in. Readers who keep no log go to
    the board."""
    me = person_of(request)
    now = timezone.now()
    today_ = timezone.localdate(now)
    if not allowed(request.user, "daily_logs.submit"):
        return redirect("daily_logs:board")
    # A past day's log may be handed in late, within services.EARLIEST_DAYS_BACK (?day=).
    day = parse_day(request.POST.get("day") or request.GET.get("day"), today_)
    if not today_ - datetime.timedelta(days=services.EARLIEST_DAYS_BACK) <= day <= today_:
        day = today_
    existing = queries.with_tasks(
        DailyLog.objects.filter(township=request.township, member=me, day=day)
    ).first()
    params = services.parameters(request.township, day)
    context = {
        "day": day,
        "workday": get_calendar().is_workday(day),
        "deadline": params.deadline_text,
        "monday": checks.monday_of(day),
        "reads_all": reads_all(request),
        "missing_days": queries.missing_days(me, today_, now),
        "is_today": day == today_,
    }
    if existing is not None:
        entry = queries.entry_of(existing)
        context |= {"log": existing, "findings": checks.entry_findings(entry, params, reader=True),
                    "late": checks.is_late(entry, params)}  # fmt: skip
        return render(request, "daily_logs/today.html", context)
    previous = queries.previous_log(me, day)
    form = LogForm(request.POST or None, initial={"summary": previous.plan if previous else ""})
    formset = task_formset(request.POST or None, request.township, initial=carried_initial(previous))
    if request.method == "POST" and form.is_valid() & formset.is_valid():
        try:
            log = services.submit(
                member=me, day=day, summary=form.cleaned_data["summary"], plan=form.cleaned_data["plan"],
                support=form.cleaned_data["support"], tasks=task_inputs(formset), user=request.user,
                request=request,
            )  # fmt: skip
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Your daily log was handed in to the party office."))
            return redirect("daily_logs:log-detail", log.pk)
    # The panel judges the form as it stands, from its first display: after the deadline it says so
    # before anything is typed.
    shown = request.POST if request.method == "POST" else {"summary": form["summary"].value() or ""}
    findings = live_findings(shown, day, now, params)
    context |= {"form": form, "formset": formset, "previous": previous, "findings": findings,
                "check_url_day": day.isoformat()}  # fmt: skip
    return render(
        request, "daily_logs/today.html", context, status=400 if form.errors or formset.errors else 200
    )


def _posted_tasks(data) -> tuple[checks.Task, ...]:
    try:
        total = min(int(data.get("task-TOTAL_FORMS", "0")), MAX_TASKS)
    except ValueError:
        total = 0
    tasks = []
    for n in range(max(total, 0)):
        text = data.get(f"task-{n}-task", "").strip()
        if not text:
            continue
        due = parse_day(data.get(f"task-{n}-due"), datetime.date.min)
        tasks.append(
            checks.Task(
                text,
                data.get(f"task-{n}-reason", "").strip(),
                data.get(f"task-{n}-owner", "").strip(),
                due if due != datetime.date.min else None,
            )
        )
    return tuple(tasks)


def parse_moment(value: str) -> datetime.datetime | None:
    """A datetime-local value (2026-10-13T18:20) as an aware moment in the township's zone."""
    try:
        moment = datetime.datetime.fromisoformat(value)
        if moment.year < 2000:
            return None
        return moment if timezone.is_aware(moment) else timezone.make_aware(moment)
    except (ValueError, OverflowError):
        return None


def live_findings(data, day: datetime.date, at: datetime.datetime, params) -> list:
    """The findings the unsaved form would have, judged by the same pure checks (R18§2, §3)."""
    entry = checks.Entry(
        day=day,
        submitted_at=at,
        summary=data.get("summary", ""),
        plan=data.get("plan", ""),
        unfinished=_posted_tasks(data),
    )
    return checks.entry_findings(entry, params, reader=True)


@require_POST
@requires("daily_logs.view")
def check(request):
    """The live check panel (htmx, debounced): the member's form judged now, or the office's entry
    judged at the time the report was received."""
    today = timezone.localdate()
    day = parse_day(request.POST.get("day"), today)
    at = timezone.now()
    received = request.POST.get("received_at", "")
    if received:
        at = parse_moment(received) or at
    params = services.parameters(request.township, day)
    findings = live_findings(request.POST, day, at, params)
    return render(
        request, "daily_logs/_checks.html", {"findings": findings, "deadline": params.deadline_text}
    )


@requires("daily_logs.view")
def due(request, pk: int):
    """The page of a day's duty (zhidu.obligations): the member's log form; the board's readers see
    the member's week."""
    term = get_scoped(TeamMembership.objects.all(), request, pk=pk)
    if request.person is not None and term.person_id == request.person.pk:
        return redirect("daily_logs:today")
    if reads_all(request):
        return redirect("daily_logs:member-week", term.person_id)
    raise PermissionDenied("daily_logs.view")


@requires("duties.view")
def log_detail(request, pk: int):
    log = log_for(request, pk)
    log = queries.with_tasks(DailyLog.objects.filter(pk=log.pk)).get()
    params = services.parameters(request.township, log.day)
    entry = queries.entry_of(log)
    context = {
        "log": log,
        "findings": checks.entry_findings(entry, params, reader=True)
        if get_calendar().is_workday(log.day)
        else [],
        "late": checks.is_late(entry, params),
        "deadline": params.deadline_text,
        "reads_all": reads_all(request),
    }
    return render(request, "daily_logs/log_detail.html", context)
