"""The daily job of supervision and responsibility, run for each township by the one job of
`zhidu sweep` and the scheduler (registered in apps.py with zhidu.obligations.jobs): the year's
target-responsibility letters (R5, R6) and the progress reports still owed on items not done yet
(R7). Idempotent: safe to run any number of times a day, and by two servers at once."""

from __future__ import annotations

import datetime

from zhidu.supervision import progress, responsibility


def generate(township, day: datetime.date) -> int:
    return responsibility.generate_letters(township, day) + progress.generate(township, day)
