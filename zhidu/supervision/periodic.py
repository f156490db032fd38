"""The daily job of supervision and responsibility, called by the scheduler for each township
(zhidu.obligations.scheduler.run_once): the year's target-responsibility letters (R5, R6) and the
progress reports still owed on items not done yet (R7). Idempotent: safe to run any number of times
a day."""

from __future__ import annotations

import datetime

from zhidu.supervision import progress, responsibility


def generate(township, day: datetime.date) -> int:
    return responsibility.generate_letters(township, day) + progress.generate(township, day)
