"""述德述职述廉 (R10): each team member's annual self-report (the seven points of R10§3 and a factual
annex, kept as a draft until submitted, then read-only), and the report meeting of the year (its
participants of R10§4(2) and the anonymous assessment of R10§4(3), which lives in zhidu.ballots)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zhidu.org.models import Person, TownshipScoped


class SelfReport(TownshipScoped):
    class State(models.TextChoices):
        DRAFT = "draft", _("draft, not yet submitted")
        SUBMITTED = "submitted", _("submitted, read-only")

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="self_reports", verbose_name=_("team member")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    # The seven points of R10§3, in order: a list of seven strings.
    points = models.JSONField(_("the seven points"), default=list)
    # The factual annex, a snapshot the member edits: [{"area", "heading", "article", "text"}].
    annex = models.JSONField(_("annex"), default=list)
    annex_refreshed_at = models.DateTimeField(_("annex refreshed from the records at"), null=True, blank=True)
    due_at = models.DateTimeField(_("report due"))
    provisional = models.BooleanField(_("due date provisional"), default=False)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    late = models.BooleanField(_("submitted late"), default=False)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("saved at"), auto_now=True)

    class Meta:
        verbose_name = _("annual self-report")
        verbose_name_plural = _("annual self-reports")
        ordering = ["-year", "person__name", "id"]
        indexes = [models.Index(fields=["township", "year", "state"], name="self_report_year_state")]
        constraints = [
            models.UniqueConstraint(fields=["township", "person", "year"], name="self_report_once_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.year}年度述德述职述廉报告 #{self.pk}"

    def point_texts(self) -> list[str]:
        texts = [str(t) for t in (self.points or []) if isinstance(t, str)]
        return (texts + [""] * 7)[:7]


class ReportMeeting(TownshipScoped):
    """The year's 述德述职述廉 meeting: the assessment started from it (R10§4(3))."""

    year = models.PositiveSmallIntegerField(_("year"))
    assessment = models.ForeignKey(
        "ballots.Assessment", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("report meeting")
        verbose_name_plural = _("report meetings")
        indexes = [models.Index(fields=["township", "year"], name="self_report_meeting_year")]
        constraints = [models.UniqueConstraint(fields=["township", "year"], name="self_report_meeting_once")]

    def __str__(self) -> str:
        return f"{self.year}年度述德述职述廉会议"


class Participant(TownshipScoped):
    """A participant the organization office added by name to the year's meeting (R10§4(2)): village
    heads, heads of dual-managed units and enterprises, or anyone the organization does not list.
    Team members and department heads come from the organization's own records."""

    class Group(models.TextChoices):
        MIDDLE_CADRE = "middle_cadre", _("middle-level cadre")
        VILLAGE_HEAD = "village_head", _("village head")
        UNIT_HEAD = "unit_head", _("head of a dual-managed unit or enterprise")
        OTHER = "other", _("other participant")

    year = models.PositiveSmallIntegerField(_("year"))
    group = models.CharField(_("participant group"), max_length=20, choices=Group.choices)
    name = models.CharField(_("participant's name"), max_length=30)
    unit = models.CharField(_("unit and post"), max_length=80, blank=True)
    added_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(_("added at"))

    class Meta:
        verbose_name = _("report meeting participant")
        verbose_name_plural = _("report meeting participants")
        ordering = ["group", "id"]
        indexes = [models.Index(fields=["township", "year"], name="self_report_participant_year")]
        constraints = [
            models.UniqueConstraint(
                fields=["township", "year", "name", "unit"], name="self_report_participant_once"
            ),
            models.CheckConstraint(condition=~Q(name=""), name="self_report_participant_named"),
        ]

    def __str__(self) -> str:
        return self.name
