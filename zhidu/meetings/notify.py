"""The meeting's notice sent outward (R1§7(2): the notice is delivered in writing): one message per
expected member, through the notifications kernel's outbox, on each channel the member chose, with
the items, their materials and a signed link that confirms receipt. Opening the link records the
receipt exactly as the member's button on the meeting page does (`services.confirm_notice`).

Called from `convene.send_notice`, inside its transaction: a notice rolled back sends nothing."""

from __future__ import annotations

import datetime
from typing import cast

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


def _when(value: datetime.datetime) -> str:
    local = timezone.localtime(value)
    return f"{cn_date(local.date())} {local:%H:%M}"


def change_lines(
    meeting: Meeting, changed: list[str], old: dict[str, object], previous_items: list[int]
) -> list[str]:
    """What a re-sent notice says changed since the last send (R1§7(2)), in the notice's language
    (Chinese): the time, the place, the title, the chair (old → new), the items added or withdrawn.
    A confidential personnel item is named only as such (R1§9), as in the notice itself."""
    from zhidu.meetings.models import Item

    with translation.override("zh-hans"):
        lines = []
        if "held_at" in changed:
            lines.append(
                _("Time changed from %(old)s to %(new)s")
                % {"old": _when(cast(datetime.datetime, old["held_at"])), "new": _when(meeting.held_at)}
            )
        if "place" in changed:
            lines.append(
                _("Place changed from %(old)s to %(new)s")
                % {"old": old["place"] or _("(none)"), "new": meeting.place or _("(none)")}
            )
        if "title" in changed:
            lines.append(
                _("Title changed from %(old)s to %(new)s") % {"old": old["title"], "new": meeting.title}
            )
        if "chair" in changed:
            before = (
                Person.objects.filter(pk=cast(int, old["chair"])).values_list("name", flat=True).first() or ""
            )
            lines.append(
                _("Chair changed from %(old)s to %(new)s") % {"old": before, "new": meeting.chair.name}
            )
        if "items" in changed:
            now = list(
                meeting.entries.filter(withdrawn_at=None)
                .order_by("position", "pk")
                .values_list("item_id", flat=True)
            )
            titles = {
                i.pk: _("Confidential personnel item") if i.confidential else i.title
                for i in Item.objects.filter(pk__in=set(now) | set(previous_items))
            }
            added = [titles[i] for i in now if i not in previous_items]
            dropped = [titles[i] for i in previous_items if i not in now]
            if added:
                lines.append(_("Items added: %(items)s") % {"items": "、".join(added)})
            if dropped:
                lines.append(_("Items withdrawn: %(items)s") % {"items": "、".join(dropped)})
        return [str(line) for line in lines]


def _body(meeting: Meeting, changes: list[str] | None = None) -> str:
    held = timezone.localtime(meeting.held_at)
    lines = []
    if changes:
        lines.append(_("This notice replaces the earlier one. What changed:"))
        lines += [f"· {line}" for line in changes]
        lines.append("")
    lines += [
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


def notice_key(meeting: Meeting, revision: int = 1) -> str:
    """The outbox's dedupe key of one send of the notice: a re-sent notice is a new message."""
    return f"meeting-notice:{meeting.pk}" + (f":r{revision}" if revision > 1 else "")


def revision_of(notification: Notification) -> int:
    """Which send of the notice a message was (from its key, see `notice_key`)."""
    key = notification.group_key.rsplit(":p", 1)[0]
    tail = key.rsplit(":", 1)[-1]
    return int(tail[1:]) if tail.startswith("r") and tail[1:].isdigit() else 1


def queue_notice(
    meeting: Meeting, *, at: datetime.datetime, revision: int = 1, changes: list[str] | None = None
) -> int:
    """One notification per expected member (each of their channels); returns how many rows. A
    re-sent notice (revision > 1) says first what changed (`changes`, from `change_lines`)."""
    urgent = meeting.emergency or meeting.held_at - at <= URGENT_WITHIN
    with translation.override("zh-hans"):
        if revision > 1:
            subject = _("Changed meeting notice: %(title)s") % {"title": meeting.title}
        else:
            subject = _("Meeting notice: %(title)s") % {"title": meeting.title}
        body = _body(meeting, changes)
    queued = 0
    for attendance in meeting.attendance.select_related("person").order_by("pk"):
        queued += len(
            enqueue(
                township=meeting.township,
                topic=TOPIC,
                key=notice_key(meeting, revision),
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
    """The receipt link was opened: the member's receipt, as their own answer (R1§7(2)). A link of
    a notice that was re-sent since (the meeting changed) confirms that message only, not the
    member's receipt of the notice now in force."""
    from zhidu.meetings.services.convene import confirm_notice, notice_revision

    meeting = Meeting.objects.get(pk=notification.target_id, township_id=notification.township_id)
    if revision_of(notification) != notice_revision(meeting):
        return
    person = Person.objects.get(pk=notification.recipient_id or 0)
    confirm_notice(meeting, person)


register_receipt(TOPIC, _confirmed)
