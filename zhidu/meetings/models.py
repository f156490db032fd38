"""Meetings and decisions (R1–R4): items (议题), meetings of the three bodies, attendance, the record
of each agenda entry (speakers, conflicts, recusals, written opinions, the vote), numbered minutes
and the permanent archive. Nothing here is ever deleted (R1§10): corrections are new versions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhidu.core.chinese import document_number
from zhidu.core.uploads import TownshipUpload

# The one vocabulary (vocabulary.py); `models.Body`, `models.Category`… stay importable from here.
from zhidu.meetings.vocabulary import BallotChoice, Body, Category, NoticeChannel, OpinionPosition, VoteMethod
from zhidu.org.models import Department, Person, TownshipScoped


class Item(TownshipScoped):
    """议题: proposed by a team member or a department (with its leader's approval), approved by the
    principal or a secretary's office meeting before it may reach an agenda (R1§7(1), R4)."""

    class State(models.TextChoices):
        # R4: a department's proposal first goes to its leader in charge, then to the principal.
        AWAITING_LEADER = "awaiting_leader", _("awaiting the leader in charge")
        PROPOSED = "proposed", _("proposed")
        APPROVED = "approved", _("approved")
        RETURNED = "returned", _("returned")

    class SuperiorAction(models.TextChoices):
        # R4: a decision that needs the superior's approval (审批) or filing (备案) before it is in force.
        NONE = "", _("none")
        APPROVAL = "approval", _("approval by the superior")
        FILING = "filing", _("filing with the superior")

    title = models.CharField(_("title"), max_length=200)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("leader in charge")
    )
    proposed_by = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("proposed by")
    )
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("department")
    )
    evaluation_report = models.FileField(
        _("evaluation report"), upload_to=TownshipUpload("meetings/items"), blank=True
    )
    # The report's name as uploaded: the stored key is random (zhidu.core.uploads).
    evaluation_report_name = models.CharField(max_length=200, blank=True)
    # R1§9: confidential personnel items stay out of the minutes, never out of the record.
    confidential = models.BooleanField(_("confidential"), default=False)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.PROPOSED)
    decided_by = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("approved by"),
    )
    decided_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    decision_note = models.CharField(_("note"), max_length=300, blank=True)
    # R4: the leader in charge's approval of a department's proposal, before the party office collates it.
    leader_approved_at = models.DateTimeField(_("approved by the leader in charge at"), null=True, blank=True)
    # R4: the superior's approval or filing the decision needs once passed (an obligation at closing).
    superior_action = models.CharField(
        _("superior's approval or filing"),
        max_length=10,
        choices=SuperiorAction.choices,
        blank=True,
        default=SuperiorAction.NONE,
    )
    # Times the proposer revised and resubmitted the item after it was returned.
    resubmitted = models.PositiveSmallIntegerField(_("resubmissions"), default=0)
    # R1§12(4) 复议: a resolution is changed only by a new decision that names the one it changes.
    reconsiders = models.ForeignKey(
        "AgendaEntry",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reconsidering_items",
        verbose_name=_("decision it changes"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # The key of the form render that proposed it: the same form sent twice saves one item.
    form_key = models.CharField(max_length=40, blank=True, editable=False)

    class Meta:
        verbose_name = _("item")
        verbose_name_plural = _("items")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["township", "state"], name="item_township_state")]
        constraints = [
            models.UniqueConstraint(
                fields=["township", "form_key"], condition=~models.Q(form_key=""), name="item_unique_form_key"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def important(self) -> bool:
        return self.category != Category.GENERAL


class Material(TownshipScoped):
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="materials")
    file = models.FileField(_("file"), upload_to=TownshipUpload("meetings/materials"))
    name = models.CharField(_("name"), max_length=200)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")

    def __str__(self) -> str:
        return self.name


class Meeting(TownshipScoped):
    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        NOTIFIED = "notified", _("notice sent")
        CLOSED = "closed", _("closed")
        # Called off before it was held: kept with its reason, never deleted (R1§10).
        CANCELLED = "cancelled", _("cancelled")

    body = models.CharField(_("body"), max_length=20, choices=Body.choices)
    title = models.CharField(_("title"), max_length=200)
    held_at = models.DateTimeField(_("held at"))
    place = models.CharField(_("place"), max_length=100, blank=True)
    chair = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("chair"))
    recorder = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorder")
    )
    emergency = models.BooleanField(_("emergency"), default=False)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.DRAFT)
    notice_sent_at = models.DateTimeField(_("notice sent at"), null=True, blank=True)
    notice_channel = models.CharField(
        _("notice channel"),
        max_length=10,
        choices=NoticeChannel.choices,
        blank=True,
    )
    # R2: the secretary may entrust a deputy secretary to chair; who entrusted and when is recorded.
    chair_entrusted_by = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("chair entrusted by"),
    )
    chair_entrusted_at = models.DateTimeField(_("chair entrusted at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)
    # Optimistic concurrency: every write checks and bumps it, so two clerks never silently
    # overwrite each other (a conditional UPDATE, which holds on SQLite and PostgreSQL alike).
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-held_at"]
        indexes = [models.Index(fields=["township", "-held_at"], name="meeting_township_held")]

    def __str__(self) -> str:
        return self.title


class NoticeSend(TownshipScoped):
    """R1§7(2)'s written-notice record: each time the meeting's notice went out, the first and each
    re-sent one after the meeting was changed (revision 2, 3…), with what changed and the items it
    listed. The members' receipts answer the latest; the record keeps every send (R1§10)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="notice_sends")
    revision = models.PositiveSmallIntegerField(_("notice revision"))
    sent_at = models.DateTimeField(_("notice sent at"))
    channel = models.CharField(_("notice channel"), max_length=10, choices=NoticeChannel.choices)
    # The meeting's changed fields ("held_at", "place", "title", "chair", "items"); empty for the first.
    changes = models.JSONField(_("what changed"), default=list, blank=True)
    summary = models.CharField(_("what changed"), max_length=500, blank=True)
    items = models.JSONField(_("items in the notice"), default=list, blank=True)  # item ids, in order
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("sending of the notice")
        verbose_name_plural = _("sendings of the notice")
        ordering = ["meeting", "revision"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "revision"], name="notice_send_unique_revision")
        ]

    def __str__(self) -> str:
        return f"{self.meeting} #{self.revision}"


class Attendance(TownshipScoped):
    """One expected member (应到会成员) of a meeting: the body's composition on the meeting day."""

    class Status(models.TextChoices):
        UNKNOWN = "unknown", _("not recorded")
        PRESENT = "present", _("present")
        ABSENT = "absent", _("absent")

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="attendance")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("role"), max_length=30)
    status = models.CharField(_("attendance"), max_length=10, choices=Status.choices, default=Status.UNKNOWN)
    reason = models.CharField(_("reason for absence"), max_length=200, blank=True)
    notice_confirmed_at = models.DateTimeField(_("notice confirmed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="attendance_unique")]


class Observer(TownshipScoped):
    """列席 (R2: "其他列席人员根据会议议题需要确定"): someone invited to attend without a vote, a team
    member outside the body or a department head; not counted in the quorum, never voting, and may
    own (report on) an item of the agenda."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="observers")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("cadre"))
    reason = models.CharField(_("why invited"), max_length=200, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    invited_at = models.DateTimeField(_("invited at"), auto_now_add=True)

    class Meta:
        verbose_name = _("observer")
        verbose_name_plural = _("observers")
        ordering = ["meeting", "invited_at", "id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="observer_unique")]

    def __str__(self) -> str:
        return str(self.person)


class AgendaEntry(TownshipScoped):
    """An item on a meeting's agenda, and what the meeting recorded about it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="entries")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="entries")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    in_notice = models.BooleanField(_("in the notice"), default=False)
    decision = models.BooleanField(_("to be decided"), default=True)
    deferred = models.BooleanField(_("deferred"), default=False)
    speakers = models.JSONField(_("speaking order"), default=list, blank=True)  # person ids, in order
    vote_method = models.CharField(_("vote method"), max_length=20, choices=VoteMethod.choices, blank=True)
    votes_for = models.PositiveSmallIntegerField(_("for"), null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(_("against"), null=True, blank=True)
    votes_abstain = models.PositiveSmallIntegerField(_("abstain"), null=True, blank=True)
    # R1§9: what the minutes say of the item.
    discussion = models.TextField(_("discussion"), blank=True)
    resolution = models.TextField(_("resolution"), blank=True)
    implementer = models.CharField(_("implemented by"), max_length=200, blank=True)
    basis = models.TextField(_("basis and reasons"), blank=True)
    supervision = models.TextField(_("how execution is supervised"), blank=True)
    # R1§7(4): the meeting did not decide but referred the item to the superior (请求上级裁决).
    referred = models.BooleanField(_("referred to the superior"), default=False)
    # When the clerk first saved the item's record: until then a declared conflict is a proposed
    # recusal (R1§7(4), R4), ticked on the form and counted as recused in the live record.
    recorded_at = models.DateTimeField(_("recorded at"), null=True, blank=True)
    # Withdrawn from the agenda before the vote, with its reason: kept, but no longer judged,
    # minuted or archived as an item of the meeting.
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawal_reason = models.CharField(_("reason for withdrawing"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("agenda entry")
        verbose_name_plural = _("agenda entries")
        ordering = ["meeting", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "item"], name="agenda_unique_item")]


class Reconsideration(TownshipScoped):
    """R1§12(4) 复议: the decision `changed` was changed by the later decision `by`, recorded when the
    later item passed and its meeting closed. The old archive is never edited (R1§10): its minutes
    read this row to show "已被…复议变更"."""

    changed = models.ForeignKey(AgendaEntry, on_delete=models.PROTECT, related_name="changed_by")
    by = models.OneToOneField(AgendaEntry, on_delete=models.PROTECT, related_name="changes")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["township", "changed"], name="reconsideration_township")]


class EmergencyAction(TownshipScoped):
    """R1§8: an emergency action taken without any meeting, recorded by the party office; it must be
    reported to the next team meeting (an obligation, done when an item reporting it is added)."""

    taken_by = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("taken by")
    )
    action = models.TextField(_("action taken"))
    reason = models.TextField(_("why it could not wait"))
    taken_at = models.DateTimeField(_("taken at"))
    # The item of a team meeting that reports it (R1§8); null until it is on an agenda.
    report_item = models.OneToOneField(
        Item, null=True, blank=True, on_delete=models.PROTECT, related_name="reported_emergency"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("emergency action")
        verbose_name_plural = _("emergency actions")
        ordering = ["-taken_at"]
        indexes = [models.Index(fields=["township", "-taken_at"], name="emergency_township_taken")]

    def __str__(self) -> str:
        return self.action[:40]


class Conflict(TownshipScoped):
    """A declared interest in an item (R1§7(4), R4); `recused` once the member stepped out."""

    entry = models.ForeignKey(AgendaEntry, on_delete=models.PROTECT, related_name="conflicts")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    recused = models.BooleanField(_("recused"), default=False)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["entry", "person"], name="conflict_unique")]


