"""Supervision (R7): the parameters of its rules, beside the checks of supervision records as they
are written. Pure: no database, no clock."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from zhidu.rules import RuleParameters, parameter

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
