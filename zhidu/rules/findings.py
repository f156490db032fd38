"""What a check says about a record: a `Finding`, with a code, a severity and the article it cites.

Every area's `checks.py` returns these; the live screens, the archive, the API and `zhidu evaluate`
show them. Pure: no Django, no database."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# The severities (glossary: 无效 / 违规 / 提示), strongest first. `invalid`: what the record did does
# not stand (e.g. a decision without quorum, R1§6); `violation`: a breach of the rulebook that leaves
# the decision standing; `advice`: what the rulebook says should "generally" be done.
INVALID, VIOLATION, ADVICE = "invalid", "violation", "advice"
SEVERITIES = (INVALID, VIOLATION, ADVICE)
# Their names on the pages, in the reader's language (lazy: importing this needs no settings).
SEVERITY_LABELS = {INVALID: _("invalid"), VIOLATION: _("violation"), ADVICE: _("advice")}

# An article citation: one or more of "R1", "R1§7", "R1§7(2)", "R21§4", separated by ", ".
ARTICLE = re.compile(r"R\d+(§\d+(\(\d+\))?)?(, R\d+(§\d+(\(\d+\))?)?)*")


def is_article(text: str) -> bool:
    """True when `text` is an article citation as the findings and obligations write it."""
    return ARTICLE.fullmatch(text) is not None


@dataclass(frozen=True)
class Finding:
    """One thing a check found: `code` (the spec's finding code, e.g. `notice-late`), `severity` (one
    of SEVERITIES), `article` (the citation, e.g. `R1§7(2)`) and a Chinese `message` for the reader."""

    code: str
    severity: str
    article: str
    message: str

    def __post_init__(self) -> None:
        # A misspelt severity or citation would silently fall out of every "invalid" test: refuse it.
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")
        if not is_article(self.article):
            raise ValueError(f"not an article citation: {self.article!r}")
