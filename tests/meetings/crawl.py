"""R1§8 in the access crawl (tests/core/test_access_crawl.py): per township an emergency action taken
without a meeting, recorded by the party office; read by whoever may view meetings."""

from __future__ import annotations

import datetime

from tests.core import crawl_support
from tests.core.crawl_support import rows


def populate(t, *, team, clerk, discipline, owners, reporters) -> None:
    from django.utils import timezone

    from zhidu.meetings import services

    t.rows["emergency"] = services.record_emergency_action(
        township=t.township, taken_by=team[1], action=f"转移群众{crawl_support.marker(t.tag, 'EMRG')}",
        reason="暴雨", taken_at=timezone.now() - datetime.timedelta(hours=1), user=clerk.user,
    )  # fmt: skip


SOURCES = {"meetings/emergency/<pk>": rows("emergency")}
