"""Items (议题): proposal, materials and the principal's approval (R1§4, R1§5(2), R1§7(1), R4)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

from django.db import IntegrityError, transaction
from django.utils import timezone

from zhidu.core import audit
from zhidu.meetings.checks import NEEDS_EVALUATION
from zhidu.meetings.models import (
    AgendaEntry,
    Item,
    Material,
)
from zhidu.meetings.services.common import _refuse, actor_of, require, require_person
from zhidu.meetings.services.decisions import refuse_bad_reconsideration
from zhidu.org.models import Person, team_on

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.core.files import File
    from django.http import HttpRequest

    from zhidu.core.permissions import Actor
    from zhidu.org.models import Department, Township


def propose_item(
    *,
    township: Township,
    proposer: Person,
    title: str,
    category: str,
    owner: Person,
    description: str = "",
    department: Department | None = None,
    confidential: bool = False,
    evaluation_report: File | None = None,
    form_key: str = "",
    reconsiders: AgendaEntry | None = None,
    user: Actor | None = None,
) -> Item:
    """Propose an item. `reconsiders`: the passed team decision it changes (复议, R1§12(4)). `form_key` (one per render of the form) makes a resubmitted form return the
    item it saved the first time instead of a second one (see `proposed_with_key`)."""
    user = actor_of(user, proposer)
    require(user, "items.propose", township)
    require_person(user, proposer, "item.propose")
    if form_key and (earlier := proposed_with_key(township, form_key)) is not None:
        return earlier
    if not team_on(township, timezone.localdate()).filter(person=owner).exists():
        _refuse("owner", "分管领导须为本镇现任班子成员", "R1§6, R4")
    if category in NEEDS_EVALUATION and not evaluation_report:
        # R1§5(2): large projects and funds are decided only on an expert evaluation report.
        _refuse("evaluation_report", "大额资金、重大项目议题须附专家论证或评估报告（R1§5(2)）")
    if confidential and category != "personnel":
        _refuse("confidential", "只有干部人事议题可以保密", "R1§9")
    if reconsiders is not None:
        # R1§12(4): only a passed decision of this township; its body is judged on the agenda.
        refuse_bad_reconsideration(title, reconsiders.meeting.body, township.pk, reconsiders)
    try:
        with transaction.atomic():
            item = _create(township, proposer, title, category, owner, description, department,
                           confidential, evaluation_report, form_key, user)  # fmt: skip
            if reconsiders is not None:
                Item.objects.filter(pk=item.pk).update(reconsiders=reconsiders)
                item.reconsiders = reconsiders
    except IntegrityError:
        # The same form sent twice at once: the unique key let one through; return that one.
        earlier = proposed_with_key(township, form_key) if form_key else None
        if earlier is None:
            raise
        return earlier
    return item


def proposed_with_key(township: Township, form_key: str) -> Item | None:
    """The item a form with this key already saved, if any (a resubmitted form)."""
    return Item.objects.filter(township=township, form_key=form_key).first() if form_key else None


def _create(
    township: Township,
    proposer: Person,
    title: str,
    category: str,
    owner: Person,
    description: str,
    department: Department | None,
    confidential: bool,
    evaluation_report: File | None,
    form_key: str,
    user: Actor | None,
) -> Item:
    item = Item.objects.create(
        township=township,
        form_key=form_key,
        title=title,
        category=category,
        owner=owner,
        proposed_by=proposer,
        description=description,
        department=department,
        confidential=confidential,
        evaluation_report=evaluation_report or "",
    )
    audit.record(user, "item.propose", item, summary=title)
    return item


def attach_materials(
    item: Item, uploads: Sequence[File], *, user: Actor | None = None, request: HttpRequest | None = None
) -> None:
    """Materials go with the item to the notice (R1§7(2)); one audit entry for the batch."""
    require(user, "items.propose", item)
    if not uploads:
        return
    with transaction.atomic():
        for upload in uploads:
            Material.objects.create(
                township=item.township,
                item=item,
                file=upload,
                name=cast(str, upload.name)[:200],  # an upload always has its file name
                # `require` let only a logged-in user through (SYSTEM and anonymous hold no role here).
                uploaded_by=cast("User | None", user),
            )
        audit.record(
            user,
            "item.materials",
            item,
            summary=item.title,
            request=request,
            files=[upload.name for upload in uploads],
        )


def decide_item(item: Item, *, by: Person, approve: bool, note: str = "", user: Actor | None = None) -> bool:
    """R1§7(1): the principal approves an item for an agenda, or returns it with a note."""
    user = actor_of(user, by)
    require(user, "items.decide", item)
    require_person(user, by, "item.decide")
    state = Item.State.APPROVED if approve else Item.State.RETURNED
    with transaction.atomic():
        changed = Item.objects.filter(pk=item.pk, state=Item.State.PROPOSED).update(
            state=state, decided_by=by, decided_at=timezone.now(), decision_note=note
        )
        if changed:
            audit.record(
                user, "item.approve" if approve else "item.return", item, summary=item.title, note=note
            )
    item.refresh_from_db()
    return bool(changed)
