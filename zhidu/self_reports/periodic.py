"""R10's recurring duty, run by the one job (zhidu.obligations.jobs): every member of the team on
`day` has the year's report (an empty draft) and its obligation, due by the day the committee set
(SelfReportParameters, default the last working day of December). Idempotent: the report and the
obligation exist once per member and year (unique constraint, key)."""

from __future__ import annotations

import datetime

from zhidu.org.models import Township, team_on
from zhidu.self_reports.models import SelfReport
from zhidu.self_reports.services.reports import open_report


def generate(township: Township, day: datetime.date) -> int:
    """Open the year's report for each member of the team on `day`; returns how many were opened."""
    members = {t.person_id: t.person for t in team_on(township, day)}
    have = set(
        SelfReport.objects.filter(township=township, year=day.year, person_id__in=members).values_list(
            "person_id", flat=True
        )
    )
    opened = 0
    for person_id, person in members.items():
        if person_id not in have:
            opened += open_report(person, day.year, actor=None)[1]
    return opened
