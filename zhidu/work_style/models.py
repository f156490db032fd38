"""改进工作作风 (R17): paired support (结对帮扶: each team member keeps at least one village and one poor
household, in touch at least monthly, each contact logged) and zero reception (零接待: a village that
must host an official meal reports it and the committee decides; discipline inspection checks the
villages quarterly and follows each finding to its rectification)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zhidu.org.models import Person, TownshipScoped, Village


class SupportPair(TownshipScoped):
    """A team member's contact (联系点): a village, or a poor household (in a village)."""

    class Kind(models.TextChoices):
        VILLAGE = "village", _("village")
        HOUSEHOLD = "household", _("poor household")

    member = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("team member")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    village = models.ForeignKey(
        Village, on_delete=models.PROTECT, related_name="+", verbose_name=_("village")
    )
    household = models.CharField(_("household"), max_length=50, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)

    class Meta:
        ordering = ["member__name", "kind", "id"]
        indexes = [models.Index(fields=["township", "member"], name="ws_pair_member")]

    def __str__(self) -> str:
        return self.household or self.village.name


class SupportContact(TownshipScoped):
    """One contact with a pair (R17§3(1) 走访、电话、短信), logged by the member with what was done."""

    class Channel(models.TextChoices):
        VISIT = "visit", _("visit")
        PHONE = "phone", _("phone")
        SMS = "sms", _("SMS")

    pair = models.ForeignKey(SupportPair, on_delete=models.PROTECT, related_name="contacts")
    contacted_on = models.DateField(_("contacted on"))
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    done = models.TextField(_("what was done"))
    logged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-contacted_on", "-id"]
        indexes = [models.Index(fields=["township", "contacted_on"], name="ws_contact_day")]


class ReceptionRequest(TownshipScoped):
    """A village's report of an official meal it must host (R17§3(3) 特殊情况下确需在村就餐), and the
    committee's recorded decision."""

    class State(models.TextChoices):
        PENDING = "pending", _("awaiting the committee")
        APPROVED = "approved", _("approved")
        REFUSED = "refused", _("refused")

    village = models.ForeignKey(
        Village, on_delete=models.PROTECT, related_name="+", verbose_name=_("village")
    )
    meal_on = models.DateField(_("meal on"))
    guests = models.CharField(_("guests"), max_length=200)
    reason = models.TextField(_("reason"))
    reported_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    reported_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    decided_by = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-meal_on", "-id"]
        indexes = [models.Index(fields=["township", "state"], name="ws_reception_state")]


class ReceptionInspection(TownshipScoped):
    """Discipline inspection's quarterly check of a village (R17§3(3) 按季度检查), its findings and, when
    there are any, the rectification deadline and who answers for it until rectified."""

    village = models.ForeignKey(
        Village, on_delete=models.PROTECT, related_name="+", verbose_name=_("village")
    )
    quarter = models.CharField(_("quarter"), max_length=8)
    inspected_on = models.DateField(_("inspected on"))
    findings = models.TextField(_("findings"), blank=True)
    rectify_by = models.DateField(_("rectify by"), null=True, blank=True)
    responsible = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("responsible"),
    )
    inspected_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    rectified_on = models.DateField(null=True, blank=True)
    rectification = models.TextField(blank=True)

    class Meta:
        ordering = ["-inspected_on", "-id"]
        indexes = [models.Index(fields=["township", "quarter"], name="ws_inspection_quarter")]
        constraints = [models.UniqueConstraint(fields=["village", "quarter"], name="ws_inspection_once")]

    @property
    def quarter_text(self) -> str:
        """2026-Q4 as the page says it: 2026年第4季度."""
        year, _, index = self.quarter.partition("-Q")
        return f"{year}年第{index}季度"
