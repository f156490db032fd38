"""The records of R18 工作日清: a team member's daily log (one per member per day), its unfinished
tasks and the weekly review. Rows are written only by zhidu.daily_logs.services."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zhidu.org.models import Person, TownshipScoped


class DailyLog(TownshipScoped):
    class Channel(models.TextChoices):
        WEB = "web", _("web")
        SMS = "sms", _("SMS")
        WECHAT = "wechat", _("WeChat")
        DINGTALK = "dingtalk", _("DingTalk")  # the township's DingTalk robot (issue 16, inbound)

    member = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="daily_logs", verbose_name=_("team member")
    )
    day = models.DateField(_("day"))
    # The moment that counts against the deadline (R18 第三): the web submission, or for an SMS or
    # WeChat report the time the party office received it (`received_at`).
    submitted_at = models.DateTimeField(_("submitted at"))
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.WEB)
    received_at = models.DateTimeField(_("received at"), null=True, blank=True)
    entered_by = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    summary = models.TextField(_("summary against the day's targets"))
    plan = models.TextField(_("next day's plan"))
    support = models.TextField(_("support needed from other departments"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("daily work log")
        verbose_name_plural = _("daily work logs")
        ordering = ["township", "-day", "member"]
        indexes = [
            models.Index(fields=["township", "day"], name="dlog_township_day"),
            models.Index(fields=["township", "member", "day"], name="dlog_township_member_day"),
        ]
        constraints = [
            # R18 第二: one day's summary and plan per member; a second submission is refused.
            models.UniqueConstraint(fields=["member", "day"], name="dlog_one_per_member_day"),
        ]

    def __str__(self) -> str:
        return f"{self.member} · {self.day.isoformat()}"


class UnfinishedTask(TownshipScoped):
    """R18 第二: 对未完成的工作进行原因分析、责任落实……明确最终完成时限. Carried forward, a task is listed
    again on the next log with `origin` naming its first listing (the key of its owner's duty)."""

    log = models.ForeignKey(DailyLog, on_delete=models.CASCADE, related_name="unfinished")
    task = models.CharField(_("task"), max_length=200)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    owner = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("owner")
    )
    due = models.DateField(_("new deadline"), null=True, blank=True)
    origin = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("first listed"),
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("unfinished task")
        verbose_name_plural = _("unfinished tasks")
        ordering = ["log", "position", "pk"]
        indexes = [
            models.Index(fields=["township", "log"], name="dlog_task_township_log"),
            models.Index(fields=["township", "owner", "due"], name="dlog_task_township_owner"),
        ]

    def __str__(self) -> str:
        return self.task

    @property
    def root_id(self) -> int:
        return self.origin_id or self.pk


class WeeklyReview(TownshipScoped):
    """R18 第四: 每周对工作情况进行总结梳理，及时发现问题，并作出相应整改措施."""

    member = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="weekly_reviews", verbose_name=_("team member")
    )
    week = models.DateField(_("week (Monday)"))
    review = models.TextField(_("review of the week"))
    problems = models.TextField(_("problems found and corrective measures"), blank=True)
    filed_at = models.DateTimeField(_("filed at"))

    class Meta:
        verbose_name = _("weekly review")
        verbose_name_plural = _("weekly reviews")
        ordering = ["township", "-week", "member"]
        indexes = [models.Index(fields=["township", "member", "week"], name="dlog_review_township_week")]
        constraints = [models.UniqueConstraint(fields=["member", "week"], name="dlog_one_review_per_week")]

    def __str__(self) -> str:
        return f"{self.member} · {self.week.isoformat()}"
