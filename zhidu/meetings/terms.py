"""The meetings' vocabulary (vocabulary.py) as plain values and labels, for the pure path: the
exchange format's parser (`record.py`) and the checks import this, so `zhidu evaluate` judges a file
without loading Django's models or its translation machinery (issue 18: start in at most 300 ms).

The values and the English labels are those of vocabulary.py's TextChoices, which the models use;
tests/meetings/test_terms.py holds the two together (same values, same Chinese). `chinese(msgid)`
reads the label's Chinese from the project's compiled catalogue with the standard library, as the
`zh-hans` catalogue of the running site gives it."""

from __future__ import annotations

import functools
import gettext
from collections.abc import Iterator, Mapping
from pathlib import Path

_CATALOGUE = Path(__file__).resolve().parents[1] / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.mo"

# value → English label (the msgid), in declaration order.
BODY = {
    "team": "team meeting",  # R1, R4
    "secretary_office": "secretary's office meeting",  # R2
    "five_person_group": "five-person group",  # R3
}
# R1§4; every category but `general` is an important matter (重大事项).
CATEGORY = {
    "personnel": "personnel",
    "major_decision": "major decision",
    "major_project": "major project",
    "large_funds": "large funds",
    "demolition": "demolition",
    "resettlement": "resettlement",
    "general": "general matter",
}
GENERAL = "general"
IMPORTANT_CATEGORIES = frozenset(CATEGORY) - {GENERAL}
VOTE_METHOD = {
    "oral": "oral",
    "show_of_hands": "show of hands",
    "anonymous_ballot": "anonymous ballot",
    "named_ballot": "named ballot",
    "circulation": "circulation",  # R1§2: never a vote on an important matter
}
NOTICE_CHANNEL = {"written": "written", "phone": "phone"}
# An absent member's written opinion (R1§7(3)).
OPINION_POSITION = {"for": "for", "against": "against", "defer": "defer"}
BALLOT_CHOICE = {"for": "for", "against": "against", "abstain": "abstain"}


@functools.cache
def _catalogue() -> gettext.NullTranslations:
    try:
        with _CATALOGUE.open("rb") as f:
            return gettext.GNUTranslations(f)
    except OSError:  # a checkout without the compiled catalogue: the English label
        return gettext.NullTranslations()


def chinese(msgid: str) -> str:
    """The Chinese of a label (the msgid itself when the catalogue has none)."""
    return _catalogue().gettext(msgid)


class ChineseLabels(Mapping[str, str]):
    """value → Chinese label of one vocabulary, as a read-only mapping in declaration order (what
    the exchange parser validates against and what messages print)."""

    def __init__(self, labels: Mapping[str, str]) -> None:
        self.labels = labels

    def __getitem__(self, value: str) -> str:
        return chinese(self.labels[value])

    def __iter__(self) -> Iterator[str]:
        return iter(self.labels)

    def __len__(self) -> int:
        return len(self.labels)

    def __contains__(self, value: object) -> bool:
        return value in self.labels
