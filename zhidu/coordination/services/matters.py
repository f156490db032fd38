"""大事请示汇报 (R14§4): a team member reports, or asks for instructions on, an important matter to a
principal; the principal's reply is a duty of its own, due `reply_workdays` working days after the
report (a township parameter: the rule says "及时", promptly). The record is read by its author, the
principals and the party office, which files them."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from zhidu.coordination.models import MatterReport
from zhidu.coordination.services.common import (
    due_after_workdays,
    due_at,
    parameters,
    principals,
    refuse,
    text,
)
from zhidu.core import audit
from zhidu.core.permissions import actor_of, allowed, require, require_person
from zhidu.obligations.services import complete_by_key, open_obligation
from zhidu.org.models import Person

if TYPE_CHECKING:
    from django.http import HttpRequest

    from zhidu.core.permissions import Actor


def reply_key(report: MatterReport) -> str:
    return f"coordination:matter:{report.pk}:reply"


def may_read(user: Actor, person: Person | None, report: MatterReport) -> bool:
    if person is None or person.township_id != report.township_id:
        return False
    if person.pk in (report.author_id, report.principal_id):
        return True
    return allowed(user, "coordination.acknowledge") or allowed(user, "coordination.briefing")


def submit(
    *,
    author: Person,
    principal: Person | None,
    kind: str | None,
    subject: str | None,
    content: str | None,
    user: Actor | None = None,
    request: HttpRequest | None = None,
    at: datetime.datetime | None = None,
) -> MatterReport:
    user = actor_of(user, author)
    require(user, "coordination.report", author)
    require_person(user, author, "coordination.report")
    now = at or timezone.now()
    today = timezone.localdate(now)
    if kind not in MatterReport.Kind.values:
        refuse("kind", "类别：请选择汇报或请示")
    heads = {p.pk: p for p in principals(author.township, today) if p.pk != author.pk}
    if principal is None or principal.pk not in heads:
        refuse("principal", "报送对象：请选择党政主要领导")
    subject = text(subject, "subject", "事项", limit=200)
    content = text(content, "content", "内容")
    rule = due_after_workdays(today, parameters(author.township, today).reply_workdays)
    with transaction.atomic():
        report = MatterReport.objects.create(
            township=author.township, author=author, principal=principal, kind=kind, subject=subject,
            content=content, submitted_at=now, reply_due_at=due_at(rule),
        )  # fmt: skip
        open_obligation(
            township=author.township,
            kind="matter-reply",
            article="R14§4",
            title=f"答复{author.name}的{report.get_kind_display()}",
            key=reply_key(report),
            rule=rule,
            assignee=principal,
            source=report,
            actor=user,
        )
        # The summary names the record and the people, never the matter: the audit trail has more readers.
        audit.record(user, "coordination.report", report, summary=f"{report}（{author.name}→{principal.name}）",
                     request=request)  # fmt: skip
    return report


def reply(
    report: MatterReport,
    *,
    by: Person,
    answer: str | None,
    user: Actor | None = None,
    request: HttpRequest | None = None,
    at: datetime.datetime | None = None,
) -> MatterReport:
    user = actor_of(user, by)
    require(user, "coordination.reply", report)
    require_person(user, by, "coordination.reply")
    if by.pk != report.principal_id:
        raise PermissionDenied("coordination.reply: only the principal it was sent to")
    answer = text(answer, "reply", "答复意见")
    now = at or timezone.now()
    with transaction.atomic():
        claimed = MatterReport.objects.filter(pk=report.pk, state=MatterReport.State.SUBMITTED).update(
            state=MatterReport.State.REPLIED, reply=answer, replied_at=now
        )
        if not claimed:
            refuse("reply", "答复意见：该事项已答复")
        complete_by_key(report.township, reply_key(report), by=user, at=now, request=request)
        audit.record(
            user, "coordination.reply", report, summary=f"{report}：{by.name}已答复", request=request
        )
    report.refresh_from_db()
    return report
