"""The quota overview (R20): who has talked with whom against the quotas, met / missed / due."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from zhidu.core.access import requires
from zhidu.heart_talks import services

STATUSES = ("met", "missed", "due")


@requires("heart_talks.oversee")
def quotas(request):
    if not services.may_oversee(request.user, request.township.pk):
        raise PermissionDenied("heart_talks.oversee")
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year") or today.year)
    except ValueError:
        year = today.year
    if not 2000 <= year <= 2100:
        year = today.year
    rows = services.overview(request.township.pk, year, today)
    counts = {s: sum(1 for r in rows if r.status == s) for s in STATUSES}
    return render(request, "heart_talks/quotas.html", {"rows": rows, "year": year, "counts": counts})
