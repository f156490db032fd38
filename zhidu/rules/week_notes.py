"""What a team member did and plans in a week, as an area that keeps daily work (R18 daily logs)
knows it: the R14 Friday briefing pre-fills each leader's "this week's key work" and "next week's
plan" from here. The area registers its source from its app's `ready()`; this kernel names none."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from zhidu.org.models import Person


@dataclass(frozen=True)
class WeekNotes:
    done: list[str] = field(default_factory=list)  # this week's work, one line each
    planned: list[str] = field(default_factory=list)  # what is planned next (the last log's plan)
    unfinished: list[str] = field(default_factory=list)  # tasks carried forward


# (person, monday of the week) -> what the source knows of that week.
WeekSource = Callable[["Person", datetime.date], WeekNotes]

_sources: dict[str, WeekSource] = {}


def register_week_source(name: str, source: WeekSource) -> None:
    _sources[name] = source


def week_notes(person: Person, monday: datetime.date) -> WeekNotes:
    """Every registered source's notes of `person`'s week starting `monday`, joined."""
    done: list[str] = []
    planned: list[str] = []
    unfinished: list[str] = []
    for source in _sources.values():
        notes = source(person, monday)
        done += notes.done
        planned += notes.planned
        unfinished += notes.unfinished
    return WeekNotes(done, planned, unfinished)
