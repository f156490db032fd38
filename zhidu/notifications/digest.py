"""The daily digest of duties (issue 16: "a digest instead of a flood"): one message a working day
per person, after the working morning, listing what is due today and on the next working day (the
reminder the working day before a deadline and on it), what is overdue, and the overdue duties
escalated to them as the leader. The in-app reminders (zhidu.obligations' Reminder rows, the bell)
are untouched: the digest reads the same obligations and sends them outward.

A step of the scheduler's job (apps.py registers `step`); safe to run every tick: the dedupe key
(digest, day, person, channel) queues each person's digest once a day."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from zhidu.core.chinese import cn_date
from zhidu.notifications.delivery import deliver_due
from zhidu.notifications.models import ContactAddress
from zhidu.notifications.outbox import base_url, enqueue
from zhidu.notifications.timing import SHANGHAI, Window
from zhidu.obligations.models import Obligation
from zhidu.org.models import Person, Township
from zhidu.workdays.services import get_calendar

TOPIC = "duties.digest"


def _line(ob: Obligation) -> str:
    due = timezone.localtime(ob.due_at).date() if ob.due_at else None
    when = cn_date(due) if due else "—"
    return f"· {ob.title}（{ob.article}，{_('due on')} {when}）"


def queue_digests(township: Township, day: datetime.date, now: datetime.datetime | None = None) -> int:
    """Queue the day's digests of one township; returns how many persons got one queued."""
    now = now or timezone.now()
    calendar, window = get_calendar(), Window.from_env()
    if not calendar.is_workday(day) or now.astimezone(SHANGHAI).time() < window.morning:
        return 0
    following = calendar.next_workday_on_or_after(day + datetime.timedelta(days=1))
    horizon = datetime.datetime.combine(
        following + datetime.timedelta(days=1), datetime.time(), tzinfo=SHANGHAI
    )
    reachable = set(
        ContactAddress.objects.filter(township=township, enabled=True, person__active=True).values_list(
            "person_id", flat=True
        )
    )
    if not reachable:
        return 0
    rows = Obligation.objects.filter(township=township).filter(
        Q(assignee_id__in=reachable, state=Obligation.State.OPEN, due_at__lt=horizon)
        | Q(assignee_id__in=reachable, state=Obligation.State.OVERDUE)
        | Q(escalate_to_id__in=reachable, state=Obligation.State.OVERDUE, reminder_level__gte=2)
    )
    due: dict[int, list[Obligation]] = defaultdict(list)
    late: dict[int, list[Obligation]] = defaultdict(list)
    escalated: dict[int, list[Obligation]] = defaultdict(list)
    for ob in rows.select_related("assignee").order_by("due_at", "pk"):
        if ob.assignee_id in reachable and ob.state == Obligation.State.OPEN:
            due[ob.assignee_id].append(ob)
        elif ob.assignee_id in reachable:
            late[ob.assignee_id].append(ob)
        if ob.escalate_to_id in reachable and ob.state == Obligation.State.OVERDUE and ob.reminder_level >= 2:
            escalated[ob.escalate_to_id].append(ob)
    people = Person.objects.in_bulk(set(due) | set(late) | set(escalated))
    queued = 0
    link = base_url() + reverse("duties")
    with translation.override("zh-hans"), transaction.atomic():
        for pk, person in sorted(people.items()):
            parts = []
            if due[pk]:
                parts.append(_("Due today and on the next working day:"))
                parts += [_line(ob) for ob in due[pk]]
            if late[pk]:
                parts.append(_("Overdue:"))
                parts += [_line(ob) for ob in late[pk]]
            if escalated[pk]:
                parts.append(_("Overdue duties of the people you lead:"))
                parts += [f"{_line(ob)} · {ob.assignee.name if ob.assignee else ''}" for ob in escalated[pk]]
            subject = _("Your duties on %(day)s") % {"day": cn_date(day)}
            if enqueue(
                township=township,
                topic=TOPIC,
                key=f"digest:{day.isoformat()}",
                subject=subject,
                body="\n".join(parts),
                recipient=person,
                link=link,
                now=now,
            ):
                queued += 1
    return queued


def step(township: Township, day: datetime.date) -> int:
    """The job's step for one township: queue the digests, then, once committed (never in a dry
    run, which rolls back), deliver what is due."""
    queued = queue_digests(township, day)
    transaction.on_commit(lambda: deliver_due(township=township))
    return queued
