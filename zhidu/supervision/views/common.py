"""Shared pieces of the supervision views: which items a user may see, loading one (404 for another
township's item or one the user may not see), who may report on it, and the detail page rendered
again with the refused form and its errors, so nothing typed is lost."""

from __future__ import annotations

import datetime
from typing import cast

from django.db.models import Q
from django.shortcuts import render
from django.utils.translation import gettext as _

from zhidu.core.access import get_scoped, scoped
from zhidu.core.chinese import punctuated
from zhidu.core.permissions import SUPERVISORS, Role, allowed, roles_of
from zhidu.obligations.models import Obligation
from zhidu.supervision import forms
from zhidu.supervision.models import SupervisionItem

State = SupervisionItem.State
SEE_ALL = SUPERVISORS | {Role.TEAM_MEMBER, Role.ADMINISTRATOR}


def _roles(request):
    roles = getattr(request.user, "_zhidu_roles", None)
    return roles if roles is not None else roles_of(request.user, request.person)


def visible_items(request):
    """Supervisors and the team see every item; a cadre sees those of their department (as owner or
    as a department involved) and those they answer for."""
    items = scoped(SupervisionItem.objects, request)
    if _roles(request) & SEE_ALL:
        return items
    person = request.person
    if person is None:
        return items.none()
    mine = Q(owner_person=person)
    if person.department_id is not None:
        mine |= Q(owner_department_id=person.department_id) | Q(other_departments=person.department_id)
    return items.filter(pk__in=items.filter(mine).values("pk"))


def load_item(request, pk: int) -> SupervisionItem:
    return get_scoped(
        visible_items(request).select_related(
            "owner_department",
            "owner_person",
            "registered_by",
            "approved_by",
            "assigned_by",
            "closed_by",
            "source_entry__meeting",
            "source_entry__item",
        ),
        request,
        pk=pk,
    )


def answers_for(request, item: SupervisionItem) -> bool:
    """The owner person, or a member of the owner department, reports on the item."""
    person = request.person
    if person is None:
        return False
    return item.owner_person_id == person.pk or (
        person.department_id is not None and person.department_id == item.owner_department_id
    )


def version_of(request) -> int | None:
    try:
        return int(request.POST["version"])
    except (KeyError, ValueError):
        return None


def conflict_message() -> str:
    return _(
        "Someone else changed this item meanwhile. Your entries are kept below: check them and submit again."
    )


def timeline(item: SupervisionItem) -> list[dict]:
    """Every step of the item, oldest first: registration, approval, assignment, each chase, each
    feedback round and its decision, each closing and reopening."""
    events = [
        {"at": item.created_at, "step": _("Registered"), "who": item.registered_by, "text": item.matter}
    ]
    if item.approved_at:
        events.append(
            {
                "at": item.approved_at,
                "step": _("Approved"),
                "who": item.approved_by,
                "text": item.approval_note,
            }
        )
    if item.assigned_at:
        events.append(
            {
                "at": item.assigned_at,
                "step": _("Assigned"),
                "who": item.assigned_by,
                "text": item.owner_department.name,
            }
        )
    chased = _("Chased")
    for chase in item.chases.select_related("by"):
        events.append(
            {
                "at": chase.at,
                "step": f"{chased}{punctuated('（')}{chase.get_kind_display()}{punctuated('）')}",
                "who": chase.by,
                "text": chase.note,
            }
        )
    for r in item.rounds.select_related("submitted_by", "decided_by"):
        step = _("Progress report") if not r.completed else _("Feedback round %(n)s") % {"n": r.number}
        events.append(
            {
                "at": r.submitted_at,
                "step": step,
                "who": r.submitted_by,
                "text": r.text,
                "round": r,
                "late": not r.on_time,
            }
        )
        if r.decided_at:
            events.append(
                {
                    "at": r.decided_at,
                    "step": r.get_decision_display(),
                    "who": r.decided_by,
                    "text": r.decision_note,
                    "decided": r,
                }
            )
    for reopening in item.reopenings.select_related("by", "previous_closed_by"):
        if reopening.previous_closed_at:
            events.append(
                {
                    "at": reopening.previous_closed_at,
                    "step": _("Closed and archived"),
                    "who": reopening.previous_closed_by,
                    "text": "",
                }
            )
        events.append(
            {"at": reopening.at, "step": _("Reopened"), "who": reopening.by, "text": reopening.reason}
        )
    if item.closed_at:
        events.append(
            {"at": item.closed_at, "step": _("Closed and archived"), "who": item.closed_by, "text": ""}
        )
    events.sort(key=lambda e: cast(datetime.datetime, e["at"]))  # every event has its moment
    return events


def render_detail(request, item: SupervisionItem, bound: dict | None = None, status: int = 200):
    """The detail page, with the action forms each persona may use; `bound` carries a refused form.
    Each form has its own id prefix: several forms with a "note" share the page."""
    bound = bound or {}
    user = request.user
    can = {
        "approve": allowed(user, "supervision.approve") and item.state == State.REGISTERED,
        "assign": allowed(user, "supervision.assign") and item.state == State.APPROVED,
        "chase": allowed(user, "supervision.chase")
        and item.state in {State.APPROVED, State.ASSIGNED, State.FEEDBACK_SUBMITTED},
        "feedback": allowed(user, "supervision.feedback")
        and answers_for(request, item)
        and item.state == State.ASSIGNED,
        "decide": (allowed(user, "supervision.accept") or allowed(user, "supervision.reject"))
        and item.state == State.FEEDBACK_SUBMITTED,
        "close": allowed(user, "supervision.close") and item.state == State.ACCEPTED,
        "reopen": allowed(user, "supervision.reopen") and item.state == State.CLOSED,
    }
    duties = (
        Obligation.objects.filter(township=item.township, key__startswith=f"supervision:{item.pk}:")
        .select_related("assignee")
        .order_by("due_at", "id")
    )
    context = {
        "item": item,
        "events": timeline(item),
        "other_departments": list(item.other_departments.all()),
        "duties": duties,
        "can": can,
        "approve_form": bound.get("approve") or forms.ApproveForm(auto_id="approve_%s"),
        "assign_form": bound.get("assign")
        or forms.AssignForm(initial={"deadline": item.deadline}, auto_id="assign_%s"),
        "chase_form": bound.get("chase") or forms.ChaseForm(auto_id="chase_%s"),
        "feedback_form": bound.get("feedback") or forms.FeedbackForm(auto_id="feedback_%s"),
        "accept_form": bound.get("accept") or forms.AcceptForm(auto_id="accept_%s"),
        "reject_form": bound.get("reject") or forms.RejectForm(auto_id="reject_%s"),
        "reopen_form": bound.get("reopen") or forms.ReopenForm(auto_id="reopen_%s"),
        "errors": bound.get("errors", []),
    }
    return render(request, "supervision/item_detail.html", context, status=status)
