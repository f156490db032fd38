"""A stored case as its `zhidu.petition/1` record, judged by the same pure checks (zhidu.petitions
.checks) as `zhidu evaluate`, with the township's R21 parameters in force on the day of receipt."""

from __future__ import annotations

import datetime
from typing import Any, cast

from django.core.exceptions import ValidationError

from zhidu.petitions import checks
from zhidu.petitions.models import Case
from zhidu.rules import parameters_for
from zhidu.rules.case_records import CaseEvaluation
from zhidu.rules.formats import InvalidRecord
from zhidu.workdays.services import get_calendar

# The fields of the spec's record, as the web form names them (InvalidRecord paths → form fields).
FIELD_OF = {
    "answered_on": "answered_on",
    "extension.decided_on": "decided_on",
    "extension.told_on": "told_on",
    "extension.days": "days",
}


def params(case: Case) -> checks.PetitionParameters:
    """The township's R21 parameters in force on the day the case was received."""
    found = parameters_for(case.township_id, checks.AREA, case.received_on)
    return cast(checks.PetitionParameters, found)


def record_of(case: Case, **changes: Any) -> checks.PetitionRecord:
    """The case as a `zhidu.petition/1` record; `changes` replace fields (the unsaved form)."""
    extension = None
    decided_on = changes.get("decided_on", case.extension_decided_on)
    if decided_on is not None:
        extension = checks.Extension(
            decided_on=decided_on,
            days=changes.get("days", case.extension_days) or 0,
            reason=changes.get("reason", case.extension_reason) or "",
            told_on=changes.get("told_on", case.extension_told_on),
        )
    return checks.PetitionRecord(
        mode=case.mode,
        received_on=case.received_on,
        answered_on=changes.get("answered_on", case.answered_on),
        extension=extension,
    )


def evaluate(case: Case, **changes: Any) -> CaseEvaluation:
    return checks.evaluate(record_of(case, **changes), get_calendar(), params(case))


def validated(case: Case, **changes: Any) -> CaseEvaluation:
    record = record_of(case, **changes)
    try:
        checks.validate(record)
    except InvalidRecord as error:
        raise ValidationError({FIELD_OF.get(error.field_path, "__all__"): error.message}) from None
    return checks.evaluate(record, get_calendar(), params(case))


def original_due(case: Case) -> datetime.date:
    """R21§4: 60 days after receipt, before any extension."""
    due: datetime.date = checks.original_due(record_of(case), get_calendar(), params(case)).date
    return due
