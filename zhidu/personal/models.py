"""领导干部报告个人有关事项 (R8): personal-matter reports of cadres at deputy section level and above
(第二条, `Person.rank`). The content (details, the explanation of a late report, the flag notes) is
sealed with SM4-GCM (zhidu.trust.sealing): only the organization office and discipline inspection read
it, the reporter reads their own, and every read writes an audit entry. Nothing is ever deleted."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zhidu.org.models import Person, TownshipScoped
from zhidu.trust.sealing import SealedTextField

READ = "personal.read"  # the audit action of every read of sealed content


class Item(models.TextChoices):
    # 第三条: marriage of oneself, and of the spouse's and children's emigration, work, prosecution.
    MARRIAGE = "marriage", _("Change in one's marriage")
    PASSPORT = "passport", _("Private passports and travel permits held")
    PRIVATE_TRAVEL = "private_travel", _("Private travel abroad (or to Hong Kong, Macao, Taiwan)")
    CHILD_FOREIGN_MARRIAGE = "child_foreign_marriage", _("A child marrying a foreigner or stateless person")
    CHILD_HMT_MARRIAGE = "child_hmt_marriage", _("A child marrying a Hong Kong, Macao or Taiwan resident")
    EMIGRATION = "emigration", _("Spouse or children settling abroad")
    EMPLOYMENT = "employment", _("Employment of spouse and children, abroad included, and their posts")
    PROSECUTION = "prosecution", _("Spouse or children prosecuted for a crime")
    # 第四条: income, housing, investments.
    SALARY = "salary", _("One's salary, bonuses, allowances and subsidies")
    LABOUR_INCOME = "labour_income", _("Income from lecturing, writing, consulting, reviewing, calligraphy")
    HOUSING = "housing", _("Housing of oneself, the spouse and children living with one")
    SECURITIES = (
        "securities",
        _("Securities, shares, futures, funds, investment insurance and wealth products"),
    )
    UNLISTED_INVESTMENT = "unlisted_investment", _("Spouse's or children's investment in unlisted companies")
    SOLE_BUSINESS = "sole_business", _("Spouse's or children's individual, sole or partnership businesses")
    # 第六条: a new leader, or one applying to resign, reports every item at once.
    ALL = "all", _("All items (new leader or resignation)")


FAMILY_ITEMS = [Item.MARRIAGE, Item.PASSPORT, Item.PRIVATE_TRAVEL, Item.CHILD_FOREIGN_MARRIAGE]
FAMILY_ITEMS += [Item.CHILD_HMT_MARRIAGE, Item.EMIGRATION, Item.EMPLOYMENT, Item.PROSECUTION]
PROPERTY_ITEMS = [Item.SALARY, Item.LABOUR_INCOME, Item.HOUSING, Item.SECURITIES]
PROPERTY_ITEMS += [Item.UNLISTED_INVESTMENT, Item.SOLE_BUSINESS]


class Occasion(models.TextChoices):
    EVENT = "event", _("An item occurred (within 30 days, R8 art. 5)")
    NEW_LEADER = "new_leader", _("Newly a leading cadre (within 30 days, R8 art. 6)")
    RESIGNATION = "resignation", _("Applying to resign (with the application, R8 art. 6)")


class Report(TownshipScoped):
    class State(models.TextChoices):
        REQUESTED = "requested", _("requested, awaiting the report")
        FILED = "filed", _("filed")

    reporter = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="personal_reports", verbose_name=_("reporter")
    )
    occasion = models.CharField(_("occasion"), max_length=20, choices=Occasion.choices)
    item = models.CharField(_("item reported"), max_length=30, choices=Item.choices, blank=True)
    event_on = models.DateField(_("date of the event"))
    due_at = models.DateTimeField(_("due"))
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.FILED)
    filed_at = models.DateTimeField(_("filed at"), null=True, blank=True)
    late = models.BooleanField(_("filed late"), default=False)
    details = SealedTextField(_("details"), audit_action=READ)
    # 第五条: a report late for a special reason is made when the reason ends, with an explanation.
    explanation = SealedTextField(_("explanation of the delay"), audit_action=READ)
    requested_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("personal-matter report")
        verbose_name_plural = _("personal-matter reports")
        ordering = ["-event_on", "-id"]
        indexes = [models.Index(fields=["township", "reporter", "state"], name="personal_reporter_state")]

    def __str__(self) -> str:
        return f"个人有关事项报告 #{self.pk}"


class Flag(TownshipScoped):
    """第八条 (一)–(四), set by the organization office with a (sealed) note; one of each per report."""

    class Code(models.TextChoices):
        LATE = "late", _("late without a proper reason")
        UNTRUE = "untrue", _("not truthfully reported")
        HIDDEN = "hidden", _("concealed, not reported")
        IGNORED_REPLY = "ignored_reply", _("not following the organization's reply")

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="flags")
    code = models.CharField(_("flag"), max_length=20, choices=Code.choices)
    note = SealedTextField(_("note"), audit_action=READ)
    by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("by"))
    at = models.DateTimeField(_("time"))

    class Meta:
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        ordering = ["at", "id"]
        constraints = [models.UniqueConstraint(fields=["report", "code"], name="personal_flag_once")]
