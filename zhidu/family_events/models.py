"""婚丧嫁娶等事宜申报 (R9): a leading cadre's declaration of a family event of their own or a direct
relative, the review of township discipline inspection, its spot checks (明察暗访) and flags.
Who the event concerns and who is invited (names of relatives and guests), the review notes, the
findings of a spot check and the evidence of a flag are sealed with SM4-GCM (zhidu.trust.sealing):
the declarant, discipline inspection and the organization office read them, and every read writes
an audit entry. Nothing is ever deleted."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zhidu.org.models import Person, Township, TownshipScoped
from zhidu.trust.sealing import SealedTextField

READ = "family_events.read"  # the audit action of every read of sealed content


def _township():
    """The township of a row, without a reverse accessor on Township: other areas' models share
    these short names (Flag, Review)."""
    return models.ForeignKey(Township, on_delete=models.PROTECT, related_name="+", verbose_name=_("township"))


class Kind(models.TextChoices):
    # R9§1: 本人及直系亲属的婚丧嫁娶、生育祝寿、乔迁新居、升迁升学等事宜.
    WEDDING = "wedding", _("Wedding")
    FUNERAL = "funeral", _("Funeral")
    BIRTH = "birth", _("Birth")
    BIRTHDAY = "birthday", _("Birthday celebration")
    HOUSEWARMING = "housewarming", _("Housewarming")
    PROMOTION = "promotion", _("Promotion")
    SCHOOL = "school", _("School admission")


class Whose(models.TextChoices):
    SELF = "self", _("Myself")
    SPOUSE = "spouse", _("Spouse")
    CHILD = "child", _("Child")
    PARENT = "parent", _("Parent")
    GRANDPARENT = "grandparent", _("Grandparent")
    GRANDCHILD = "grandchild", _("Grandchild")


class Prohibition(models.TextChoices):
    """R9§1, each prohibition of part 一 attested on its own (the seed's words)."""

    NO_EXTRAVAGANCE = "no_extravagance", _("No lavish ceremony, no extravagance or waste")
    NO_MANAGED_UNITS = (
        "no_managed_units",
        _(
            "No guests from the units and people I manage or serve, now or before, from subordinate "
            "units and people, or from others related to my office"
        ),
    )
    NO_BUSINESSMEN = "no_businessmen", _("No foreign businessmen or private business owners invited")
    NO_GIFTS = "no_gifts", _("No gifts or money accepted from anyone but relatives")
    NO_PROFITEERING = "no_profiteering", _("No using the occasion to amass money")
    NO_PUBLIC_RESOURCES = "no_public_resources", _("No public money, public cars or other public resources")
    LOCAL_STANDARD = "local_standard", _("Not clearly above the local usual standard or scale")
    NO_MOTORCADE = "no_motorcade", _("No luxury motorcade, no disturbing the residents")
    NO_SPLITTING = (
        "no_splitting",
        _("No banquets split into batches, places or small parts to hold a lavish event"),
    )
    RELATIVES_ONLY = (
        "relatives_only",
        _("For school, full-month and birthday banquets, nobody invited but relatives"),
    )


RELATIVES_ONLY_KINDS = {Kind.BIRTH, Kind.BIRTHDAY, Kind.SCHOOL}


def prohibitions_for(kind: str) -> list[Prohibition]:
    """The prohibitions a declaration of `kind` attests: all, the banquets-for-relatives-only one
    for the 升学宴、满月宴、生日宴 of part 一 only."""
    return [p for p in Prohibition if p != Prohibition.RELATIVES_ONLY or kind in RELATIVES_ONLY_KINDS]


class Declaration(TownshipScoped):
    township = _township()

    class State(models.TextChoices):
        DRAFT = "draft", _("started, not yet submitted")
        ORAL = "oral", _("reported orally, written form pending")
        SUBMITTED = "submitted", _("submitted, awaiting review")
        CORRECTION = "correction", _("correction requested")
        ACCEPTED = "accepted", _("accepted on review")

    class Channel(models.TextChoices):
        WRITTEN = "written", _("written form")
        ORAL = "oral", _("oral (by phone or in person)")

    declarant = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="family_events", verbose_name=_("declarant")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    whose = models.CharField(_("whose event"), max_length=20, choices=Whose.choices, default=Whose.SELF)
    event_on = models.DateField(_("day of the event"))
    purpose = models.CharField(_("purpose of the event"), max_length=200, blank=True)
    time = models.CharField(_("time"), max_length=100, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    guests = models.PositiveIntegerField(_("number of guests"), null=True, blank=True)
    standard = models.CharField(_("standard"), max_length=200, blank=True)
    relatives = SealedTextField(_("relatives concerned"), audit_action=READ)
    guest_list = SealedTextField(_("guests invited"), audit_action=READ)
    attested = models.JSONField(_("prohibitions attested"), default=list, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)
    report_on = models.DateField(_("reported on"), null=True, blank=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, blank=True)
    received_at = models.DateTimeField(_("oral report received at"), null=True, blank=True)
    received_by = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("received by"),
    )
    written_on = models.DateField(_("written form on"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("family-event declaration")
        verbose_name_plural = _("family-event declarations")
        ordering = ["-event_on", "-id"]
        indexes = [
            models.Index(fields=["township", "declarant", "state"], name="family_declarant_state"),
            models.Index(fields=["township", "event_on"], name="family_event_on"),
        ]

    def __str__(self) -> str:
        return f"婚丧嫁娶等事宜报告 #{self.pk}"

    @property
    def attestation(self) -> bool:
        return set(self.attested) >= {p.value for p in prohibitions_for(self.kind)}


class Review(TownshipScoped):
    """R9§3 强化报送情况审核: discipline inspection accepts a declaration or asks for a correction."""

    township = _township()

    class Decision(models.TextChoices):
        ACCEPT = "accept", _("accepted on review")
        CORRECT = "correct", _("correction requested")

    declaration = models.ForeignKey(Declaration, on_delete=models.PROTECT, related_name="reviews")
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    note = SealedTextField(_("note"), audit_action=READ)
    by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("by"))
    at = models.DateTimeField(_("time"))

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["township", "declaration"], name="family_review_decl")]


