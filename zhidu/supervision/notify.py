"""Supervision items sent outward (issue 16 "supervision assignments", R7): the owner is told, on
each of their channels, through the notifications kernel's outbox, when the item becomes theirs and
at each later step that asks something of them or ends their duty: 交办 (assigned), 退回 (a failed
check, with the requirements and the new deadline), 验收通过 (accepted), 办结归档 (closed) and 重新启动
(reopened). The head of the owner department is told too when it is someone else (the unit is
responsible with its person, R7).

Called from the entry points of zhidu.supervision.services / feedback inside their transaction: a
refused or rolled-back step sends nothing. One dedupe key per transition and round, so a step
retried after an error never sends twice. Overdue items are not sent here: the feedback duty is an
obligation, and its reminders and escalation to the leader reach people through the daily digest
(zhidu.notifications.digest)."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from zhidu.core.chinese import cn_date
from zhidu.notifications.outbox import base_url, enqueue
from zhidu.org.models import Person
from zhidu.supervision.models import SupervisionItem

TOPIC = "supervision.item"
HEADLINES = {
    "assigned": gettext_noop("Supervision item assigned to you"),
    "rejected": gettext_noop("Supervision feedback sent back for rectification"),
    "accepted": gettext_noop("Supervision feedback accepted"),
    "closed": gettext_noop("Supervision item closed"),
    "reopened": gettext_noop("Supervision item reopened"),
}


def _recipients(item: SupervisionItem) -> list[Person]:
    people = [item.owner_person]
    head = item.owner_department.head
    if head is not None and head.pk != item.owner_person_id and head.active:
        people.append(head)
    return people


def tell_owner(
    item: SupervisionItem, step: str, *, key: str, extra: str = "", at: datetime.datetime | None = None
) -> int:
    """Queue the message of one step (`step`: assigned, rejected, accepted, closed, reopened) to the
    owner (and the owner department's head); returns how many rows were queued."""
    link = base_url() + reverse("supervision:item-detail", args=[item.pk])
    with translation.override("zh-hans"):
        subject = f"{_(HEADLINES[step])}：{item.doc_number}"
        lines = [
            _("Matter: %(matter)s") % {"matter": item.matter},
            _("Owner: %(department)s, %(person)s")
            % {"department": item.owner_department.name, "person": item.owner_person.name},
        ]
        if step in ("assigned", "rejected", "reopened"):
            lines.append(_("Feedback deadline: %(day)s") % {"day": cn_date(item.deadline)})
        if step == "assigned":
            lines.append(_("Requirements: %(text)s") % {"text": item.requirements})
        if extra:
            lines.append(extra)
        lines.append(_("Item page: %(url)s") % {"url": link})
        body = "\n".join(lines)
    queued = 0
    for person in _recipients(item):
        queued += len(
            enqueue(
                township=item.township,
                topic=TOPIC,
                key=f"supervision:{item.pk}:{key}",
                subject=subject,
                body=body,
                recipient=person,
                link=link,
                target=item,
                now=at,
            )
        )
    return queued
