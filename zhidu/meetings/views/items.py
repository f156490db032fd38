"""议题 (items): the township's list by state, proposing one, reading one with its files, and the
principal's decision (R1§7(1), R4: proposal → collated by the party office → approved by the
principal before it may reach an agenda). State changes go through zhidu.meetings.services only."""

from __future__ import annotations

import os
from typing import cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from zhidu.core import uploads
from zhidu.core.access import get_scoped, requires, scoped
from zhidu.core.forms import attach_errors
from zhidu.core.permissions import allowed
from zhidu.meetings import services
from zhidu.meetings.checks import NEEDS_EVALUATION
from zhidu.meetings.forms_items import ItemDecideForm, ItemProposeForm, ItemResubmitForm
from zhidu.meetings.models import Item

State = Item.State
# The list's words for the states: what each means to the clerk and the principal.
STATE_LABELS: dict[str, Promise] = {
    State.AWAITING_LEADER: gettext_lazy("Awaiting the leader in charge"),
    State.PROPOSED: gettext_lazy("Awaiting approval"),
    State.APPROVED: gettext_lazy("Approved"),
    State.RETURNED: gettext_lazy("Returned"),
}
STATE_ORDER = [State.AWAITING_LEADER, State.PROPOSED, State.APPROVED, State.RETURNED]
# Items waiting longest come first; decided ones most recent first.
STATE_SORT = {
    State.AWAITING_LEADER: ("created_at", "id"),
    State.PROPOSED: ("created_at", "id"),
    State.APPROVED: ("-decided_at", "-id"),
    State.RETURNED: ("-decided_at", "-id"),
}
OVERVIEW_LIMIT = 20
PAGE_SIZE = 50


def _items(request):
    return scoped(Item.objects, request).select_related("owner", "proposed_by", "department", "decided_by")


@requires("meetings.view")
def item_list(request):
    counts = dict(scoped(Item.objects, request).values_list("state").annotate(n=Count("id")))
    chosen = request.GET.get("state")
    page = None
    if chosen in STATE_LABELS:
        # One state, paginated.
        page = Paginator(
            _items(request).filter(state=chosen).order_by(*STATE_SORT[chosen]), PAGE_SIZE
        ).get_page(request.GET.get("page"))
        sections = [{"state": chosen, "label": STATE_LABELS[chosen], "items": page.object_list}]
    else:
        # The overview: every state, proposed first, each cut to the most relevant few.
        chosen = None
        sections = [
            {
                "state": state,
                "label": STATE_LABELS[state],
                "items": list(
                    _items(request).filter(state=state).order_by(*STATE_SORT[state])[:OVERVIEW_LIMIT]
                )
                if counts.get(state)
                else [],
            }
            for state in STATE_ORDER
        ]
    for section in sections:
        section["count"] = counts.get(section["state"], 0)
        section["more"] = section["count"] > len(section["items"]) and page is None
    return render(
        request,
        "meetings/item_list.html",
        {
            "sections": sections,
            "chosen": chosen,
            "page": page,
            "filters": [(s, STATE_LABELS[s], counts.get(s, 0)) for s in STATE_ORDER],
            "total": sum(counts.values()),
            "waiting": counts.get(State.PROPOSED, 0),
            "can_propose": allowed(request.user, "items.propose"),
            "can_decide": allowed(request.user, "items.decide"),
        },
    )


@requires("items.propose")
def item_propose(request):
    if request.person is None:
        raise PermissionDenied("no person")
    form = ItemProposeForm(request.POST or None, request.FILES or None, township=request.township)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # The same form sent again (the back button, a double click): the item it saved, not a second.
        earlier = services.proposed_with_key(request.township, data["form_key"])
        if earlier is not None:
            messages.info(request, _("This form was already sent: the item is saved once."))
            return redirect("meetings:item-detail", earlier.pk)
        try:
            with transaction.atomic():
                item = services.propose_item(
                    township=request.township,
                    proposer=request.person,
                    title=data["title"].strip(),
                    category=data["category"],
                    owner=data["owner"],
                    description=data["description"],
                    department=data["department"],
                    confidential=data["confidential"],
                    evaluation_report=data["evaluation_report"],
                    form_key=data["form_key"],
                    reconsiders=form.changed_decision(),
                    superior_action=data.get("superior_action") or "",
                    user=request.user,
                )
                services.attach_materials(item, data["materials"], user=request.user, request=request)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            if item.state == State.AWAITING_LEADER:
                text = _(
                    "Item proposed: %(title)s. It now awaits the approval of its leader in charge, %(leader)s."
                )
            else:
                text = _("Item proposed: %(title)s. It now awaits the principal's approval.")
            messages.success(request, text % {"title": item.title, "leader": item.owner.name})
            return redirect("meetings:item-detail", item.pk)
    return render(request, "meetings/item_propose.html", {"form": form})