class WrittenOpinion(TownshipScoped):
    """An absent member's written opinion (R1§7(3)): not a vote, but counted for closeness."""

    entry = models.ForeignKey(AgendaEntry, on_delete=models.PROTECT, related_name="written_opinions")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    position = models.CharField(
        _("position"),
        max_length=10,
        choices=OpinionPosition.choices,
    )
    text = models.TextField(_("opinion"), blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["entry", "person"], name="opinion_unique")]


class NamedBallot(TownshipScoped):
    entry = models.ForeignKey(AgendaEntry, on_delete=models.PROTECT, related_name="named_ballots")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(
        _("choice"),
        max_length=10,
        choices=BallotChoice.choices,
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["entry", "person"], name="named_ballot_unique")]


class ReservedOpinion(TownshipScoped):
    """保留意见 (R1§11): recorded; the resolution binds the member all the same."""

    entry = models.ForeignKey(AgendaEntry, on_delete=models.PROTECT, related_name="reserved_opinions")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("reserved opinion"))


class MinutesCounter(TownshipScoped):
    """The last minutes number per body per year: an independent, gapless sequence (R1§9)."""

    body = models.CharField(max_length=20, choices=Body.choices)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["township", "body", "year"], name="minutes_counter_unique")
        ]


class Minutes(TownshipScoped):
    meeting = models.OneToOneField(Meeting, on_delete=models.PROTECT, related_name="minutes")
    body = models.CharField(max_length=20, choices=Body.choices)
    year = models.PositiveSmallIntegerField()
    number = models.PositiveIntegerField()
    # R1§9: the body's prefix in force when the number was given (柞党会纪), kept with the number so a
    # later change of the parameter never renumbers minutes already printed. Blank on minutes
    # numbered before bodies had their own prefixes: those printed the township's prefix.
    prefix = models.CharField(_("number prefix"), max_length=20, blank=True)
    signed_by = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField(null=True, blank=True)
    # R1§9: important minutes are sent to the city-level leader in charge; when and how.
    sent_at = models.DateTimeField(_("sent to the city-level leader at"), null=True, blank=True)
    sent_how = models.CharField(_("how they were sent"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")
        constraints = [
            models.UniqueConstraint(
                fields=["township", "body", "year", "number"], name="minutes_unique_number"
            )
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """柞党会纪〔2026〕7号: the minutes' document number, numbered per body per year (R1§9)."""
        if self.prefix:
            return document_number(self.prefix, self.year, self.number)
        # Read from a meeting (`meeting.minutes`), the meeting's township is loaded already: no query.
        cached = Minutes._meta.get_field("meeting").is_cached(self)
        township = self.meeting.township if cached else self.township
        return document_number(township.doc_prefix, self.year, self.number)


class ArchiveVersion(TownshipScoped):
    """A frozen `zhidu.meeting/1` record of a closed meeting. A correction adds a version; the old
    ones stay (R1§10)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="archive")
    version = models.PositiveIntegerField()
    record = models.JSONField()
    # What the minutes say of each item (R1§9), which the exchange format does not carry.
    minutes = models.JSONField(default=dict)
    # The verdict on `record`, stored once in the same INSERT (so the trust chain's payload covers
    # it): the `zhidu.evaluation/1` document by the rules and calendar of the day, and per item the
    # votes it counted, a recused member's named ballot left out (R1§7(4), R4). The minutes, the API,
    # the audit and supervision read these (zhidu.meetings.verdict). Null on versions archived before
    # the verdict was stored: the rows cannot be updated (R1§10), so those are judged on read.
    evaluation = models.JSONField(null=True, blank=True)
    counts = models.JSONField(null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "version"]
        constraints = [models.UniqueConstraint(fields=["meeting", "version"], name="archive_unique_version")]


class CheckReport(TownshipScoped):
    """R1§14–16: the organization office checks rule compliance by sampling meetings or following a
    complaint, running the checks over their archived records; the report goes to the city-level
    leader in charge."""

    class Reason(models.TextChoices):
        SAMPLE = "sample", _("sampling")
        COMPLAINT = "complaint", _("complaint")

    reason = models.CharField(_("reason"), max_length=12, choices=Reason.choices)
    note = models.TextField(_("note"), blank=True)
    period_from = models.DateField(_("from"), null=True, blank=True)
    period_to = models.DateField(_("to"), null=True, blank=True)
    # The sample is drawn with a recorded seed, so anyone can redraw and verify it.
    seed = models.BigIntegerField(_("seed"), null=True, blank=True)
    meetings = models.ManyToManyField(Meeting, related_name="check_reports", verbose_name=_("meetings"))
    results = models.JSONField(_("results"), default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent to the city-level leader at"), null=True, blank=True)

    class Meta:
        verbose_name = _("check report")
        verbose_name_plural = _("check reports")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["township", "-created_at"], name="checkreport_township_created")]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} {self.created_at:%Y-%m-%d}"
