"""The national working-day calendar: reference data shared by every township (not township-scoped).

Rows are written only by the seed migration and by `services.enter_notice` (the one entry point
that changes the calendar)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhidu.workdays import provisional, seed


class WorkingDay(models.Model):
    class Kind(models.TextChoices):
        WORKDAY = provisional.WORKDAY, _("working day")
        WEEKEND = provisional.WEEKEND, _("weekend")
        HOLIDAY = provisional.HOLIDAY, _("statutory holiday")
        ADJUSTED_WORKDAY = provisional.ADJUSTED_WORKDAY, _("adjusted working day")

    class Source(models.TextChoices):
        LIBRARY = seed.SOURCE_LIBRARY, _("chinese-calendar package")
        NOTICE = seed.SOURCE_NOTICE, _("State Council notice")
        PROVISIONAL = seed.SOURCE_PROVISIONAL, _("provisional")

    day = models.DateField(_("day"), primary_key=True)
    is_workday = models.BooleanField(_("is a working day"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    holiday_name = models.CharField(_("holiday name"), max_length=60, blank=True)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)

    class Meta:
        verbose_name = _("working day")
        verbose_name_plural = _("working days")
        ordering = ["day"]

    def __str__(self) -> str:
        label = self.holiday_name or self.get_kind_display()
        return f"{self.day.isoformat()} {label}"


class HolidayNotice(models.Model):
    """国务院办公厅关于某年部分节假日安排的通知, as entered by an administrator."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("entered by"),
    )
    entered_at = models.DateTimeField(_("entered at"), default=timezone.now)
    raw_text = models.TextField(_("text as pasted"), blank=True)
    entries = models.JSONField(_("entries"), default=dict, blank=True)

    class Meta:
        verbose_name = _("holiday notice")
        verbose_name_plural = _("holiday notices")
        ordering = ["-year"]

    def __str__(self) -> str:
        return self.title
