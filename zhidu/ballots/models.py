"""Ballots that keep their secret (R1§7(4), R10). Threat model and what it does not cover: THREATS.md.

Privacy is in the shape of the tables, and tests/ballots/test_privacy.py asserts it:
- `AnonymousBallot` and `AssessmentAnswer` have no user, person, address or time column, a random
  primary key (UUID4), and are read only in the order of their receipt hash;
- `CodeSlot` holds the keyed hash of a printed one-time code and whether it was used, never who drew it
  nor when it was used;
- when a box closes every ballot row of the box is rewritten, shuffled, in one transaction, so row
  order, SQLite rowids and PostgreSQL xmin no longer follow the order of casting.
Named ballots (记名投票) stay in `meetings.NamedBallot`: there the rule wants the name."""

from __future__ import annotations

import uuid
from typing import cast

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zhidu.org.models import Person, TownshipScoped


class Choice(models.TextChoices):
    FOR = "for", _("for")
    AGAINST = "against", _("against")
    ABSTAIN = "abstain", _("abstain")


class Rating(models.TextChoices):
    # R10 民主测评: the four grades.
    EXCELLENT = "excellent", _("excellent")
    COMPETENT = "competent", _("competent")
    BASIC = "basic", _("basically competent")
    INCOMPETENT = "incompetent", _("incompetent")


class BallotSettings(TownshipScoped):
    """A township's ballot settings. A receipt lets a voter prove their choice to someone else (and so
    be pressed or paid for it): off unless the township turns it on."""

    receipts_allowed = models.BooleanField(_("voters may keep a receipt"), default=False)

    class Meta:
        verbose_name = _("ballot settings")
        verbose_name_plural = _("ballot settings")
        constraints = [models.UniqueConstraint(fields=["township"], name="ballot_settings_unique")]


class Assessment(TownshipScoped):
    """R10 无记名民主测评: at the year-end meeting attendees rate the team and each member."""

    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=200)
    meeting = models.ForeignKey(
        "meetings.Meeting", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("democratic assessment")
        verbose_name_plural = _("democratic assessments")
        ordering = ["-year", "-id"]

    def __str__(self) -> str:
        return self.title


class AssessmentSubject(TownshipScoped):
    """Who is rated: the team as a whole (`person` empty) or one member."""

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="subjects")
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["assessment", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "person"], name="assessment_subject_unique"),
            models.UniqueConstraint(
                fields=["assessment"], condition=Q(person__isnull=True), name="assessment_one_team"
            ),
        ]

    @property
    def label(self) -> str:
        # person_id set: the person is there (the field is nullable for the team as a whole).
        return cast(Person, self.person).name if self.person_id else "领导班子"


