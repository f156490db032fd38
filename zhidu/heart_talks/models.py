"""领导干部谈心谈话制度 (R20): the quotas per pair and period (opened by the generator from the
organization's structure and terms), the 七必谈 triggers, and the talk records. What was said and the
follow-up are sealed (zhidu.trust.sealing): only the talker and the people talked with read them, each
read audited; the party office and the principal see who talked with whom, when, how and on which
points of part 三, never the words."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zhidu.org.models import Person, TownshipScoped
from zhidu.trust.sealing import SealedTextField

READ = "heart_talks.read"


class Level(models.TextChoices):
    PRINCIPAL_MEMBER = "principal_member", _("principal with a team member (twice a year)")
    MEMBER_HEAD = "member_head", _("team member with a department head (2–3 times a year)")
    HEAD_STAFF = "head_staff", _("department head with a staff member (1–2 times a quarter)")


class TriggerKind(models.TextChoices):
    JOB_CHANGE = "job_change", _("job change")
    AWARD_OR_PUNISHMENT = "award_or_punishment", _("award or punishment")
    DIFFICULTY = "difficulty", _("difficulty or setback")
    DISPUTE = "dispute", _("dispute or disagreement")
    INTEGRITY_COMPLAINT = "integrity_complaint", _("integrity complaint")
    OWN_REQUEST = "own_request", _("the cadre's own request")
    RETIREMENT = "retirement", _("retirement")


class Manner(models.TextChoices):
    INSPIRING = "inspiring", _("inspiring")
    ENCOURAGING = "encouraging", _("encouraging")
    ADMONISHING = "admonishing", _("admonishing")
    COMFORTING = "comforting", _("comforting")


class Mode(models.TextChoices):
    ONE_TO_ONE = "one_to_one", _("one to one")
    GROUP = "group", _("group")


class TalkQuota(TownshipScoped):
    """One pair's minimum in one period (R20§2), with the obligation opened for it."""

    talker = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("talker"))
    talkee = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("talked with")
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    period = models.CharField(_("period"), max_length=10)
    starts_on = models.DateField(_("period starts"))
    ends_on = models.DateField(_("period ends"))
    required = models.PositiveSmallIntegerField(_("required talks"))
    key = models.CharField(_("obligation key"), max_length=120)

    class Meta:
        verbose_name = _("talk quota")
        verbose_name_plural = _("talk quotas")
        ordering = ["starts_on", "level", "talker", "talkee"]
        indexes = [models.Index(fields=["township", "starts_on"], name="heart_quota_start")]
        constraints = [
            models.UniqueConstraint(fields=["township", "key"], name="heart_quota_unique_key"),
        ]

    def period_text(self) -> str:
        """2026年, 2026年第四季度."""
        if self.starts_on.month == 1 and self.ends_on.month == 12:
            return f"{self.starts_on.year}年"
        return f"{self.starts_on.year}年第{'一二三四'[(self.starts_on.month - 1) // 3]}季度"


class HeartTalk(TownshipScoped):
    talker = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("talker"))
    participants = models.ManyToManyField(
        Person, through="HeartTalkSeat", related_name="heart_talks", verbose_name=_("talked with")
    )
    held_on = models.DateField(_("date"))
    mode = models.CharField(_("form"), max_length=12, choices=Mode.choices)
    manner = models.CharField(_("manner"), max_length=12, choices=Manner.choices)
    contents = models.JSONField(_("contents of part 3"), default=list)
    notes = SealedTextField(_("what was said"), audit_action=READ)
    follow_up = SealedTextField(_("follow-up"), audit_action=READ)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("heart-to-heart talk")
        verbose_name_plural = _("heart-to-heart talks")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["township", "talker", "held_on"], name="heart_talk_talker")]

    def __str__(self) -> str:
        return f"谈心谈话记录 #{self.pk}"


class HeartTalkSeat(TownshipScoped):
    talk = models.ForeignKey(HeartTalk, on_delete=models.PROTECT, related_name="seats")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")

    class Meta:
        indexes = [models.Index(fields=["township", "person"], name="heart_participant_person")]
        constraints = [models.UniqueConstraint(fields=["talk", "person"], name="heart_participant_once")]


class MustTalk(TownshipScoped):
    """A 七必谈 occasion (R20§2(3)): entered by the organization office (or the cadre's own request),
    or found by the generator in the organization's records (a job change)."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("cadre"))
    kind = models.CharField(_("occasion"), max_length=24, choices=TriggerKind.choices)
    occurred_on = models.DateField(_("date"))
    talker = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("talker"))
    note = SealedTextField(_("circumstances"), audit_action=READ)
    entered_by = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    talk = models.ForeignKey(
        HeartTalk, null=True, blank=True, on_delete=models.PROTECT, related_name="triggers"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("must-talk trigger")
        verbose_name_plural = _("must-talk triggers")
        ordering = ["-occurred_on", "-id"]
        indexes = [models.Index(fields=["township", "talker"], name="heart_trigger_talker")]

    def __str__(self) -> str:
        return f"必谈事项 #{self.pk}"


class JobSnapshot(TownshipScoped):
    """What the generator last saw of a cadre's job (department, title, team role): a difference on
    a later day is a job change (七必谈), found without any signal; `since` is the day it was seen."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="+")
    job = models.CharField(max_length=200)
    since = models.DateField()
    known_from_start = models.BooleanField(default=True)

    class Meta:
        indexes = [models.Index(fields=["township", "person"], name="heart_snapshot_person")]
