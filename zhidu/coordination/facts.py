"""R14 in a member's year (the R10 annex, zhidu.rules.year_facts): leaves taken and cancelled, matter
reports made and replied."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from zhidu.rules.year_facts import YearFacts

if TYPE_CHECKING:
    from zhidu.org.models import Person


def year_facts(person: Person, year: int) -> YearFacts:
    from zhidu.coordination.models import Leave, MatterReport

    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    leaves = Leave.objects.filter(
        township_id=person.township_id, person=person, starts_on__range=(first, last)
    )
    taken = leaves.count()
    late = leaves.filter(reported_late=True).count()
    open_ = leaves.filter(state=Leave.State.AWAY).count()
    reports = MatterReport.objects.filter(
        township_id=person.township_id, author=person, submitted_at__year=year
    ).count()
    lines = [
        f"请假外出{taken}次，其中外出后才报告{late}次，尚未销假{open_}次",
        f"向党政主要领导请示汇报{reports}次",
    ]
    return YearFacts("coordination", "请销假与请示汇报", lines, "R14")
