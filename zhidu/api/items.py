"""议题 (items) for other systems: the township's list by state, and one item with the meetings that
had it on their agenda. Files (materials, evaluation reports) stay behind the web's download view."""

from __future__ import annotations

from ninja import Router

from zhidu.api import schemas
from zhidu.api.common import (
    CONFIDENTIAL_TITLE,
    CategoryFilter,
    Id,
    ItemStateFilter,
    PageNumber,
    PageSize,
    check,
    get_or_404,
    local,
    page_of,
    scoped,
    sees_confidential,
)
from zhidu.meetings.models import AgendaEntry, Item
from zhidu.meetings.record import CATEGORIES

router = Router(tags=["议题 Items"])
ERRORS = {401: schemas.Error, 403: schemas.Error, 404: schemas.Error, 422: schemas.InvalidInput}


def _items(request):
    return scoped(Item.objects, request).select_related("owner", "proposed_by", "department", "decided_by")


def _summary(item: Item, hide: bool) -> dict:
    return {
        "id": item.pk,
        "title": CONFIDENTIAL_TITLE if hide else item.title,
        "category": item.category,
        "category_label": CATEGORIES.get(item.category, item.category),
        "important": item.important,
        "confidential": item.confidential,
        "state": item.state,
        "owner": item.owner.name,
        "proposed_by": item.proposed_by.name,
        "department": item.department.name if item.department else None,
        "created_at": local(item.created_at),
        "decided_at": local(item.decided_at),
    }


@router.get(
    "items",
    response={200: schemas.ItemPage, **ERRORS},
    by_alias=True,
    operation_id="listItems",
    summary="议题列表",
    description=(
        "本镇的议题，最新提出的在前，分页；可按状态（state）和类别（category）筛选。"
        "保密的干部人事议题对主要负责人、组织办、纪委以外的角色只显示“保密议题”。\n\n"
        "The township's items, newest first, paginated; filter by `state` and `category`. A "
        "confidential personnel item reads “保密议题” except for the principal, the organization "
        "office and discipline inspection."
    ),
)
def list_items(
    request,
    page: PageNumber = 1,
    page_size: PageSize = 50,
    state: ItemStateFilter = None,
    category: CategoryFilter = None,
):
    check(request)
    items = _items(request).order_by("-created_at", "-id")
    if state:
        items = items.filter(state=state)
    if category:
        items = items.filter(category=category)
    secret = not sees_confidential(request.user)
    result = page_of(items, page, page_size)
    result["items"] = [_summary(i, secret and i.confidential) for i in result.pop("rows")]
    return result


@router.get(
    "items/{item_id}",
    response={200: schemas.ItemDetail, **ERRORS},
    by_alias=True,
    operation_id="getItem",
    summary="议题详情",
    description=(
        "一个议题：说明、审定情况，以及列入过的会议（结果见该会议的审核结果）。\n\n"
        "One item: its description, the principal's approval, and the meetings that had it on the "
        "agenda (their outcomes are in each meeting's evaluation)."
    ),
)
def get_item(request, item_id: Id):
    check(request)
    item = get_or_404(_items(request), request, item_id)
    hide = item.confidential and not sees_confidential(request.user)
    entries = (
        AgendaEntry.objects.filter(township=request.township, item=item)
        .select_related("meeting")
        .order_by("meeting__held_at", "id")
    )
    return {
        **_summary(item, hide),
        "description": "" if hide else item.description,
        "evaluation_report": bool(item.evaluation_report),
        "decided_by": item.decided_by.name if item.decided_by else None,
        "decision_note": "" if hide else item.decision_note,
        "agenda": [
            {
                "meeting_id": e.meeting_id,
                "meeting_title": e.meeting.title,
                "held_at": local(e.meeting.held_at),
                "state": e.meeting.state,
            }
            for e in entries
        ],
    }
