"""Who is away, and why: an area that records absences (R14 leave: a trip, a meeting or a training
of a day or more, reported beforehand) registers its source here, and the areas that need to know
read it through `absences()` (a meeting's attendance takes the absence and its reason; the daily-log
board shows who is away; the Friday briefing skips who is away). This kernel names no area."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from zhidu.org.models import Township


@dataclass(frozen=True)
class Absence:
    person_id: int
    start: datetime.date
    end: datetime.date  # inclusive: the last day away
    reason: str  # shown as the absence's reason, e.g. "外出参加县委党校培训"
    source: str = ""  # the area that recorded it, e.g. "coordination.leave"
    source_id: int | None = None


# (township, first day, last day) -> the absences overlapping those days, in that township.
AbsenceSource = Callable[["Township", datetime.date, datetime.date], list[Absence]]

_sources: dict[str, AbsenceSource] = {}


def register_absence_source(name: str, source: AbsenceSource) -> None:
    """Registering a name again replaces it (a reloaded app)."""
    _sources[name] = source


def absences(township: Township, start: datetime.date, end: datetime.date | None = None) -> list[Absence]:
    """Every registered source's absences overlapping `start`..`end` (one day when `end` is None)."""
    last = end or start
    found: list[Absence] = []
    for source in _sources.values():
        found.extend(a for a in source(township, start, last) if a.start <= last and a.end >= start)
    return found


def away_on(township: Township, day: datetime.date) -> dict[int, Absence]:
    """person id -> their absence on `day` (the first registered when several overlap)."""
    found: dict[int, Absence] = {}
    for absence in absences(township, day):
        found.setdefault(absence.person_id, absence)
    return found