@requires("meetings.view")
def item_detail(request, pk: int):
    item = get_scoped(_items(request), request, pk=pk)
    download = request.GET.get("download")
    if download:
        return _download(request, item, download)
    return _render_detail(request, item, ItemDecideForm())


def _render_detail(
    request, item: Item, decide_form: ItemDecideForm, resubmit_form: ItemResubmitForm | None = None
):
    materials = item.materials.select_related("uploaded_by__person").order_by("uploaded_at", "id")
    return render(
        request,
        "meetings/item_detail.html",
        {
            "item": item,
            "state_label": STATE_LABELS[item.state],
            "materials": list(materials),
            # A file field is true only when it names a file.
            "report_name": _report_name(item) if item.evaluation_report else "",
            "report_missing": item.category in NEEDS_EVALUATION and not item.evaluation_report,
            "can_decide": item.state == State.PROPOSED and allowed(request.user, "items.decide"),
            "decide_form": decide_form,
            # R4: the item's own leader in charge approves a department's proposal first.
            "can_leader_decide": item.state == State.AWAITING_LEADER
            and request.person is not None
            and request.person.pk == item.owner_id
            and allowed(request.user, "items.leader_approve"),
            # R4: the proposer revises a returned item and sends it again.
            "can_resubmit": item.state == State.RETURNED
            and request.person is not None
            and request.person.pk == item.proposed_by_id
            and allowed(request.user, "items.resubmit"),
            "resubmit_form": resubmit_form
            or ItemResubmitForm(initial={"title": item.title, "description": item.description}),
        },
    )


def _report_name(item: Item) -> str:
    # Reports uploaded before their name was kept are named by their stored file.
    return item.evaluation_report_name or os.path.basename(cast(str, item.evaluation_report.name))


def _download(request, item: Item, which: str):
    """Files are served through this permission-checked view, never from a public media URL or a
    bucket's: an item's materials are the team's deliberations (meetings.view)."""
    if which == "report":
        field, name = item.evaluation_report, _report_name(item) if item.evaluation_report else ""
    else:
        material = item.materials.filter(pk=which).first() if which.isascii() and which.isdigit() else None
        if material is None:
            raise Http404
        field, name = material.file, material.name
    return uploads.serve(field, name, user=request.user, target=item, action="item.download", request=request)


@require_POST
@requires("items.decide")
def item_decide(request, pk: int):
    item = get_scoped(_items(request), request, pk=pk)
    if request.person is None:
        raise PermissionDenied("no person")
    form = ItemDecideForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, item, form)
    if services.decide_item(
        item, by=request.person, approve=form.approve, note=form.cleaned_data["note"], user=request.user
    ):
        text = _("Approved for the agenda: %(title)s") if form.approve else _("Returned: %(title)s")
        messages.success(request, text % {"title": item.title})
    else:
        # decide_item's conditional UPDATE found the item no longer proposed: someone decided first.
        item = get_scoped(_items(request), request, pk=pk)
        messages.error(
            request,
            _("This item was already decided (%(state)s by %(who)s); a decision is not taken twice.")
            % {"state": STATE_LABELS[item.state], "who": item.decided_by.name if item.decided_by else "—"},
        )
    return redirect("meetings:item-detail", item.pk)


@require_POST
@requires("items.leader_approve")
def item_leader_decide(request, pk: int):
    """R4: the leader in charge approves a department's proposal, or returns it with the reason."""
    item = get_scoped(_items(request), request, pk=pk)
    if request.person is None:
        raise PermissionDenied("no person")
    form = ItemDecideForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, item, form)
    try:
        changed = services.leader_decide_item(
            item, by=request.person, approve=form.approve, note=form.cleaned_data["note"], user=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("meetings:item-detail", item.pk)
    if changed:
        text = (
            _("Approved as leader in charge: %(title)s. It now awaits the principal's approval.")
            if form.approve
            else _("Returned: %(title)s")
        )
        messages.success(request, text % {"title": item.title})
    else:
        messages.error(request, _("This item no longer awaits your approval."))
    return redirect("meetings:item-detail", item.pk)


@require_POST
@requires("items.resubmit")
def item_resubmit(request, pk: int):
    """R4: the proposer revises a returned item and sends it again."""
    item = get_scoped(_items(request), request, pk=pk)
    if request.person is None:
        raise PermissionDenied("no person")
    form = ItemResubmitForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, item, ItemDecideForm(), form)
    data = form.cleaned_data
    try:
        changed = services.resubmit_item(
            item,
            by=request.person,
            title=data["title"],
            description=data["description"],
            note=data["note"],
            user=request.user,
        )
    except ValidationError as error:
        attach_errors(form, error)
        return _render_detail(request, item, ItemDecideForm(), form)
    if changed:
        item.refresh_from_db()
        messages.success(request, _("Revised and resubmitted: %(title)s") % {"title": item.title})
    else:
        messages.error(request, _("This item is no longer returned; it cannot be resubmitted."))
    return redirect("meetings:item-detail", item.pk)
