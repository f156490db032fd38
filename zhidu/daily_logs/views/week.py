"""A member's week (R18): the seven days with their logs and findings, the weekly review (R18 第四)
filed beside the week's logs, and the export of a period in `zhidu.daily-log/1`."""

from __future__ import annotations

import datetime
import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from zhidu.core.access import requires
from zhidu.core.forms import attach_errors
from zhidu.daily_logs import checks, queries, services
from zhidu.daily_logs.exchange import MAX_DAYS, export
from zhidu.daily_logs.forms import ReviewForm, parse_day
from zhidu.daily_logs.views.access import member_for, person_of, reads_all


@requires("daily_logs.view")
def member_week(request, pk: int):
    member = member_for(request, pk)
    now = timezone.now()
    monday = checks.monday_of(parse_day(request.GET.get("week"), timezone.localdate(now)))
    days, review = queries.week(member, monday, now)
    context = {
        "member": member,
        "monday": monday,
        "sunday": monday + datetime.timedelta(days=6),
        "days": days,
        "review": review,
        "previous": monday - datetime.timedelta(days=7),
        "next": monday + datetime.timedelta(days=7),
        "reads_all": reads_all(request),
        "own": request.person is not None and request.person.pk == member.pk,
    }
    return render(request, "daily_logs/week.html", context)


@requires("daily_logs.review")
def review(request):
    """The member files this week's review with the week's logs beside it."""
    me = person_of(request)
    now = timezone.now()
    monday = checks.monday_of(timezone.localdate(now))
    days, filed = queries.week(me, monday, now)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and filed is None and form.is_valid():
        try:
            services.file_review(
                member=me, review=form.cleaned_data["review"], problems=form.cleaned_data["problems"],
                user=request.user, request=request,
            )  # fmt: skip
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Your weekly review was filed."))
            return redirect("daily_logs:member-week", me.pk)
    context = {"form": form, "days": days, "review": filed, "monday": monday, "member": me,
               "sunday": monday + datetime.timedelta(days=6)}  # fmt: skip
    return render(request, "daily_logs/review.html", context, status=400 if form.errors else 200)


@requires("daily_logs.view")
def member_export(request, pk: int):
    """The member's logs of a period (default: this year up to today) as `zhidu.daily-log/1`, the
    file `zhidu evaluate` judges exactly as the board does."""
    member = member_for(request, pk)
    today = timezone.localdate()
    end = parse_day(request.GET.get("to"), today)
    start = parse_day(request.GET.get("from"), datetime.date(end.year, 1, 1))
    if start > end or (end - start).days + 1 > MAX_DAYS:
        start = max(datetime.date(end.year, 1, 1), end - datetime.timedelta(days=MAX_DAYS - 1))
    body = json.dumps(export(queries.period_of(member, start, end)), ensure_ascii=False, indent=1)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    name = f"daily-log-{member.pk}-{start.isoformat()}-{end.isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