class BallotBox(TownshipScoped):
    """One anonymous vote on an agenda entry, or one round of an assessment."""

    class Method(models.TextChoices):
        ELECTRONIC = "electronic", _("electronic, with one-time codes")
        PAPER = "paper", _("paper ballots")

    class State(models.TextChoices):
        PREPARED = "prepared", _("prepared")
        OPEN = "open", _("open")
        COUNTED = "counted", _("counted, awaiting the scrutineer")
        CLOSED = "closed", _("closed and counted")
        VOID = "void", _("void")

    entry = models.ForeignKey(
        "meetings.AgendaEntry", null=True, blank=True, on_delete=models.PROTECT, related_name="ballot_boxes"
    )
    assessment = models.ForeignKey(
        Assessment, null=True, blank=True, on_delete=models.PROTECT, related_name="boxes"
    )
    method = models.CharField(_("method"), max_length=12, choices=Method.choices)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PREPARED)
    # Key of the code hashes (HMAC-SHA256), random per box. Shown with the published list only when
    # receipts are allowed: with it, a code card proves its vote.
    salt = models.CharField(max_length=64, editable=False)
    codes_issued = models.PositiveIntegerField(_("codes or ballots issued"))
    receipts = models.BooleanField(_("receipts"), default=False)
    # Casts so far (never who, never when): the clerk's screen shows progress.
    cast_count = models.PositiveIntegerField(default=0)
    # Results, filled when the box closes (or when the scrutineer confirms the paper count).
    votes_for = models.PositiveIntegerField(null=True, blank=True)
    votes_against = models.PositiveIntegerField(null=True, blank=True)
    votes_abstain = models.PositiveIntegerField(null=True, blank=True)
    ballots_counted = models.PositiveIntegerField(null=True, blank=True)
    list_digest = models.CharField(max_length=64, blank=True)
    void_reason = models.CharField(_("reason the vote is void"), max_length=300, blank=True)
    # Paper: the counter (计票人) enters, the scrutineer (监票人) confirms; two different persons.
    counter = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    scrutineer = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    collected = models.PositiveIntegerField(_("ballots collected"), null=True, blank=True)
    invalid = models.PositiveIntegerField(_("invalid ballots"), null=True, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ballot box")
        verbose_name_plural = _("ballot boxes")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(entry__isnull=False, assessment__isnull=True)
                | Q(entry__isnull=True, assessment__isnull=False),
                name="ballot_box_one_subject",
            ),
            models.CheckConstraint(
                condition=Q(counter__isnull=True) | ~Q(counter=models.F("scrutineer")),
                name="ballot_box_counter_not_scrutineer",
            ),
        ]

    def __str__(self) -> str:
        return gettext("Ballot box %(number)s") % {"number": self.pk}

    @property
    def is_assessment(self) -> bool:
        return self.assessment_id is not None


class CodeSlot(models.Model):
    """One printed one-time code, by its keyed hash. No person, no time: the code is drawn blind from
    a shuffled pile, and `used` is set by a conditional UPDATE so a code counts once on both DBs."""

    box = models.ForeignKey(BallotBox, on_delete=models.PROTECT, related_name="slots")
    code_hash = models.CharField(max_length=64, unique=True)
    used = models.BooleanField(default=False)

    class Meta:
        ordering = ["code_hash"]

    def __str__(self) -> str:
        return self.code_hash[:16]


class AnonymousBallot(models.Model):
    """One cast ballot. `receipt` is the code's HMAC under another domain than `CodeSlot.code_hash`,
    so the two tables cannot be joined without the code itself."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    box = models.ForeignKey(BallotBox, on_delete=models.PROTECT, related_name="ballots")
    receipt = models.CharField(max_length=64, unique=True)
    choice = models.CharField(max_length=10, choices=Choice.choices)

    class Meta:
        ordering = ["receipt"]

    def __str__(self) -> str:
        return self.receipt[:16]


class AssessmentAnswer(models.Model):
    """One rating of one subject. The receipt is keyed per subject, so a respondent's answers on
    different subjects cannot be tied together without their code."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    box = models.ForeignKey(BallotBox, on_delete=models.PROTECT, related_name="answers")
    subject = models.ForeignKey(AssessmentSubject, on_delete=models.PROTECT, related_name="+")
    receipt = models.CharField(max_length=64, unique=True)
    rating = models.CharField(max_length=12, choices=Rating.choices)

    class Meta:
        ordering = ["receipt"]

    def __str__(self) -> str:
        return self.receipt[:16]


class AssessmentTally(models.Model):
    """A count per subject and grade: the result of a closed box (electronic), or what the counter
    entered from the paper forms. Counts only."""

    box = models.ForeignKey(BallotBox, on_delete=models.PROTECT, related_name="tallies")
    subject = models.ForeignKey(AssessmentSubject, on_delete=models.PROTECT, related_name="+")
    rating = models.CharField(max_length=12, choices=Rating.choices)
    count = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["box", "subject", "rating"], name="assessment_tally_unique")
        ]

    def __str__(self) -> str:
        return f"{self.subject_id} {self.rating} {self.count}"
