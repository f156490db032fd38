"""The one vocabulary of meetings (R1–R4): bodies, item categories, vote methods, notice channels,
written-opinion positions and ballot choices, for the models and the forms. The exchange format's
parser (`record.py`) and the checks take the same values from `terms.py`, which loads no Django
(tests/meetings/test_terms.py holds the two together).

Labels are English msgids translated by the catalogue; `chinese(...)` gives a label in Chinese
whatever the reader's language, for what the rulebook says in Chinese (the findings of
`zhidu evaluate`, the official minutes)."""

from __future__ import annotations

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class Body(models.TextChoices):
    TEAM = "team", _("team meeting")  # R1, R4
    SECRETARY_OFFICE = "secretary_office", _("secretary's office meeting")  # R2
    FIVE_PERSON_GROUP = "five_person_group", _("five-person group")  # R3


class Category(models.TextChoices):
    # R1§4; every category but `general` is an important matter (重大事项).
    PERSONNEL = "personnel", _("personnel")
    MAJOR_DECISION = "major_decision", _("major decision")
    MAJOR_PROJECT = "major_project", _("major project")
    LARGE_FUNDS = "large_funds", _("large funds")
    DEMOLITION = "demolition", _("demolition")
    RESETTLEMENT = "resettlement", _("resettlement")
    GENERAL = "general", _("general matter")


IMPORTANT_CATEGORIES = frozenset(Category.values) - {Category.GENERAL.value}


class VoteMethod(models.TextChoices):
    ORAL = "oral", _("oral")
    SHOW_OF_HANDS = "show_of_hands", _("show of hands")
    ANONYMOUS_BALLOT = "anonymous_ballot", _("anonymous ballot")
    NAMED_BALLOT = "named_ballot", _("named ballot")
    CIRCULATION = "circulation", _("circulation")  # R1§2: never a vote on an important matter


class NoticeChannel(models.TextChoices):
    WRITTEN = "written", _("written")
    PHONE = "phone", _("phone")


class OpinionPosition(models.TextChoices):
    """An absent member's written opinion (R1§7(3))."""

    FOR = "for", _("for")
    AGAINST = "against", _("against")
    DEFER = "defer", _("defer")


class BallotChoice(models.TextChoices):
    FOR = "for", _("for")
    AGAINST = "against", _("against")
    ABSTAIN = "abstain", _("abstain")


def chinese(choices: type[models.TextChoices], value: str) -> str:
    """The Chinese label of `value` (an unknown value is returned as it is)."""
    try:
        label = choices(value).label
    except ValueError:
        return value
    with translation.override("zh-hans"):
        return str(label)
