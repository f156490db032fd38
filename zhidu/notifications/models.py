"""The outbox (issue 16): every message that leaves Zhidu is first a row here, written in the same
transaction as the state change that causes it (a rollback sends nothing), then delivered after
commit by the scheduler's job (zhidu.notifications.delivery), claimed by a conditional UPDATE so two
runners never send one twice. And where each person wants to be reached (ContactAddress)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zhidu.org.models import Person, TownshipScoped
from zhidu.trust.sealing import SealedTextField


class Channel(models.TextChoices):
    EMAIL = "email", _("e-mail")
    SMS = "sms", _("text message (SMS)")
    WECOM = "wecom", _("WeCom")
    DINGTALK = "dingtalk", _("DingTalk")


class NotifyBy(models.TextChoices):
    """How a member of the public (a petitioner, the submitter of an opinion) wants to be told of
    progress (zhidu.notifications.public): the areas keep it on their own record."""

    NONE = "", _("no messages, I follow it with the receipt code")
    SMS = "sms", _("by text message to my mobile phone")
    EMAIL = "email", _("by e-mail")


class ContactAddress(TownshipScoped):
    """One way to reach a person: a channel and the address on it (an e-mail address, a mobile
    number for SMS and for the WeCom/DingTalk robots' @-mention). A person may have several; every
    enabled one receives each notification."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="contact_addresses", verbose_name=_("person to reach")
    )
    channel = models.CharField(_("how to reach"), max_length=10, choices=Channel.choices)
    address = models.CharField(_("address on this channel"), max_length=200)
    enabled = models.BooleanField(_("send on this channel"), default=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("contact address")
        verbose_name_plural = _("contact addresses")
        ordering = ["person", "channel"]
        constraints = [
            models.UniqueConstraint(fields=["person", "channel"], name="contact_address_unique_channel")
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.get_channel_display()}"


class Notification(TownshipScoped):
    class State(models.TextChoices):
        QUEUED = "queued", _("queued")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent out")
        FAILED = "failed", _("failed")

    # What caused it (e.g. "meetings.notice", "duties.digest") and the record it is about.
    topic = models.CharField(_("message kind"), max_length=40)
    target_type = models.CharField(max_length=60, blank=True)
    target_id = models.CharField(max_length=40, blank=True)
    # A cadre (zhidu.org Person) or, for the public, only an address (sealed: personal data).
    recipient = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    address = SealedTextField(_("address to send to"), blank=True, audit_action="notifications.address_read")
    channel = models.CharField(_("how it is sent"), max_length=10, choices=Channel.choices)
    subject = models.CharField(_("message subject"), max_length=200)
    body = models.TextField(_("message"))
    link = models.CharField(_("link"), max_length=500, blank=True)
    urgent = models.BooleanField(_("urgent message"), default=False)
    # Never enqueued twice: (township, dedupe_key) is unique; group_key ties the channels of one
    # message to one person together (a receipt confirmed on any of them confirms all).
    dedupe_key = models.CharField(max_length=200)
    group_key = models.CharField(max_length=200)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"))
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    answer = models.CharField(_("provider's answer"), max_length=500, blank=True)
    confirmed_at = models.DateTimeField(_("receipt confirmed at"), null=True, blank=True)
    confirmed_via = models.CharField(
        _("receipt confirmed through"), max_length=10, choices=Channel.choices, blank=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["township", "dedupe_key"], name="notification_unique_key"),
            models.CheckConstraint(
                condition=Q(recipient__isnull=False) | ~Q(address=""), name="notification_has_recipient"
            ),
        ]
        indexes = [
            # The delivery step reads only queued rows whose time has come.
            models.Index(fields=["next_attempt_at"], name="notification_due", condition=Q(state="queued")),
            models.Index(fields=["township", "state", "-created_at"], name="notification_township_state"),
            models.Index(fields=["township", "group_key"], name="notification_group"),
            models.Index(fields=["target_type", "target_id"], name="notification_target"),
        ]

    def __str__(self) -> str:
        return self.subject


class InboundMessage(TownshipScoped):
    """A message that came in through a channel's webhook (issue 16 "inbound", R18 第三): a daily
    log or a receipt confirmation by SMS or WeCom, attributed by the sender's registered number
    (ContactAddress). Every one is kept, once per provider's message id, with what Zhidu did with
    it, for the administrator (the inbound page); nothing else of an unknown sender is acted on."""

    class Outcome(models.TextChoices):
        DAILY_LOG = "daily_log", _("daily log filed")
        RECEIPT = "receipt", _("receipt confirmed")
        REFUSED = "refused", _("refused, the sender was told why")
        NOTHING_TO_CONFIRM = "nothing", _("nothing to confirm")
        UNKNOWN_SENDER = "unknown", _("unknown sender")
        NOT_UNDERSTOOD = "unparsed", _("not understood")

    channel = models.CharField(_("came in through"), max_length=10, choices=Channel.choices)
    message_id = models.CharField(_("provider's message id"), max_length=100)
    sender = models.CharField(_("sender"), max_length=100)
    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inbound_messages",
        verbose_name=_("sent by"),
    )
    text = models.TextField(_("text received"))
    received_at = models.DateTimeField(_("received at"))
    outcome = models.CharField(_("how it was handled"), max_length=10, choices=Outcome.choices)
    reply = models.CharField(_("answer sent back"), max_length=500, blank=True)
    # The record it filed or confirmed (a daily log, a notification).
    target_type = models.CharField(max_length=60, blank=True)
    target_id = models.CharField(max_length=40, blank=True)

    class Meta:
        verbose_name = _("inbound message")
        verbose_name_plural = _("inbound messages")
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["township", "channel", "message_id"], name="inbound_once_per_message"
            )
        ]
        indexes = [models.Index(fields=["township", "-received_at"], name="inbound_township_received")]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.message_id}"