class SpotCheck(TownshipScoped):
    """R9§3 加大明察暗访力度: when, where, whose event, what was found."""

    township = _township()

    subject = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("cadre"))
    declaration = models.ForeignKey(
        Declaration, null=True, blank=True, on_delete=models.PROTECT, related_name="spot_checks"
    )
    checked_at = models.DateTimeField(_("when"))
    place = models.CharField(_("where"), max_length=200)
    found = SealedTextField(_("what was found"), audit_action=READ)
    by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-checked_at", "-id"]
        indexes = [models.Index(fields=["township", "checked_at"], name="family_spot_checked")]


class Flag(TownshipScoped):
    """R9§3 应报告未报告、不如实报告或违反规定操办: a finding of discipline inspection on a cadre, with
    its (sealed) evidence; about a declaration, or about an event nobody declared."""

    township = _township()

    class Code(models.TextChoices):
        UNREPORTED = "unreported", _("should have reported, did not")
        UNTRUE = "untrue", _("not truthfully reported")
        IMPROPER = "improper", _("held against the rules")

    subject = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("cadre"))
    declaration = models.ForeignKey(
        Declaration, null=True, blank=True, on_delete=models.PROTECT, related_name="flags"
    )
    spot_check = models.ForeignKey(
        SpotCheck, null=True, blank=True, on_delete=models.PROTECT, related_name="flags"
    )
    code = models.CharField(_("flag"), max_length=20, choices=Code.choices)
    evidence = SealedTextField(_("evidence"), audit_action=READ)
    by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("by"))
    at = models.DateTimeField(_("time"))

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["township", "subject", "at"], name="family_flag_subject")]
