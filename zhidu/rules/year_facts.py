"""What each area knows of one person's year: the facts the R10 annual self-report pre-fills as its
annex (meetings attended and missed, items owned and their execution, talks held, declarations,
daily-log completeness, rectification of findings). Each area registers its own from its app's
`ready()` (`register_year_facts`), so the annual self-report names no area and a new area adds its
facts without touching it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils.functional import Promise

if TYPE_CHECKING:
    from zhidu.org.models import Person


@dataclass(frozen=True)
class YearFacts:
    """One area's section of the annex: a heading and plain lines of text the member may edit."""

    area: str
    heading: str
    lines: list[str] = field(default_factory=list)
    article: str = ""  # the rule the facts come from, e.g. "R1", "R7", "R20"


# (person, year) -> the area's facts of that person's calendar year.
FactsSource = Callable[["Person", int], YearFacts]

_sources: dict[str, tuple[int, str | Promise, FactsSource]] = {}


def register_year_facts(area: str, heading: str | Promise, source: FactsSource, *, order: int = 100) -> None:
    """Add an area's facts to the annex, sections sorted by `order` then area. Registering an area
    again replaces it (a reloaded app)."""
    _sources[area] = (order, heading, source)


def year_facts(person: Person, year: int) -> list[YearFacts]:
    """Every registered area's facts of `person` in `year`, in annex order."""
    found = []
    for _area, (_order, _heading, source) in sorted(_sources.items(), key=lambda kv: (kv[1][0], kv[0])):
        found.append(source(person, year))
    return found
