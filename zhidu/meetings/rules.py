"""The meetings' parameters in force for a township on a day, from the township's one versioned rule
set (zhidu.rules): a meeting is judged by the rules in force on its day (rulebook, preamble). The
checks stay pure; this module only picks the parameters."""

from __future__ import annotations

import datetime
from typing import cast

from zhidu.meetings.checks import AREA, MeetingParameters
from zhidu.rules import parameters_for


def rules_for(township, day: datetime.date) -> MeetingParameters:
    """The parameters in force in a township on a day (the rulebook's defaults before any version)."""
    return cast(MeetingParameters, parameters_for(township, AREA, day))
