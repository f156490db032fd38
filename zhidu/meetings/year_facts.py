"""R1's part of the R10 annual self-report's annex (zhidu.rules.year_facts): the meetings a person
attended and missed in a calendar year, and the items they were the leader in charge of, with their
outcome. Registered from the app's `ready()`. A confidential item (R1§9) is counted, never named:
the annex is read by more people than the personnel matter may be."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhidu.core.chinese import cn_date
from zhidu.rules.year_facts import YearFacts

if TYPE_CHECKING:
    from zhidu.org.models import Person

AREA = "meetings"
HEADING = _("Meetings attended and items in charge")
MAX_LINES = 40  # a busy year stays readable: the rest is counted


def _outcome(item) -> str:
    """The item's outcome in words: not yet approved, returned, or what its last agenda entry at a
    closed meeting did."""
    if item.state == item.State.AWAITING_LEADER:
        return "待分管领导审核"
    if item.state == item.State.PROPOSED:
        return "待审批上会"
    if item.state == item.State.RETURNED:
        return "已退回"
    entries = [e for e in item.entries.all() if e.meeting.state == e.meeting.State.CLOSED]
    if not entries:
        return "已批准，待上会"
    entry = max(entries, key=lambda e: e.meeting.held_at)
    when = cn_date(timezone.localtime(entry.meeting.held_at).date())
    if entry.deferred:
        return f"{when}会议暂缓表决"
    if entry.votes_for is not None:
        return (
            f"{when}会议表决：赞成{entry.votes_for}票、反对{entry.votes_against or 0}票、"
            f"弃权{entry.votes_abstain or 0}票"
        )
    return f"{when}会议已审议"


def facts(person: Person, year: int) -> YearFacts:
    from zhidu.meetings.models import Attendance, Item

    now = timezone.now()
    rows = (
        Attendance.objects.filter(
            township=person.township_id,
            person=person,
            meeting__held_at__year=year,
            meeting__held_at__lte=now,
        )
        .exclude(meeting__state="draft")
        .select_related("meeting")
        .order_by("meeting__held_at")
    )
    present = absent = 0
    absences = []
    for row in rows:
        if row.status == Attendance.Status.PRESENT:
            present += 1
        elif row.status == Attendance.Status.ABSENT:
            absent += 1
            day = cn_date(timezone.localtime(row.meeting.held_at).date())
            reason = f"（{row.reason}）" if row.reason else "（未记录原因）"
            absences.append(f"缺席：{day}《{row.meeting.title}》{reason}")
    lines = [f"{year}年应出席会议{present + absent}次，出席{present}次，缺席{absent}次。"]
    lines += absences[:MAX_LINES]
    items = list(
        Item.objects.filter(township=person.township_id, owner=person, created_at__year=year)
        .prefetch_related("entries__meeting")
        .order_by("created_at")
    )
    secret = [i for i in items if i.confidential]
    lines.append(f"分管议题{len(items)}项。" + (f"其中保密议题{len(secret)}项，不列标题。" if secret else ""))
    shown = [i for i in items if not i.confidential]
    lines += [f"议题《{i.title}》：{_outcome(i)}" for i in shown[:MAX_LINES]]
    if len(shown) > MAX_LINES:
        lines.append(f"另有{len(shown) - MAX_LINES}项议题未列出。")
    return YearFacts(area=AREA, heading=str(HEADING), lines=lines, article="R1")
