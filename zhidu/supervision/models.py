"""督查督办 (R7): a supervision item is registered by the discipline inspection office, approved by
the principal, assigned to an owner department with a feedback deadline, chased, answered by
written feedback that the office accepts or rejects, and closed. Nothing here is ever deleted: every
chase, every feedback round and every reopening stays in the history."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zhidu.org.models import Department, Person, TownshipScoped


class Source(models.TextChoices):
    # R7: the sources the rule lists, grouped as the office registers them.
    TEAM_DECISION = "team_decision", _("team decision")
    SUPERIOR = "superior", _("superior's instruction")
    MEDIA = "media", _("media criticism")
    MAILBOX = "mailbox", _("public mailbox letter")
    RULE_EXECUTION = "rule_execution", _("rule execution")
    OTHER = "other", _("other, approved by a leader")


class SupervisionItem(TownshipScoped):
    class State(models.TextChoices):
        REGISTERED = "registered", _("registered, awaiting approval")
        APPROVED = "approved", _("approved, awaiting assignment")
        ASSIGNED = "assigned", _("assigned, awaiting feedback")
        FEEDBACK_SUBMITTED = "feedback_submitted", _("feedback awaiting review")
        ACCEPTED = "accepted", _("accepted, awaiting archiving")
        CLOSED = "closed", _("closed and archived")

    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    source_entry = models.ForeignKey(
        "meetings.AgendaEntry",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supervision_items",
        verbose_name=_("team decision"),
    )
    matter = models.CharField(_("matter"), max_length=200)
    basis = models.TextField(_("basis"), blank=True)
    requirements = models.TextField(_("requirements"))
    owner_department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="+", verbose_name=_("owner department")
    )
    owner_person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("person responsible")
    )
    other_departments = models.ManyToManyField(
        Department, blank=True, related_name="+", verbose_name=_("departments involved")
    )
    registered_on = models.DateField(_("registered on"))
    # The current feedback deadline; a rejection moves it, the old one stays on its round.
    deadline = models.DateField(_("feedback deadline"))
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.REGISTERED)
    # Optimistic concurrency: every transition is a conditional UPDATE on state and version.
    version = models.PositiveIntegerField(default=1)
    registered_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    approved_by = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approval_note = models.CharField(_("instruction"), max_length=300, blank=True)
    assigned_by = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    assigned_at = models.DateTimeField(_("assigned at"), null=True, blank=True)
    closed_by = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("supervision item")
        verbose_name_plural = _("supervision items")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["township", "year", "number"], name="supervision_unique_number"),
            models.CheckConstraint(
                condition=Q(deadline__gte=models.F("registered_on")),
                name="supervision_deadline_after_register",
            ),
        ]
        indexes = [
            # The overdue list and the sweep-like queries read open items past their deadline.
            models.Index(fields=["township", "state", "deadline"], name="supervision_state_deadline"),
            models.Index(fields=["township", "owner_department", "year"], name="supervision_department"),
        ]

    def __str__(self) -> str:
        return f"{self.doc_number} {self.matter}"

    @property
    def doc_number(self) -> str:
        return f"督查〔{self.year}〕{self.number}号"


class SupervisionCounter(TownshipScoped):
    """The last supervision number per township per year: gapless, like the minutes' counter."""

    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["township", "year"], name="supervision_counter_unique")
        ]


class ChaseLog(TownshipScoped):
    """催办: every call, notice, visit and talk is logged (R7)."""

    class Kind(models.TextChoices):
        CALL = "call", _("phone call")
        NOTICE = "notice", _("written notice")
        VISIT = "visit", _("on-site visit")
        TALK = "talk", _("talk")

    item = models.ForeignKey(SupervisionItem, on_delete=models.PROTECT, related_name="chases")
    kind = models.CharField(_("chase method"), max_length=10, choices=Kind.choices)
    note = models.TextField(_("record"))
    at = models.DateTimeField(_("time"))
    by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("by"))

    class Meta:
        verbose_name = _("chase")
        verbose_name_plural = _("chases")
        ordering = ["at", "id"]


class FeedbackRound(TownshipScoped):
    """One written report of the owner and the office's decision on it (R7 反馈). A progress report
    (the work is not done yet: why, and what next) is kept but not decided."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("awaiting review")
        ACCEPTED = "accepted", _("accepted")
        REJECTED = "rejected", _("rejected")
        PROGRESS = "progress", _("progress report")

    item = models.ForeignKey(SupervisionItem, on_delete=models.PROTECT, related_name="rounds")
    number = models.PositiveSmallIntegerField(_("round"))
    text = models.TextField(_("feedback report"))
    completed = models.BooleanField(_("work completed"), default=True)
    # The deadline this report answered, and whom it concerned: kept as they were that day.
    deadline = models.DateField(_("feedback deadline"))
    owner_person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    owner_department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("submitted at"))
    submitted_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision.choices, default=Decision.PENDING
    )
    decision_note = models.TextField(_("review opinion"), blank=True)
    requirements = models.TextField(_("rectification requirements"), blank=True)
    new_deadline = models.DateField(_("new feedback deadline"), null=True, blank=True)
    decided_by = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("feedback round")
        verbose_name_plural = _("feedback rounds")
        ordering = ["item", "number"]
        constraints = [models.UniqueConstraint(fields=["item", "number"], name="feedback_round_unique")]
        indexes = [models.Index(fields=["township", "decision", "decided_at"], name="feedback_decided")]

    @property
    def on_time(self) -> bool:
        from django.utils import timezone

        return timezone.localtime(self.submitted_at).date() <= self.deadline


class ReopenRecord(TownshipScoped):
    """A closed item reopened: the reason, and the closing it undid."""

    item = models.ForeignKey(SupervisionItem, on_delete=models.PROTECT, related_name="reopenings")
    reason = models.TextField(_("reason for reopening"))
    new_deadline = models.DateField(_("new feedback deadline"))
    previous_closed_at = models.DateTimeField(null=True, blank=True)
    previous_closed_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("time"))
    by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("reopening")
        verbose_name_plural = _("reopenings")
        ordering = ["at", "id"]
