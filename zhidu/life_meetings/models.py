"""党委民主生活会 (R13): the year's meeting (theme, planned and held day), the opinions gathered
before it, each participant's speech (对照检查材料, drafted and submitted by the participant) with
the leave asked and the criticism and self-criticism recorded at the meeting, the postponements
asked of the superior with its approval, the rectification measures after it, and the committee's
yearly rule-compliance report (R1§13) as presented."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zhidu.org.models import Person, TownshipScoped


class LifeMeeting(TownshipScoped):
    class State(models.TextChoices):
        PREPARING = "preparing", _("in preparation")
        HELD = "held", _("held")

    year = models.PositiveSmallIntegerField(_("year"))
    theme = models.CharField(_("theme"), max_length=200)
    planned_on = models.DateField(_("planned date"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.PREPARING)
    convener = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("convener")
    )
    held_on = models.DateField(_("held on"), null=True, blank=True)
    summary = models.TextField(_("summary of the meeting"), blank=True)
    measures_set_on = models.DateField(_("measures set on"), null=True, blank=True)
    report_sent_on = models.DateField(_("written report sent on"), null=True, blank=True)
    report_to = models.CharField(_("report sent to"), max_length=200, blank=True)
    report_text = models.TextField(_("written report"), blank=True)
    feedback = models.TextField(_("feedback to members and the public"), blank=True)
    # R13 八: published on the public portal once it exists; until then recorded as ready.
    feedback_ready_at = models.DateTimeField(_("feedback ready to publish at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("democratic life meeting")
        verbose_name_plural = _("democratic life meetings")
        ordering = ["-year", "-id"]
        indexes = [models.Index(fields=["township", "year"], name="life_meeting_year")]

    def __str__(self) -> str:
        return f"{self.year}年度民主生活会 #{self.pk}"


class Opinion(TownshipScoped):
    class Source(models.TextChoices):
        ACTIVIST = "activist", _("activists applying to join the party")
        PUBLIC = "public", _("the public")
        MEMBER = "member", _("party members")

    meeting = models.ForeignKey(LifeMeeting, on_delete=models.PROTECT, related_name="opinions")
    source = models.CharField(_("gathered from"), max_length=12, choices=Source.choices)
    text = models.TextField(_("opinion"))
    entered_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField(_("entered at"), auto_now_add=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["township", "meeting"], name="life_opinion_meeting")]


class Speech(TownshipScoped):
    """One participant's part: the speech (对照检查材料) they draft and submit, the leave they ask
    beforehand, and what the meeting recorded of their criticism and self-criticism."""

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")

    meeting = models.ForeignKey(LifeMeeting, on_delete=models.PROTECT, related_name="speeches")
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("participant")
    )
    text = models.TextField(_("speech (self-examination)"), blank=True)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.DRAFT)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    leave_reason = models.CharField(_("reason for leave"), max_length=200, blank=True)
    leave_asked_at = models.DateTimeField(_("leave asked at"), null=True, blank=True)
    self_criticism = models.TextField(_("self-criticism"), blank=True)
    criticism = models.TextField(_("criticism received"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["township", "person"], name="life_speech_person")]
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="life_speech_once")]


class Postponement(TownshipScoped):
    """R13 三: a postponement asked of the superior party organization, and its approval."""

    year = models.PositiveSmallIntegerField(_("year"))
    reason = models.TextField(_("reason"))
    hold_by = models.DateField(_("to be held by"))
    requested_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    approved_by = models.CharField(_("approved by (superior organization)"), max_length=100, blank=True)
    approval_reference = models.CharField(_("approval reference"), max_length=100, blank=True)
    recorded_by = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-year", "-id"]
        indexes = [models.Index(fields=["township", "year"], name="life_postpone_year")]

    def __str__(self) -> str:
        return f"{self.year}年度民主生活会延期申请 #{self.pk}"


class Measure(TownshipScoped):
    """R13 六: a rectification measure with its responsible person and due day, followed like a
    supervision item: an obligation until the person reports it done."""

    meeting = models.ForeignKey(LifeMeeting, on_delete=models.PROTECT, related_name="measures")
    text = models.TextField(_("measure"))
    owner = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("responsible person")
    )
    due_on = models.DateField(_("due"))
    done_report = models.TextField(_("report of completion"), blank=True)
    done_at = models.DateTimeField(_("reported done at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["township", "owner"], name="life_measure_owner")]

    def __str__(self) -> str:
        return f"整改措施 #{self.pk}"


class ComplianceReport(TownshipScoped):
    """R1§13: the yearly report as the party office presented it (a snapshot of the tallies)."""

    year = models.PositiveSmallIntegerField(_("year"))
    data = models.JSONField(default=dict)
    presented_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    presented_at = models.DateTimeField(_("presented at"), auto_now_add=True)

    class Meta:
        ordering = ["-year", "-id"]
        indexes = [models.Index(fields=["township", "year"], name="life_compliance_year")]
