"""请示报告 (R15): the roster of each branch's party members (kept by the organization office), the
members' two-monthly (or, away over three months, quarterly written) reports to their branch, and each
branch's quarterly report to the committee. The org kernel models branches but not who belongs to
them, so the roster lives here (the smallest thing R15 needs, no change to `zhidu.org`)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zhidu.org.models import Branch, Person, TownshipScoped


class Channel(models.TextChoices):
    # R15§3(1) "口头或书面汇报"; an oral report is written down by the branch secretary.
    WRITTEN = "written", _("in writing")
    ORAL = "oral", _("orally")


class BranchMember(TownshipScoped):
    """A party member of a branch (党支部). `person` when the member is a cadre with an account (they
    may file their own written report); `is_secretary` marks the branch secretary, who records the
    members' oral reports and reports for the branch. `away_since`: out of the township (外出) since."""

    branch = models.ForeignKey(Branch, on_delete=models.PROTECT, related_name="+", verbose_name=_("branch"))
    name = models.CharField(_("name"), max_length=30)
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("cadre")
    )
    is_secretary = models.BooleanField(_("branch secretary"), default=False)
    away_since = models.DateField(_("away since"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("branch member")
        verbose_name_plural = _("branch members")
        ordering = ["branch__name", "-is_secretary", "name"]
        indexes = [models.Index(fields=["township", "branch", "active"], name="pr_member_branch")]
        constraints = [
            models.UniqueConstraint(fields=["branch", "name"], name="pr_member_unique_name"),
        ]

    def __str__(self) -> str:
        return f"{self.branch} · {self.name}"


class MemberReport(TownshipScoped):
    """One member's report for one period ("2026-B6" two-monthly, "2026-Q4" quarterly when away)."""

    member = models.ForeignKey(BranchMember, on_delete=models.PROTECT, related_name="reports")
    period = models.CharField(_("period"), max_length=10)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    reported_on = models.DateField(_("reported on"))
    content = models.TextField(_("content"))
    recorded_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    late = models.BooleanField(default=False)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-reported_on", "-id"]
        indexes = [models.Index(fields=["township", "period"], name="pr_report_period")]
        constraints = [models.UniqueConstraint(fields=["member", "period"], name="pr_report_once")]


class BranchReport(TownshipScoped):
    """A branch's quarterly report to the committee (R15§8), given by its secretary or a member the
    branch committee names (`reporter_name`)."""

    branch = models.ForeignKey(Branch, on_delete=models.PROTECT, related_name="+", verbose_name=_("branch"))
    quarter = models.CharField(_("quarter"), max_length=8)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    reported_on = models.DateField(_("reported on"))
    reporter_name = models.CharField(_("reported by"), max_length=30)
    content = models.TextField(_("content"))
    recorded_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    late = models.BooleanField(default=False)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-reported_on", "-id"]
        indexes = [models.Index(fields=["township", "quarter"], name="pr_branch_quarter")]
        constraints = [models.UniqueConstraint(fields=["branch", "quarter"], name="pr_branch_once")]

    @property
    def quarter_text(self) -> str:
        """2026-Q4 as the page says it: 2026年第4季度."""
        year, _, index = self.quarter.partition("-Q")
        return f"{year}年第{index}季度"
