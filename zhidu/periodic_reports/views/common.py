"""Shared by the R15 pages: the acting person, the live check panel."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from zhidu.periodic_reports import checks
from zhidu.periodic_reports.services import draft_of
from zhidu.rules import SEVERITY_LABELS


def person_of(request):
    if request.person is None:
        raise PermissionDenied("no person")
    return request.person


def parse_day(text: str):
    import datetime

    try:
        return datetime.date.fromisoformat(text.strip())
    except ValueError:
        return None


def live_panel(request, duty: str, periods: list[checks.Period]):
    """The 制度检查 panel on the unsaved form: the same pure check the record is judged by."""
    today = timezone.localdate()
    data = request.POST
    period = next((p for p in periods if p.label == data.get("period")), periods[0])
    draft = draft_of(duty, period, data.get("channel", ""), data.get("content", ""),
                     parse_day(data.get("reported_on", "")), today)  # fmt: skip
    return render_panel(request, checks.check_report(draft), draft)


def render_panel(request, found, draft):
    return render(
        request,
        "periodic_reports/_findings.html",
        {"findings": found, "draft": draft, "severity_labels": SEVERITY_LABELS},
    )
