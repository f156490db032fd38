"""What every supervision entry point shares: the states in Chinese, the refusal naming its field,
the permission check (`permit`), the conditional UPDATE that claims an item (it bumps the item's
version), and the owner's feedback duty on the obligations engine."""

from __future__ import annotations

import datetime
from collections.abc import Collection
from typing import TYPE_CHECKING, Any, NoReturn, cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F, Q
from django.utils import timezone

from zhidu.core.chinese import cn_date
from zhidu.core.permissions import actor_of, require, require_person
from zhidu.obligations.deadlines import DeadlineRule
from zhidu.obligations.models import Obligation
from zhidu.obligations.services import open_obligation
from zhidu.supervision.models import FeedbackRound, SupervisionItem

if TYPE_CHECKING:
    from zhidu.core.permissions import Actor
    from zhidu.org.models import Person

State = SupervisionItem.State
Decision = FeedbackRound.Decision
RECTIFICATION_DAYS = 7  # R7: a failed check opens a rectification report due in 7 days
STATE_CN: dict[str, str] = {
    State.REGISTERED: "已登记、待审批",
    State.APPROVED: "已审批、待交办",
    State.ASSIGNED: "已交办、待反馈",
    State.FEEDBACK_SUBMITTED: "已反馈、待审核",
    State.ACCEPTED: "已验收、待归档",
    State.CLOSED: "已办结归档",
}


class Conflicting(Exception):
    """Someone else changed the item since this page was loaded (a stale version)."""


def _refuse(field: str, message: str) -> NoReturn:
    raise ValidationError({field: message})


def permit(user: Actor | None, by: Person | None, action: str, obj: object) -> Actor | None:
    """The permission of a supervision entry point, for every caller (view, command, API): the
    actor (`user`, else the acting person's login) has the MATRIX action in the record's township
    and acts as `by` (the person the item will name as registrant, approver, assessor…). Returns
    the actor, for the audit entry and the obligations."""
    actor = actor_of(user, by)
    require(actor, action, obj)
    require_person(actor, by, action)
    return actor


def answers_for(person: Person | None, item: SupervisionItem) -> bool:
    """R7: the owner person, or a member of the owner department, reports on the item."""
    if person is None:
        return False
    return item.owner_person_id == person.pk or (
        person.department_id is not None and person.department_id == item.owner_department_id
    )


def require_answers_for(person: Person | None, item: SupervisionItem) -> None:
    if not answers_for(person, item):
        raise PermissionDenied("supervision.feedback: not the owner")


# The one Chinese date format (zhidu.core.chinese), under the name the supervision modules use.
cn_day = cn_date


def _moment(at: datetime.datetime | None) -> tuple[datetime.datetime, datetime.date]:
    """The moment of an act and its day in Asia/Shanghai. `at` records an act that happened
    earlier (an import of paper records, the demo's history); the views never pass it."""
    now = at or timezone.now()
    return now, timezone.localdate(now)


def _text(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        _refuse(field, message)
    return value


def _claim(
    item: SupervisionItem,
    from_states: Collection[str],
    version: int | None,
    field: str,
    verb: str,
    **changes: Any,
) -> None:
    """Move the item out of one of `from_states` with a conditional UPDATE, so two people acting at
    once never both succeed: the second finds the state changed and is told so, in Chinese."""
    if item.state not in from_states:
        _refuse(field, f"该督查事项当前为“{STATE_CN[item.state]}”，不能{verb}")
    rows = SupervisionItem.objects.filter(pk=item.pk, state__in=list(from_states))
    if version is not None:
        rows = rows.filter(version=version)
    if not rows.update(version=F("version") + 1, **changes):
        current = SupervisionItem.objects.filter(pk=item.pk).values_list("state", flat=True).first()
        if current in from_states:
            raise Conflicting
        # The item's own row, read again: it exists, so it has a state.
        _refuse(field, f"该督查事项已被他人处理，当前为“{STATE_CN[cast(str, current)]}”，不能{verb}")
    item.refresh_from_db()


def _feedback_duty(item: SupervisionItem, user: Actor | None) -> None:
    """The owner's duty to report by the deadline: one obligation per deadline, due at the end of
    the day the office fixed (a moment set by a recorded act, rulebook "Dates and deadlines")."""
    sequence = item.rounds.filter(decision=Decision.REJECTED).count() + item.reopenings.count() + 1
    open_obligation(
        township=item.township,
        kind="supervision-feedback",
        article="R7",
        title=f"反馈督查事项：{item.doc_number} {item.matter}",
        key=f"supervision:{item.pk}:feedback:{sequence}",
        rule=DeadlineRule("fixed", item.deadline),
        assignee=item.owner_person,
        source=item,
        actor=user,
    )


def _open_obligations(item: SupervisionItem, *prefixes: str):
    keys = Q()
    for prefix in prefixes:
        keys |= Q(key__startswith=f"supervision:{item.pk}:{prefix}:")
    return Obligation.objects.filter(
        keys,
        township=item.township,
        state__in=[Obligation.State.OPEN, Obligation.State.OVERDUE],
    )
