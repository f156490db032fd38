"""R14§5 leave as the kernel's absence source (zhidu.org.absences, registered as "coordination.leave"):
the meetings take a member's absence and its reason from it, the daily-log board shows who is away,
the Friday briefing marks them away. A leave cancelled early ends the day before its 销假."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.utils import timezone

from zhidu.org.absences import Absence

if TYPE_CHECKING:
    from zhidu.org.models import Township

ONE_DAY = datetime.timedelta(days=1)


def reason_of(purpose: str, destination: str) -> str:
    # Data, in Chinese like the meetings' reasons: "请假：外出开会（赴县委参加党建工作会议）".
    label = {"business": "外出办事", "meeting": "外出开会", "training": "参加培训"}
    return f"请假：{label.get(purpose, '外出')}（{destination}）"[:200]


def leave_absences(township: Township, start: datetime.date, end: datetime.date) -> list[Absence]:
    from zhidu.coordination.models import Leave

    rows = Leave.objects.filter(township=township, starts_on__lte=end, ends_on__gte=start).values_list(
        "pk", "person_id", "starts_on", "ends_on", "purpose", "destination", "returned_at"
    )
    found = []
    for pk, person_id, first, last, purpose, destination, returned_at in rows:
        if returned_at is not None:
            last = min(last, timezone.localdate(returned_at) - ONE_DAY)
        if last < first:
            continue
        found.append(
            Absence(person_id, first, last, reason_of(purpose, destination), "coordination.leave", pk)
        )
    return found
