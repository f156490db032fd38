"""A form's unsent text: one row per user, township and form (its key names the form and the
record, e.g. "meetings.record:12"). Not a record of the committee: it is never audited, never
archived, and forgotten after DRAFT_DAYS (zhidu.drafts.services)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhidu.org.models import TownshipScoped


class Draft(TownshipScoped):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("user")
    )
    key = models.CharField(_("form and record"), max_length=200)
    # {field name: value, or a list of values for checkboxes and multiple choices}.
    data = models.JSONField(_("typed text"), default=dict)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("unsent draft")
        verbose_name_plural = _("unsent drafts")
        constraints = [
            # Per township too: a county user keeps "supervision.new" in each township apart.
            models.UniqueConstraint(fields=["township", "user", "key"], name="draft_unique_form")
        ]
        indexes = [models.Index(fields=["township", "updated_at"], name="draft_township_updated")]

    def __str__(self) -> str:
        return self.key
