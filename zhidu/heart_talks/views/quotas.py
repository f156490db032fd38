"""The quota overview (R20): who has talked with whom against the quotas, met / missed / due."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from zhidu.core.access import get_scoped, requires, scoped
from zhidu.heart_talks import checks, services
from zhidu.heart_talks.models import HeartTalk, TalkQuota

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


@requires("heart_talks.view")
def quota_detail(request, pk: int):
    """One pair's quota: the talker, the person talked with, the party office and the principal."""
    quota = get_scoped(TalkQuota.objects.select_related("talker", "talkee"), request, pk=pk)
    me = request.person
    if me is None or not (
        me.pk in (quota.talker_id, quota.talkee_id) or services.may_oversee(request.user, quota.township_id)
    ):
        raise PermissionDenied("heart_talks.view")
    talks = (
        scoped(HeartTalk.objects, request)
        .filter(talker=quota.talker, seats__person=quota.talkee)
        .filter(held_on__gte=quota.starts_on, held_on__lte=quota.ends_on)
        .distinct()
        .order_by("held_on")
    )
    state = checks.QuotaState(quota.required, len(talks), quota.ends_on).status(timezone.localdate())
    context = {"quota": quota, "talks": talks, "status": state, "own": me.pk == quota.talker_id}
    return render(request, "heart_talks/quota.html", context)
