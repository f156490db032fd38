"""领导干部接受约谈制度 (R19): the talk days leaders publish, the talks cadres book, and the
约谈意见处理卡 (talk follow-up cards) of the requests made in them. Confidential (part 四.4): what
the cadre wants to talk about, what was said, the requests and the answers are sealed
(zhidu.trust.sealing), read only by the two people, the organization office and discipline inspection
(a card also by the leader who reviews it and the head of the unit it is handed to), every read audited."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zhidu.org.models import Department, Person, TownshipScoped
from zhidu.trust.sealing import SealedTextField

READ = "requested_talks.read"


class Channel(models.TextChoices):
    # 三: 电话、邮件、书面、当面.
    PHONE = "phone", _("by phone")
    EMAIL = "email", _("by e-mail")
    WRITTEN = "written", _("in writing")
    IN_PERSON = "in_person", _("in person")


class Topic(models.TextChoices):
    # 一: the four contents of a talk.
    OWN = "own", _("one's own work, life and thinking, difficulties")
    LEADERSHIP = "leadership", _("problems of the team and its leaders")
    PROPOSALS = "proposals", _("proposals on the township's or the unit's work")
    OTHER = "other", _("other matters for the leader")


class TalkDay(TownshipScoped):
    """A day a leader receives talks (三 "约谈一般每月安排1-2天")."""

    leader = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("leader"))
    day = models.DateField(_("talk day"))

    class Meta:
        verbose_name = _("talk day")
        verbose_name_plural = _("talk days")
        ordering = ["day"]
        indexes = [models.Index(fields=["township", "day"], name="rtalk_day_township")]
        constraints = [models.UniqueConstraint(fields=["leader", "day"], name="rtalk_day_once")]


class TalkBooking(TownshipScoped):
    class State(models.TextChoices):
        BOOKED = "booked", _("booked")
        DECLINED = "declined", _("declined with an explanation")
        HELD = "held", _("held and recorded")

    cadre = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("cadre"))
    talker = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("leader"))
    designated = models.BooleanField(_("talker designated by the cadre"), default=False)
    channel = models.CharField(_("booked by"), max_length=12, choices=Channel.choices)
    topics = models.JSONField(_("topics"), default=list)
    day = models.DateField(_("requested day"))
    urgent = models.BooleanField(_("urgent"), default=False)
    summary = SealedTextField(_("main contents"), audit_action=READ)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.BOOKED)
    explanation = SealedTextField(_("explanation"), audit_action=READ)
    held_on = models.DateField(_("held on"), null=True, blank=True)
    record = SealedTextField(_("record of the talk"), audit_action=READ)
    created_at = models.DateTimeField(_("booked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("requested talk")
        verbose_name_plural = _("requested talks")
        ordering = ["-day", "-id"]
        indexes = [
            models.Index(fields=["township", "cadre"], name="rtalk_booking_cadre"),
            models.Index(fields=["township", "talker"], name="rtalk_booking_talker"),
        ]

    def __str__(self) -> str:
        return f"约谈 #{self.pk}"


class FollowUpCard(TownshipScoped):
    """约谈意见处理卡 (四.3): a request of the talk, reviewed by the relevant leader, handed to a unit,
    followed until answered; the answer goes back to the cadre."""

    class State(models.TextChoices):
        REVIEW = "review", _("awaiting the leader's review")
        HANDED = "handed", _("handed to a unit")
        ANSWERED = "answered", _("answered")

    booking = models.ForeignKey(TalkBooking, on_delete=models.PROTECT, related_name="cards")
    number = models.PositiveSmallIntegerField(_("number"))
    request = SealedTextField(_("request"), audit_action=READ)
    reviewer = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("reviewer")
    )
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.REVIEW)
    review_note = SealedTextField(_("review note"), audit_action=READ)
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("unit")
    )
    handed_at = models.DateTimeField(_("handed at"), null=True, blank=True)
    due_at = models.DateTimeField(_("answer due"), null=True, blank=True)
    answer = SealedTextField(_("answer"), audit_action=READ)
    answered_by = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("talk follow-up card")
        verbose_name_plural = _("talk follow-up cards")
        ordering = ["booking", "number"]
        indexes = [models.Index(fields=["township", "state"], name="rtalk_card_state")]
        constraints = [models.UniqueConstraint(fields=["booking", "number"], name="rtalk_card_number")]

    def __str__(self) -> str:
        return f"约谈意见处理卡 #{self.pk}"
