"""Shared by the R14 entry points: refusing with the field named, the principals of a day, the
township's parameters and the working-day deadlines (never ad-hoc timedelta arithmetic)."""

from __future__ import annotations

import datetime
from typing import NoReturn, cast

from django.core.exceptions import ValidationError

from zhidu.coordination.checks import AREA, CoordinationParameters
from zhidu.obligations.deadlines import DeadlineRule, resolve
from zhidu.org.models import Person, Township, team_on
from zhidu.rules import parameters_for
from zhidu.workdays.services import get_calendar

MAX_TEXT = 5000


def refuse(field: str, message: str) -> NoReturn:
    raise ValidationError({field: message})


def text(value: str | None, field: str, label: str, *, required: bool = True, limit: int = MAX_TEXT) -> str:
    value = (value or "").strip()
    if required and not value:
        refuse(field, f"{label}：请填写")
    if len(value) > limit:
        refuse(field, f"{label}：不能超过{limit}字")
    return value


def parameters(township: Township, day: datetime.date) -> CoordinationParameters:
    return cast(CoordinationParameters, parameters_for(township, AREA, day))


def principals(township: Township, day: datetime.date) -> list[Person]:
    """党政主要领导 on `day`: the team members whose term is a principal's (the secretary and the
    township head), each once."""
    found: dict[int, Person] = {}
    for term in team_on(township, day).filter(is_principal=True).order_by("starts_on", "pk"):
        found.setdefault(term.person_id, term.person)
    return list(found.values())


def due_after_workdays(day: datetime.date, n: int) -> DeadlineRule:
    return DeadlineRule("after_workdays", day, n)


def due_at(rule: DeadlineRule) -> datetime.datetime:
    return resolve(rule, get_calendar()).due_at
