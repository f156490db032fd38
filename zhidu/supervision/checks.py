"""Supervision (R7): the parameters of its rules, beside the checks of supervision records as they
are written. Pure: no database, no clock."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from zhidu.core.chinese import cn_date
from zhidu.rules import ADVICE, Finding, RuleParameters, parameter

# This area's namespace in the township's rule set (zhidu.rules).
AREA = "supervision"


@dataclass(frozen=True)
class SupervisionParameters(RuleParameters):
    """What a township may set of R7, versioned by the day it takes effect (zhidu.rules.RuleSet,
    namespace "supervision"); the defaults are the rulebook's."""

    # R7 "未能按时办结的…定期续报，直至办结": a progress report opens the next one this many working
    # days later, until the work is reported done and accepted.
    progress_workdays: int = parameter(10, _("progress report interval (working days)"))

    def __post_init__(self) -> None:
        if self.progress_workdays < 1:
            raise ValueError("progress_workdays: 至少为 1 个工作日")


TOWNSHIP_DEFAULTS = SupervisionParameters()


@dataclass(frozen=True)
class DeadlineAdvice:
    """A deadline that falls on a day off, and the working day proposed instead."""

    finding: Finding
    proposed: datetime.date


def deadline_on_a_day_off(
    deadline: datetime.date,
    is_workday: Callable[[datetime.date], bool],
    next_workday: Callable[[datetime.date], datetime.date],
) -> DeadlineAdvice | None:
    """R7's deadlines are working-day deadlines like every other in Zhidu: a feedback deadline on a
    holiday or a weekend (2027-01-01, a Friday holiday; a Saturday) would make the owner report on a
    day the office is closed. Advise the next working day; the clerk may keep the day deliberately."""
    if is_workday(deadline):
        return None
    proposed = next_workday(deadline)
    return DeadlineAdvice(
        Finding(
            "deadline-day-off",
            ADVICE,
            "R7",
            f"反馈期限{cn_date(deadline)}不是工作日，建议改为下一个工作日{cn_date(proposed)}",
        ),
        proposed,
    )
