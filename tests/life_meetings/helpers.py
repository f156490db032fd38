"""A small organization for R13: the personas (secretary = principal, deputy, party office,
discipline inspection, organization office, a cadre) and the year's meeting."""

from __future__ import annotations

import datetime

from zhidu.life_meetings import services
from zhidu.life_meetings.models import Speech


def meeting(people, year: int = 2026, planned_on: datetime.date | None = None):
    return services.create_meeting(
        by=people["secretary"], year=year, theme="对照检查履职尽责情况", planned_on=planned_on
    )


def hold(people, m, day: datetime.date):
    records = {s.pk: ("自我批评内容", "批评意见") for s in Speech.objects.filter(meeting=m)}
    return services.hold_meeting(m, by=people["secretary"], held_on=day, summary="会议情况", records=records)
