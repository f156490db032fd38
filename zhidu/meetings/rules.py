"""Rulebook parameters per township, versioned by the day they take effect: a meeting is judged by
the rules in force on its day (rulebook, preamble). The checks stay pure; this module only picks
the parameters for a township and a day."""

from __future__ import annotations

import datetime

from zhidu.meetings.checks import TOWNSHIP_DEFAULTS, RuleParameters
from zhidu.meetings.models import RuleSet


def rules_for(township, day: datetime.date) -> RuleParameters:
    """The parameters in force in a township on a day (the rulebook's defaults before any row)."""
    row = (
        RuleSet.objects.filter(township=township, effective_from__lte=day).order_by("-effective_from").first()
    )
    return row.parameters() if row is not None else TOWNSHIP_DEFAULTS
