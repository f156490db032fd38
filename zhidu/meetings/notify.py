"""The meeting's notice sent outward (R1§7(2): the notice is delivered in writing): one message per
expected member, through the notifications kernel's outbox, on each channel the member chose, with
the items, their materials and a signed link that confirms receipt. Opening the link records the
receipt exactly as the member's button on the meeting page does (`services.confirm_notice`).

Called from `convene.send_notice`, inside its transaction: a notice rolled back sends nothing."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from zhidu.core.chinese import cn_date
from zhidu.meetings.models import Meeting
from zhidu.notifications.models import Notification
from zhidu.notifications.outbox import base_url, enqueue, register_receipt
from zhidu.org.models import Person

TOPIC = "meetings.notice"
# A notice is urgent (sent at once, even at night or on a rest day) for an emergency meeting or a
# meeting within this time: waiting for the next working morning could make it late (R1§7(2)).
URGENT_WITHIN = datetime.timedelta(hours=48)


def _body(meeting: Meeting) -> str:
    held = timezone.localtime(meeting.held_at)
    lines = [
        _("%(body)s: %(title)s") % {"body": meeting.get_body_display(), "title": meeting.title},
        _("Time: %(day)s %(time)s") % {"day": cn_date(held.date()), "time": held.strftime("%H:%M")},
    ]
    if meeting.place:
        lines.append(_("Place: %(place)s") % {"place": meeting.place})
    lines.append(_("Items:"))
    entries = meeting.entries.filter(withdrawn_at=None).select_related("item").order_by("position", "pk")
    for n, entry in enumerate(entries, start=1):
        # R1§9: a message leaves Zhidu (a WeCom or DingTalk group sees it): a confidential
        # personnel item is named only as such; the member reads it on the meeting page.
        lines.append(
            f"{n}. {_('Confidential personnel item') if entry.item.confidential else entry.item.title}"
        )
        for material in [] if entry.item.confidential else entry.item.materials.order_by("pk"):
            lines.append(f"   · {_('Material')}：{material.name}")
    lines.append(
        _("Meeting page: %(url)s")
        % {"url": base_url() + reverse("meetings:meeting-detail", args=[meeting.pk])}
    )
    lines.append(_("Open the link below to confirm receipt of this notice (R1§7(2))."))
    return "\n".join(lines)


def queue_notice(meeting: Meeting, *, at: datetime.datetime) -> int:
    """One notification per expected member (each of their channels); returns how many rows."""
    urgent = meeting.emergency or meeting.held_at - at <= URGENT_WITHIN
    with translation.override("zh-hans"):
        subject = _("Meeting notice: %(title)s") % {"title": meeting.title}
        body = _body(meeting)
    queued = 0
    for attendance in meeting.attendance.select_related("person").order_by("pk"):
        queued += len(
            enqueue(
                township=meeting.township,
                topic=TOPIC,
                key=f"meeting-notice:{meeting.pk}",
                subject=subject,
                body=body,
                recipient=attendance.person,
                urgent=urgent,
                receipt=True,
                target=meeting,
                now=at,
            )
        )
    return queued


def _confirmed(notification: Notification) -> None:
    """The receipt link was opened: the member's receipt, as their own answer (R1§7(2))."""
    from zhidu.meetings.services.convene import confirm_notice

    meeting = Meeting.objects.get(pk=notification.target_id, township_id=notification.township_id)
    person = Person.objects.get(pk=notification.recipient_id or 0)
    confirm_notice(meeting, person)


register_receipt(TOPIC, _confirmed)
