"""A stored declaration as its `zhidu.family-event/1` record, and its evaluation by the same pure
checks `zhidu evaluate` runs (checks.py): the detail page, the register, the export and the live
panel of the unsaved form all go through here."""

from __future__ import annotations

import datetime
from typing import Any

from zhidu.family_events import checks
from zhidu.family_events.models import Declaration
from zhidu.rules import parameters_for
from zhidu.rules.case_records import CaseEvaluation
from zhidu.workdays.services import get_calendar


def parameters(township: Any, event_on: datetime.date) -> checks.FamilyEventParameters:
    """The township's R9 parameters in force on the event day."""
    found = parameters_for(township, checks.AREA, event_on)
    assert isinstance(found, checks.FamilyEventParameters)
    return found


def record_of(d: Declaration) -> checks.FamilyEvent:
    report = None
    if d.report_on is not None and d.channel:
        report = checks.Report(d.report_on, d.channel)
    details = checks.Details(d.purpose, d.time, d.place, d.guests, d.standard)
    return checks.FamilyEvent(d.kind, d.event_on, report, d.written_on, details, d.attestation)


def evaluate(d: Declaration) -> CaseEvaluation:
    return checks.evaluate(record_of(d), get_calendar(), parameters(d.township_id, d.event_on))


def export(d: Declaration) -> dict[str, Any]:
    """The `zhidu.family-event/1` document of a stored declaration (no sealed content in it)."""
    return checks.to_record(record_of(d))


def register_format() -> None:
    """Teach `zhidu evaluate` the `zhidu.family-event/1` format (from the app's ready())."""
    checks.register_format()
