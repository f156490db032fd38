"""党委社情民意反映制度 (R16): opinions the public raise with their village or unit (第十三条, 第十八条:
letter, phone, web, visit), verified and screened there (第十九条), reported to the party office,
analysed with a proposal (第二十条), adopted or not, done, and the result published periodically
(第二十一条). Many people with one opinion name at most 5 representatives (第十六条); the others are
listed as supporters.

The submitter's and the representatives' contact details and the supporters' names are sealed
(zhidu.trust.sealing): read only by the party office and by those verifying the opinion, every read
audited. The public follows an opinion by its receipt code and sees its state and the published
result, never personal data."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zhidu.notifications.models import NotifyBy
from zhidu.org.models import Department, Person, Township, TownshipScoped, Village
from zhidu.trust.sealing import SealedTextField

READ = "opinions.read"  # the audit action of every read of sealed content


class Topic(models.TextChoices):
    """What an opinion is about: the kinds of 第六条–第十二条."""

    POLICY = "policy", _("Reactions to a major policy")  # 第六条
    DEVELOPMENT = "development", _("Problems of local development and proposals")  # 第七条
    FORESIGHT = "foresight", _("Warning and forward-looking proposals")  # 第八条
    EMERGENCY = "emergency", _("Causes of a major emergency and proposals")  # 第九条
    LIVELIHOOD = "livelihood", _("Livelihood and hot issues")  # 第十条
    GROUP_INTEREST = "group_interest", _("Group interests needing a policy answer")  # 第十一条
    OTHER = "other", _("Other matters")  # 第十二条


class Intake(models.TextChoices):
    """第十八条: how the opinion came in. The portal is the public's own form; the office enters the rest."""

    PORTAL = "portal", _("on the portal")
    LETTER = "letter", _("by letter")
    PHONE = "phone", _("by phone call")
    VISIT = "visit", _("by a visit")


class Opinion(TownshipScoped):
    # life_meetings.Opinion (书面意见) already holds Township.opinion_set.
    township = models.ForeignKey(
        Township, on_delete=models.PROTECT, related_name="public_opinions", verbose_name=_("township")
    )

    class State(models.TextChoices):
        SUBMITTED = "submitted", _("submitted, awaiting verification")
        VERIFIED = "verified", _("verified and screened by the village or unit")
        REPORTED = "reported", _("reported to the party office")
        ANALYSED = "analysed", _("analysed, a proposal made")
        ADOPTED = "adopted", _("adopted, being carried out")
        NOT_ADOPTED = "not_adopted", _("not adopted")
        DONE = "done", _("adopted and carried out")
        PUBLISHED = "published", _("result published")

    code = models.CharField(_("receipt code"), max_length=16, unique=True)
    topic = models.CharField(_("kind of opinion"), max_length=20, choices=Topic.choices)
    title = models.CharField(_("summary"), max_length=100)
    content = models.TextField(_("the opinion"))
    # 第十三条: normally one's own village; or a township unit (a department). Exactly one.
    village = models.ForeignKey(
        Village, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("village")
    )
    department = models.ForeignKey(
        Department,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("township unit"),
    )
    intake = models.CharField(_("how it came in"), max_length=10, choices=Intake.choices)
    submitter_name = SealedTextField(_("submitter's name"), audit_action=READ)
    submitter_phone = SealedTextField(_("phone"), audit_action=READ)
    submitter_address = SealedTextField(_("address"), audit_action=READ)
    # 第十六条: a group opinion's representatives (one a line: name and phone), at most 5, and its
    # supporters (how many; their names when given).
    representatives = SealedTextField(_("representatives"), audit_action=READ)
    representative_count = models.PositiveSmallIntegerField(_("number of representatives"), default=0)
    supporter_count = models.PositiveIntegerField(_("number of supporters"), default=0)
    supporter_names = SealedTextField(_("supporters' names"), audit_action=READ)
    # Issue 16: told of each step by SMS or e-mail when the submitter chose so; the address sealed.
    notify_by = models.CharField(
        _("progress messages"), max_length=10, choices=NotifyBy.choices, blank=True, default=""
    )
    notify_address = SealedTextField(_("address for progress messages"), audit_action=READ, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.SUBMITTED)
    submitted_on = models.DateField(_("submitted on"))
    entered_by = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("entered by"),
    )
    # 第十九条: 核实, 筛选, 苗头性、倾向性问题.
    verification = models.TextField(_("verification and screening"), blank=True)
    emerging = models.BooleanField(_("sign of an emerging problem"), default=False)
    verified_by = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    verified_on = models.DateField(_("verified on"), null=True, blank=True)
    reported_on = models.DateField(_("reported up on"), null=True, blank=True)
    # 第二十条: the party office's analysis and proposal.
    analysis = models.TextField(_("analysis"), blank=True)
    proposal = models.TextField(_("proposal"), blank=True)
    analysed_by = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    analysed_on = models.DateField(_("analysed on"), null=True, blank=True)
    decision_note = models.TextField(_("adoption decision"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    done_note = models.TextField(_("what was carried out"), blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    # 第二十一条: the result as published (shown to the public: no personal data).
    result = models.TextField(_("published result"), blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    published_url = models.CharField(_("published at"), max_length=300, blank=True)
    supervision_item = models.ForeignKey(
        "supervision.SupervisionItem",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("supervision item"),
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("public opinion")
        verbose_name_plural = _("public opinions")
        ordering = ["-submitted_on", "-id"]
        indexes = [
            models.Index(fields=["township", "state"], name="opinions_state"),
            models.Index(fields=["township", "submitted_on"], name="opinions_submitted"),
            models.Index(fields=["township", "topic"], name="opinions_topic"),
            models.Index(fields=["township", "village"], name="opinions_village"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(village__isnull=True, department__isnull=False)
                | Q(village__isnull=False, department__isnull=True),
                name="opinions_village_or_unit",
            ),
            models.CheckConstraint(
                condition=Q(representative_count__lte=5), name="opinions_five_representatives"
            ),
        ]

    def __str__(self) -> str:
        return f"社情民意 #{self.pk}"

    @property
    def place(self) -> Village | Department | None:
        return self.village or self.department

    @property
    def group(self) -> bool:
        return self.representative_count > 0


class OpinionStep(TownshipScoped):
    """The opinion's timeline: one row per state change (the public sees the state and the day)."""

    opinion = models.ForeignKey(Opinion, on_delete=models.CASCADE, related_name="steps")
    state = models.CharField(_("state"), max_length=20, choices=Opinion.State.choices)
    at = models.DateTimeField(_("at"), auto_now_add=True)
    by = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("opinion step")
        verbose_name_plural = _("opinion steps")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["township", "opinion"], name="opinions_step")]


class MonthlyAnalysis(TownshipScoped):
    """第二十条: the party office's monthly analysis of the opinions of a month (topics, trends, by
    village), opened by the daily job with its obligation; recording it completes the duty."""

    month = models.DateField(_("month"))  # its first day
    summary = models.TextField(_("analysis"), blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    recorded_by = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("monthly analysis of public opinion")
        verbose_name_plural = _("monthly analyses of public opinion")
        ordering = ["-month"]
        indexes = [models.Index(fields=["township", "month"], name="opinions_month")]
        constraints = [models.UniqueConstraint(fields=["township", "month"], name="opinions_month_once")]

    def __str__(self) -> str:
        return f"{self.month.year}年{self.month.month}月社情民意分析"
