"""Which parameters are in force: one lookup for every area."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from zhidu.rules.parameters import RuleParameters, resolve

if TYPE_CHECKING:  # the models load only when a lookup runs: importing zhidu.rules needs no Django
    from zhidu.org.models import Township


def parameters_for(township: Township | int, area: str, day: datetime.date) -> RuleParameters:
    """The parameters of `area` in force in `township` (a Township or its id) on `day`: those of the
    latest version effective on or before that day, the rulebook's defaults before any version."""
    from zhidu.rules.models import RuleSet

    stored = (
        RuleSet.objects.filter(township=township, effective_from__lte=day)
        .order_by("-effective_from")
        .values_list("parameters", flat=True)
        .first()
    )
    return resolve(stored, area)


def stored_in_force(township: Township | int, day: datetime.date) -> dict[str, Any]:
    """The whole stored parameters in force on `day` (every area), `{}` before any version: what a new
    version starts from."""
    from zhidu.rules.models import RuleSet

    stored = (
        RuleSet.objects.filter(township=township, effective_from__lte=day)
        .order_by("-effective_from")
        .values_list("parameters", flat=True)
        .first()
    )
    return dict(stored or {})
