"""党委领导班子沟通协调制度 (R14): the Friday briefing (第三条), the matter reports to the principals
(第四条, 大事请示汇报) and leave (第五条, 请销假). Every row carries its township; nothing is deleted."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zhidu.org.models import Person, TownshipScoped


class Purpose(models.TextChoices):
    # 第五条 "外出办事开会或参加培训1天以上".
    BUSINESS = "business", _("Business trip")
    MEETING = "meeting", _("Meeting")
    TRAINING = "training", _("Training")


class Leave(TownshipScoped):
    """A team member away for a trip, a meeting or a training of a day or more (第五条): reported
    beforehand to the principals, who acknowledge it; cancelled on return (销假) with a short report
    of what the meeting conveyed."""

    class State(models.TextChoices):
        AWAY = "away", _("reported, not yet back")
        RETURNED = "returned", _("returned (leave cancelled)")

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("member"))
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    destination = models.CharField(_("where and what for"), max_length=200)
    starts_at = models.DateTimeField(_("leaving at"))
    starts_on = models.DateField(_("first day away"))  # the local date of starts_at, for the index
    ends_on = models.DateField(_("away until (inclusive)"))
    reported_at = models.DateTimeField(_("reported at"))
    reported_late = models.BooleanField(_("reported after leaving"), default=False)
    return_due_at = models.DateTimeField(_("return due"))
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.AWAY)
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    return_report = models.TextField(_("report on return"), blank=True)

    class Meta:
        verbose_name = _("leave")
        verbose_name_plural = _("leaves")
        ordering = ["-starts_at", "-id"]
        indexes = [
            models.Index(fields=["township", "starts_on", "ends_on"], name="leave_township_days"),
            models.Index(fields=["township", "person", "state"], name="leave_township_person"),
        ]

    def __str__(self) -> str:
        return f"请假 #{self.pk}（{self.person.name}）"


class LeaveAcknowledgement(TownshipScoped):
    """A principal's acknowledgement of a leave (第五条 "要报告党政主要领导"): one per principal."""

    leave = models.ForeignKey(Leave, on_delete=models.PROTECT, related_name="acknowledgements")
    principal = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("acknowledged at"))

    class Meta:
        verbose_name = _("acknowledgement")
        verbose_name_plural = _("acknowledgements")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["township", "principal"], name="ack_township_principal")]
        constraints = [models.UniqueConstraint(fields=["leave", "principal"], name="ack_once")]


class Briefing(TownshipScoped):
    """The Friday briefing (党政领导碰头会, 第三条) of one week: held on its last working day; kept like
    a meeting's record, read-only once closed."""

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        CLOSED = "closed", _("closed")

    week_of = models.DateField(_("week of (Monday)"))
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=100, blank=True)
    notes = models.TextField(_("other arrangements"), blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    recorder = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorder")
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("Friday briefing")
        verbose_name_plural = _("Friday briefings")
        ordering = ["-week_of"]
        indexes = [models.Index(fields=["township", "-week_of"], name="briefing_township_week")]
        constraints = [models.UniqueConstraint(fields=["township", "week_of"], name="briefing_one_a_week")]

    def __str__(self) -> str:
        return f"党政领导碰头会（{self.held_on:%Y-%m-%d}）"


class BriefingEntry(TownshipScoped):
    """One leader in charge at the briefing: present, or away with the reason; what they state."""

    briefing = models.ForeignKey(Briefing, on_delete=models.PROTECT, related_name="entries")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("leader"))
    position = models.PositiveSmallIntegerField(default=0)
    present = models.BooleanField(_("present"), default=True)
    absence_reason = models.CharField(_("reason for absence"), max_length=200, blank=True)
    this_week = models.TextField(_("this week's key work"), blank=True)
    next_week = models.TextField(_("next week's plan"), blank=True)
    whole_team = models.TextField(_("what concerns the whole team"), blank=True)

    class Meta:
        verbose_name = _("briefing entry")
        verbose_name_plural = _("briefing entries")
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["township", "briefing"], name="briefing_entry_township")]
        constraints = [models.UniqueConstraint(fields=["briefing", "person"], name="briefing_entry_once")]


class MatterReport(TownshipScoped):
    """大事请示汇报 (第四条): a member's report or request to a principal on an important matter, with
    the principal's reply, which is a duty of its own."""

    class Kind(models.TextChoices):
        REPORT = "report", _("Report")
        REQUEST = "request", _("Request for instructions")

    class State(models.TextChoices):
        SUBMITTED = "submitted", _("awaiting the reply")
        REPLIED = "replied", _("replied")

    author = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("from"))
    principal = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("to"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.REPORT)
    subject = models.CharField(_("subject"), max_length=200)
    content = models.TextField(_("content"))
    submitted_at = models.DateTimeField(_("submitted at"))
    reply_due_at = models.DateTimeField(_("reply due"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.SUBMITTED)
    reply = models.TextField(_("reply"), blank=True)
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True)

    class Meta:
        verbose_name = _("matter report")
        verbose_name_plural = _("matter reports")
        ordering = ["-submitted_at", "-id"]
        indexes = [
            models.Index(fields=["township", "author"], name="matter_township_author"),
            models.Index(fields=["township", "principal", "state"], name="matter_township_principal"),
        ]

    def __str__(self) -> str:
        return f"大事请示汇报 #{self.pk}"
