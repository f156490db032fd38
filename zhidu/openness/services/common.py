"""Shared by the R11 entry points: refusing with the field named, the township's parameters."""

from __future__ import annotations

import datetime
from typing import NoReturn, cast

from django.core.exceptions import ValidationError

from zhidu.openness.checks import AREA, OpennessParameters
from zhidu.org.models import Township
from zhidu.rules import parameters_for

__all__ = ["parameters", "refuse", "text"]


def refuse(field: str, message: str) -> NoReturn:
    raise ValidationError({field: message})


def text(value: str | None, field: str, label: str, *, required: bool = True, limit: int = 200) -> str:
    value = (value or "").strip()
    if required and not value:
        refuse(field, f"{label}：请填写")
    if len(value) > limit:
        refuse(field, f"{label}：不能超过{limit}字")
    return value


def parameters(township: Township, day: datetime.date) -> OpennessParameters:
    return cast(OpennessParameters, parameters_for(township, AREA, day))
