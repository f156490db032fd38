"""公开接待群众来访 (R21): the leaders' reception days and the cases received. The petitioner's
personal data (name, phone, ID number, address) and the account of the issue are sealed with
SM4-GCM (zhidu.trust.sealing): read only by those handling the case, every read audited. The public
follows a case by its receipt code and sees its state, due day and answer, never personal data."""

from __future__ import annotations

from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zhidu.notifications.models import NotifyBy
from zhidu.org.models import Department, Person, TownshipScoped
from zhidu.trust.sealing import SealedTextField

READ = "petitions.read"  # the audit action of every read of sealed content


class Mode(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled reception")
    APPOINTMENT = "appointment", _("Reception by appointment")
    ON_SITE = "on_site", _("On-site reception")


class Channel(models.TextChoices):
    """How the petitioner was told the reason of an extension."""

    PHONE = "phone", _("by phone")
    SMS = "sms", _("by text message")
    LETTER = "letter", _("in writing")
    IN_PERSON = "in_person", _("in person")


class ReceptionDay(TownshipScoped):
    """定点接访: a leader receives the public on this day at this place (the published schedule)."""

    day = models.DateField(_("day"))
    starts_at = models.TimeField(_("from"))
    ends_at = models.TimeField(_("until"))
    place = models.CharField(_("place"), max_length=100)
    leader = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("leader"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("reception day")
        verbose_name_plural = _("reception days")
        ordering = ["day", "starts_at", "id"]
        indexes = [models.Index(fields=["township", "day"], name="petitions_day")]

    def __str__(self) -> str:
        return f"{self.day:%Y-%m-%d} {self.place}"


class Case(TownshipScoped):
    class State(models.TextChoices):
        RECEIVED = "received", _("received")
        ROUTED = "routed", _("with the handling department")
        ANSWERED = "answered", _("answered")

    code = models.CharField(_("receipt code"), max_length=16, unique=True)
    mode = models.CharField(_("kind of reception"), max_length=20, choices=Mode.choices)
    received_on = models.DateField(_("received on"))
    reception = models.ForeignKey(
        ReceptionDay, null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    leader = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="petition_cases", verbose_name=_("receiving leader")
    )
    appointment_at = models.DateTimeField(_("appointment"), null=True, blank=True)
    subject = models.CharField(_("subject"), max_length=100)
    petitioner_name = SealedTextField(_("petitioner's name"), audit_action=READ)
    petitioner_phone = SealedTextField(_("phone"), audit_action=READ)
    petitioner_id_number = SealedTextField(_("ID number"), audit_action=READ)
    petitioner_address = SealedTextField(_("address"), audit_action=READ)
    issue = SealedTextField(_("the issue"), audit_action=READ)
    # Issue 16: told of each step by SMS or e-mail when the petitioner chose so; the address sealed.
    notify_by = models.CharField(
        _("progress messages"), max_length=10, choices=NotifyBy.choices, blank=True, default=""
    )
    notify_address = SealedTextField(_("address for progress messages"), audit_action=READ, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.RECEIVED)
    instruction = models.TextField(_("leader's instruction"), blank=True)
    instructed_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    instructed_on = models.DateField(_("instructed on"), null=True, blank=True)
    department = models.ForeignKey(
        Department,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="petition_cases",
        verbose_name=_("handling department"),
    )
    routed_on = models.DateField(_("routed on"), null=True, blank=True)
    # 承办人: the department's head when the case is routed (its duty escalates to them too).
    handler = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("handler")
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answered_by = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # R21§4: one extension, its reason told to the petitioner (when and how).
    extension_decided_on = models.DateField(_("extension decided on"), null=True, blank=True)
    extension_days = models.PositiveSmallIntegerField(_("extension (days)"), null=True, blank=True)
    extension_reason = models.TextField(_("reason of the extension"), blank=True)
    extension_told_on = models.DateField(_("petitioner told on"), null=True, blank=True)
    extension_told_how = models.CharField(_("told how"), max_length=20, choices=Channel.choices, blank=True)
    due_on = models.DateField(_("due"))
    registered_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("petition case")
        verbose_name_plural = _("petition cases")
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["township", "state", "due_on"], name="petitions_case_state"),
            models.Index(fields=["township", "received_on"], name="petitions_case_received"),
            models.Index(fields=["township", "department"], name="petitions_case_department"),
        ]

    def __str__(self) -> str:
        return f"来访事项 #{self.pk}"

    @property
    def extended(self) -> bool:
        return self.extension_decided_on is not None


class MonthlyReport(TownshipScoped):
    """R21: the committee hears a monthly report on receptions. One row per reported month, opened
    by the daily job with the party office's obligation; `heard_on` records the hearing."""

    month = models.DateField(_("month"))  # its first day
    heard_on = models.DateField(_("heard by the committee on"), null=True, blank=True)
    recorded_by = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("monthly report on receptions")
        verbose_name_plural = _("monthly reports on receptions")
        ordering = ["-month"]
        indexes = [models.Index(fields=["township", "month"], name="petitions_month")]
        constraints = [models.UniqueConstraint(fields=["township", "month"], name="petitions_month_once")]

    def __str__(self) -> str:
        # 2026年12月接访情况报告, or "Report on receptions, December 2026".
        return gettext("Report on receptions, %(month)s") % {
            "month": date_format(self.month, "YEAR_MONTH_FORMAT")
        }
