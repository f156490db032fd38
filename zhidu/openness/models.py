"""党委党务公开制度 (R11): the publications of the content categories (recorded until the portal
exists), the yearly scoring sheet (versioned), the assessments (concentrated, random, yearly) with
their inspectors and, per assessed branch, the self-check report, the five on-site steps, the scores
and the tier. Every row carries its township; nothing is deleted."""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from zhidu.openness.checks import CATEGORIES, STEPS, TIERS
from zhidu.org.models import Branch, Person, TownshipScoped

CATEGORY_CHOICES = [(code, name) for code, name, _mode in CATEGORIES]
TIER_CHOICES = list(TIERS.items())


class Publication(TownshipScoped):
    """A publication of one category by the committee (branch empty) or a branch: where and when."""

    branch = models.ForeignKey(
        Branch, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("unit")
    )
    category = models.CharField(_("category"), max_length=20, choices=CATEGORY_CHOICES)
    period = models.CharField(_("period"), max_length=12, blank=True)
    published_on = models.DateField(_("published on"))
    where = models.CharField(_("where published"), max_length=200)
    content = models.TextField(_("what was published"), blank=True)
    recorded_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["-published_on", "-id"]
        indexes = [models.Index(fields=["township", "-published_on"], name="publication_township_day")]


class ScoringSheet(TownshipScoped):
    """《党务公开工作考核评分标准》 of a year (第十条); a change makes a new version."""

    year = models.PositiveSmallIntegerField(_("year"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        verbose_name = _("scoring sheet")
        verbose_name_plural = _("scoring sheets")
        ordering = ["-year", "-version"]
        indexes = [models.Index(fields=["township", "year", "version"], name="sheet_township_year")]
        constraints = [
            models.UniqueConstraint(fields=["township", "year", "version"], name="sheet_version_once")
        ]

    def __str__(self) -> str:
        return _("%(year)s scoring sheet (version %(version)s)") % {
            "year": self.year,
            "version": self.version,
        }

    @property
    def cn_name(self) -> str:
        """2026年评分标准（第1版）: the name the audit trail keeps, in any reader's language."""
        return f"{self.year}年评分标准（第{self.version}版）"


class Criterion(TownshipScoped):
    sheet = models.ForeignKey(ScoringSheet, on_delete=models.PROTECT, related_name="criteria")
    section = models.PositiveSmallIntegerField(_("section"))  # 第八条(一)–(五)
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.CharField(_("criterion"), max_length=200)
    points = models.DecimalField(_("points"), max_digits=5, decimal_places=1)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["section", "number"]
        indexes = [models.Index(fields=["township", "sheet"], name="criterion_township_sheet")]

    @property
    def label(self) -> str:
        """（一）1: the section of 第八条 and the number, as the county's sheet and the documents write it."""
        return f"（{'一二三四五'[self.section - 1]}）{self.number}"

    @property
    def reader_label(self) -> str:
        """The label as the reader's language writes it: （一）1, or 1.1 in English."""
        return (
            self.label if (get_language() or "zh-hans").startswith("zh") else f"{self.section}.{self.number}"
        )


class OpennessAssessment(TownshipScoped):
    """An assessment (第十一条: 集中考核, 平时考核 at random, 年度考核) and its procedure (第十三条)."""

    class Kind(models.TextChoices):
        CONCENTRATED = "concentrated", _("Concentrated check")
        RANDOM = "random", _("Random check")
        YEARLY = "yearly", _("Yearly assessment")

    class State(models.TextChoices):
        DRAFT = "draft", _("plan drafted")
        PLAN_APPROVED = "plan_approved", _("plan approved by the committee")
        PROPOSED = "proposed", _("tiers proposed by the office")
        DECIDED = "decided", _("tiers decided by the leading group")
        APPROVED = "approved", _("result approved by the committee")
        NOTIFIED = "notified", _("result notified")

    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    plan = models.TextField(_("assessment plan"))
    concern = models.CharField(_("public concern checked"), max_length=200, blank=True)
    sheet = models.ForeignKey(ScoringSheet, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)
    plan_approved_note = models.CharField(_("approved by the committee at"), max_length=200, blank=True)
    decided_note = models.CharField(_("decided by the leading group at"), max_length=200, blank=True)
    approved_note = models.CharField(_("result approved by the committee at"), max_length=200, blank=True)
    notified_on = models.DateField(_("notified on"), null=True, blank=True)
    created_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        verbose_name = _("openness assessment")
        verbose_name_plural = _("openness assessments")
        ordering = ["-year", "-created_at", "-id"]
        indexes = [models.Index(fields=["township", "year", "kind"], name="assessment_township_year")]

    def __str__(self) -> str:
        return self.title


class Inspector(TownshipScoped):
    """第十三条(三) "抽调监督员参加考核"."""

    assessment = models.ForeignKey(OpennessAssessment, on_delete=models.PROTECT, related_name="inspectors")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("inspector")
        verbose_name_plural = _("inspectors")
        indexes = [models.Index(fields=["township", "assessment"], name="inspector_township")]
        constraints = [models.UniqueConstraint(fields=["assessment", "person"], name="inspector_once")]


class UnitAssessment(TownshipScoped):
    """One branch in an assessment: its self-check report (第十三条(二)), the on-site steps
    (第十三条(四) 一看二访三听四查五评), the score and the tier."""

    assessment = models.ForeignKey(OpennessAssessment, on_delete=models.PROTECT, related_name="units")
    branch = models.ForeignKey(Branch, on_delete=models.PROTECT, related_name="+", verbose_name=_("branch"))
    reporter = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("files the self-check")
    )
    self_check = models.TextField(_("self-check report"), blank=True)
    self_check_at = models.DateTimeField(_("self-check filed at"), null=True, blank=True)
    look = models.TextField(STEPS[0][1], blank=True)
    visit = models.TextField(STEPS[1][1], blank=True)
    listen = models.TextField(STEPS[2][1], blank=True)
    examine = models.TextField(STEPS[3][1], blank=True)
    evaluate = models.TextField(STEPS[4][1], blank=True)
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=1, null=True, blank=True)
    tier = models.CharField(_("tier"), max_length=12, choices=TIER_CHOICES, blank=True)
    rectified_at = models.DateTimeField(_("rectified at"), null=True, blank=True)
    rectification = models.TextField(_("rectification report"), blank=True)

    class Meta:
        verbose_name = _("assessed branch")
        verbose_name_plural = _("assessed branches")
        ordering = ["branch__name", "id"]
        indexes = [models.Index(fields=["township", "assessment"], name="unitassess_township")]
        constraints = [models.UniqueConstraint(fields=["assessment", "branch"], name="unit_assessed_once")]


class Score(TownshipScoped):
    unit = models.ForeignKey(UnitAssessment, on_delete=models.PROTECT, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField(_("points given"), max_digits=5, decimal_places=1)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        indexes = [models.Index(fields=["township", "unit"], name="score_township_unit")]
        constraints = [models.UniqueConstraint(fields=["unit", "criterion"], name="score_once")]
