"""督查督办 (R7): a supervision item is registered by the discipline inspection office, approved by
the principal, assigned to an owner department with a feedback deadline, chased, answered by
written feedback that the office accepts or rejects, and closed. Nothing here is ever deleted: every
chase, every feedback round and every reopening stays in the history."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zhidu.core.chinese import document_number
from zhidu.org.models import Department, Person, TownshipScoped


class Source(models.TextChoices):
    # R7: the sources the rule lists, grouped as the office registers them.
    TEAM_DECISION = "team_decision", _("team decision")
    # R2§14: what a secretary's office meeting settles, carried out by the deputy in charge.
    SECRETARY_OFFICE = "secretary_office", _("settled at a secretary's office meeting")
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
        return document_number("督查", self.year, self.number)


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


class ResponsibilityArea(TownshipScoped):
    """One row of the responsibility matrix (R5 党建工作责任制, R6 党风廉政建设责任制): for an area of
    work, the principal is first-responsible (第一责任人), the leader in charge directly responsible
    (直接责任人), and the other members named here are responsible within their division (根据分工)."""

    name = models.CharField(_("area of work"), max_length=80)
    principal = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("first-responsible (principal)")
    )
    leader_in_charge = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("directly responsible (leader in charge)"),
    )
    members = models.ManyToManyField(
        Person, blank=True, related_name="+", verbose_name=_("responsible within their division")
    )
    departments = models.ManyToManyField(
        Department, blank=True, related_name="+", verbose_name=_("departments in charge")
    )
    starts_on = models.DateField(_("effective from"))
    ends_on = models.DateField(_("effective until"), null=True, blank=True)

    class Meta:
        verbose_name = _("responsibility area")
        verbose_name_plural = _("responsibility matrix")
        ordering = ["township", "name"]
        indexes = [models.Index(fields=["township", "starts_on"], name="responsibility_township_start")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="responsibility_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        from zhidu.org.models import team_on

        errors = {}
        for field in ("principal", "leader_in_charge"):
            person = getattr(self, field, None) if getattr(self, f"{field}_id") else None
            if person is not None and self.township_id and person.township_id != self.township_id:
                errors[field] = "须为本镇的班子成员"
        if not errors and self.township_id and self.starts_on and self.principal_id:
            terms = {t.person_id: t for t in team_on(self.township, self.starts_on)}
            principal = terms.get(self.principal_id)
            if principal is None or not principal.is_principal:
                errors["principal"] = "第一责任人须为党委主要负责人"
            if self.leader_in_charge_id and self.leader_in_charge_id not in terms:
                errors["leader_in_charge"] = "直接责任人须为班子成员（分管领导）"
        if errors:
            raise ValidationError(errors)


class ContactPoint(TownshipScoped):
    """A leader's contact point (联系点, R5 五(4)): a team member keeps a village or a department,
    especially where the party organization is weak or the work is hard."""

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("team member")
    )
    village = models.ForeignKey(
        "org.Village",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("village"),
    )
    department = models.ForeignKey(
        Department,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("department"),
    )
    note = models.CharField(_("focus"), max_length=200, blank=True)
    starts_on = models.DateField(_("effective from"))
    ends_on = models.DateField(_("effective until"), null=True, blank=True)

    class Meta:
        verbose_name = _("contact point")
        verbose_name_plural = _("contact points")
        ordering = ["township", "person", "starts_on"]
        indexes = [models.Index(fields=["township", "starts_on"], name="contact_point_township_start")]
        constraints = [
            # Exactly one of a village and a department.
            models.CheckConstraint(
                condition=Q(village__isnull=True, department__isnull=False)
                | Q(village__isnull=False, department__isnull=True),
                name="contact_point_one_place",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="contact_point_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.place}"

    @property
    def place(self):
        return self.village if self.village_id else self.department

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if bool(self.village_id) == bool(self.department_id):
            raise ValidationError("联系点：请选择一个村或一个部门（二者选一）")
        for field in ("person", "village", "department"):
            row = getattr(self, field) if getattr(self, f"{field}_id") else None
            if row is not None and self.township_id and row.township_id != self.township_id:
                raise ValidationError({field: "须属于本镇"})
