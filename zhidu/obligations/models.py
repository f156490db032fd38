"""Obligations: someone must do something by a due time, under an article. Due moments are stored
and indexed (style: healthchecks' `alert_after`) so the sweep touches only rows past them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from zhidu.org.models import Department, Person, TownshipScoped


class Obligation(TownshipScoped):
    class State(models.TextChoices):
        OPEN = "open", _("open")
        DONE = "done", _("done")
        DONE_LATE = "done_late", _("done late")
        OVERDUE = "overdue", _("overdue")

    class Reminder(models.IntegerChoices):
        NONE = 0, _("none")
        PERSON = 1, _("the person reminded")
        LEADER = 2, _("the leader reminded")
        SOON = 3, _("due soon")

    kind = models.CharField(_("kind"), max_length=40)
    article = models.CharField(_("article"), max_length=30)
    title = models.CharField(_("title"), max_length=200)
    # Makes creation idempotent: the generator and the areas that open obligations may run again.
    key = models.CharField(_("key"), max_length=120)
    assignee = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="obligations",
        verbose_name=_("assignee"),
    )
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("department")
    )
    escalate_to = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("leader")
    )
    # How the due time was derived, so it can be recomputed when a holiday notice is entered.
    rule = models.JSONField(_("deadline rule"), default=dict)
    due_at = models.DateTimeField(_("due at"), null=True, blank=True)
    provisional = models.BooleanField(_("provisional"), default=False)
    escalate_at = models.DateTimeField(_("escalate at"), null=True, blank=True)
    # "Due soon": the person is reminded once before the deadline (remind_at), if the kind wants it.
    remind_at = models.DateTimeField(_("remind at"), null=True, blank=True)
    soon_reminded = models.BooleanField(_("reminded before the deadline"), default=False)
    soon_delivered = models.BooleanField(default=False)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.OPEN)
    reminder_level = models.PositiveSmallIntegerField(
        _("reminders queued"), choices=Reminder.choices, default=Reminder.NONE
    )
    delivered_level = models.PositiveSmallIntegerField(_("reminders delivered"), default=0)
    overdue_since = models.DateTimeField(_("overdue since"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source_type = models.CharField(_("source type"), max_length=60, blank=True)
    source_id = models.CharField(_("source id"), max_length=40, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("obligation")
        verbose_name_plural = _("obligations")
        ordering = ["due_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["township", "key"], name="obligation_unique_key"),
            models.CheckConstraint(
                condition=Q(assignee__isnull=False) | Q(department__isnull=False),
                name="obligation_has_owner",
            ),
        ]
        indexes = [
            # The sweep reads only open rows past their due time.
            models.Index(fields=["due_at"], name="obligation_open_due", condition=Q(state="open")),
            models.Index(
                fields=["escalate_at"],
                name="obligation_to_escalate",
                condition=Q(state="overdue", reminder_level=1),
            ),
            models.Index(
                fields=["remind_at"],
                name="obligation_to_remind",
                condition=Q(state="open", soon_reminded=False),
            ),
            # Reminder delivery reads only rows with a reminder queued and not yet delivered, in
            # keyset order (issue 18: it scanned the whole table every tick).
            models.Index(
                fields=["id"],
                name="obligation_to_deliver",
                condition=Q(delivered_level__lt=F("reminder_level")),
            ),
            models.Index(
                fields=["id"],
                name="obligation_soon_to_deliver",
                condition=Q(soon_reminded=True, soon_delivered=False),
            ),
            models.Index(fields=["township", "state", "due_at"], name="obligation_township_state"),
            models.Index(fields=["assignee", "state", "due_at"], name="obligation_assignee_state"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_finished(self) -> bool:
        return self.state in {self.State.DONE, self.State.DONE_LATE}


class Reminder(TownshipScoped):
    """A delivered in-app reminder (the queue is the obligation's reminder_level)."""

    obligation = models.ForeignKey(Obligation, on_delete=models.PROTECT, related_name="reminders")
    recipient = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="reminders")
    level = models.PositiveSmallIntegerField(_("level"), choices=Obligation.Reminder.choices)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [models.UniqueConstraint(fields=["obligation", "level"], name="reminder_unique_level")]
        indexes = [models.Index(fields=["recipient", "read_at"], name="reminder_recipient_unread")]


class JobLease(models.Model):
    """Who runs the one job now (issue 18): on N application servers each tick is run by the one
    that claims the lease; the others skip it. Deployment-wide, not a township's row: the job itself
    walks every township. A crashed holder's lease expires (`until`), so the job never stops."""

    name = models.CharField(_("name"), max_length=40, primary_key=True)
    holder = models.CharField(_("holder"), max_length=120, blank=True)
    until = models.DateTimeField(_("held until"))

    class Meta:
        verbose_name = _("job lease")
        verbose_name_plural = _("job leases")

    def __str__(self) -> str:
        return f"{self.name}: {self.holder}"
