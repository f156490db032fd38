"""Items (议题): proposal, materials and the principal's approval (R1§4, R1§5(2), R1§7(1), R4)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

from django.db import IntegrityError, transaction
from django.utils import timezone

from zhidu.core import audit
from zhidu.meetings.checks import NEEDS_EVALUATION, needs_leader_approval
from zhidu.meetings.models import (
    AgendaEntry,
    Item,
    Material,
)
from zhidu.meetings.services.common import _refuse, actor_of, require, require_person
from zhidu.meetings.services.decisions import refuse_bad_reconsideration
from zhidu.obligations.services import complete_by_key, open_obligation
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
    superior_action: str = "",
    user: Actor | None = None,
) -> Item:
    """Propose an item. `reconsiders`: the passed team decision it changes (复议, R1§12(4)). `form_key` (one per render of the form) makes a resubmitted form return the
    item it saved the first time instead of a second one (see `proposed_with_key`)."""
    user = actor_of(user, proposer)
    require(user, "items.propose", township)
    require_person(user, proposer, "item.propose")
    if form_key and (earlier := proposed_with_key(township, form_key)) is not None:
        return earlier
    on_team = team_on(township, timezone.localdate()).filter(person=owner).exists()
    heads = township.department_set.filter(head=owner).exists() and owner.township_id == township.pk
    if not on_team and not heads:
        _refuse("owner", "分管领导须为本镇现任班子成员（或汇报议题的部门负责人）", "R1§6, R2, R4")
    if (
        not on_team
        and department is not None
        and proposer.pk != owner.pk
        and not _on_team(township, proposer)
    ):
        # R4: a department's proposal is approved by its leader in charge, a team member.
        _refuse("owner", "部门提出的议题须经分管领导同意：请选择分管此项工作的班子成员", "R4")
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
            if superior_action:
                if superior_action not in Item.SuperiorAction.values:
                    _refuse("superior_action", "未知的上级审批或备案要求")
                Item.objects.filter(pk=item.pk).update(superior_action=superior_action)
                item.superior_action = superior_action
    except IntegrityError:
        # The same form sent twice at once: the unique key let one through; return that one.
        earlier = proposed_with_key(township, form_key) if form_key else None
        if earlier is None:
            raise
        return earlier
    return item


def _on_team(township: Township, person: Person) -> bool:
    return team_on(township, timezone.localdate()).filter(person=person).exists()


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
    waits_for_leader = needs_leader_approval(
        from_department=department is not None,
        proposer_on_team=_on_team(township, proposer),
        proposer_is_owner=proposer.pk == owner.pk,
    )
    item = Item.objects.create(
        township=township,
        state=Item.State.AWAITING_LEADER if waits_for_leader else Item.State.PROPOSED,
        form_key=form_key,
        title=title,
        category=category,
        owner=owner,
        proposed_by=proposer,
        description=description,
        department=department,
        confidential=confidential,
        evaluation_report=evaluation_report or "",
        evaluation_report_name=_uploaded_name(evaluation_report),
    )
    audit.record(user, "item.propose", item, summary=title)
    _open_next_duty(item, user)
    return item


def _uploaded_name(upload: File | str | None) -> str:
    """The name as uploaded, kept on the row: the stored key is random (zhidu.core.uploads). A demo
    or a test may hand a stored name instead of a file."""
    name = upload if isinstance(upload, str) else (upload.name if upload is not None else "")
    return os.path.basename(name or "")[:200]


# --- the duties each step leaves (我的待办, each linked to the item) --------------------------------


def _key(item: Item, step: str) -> str:
    # A resubmitted item is a new round: its duties are new ones, the old ones stay done.
    return f"item-{step}:{item.pk}:{item.resubmitted}"


def principal_of(township: Township) -> Person | None:
    """Who approves items for an agenda (R1§7(1)): the principal, the secretary first."""
    terms = team_on(township, timezone.localdate()).filter(is_principal=True)
    term = terms.filter(role="secretary").first() or terms.first()
    return term.person if term is not None else None


def _open_next_duty(item: Item, user: Actor | None) -> None:
    """The duty the item's state leaves: the leader in charge's approval (R4), the principal's
    (R1§7(1)), or the proposer's revision of a returned item."""
    assignee: Person | None
    if item.state == Item.State.AWAITING_LEADER:
        step, assignee, article = "leader", item.owner, "R4"
        title = f"审核部门议题：{item.title}"
    elif item.state == Item.State.PROPOSED:
        step, assignee, article = "approve", principal_of(item.township), "R1§7(1), R4"
        title = f"审定议题：{item.title}"
    elif item.state == Item.State.RETURNED:
        step, assignee, article = "revise", item.proposed_by, "R4"
        title = f"修改被退回的议题：{item.title}"
    else:
        return
    if assignee is None:
        return
    open_obligation(
        township=item.township,
        kind=f"item-{step}",
        article=article,
        title=title,
        key=_key(item, step),
        rule=None,
        assignee=assignee,
        source=item,
        actor=user,
    )


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
    if not approve and not note.strip():
        _refuse("note", "退回议题须说明理由", "R4")
    with transaction.atomic():
        changed = Item.objects.filter(pk=item.pk, state=Item.State.PROPOSED).update(
            state=state, decided_by=by, decided_at=timezone.now(), decision_note=note.strip()
        )
        if changed:
            audit.record(
                user, "item.approve" if approve else "item.return", item, summary=item.title, note=note
            )
            item.refresh_from_db()
            complete_by_key(item.township, _key(item, "approve"), by=user)
            _open_next_duty(item, user)
    item.refresh_from_db()
    return bool(changed)


