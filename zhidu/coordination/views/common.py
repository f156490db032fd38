"""Shared by the R14 views: the acting person, the township's day, findings for the templates, and
the overview page (who is away, my leaves, what awaits me, this week's briefing)."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from zhidu.coordination.checks import monday_of
from zhidu.coordination.models import Briefing, Leave, LeaveAcknowledgement, MatterReport
from zhidu.core.access import requires, scoped
from zhidu.core.permissions import allowed
from zhidu.org.absences import away_on
from zhidu.org.models import Person
from zhidu.rules.findings import SEVERITY_LABELS

LIST_SIZE = 30


def person_of(request) -> Person:
    if request.person is None:
        raise PermissionDenied("no person")
    return request.person


def findings_context(findings) -> dict:
    return {"findings": [{"f": f, "label": SEVERITY_LABELS[f.severity]} for f in findings]}


def sees_all_matters(request) -> bool:
    return allowed(request.user, "coordination.acknowledge") or allowed(request.user, "coordination.briefing")


@requires("coordination.view")
def index(request):
    today = timezone.localdate()
    person = request.person
    township = request.township
    away = sorted(away_on(township, today).values(), key=lambda a: a.person_id)
    names = dict(
        Person.objects.filter(township=township, pk__in=[a.person_id for a in away]).values_list("pk", "name")
    )
    leaves = scoped(Leave.objects, request).select_related("person")
    mine = list(leaves.filter(person=person)[:LIST_SIZE]) if person is not None else []
    to_acknowledge = []
    if person is not None and allowed(request.user, "coordination.acknowledge"):
        done = LeaveAcknowledgement.objects.filter(township=township, principal=person).values("leave_id")
        to_acknowledge = list(
            leaves.exclude(person=person)
            .exclude(pk__in=done)
            .filter(starts_on__gte=today - datetime.timedelta(days=60))[:LIST_SIZE]
        )
    matters = scoped(MatterReport.objects, request).select_related("author", "principal")
    if not sees_all_matters(request):
        matters = matters.filter(author=person) if person is not None else matters.none()
    context = {
        "today": today,
        "away": [{"name": names.get(a.person_id, ""), "absence": a} for a in away],
        "mine": mine,
        "to_acknowledge": to_acknowledge,
        "recent": list(leaves[:LIST_SIZE]),
        "briefing": scoped(Briefing.objects, request).filter(week_of=monday_of(today)).first(),
        "matters": list(matters[:LIST_SIZE]),
        "can_leave": allowed(request.user, "coordination.leave"),
        "can_brief": allowed(request.user, "coordination.briefing"),
        "can_report": allowed(request.user, "coordination.report"),
    }
    return render(request, "coordination/index.html", context)