def leader_decide_item(
    item: Item, *, by: Person, approve: bool, note: str = "", user: Actor | None = None
) -> bool:
    """R4: the leader in charge approves a department's proposal, which then goes to the principal
    through the party office, or returns it to the proposer with the reason. Only the item's own
    leader in charge, once. Returns False when someone else decided first."""
    user = actor_of(user, by)
    require(user, "items.leader_approve", item)
    require_person(user, by, "item.leader_approve")
    if by.pk != item.owner_id:
        _refuse("by", f"部门议题须由其分管领导{item.owner.name}审核", "R4")
    if not approve and not note.strip():
        _refuse("note", "退回议题须说明理由", "R4")
    now = timezone.now()
    fields = (
        {"state": Item.State.PROPOSED, "leader_approved_at": now}
        if approve
        else {
            "state": Item.State.RETURNED,
            "decided_by": by,
            "decided_at": now,
            "decision_note": note.strip(),
        }
    )
    with transaction.atomic():
        changed = Item.objects.filter(pk=item.pk, state=Item.State.AWAITING_LEADER).update(**fields)
        if changed:
            audit.record(
                user,
                "item.leader_approve" if approve else "item.leader_return",
                item,
                summary=item.title,
                note=note.strip(),
            )
            item.refresh_from_db()
            complete_by_key(item.township, _key(item, "leader"), by=user)
            _open_next_duty(item, user)
    item.refresh_from_db()
    return bool(changed)


def resubmit_item(
    item: Item,
    *,
    by: Person,
    title: str,
    description: str,
    note: str = "",
    user: Actor | None = None,
) -> bool:
    """R4: the proposer revises a returned item and sends it again, through the same steps (a
    department's proposal to its leader in charge first). The reason it was returned stays in the
    audit trail; the item starts a new round. Returns False when it is no longer returned."""
    user = actor_of(user, by)
    require(user, "items.resubmit", item)
    require_person(user, by, "item.resubmit")
    if by.pk != item.proposed_by_id:
        _refuse("by", "只有提出人可以修改并重新提交议题", "R4")
    title = title.strip()
    if not title:
        _refuse("title", "请填写议题名称")
    # Back to whoever returned it: the leader in charge when the leader returned it (R4), else the
    # principal, whose return the revision answers (the leader's approval stands).
    waits_for_leader = item.leader_approved_at is None and needs_leader_approval(
        from_department=item.department_id is not None,
        proposer_on_team=_on_team(item.township, by),
        proposer_is_owner=by.pk == item.owner_id,
    )
    with transaction.atomic():
        changed = Item.objects.filter(pk=item.pk, state=Item.State.RETURNED).update(
            state=Item.State.AWAITING_LEADER if waits_for_leader else Item.State.PROPOSED,
            title=title[:200],
            description=description.strip(),
            decided_by=None,
            decided_at=None,
            decision_note="",
        )
        if changed:
            returned_round = _key(item, "revise")
            Item.objects.filter(pk=item.pk).update(resubmitted=item.resubmitted + 1)
            audit.record(
                user,
                "item.resubmit",
                item,
                summary=title,
                returned_by=item.decided_by.name if item.decided_by else "",
                returned_reason=item.decision_note,
                note=note.strip(),
            )
            complete_by_key(item.township, returned_round, by=user)
            item.refresh_from_db()
            _open_next_duty(item, user)
    item.refresh_from_db()
    return bool(changed)
