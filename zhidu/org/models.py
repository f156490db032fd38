"""The organization: the township (the tenant), its team with terms of office, departments,
villages, branches and cadres. Every domain row in Zhidu carries its township so that one
deployment serves a county, and queries are scoped and indexed by it."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Township(models.Model):
    name = models.CharField(_("name"), max_length=50, unique=True)
    code = models.SlugField(_("code"), max_length=30, unique=True)
    county = models.CharField(_("county"), max_length=50, blank=True)
    # Prefix of the committee's document numbers, e.g. 柞党〔2026〕7号.
    doc_prefix = models.CharField(_("document prefix"), max_length=10, blank=True)

    class Meta:
        verbose_name = _("township")
        verbose_name_plural = _("townships")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TownshipScoped(models.Model):
    """Base of every domain row: it belongs to exactly one township."""

    township = models.ForeignKey(Township, on_delete=models.PROTECT, verbose_name=_("township"))

    class Meta:
        abstract = True


class Department(TownshipScoped):
    class Kind(models.TextChoices):
        PARTY_OFFICE = "party_office", _("party office")
        ORGANIZATION_OFFICE = "organization_office", _("organization office")
        DISCIPLINE_INSPECTION = "discipline_inspection", _("discipline inspection")
        OTHER = "other", _("other department")

    name = models.CharField(_("name"), max_length=50)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.OTHER)
    head = models.ForeignKey(
        "Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("head")
    )

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["township", "name"]
        constraints = [models.UniqueConstraint(fields=["township", "name"], name="department_unique_name")]

    def __str__(self) -> str:
        return self.name


class Village(TownshipScoped):
    name = models.CharField(_("name"), max_length=50)

    class Meta:
        verbose_name = _("village")
        verbose_name_plural = _("villages")
        ordering = ["township", "name"]
        constraints = [models.UniqueConstraint(fields=["township", "name"], name="village_unique_name")]

    def __str__(self) -> str:
        return self.name


class Branch(TownshipScoped):
    name = models.CharField(_("name"), max_length=80)
    village = models.ForeignKey(
        Village, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("village")
    )

    class Meta:
        verbose_name = _("branch")
        verbose_name_plural = _("branches")
        ordering = ["township", "name"]
        constraints = [models.UniqueConstraint(fields=["township", "name"], name="branch_unique_name")]

    def __str__(self) -> str:
        return self.name


class Person(TownshipScoped):
    """A cadre of the township organs (机关干部); team members are persons with a term of office."""

    class Rank(models.TextChoices):
        SECTION = "section", _("section level")
        DEPUTY_SECTION = "deputy_section", _("deputy section level")
        STAFF = "staff", _("staff")

    name = models.CharField(_("name"), max_length=30)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
        verbose_name=_("account"),
    )
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("department")
    )
    title = models.CharField(_("title"), max_length=50, blank=True)
    rank = models.CharField(_("rank"), max_length=20, choices=Rank.choices, default=Rank.STAFF)
    # Whom a reminder escalates to when this person's obligation is overdue.
    leader = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("leader")
    )
    # County-level staff may read every township of the deployment.
    county_view = models.BooleanField(_("county view"), default=False)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("cadre")
        verbose_name_plural = _("cadres")
        ordering = ["township", "name"]
        indexes = [models.Index(fields=["township", "active"], name="person_township_active")]

    def __str__(self) -> str:
        return self.name


class TeamMembership(TownshipScoped):
    """A term on the leadership team (领导班子): a member joins and leaves on dates."""

    class Role(models.TextChoices):
        SECRETARY = "secretary", _("secretary")
        DEPUTY_SECRETARY = "deputy_secretary", _("deputy secretary")
        ORGANIZATION_MEMBER = "organization_member", _("organization member")
        DISCIPLINE_SECRETARY = "discipline_secretary", _("discipline secretary")
        MEMBER = "member", _("member")

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="terms", verbose_name=_("team member")
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    title = models.CharField(_("title"), max_length=50, blank=True)
    # The principal chairs and speaks last (R1§7(3)): the secretary, and for the government side the
    # township head.
    is_principal = models.BooleanField(_("principal"), default=False)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)

    class Meta:
        verbose_name = _("term on the team")
        verbose_name_plural = _("terms on the team")
        ordering = ["township", "starts_on"]
        indexes = [models.Index(fields=["township", "starts_on"], name="term_township_start")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="term_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.get_role_display()}"

    def covers(self, day: datetime.date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)


def team_on(township: Township, day: datetime.date) -> models.QuerySet[TeamMembership]:
    """The team as it stood on a day: the expected members of a meeting held then."""
    return (
        TeamMembership.objects.filter(township=township, starts_on__lte=day)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day))
        .select_related("person")
    )


class LeadingGroup(TownshipScoped):
    """A standing group, e.g. the supervision leading group (督查督办工作领导小组) of R7."""

    name = models.CharField(_("name"), max_length=80)
    code = models.SlugField(_("code"), max_length=40)

    class Meta:
        verbose_name = _("leading group")
        verbose_name_plural = _("leading groups")
        constraints = [models.UniqueConstraint(fields=["township", "code"], name="group_unique_code")]

    def __str__(self) -> str:
        return self.name


class LeadingGroupMember(TownshipScoped):
    class Position(models.TextChoices):
        LEADER = "leader", _("group leader")
        MEMBER = "member", _("group member")
        OFFICE_DIRECTOR = "office_director", _("office director")
        OFFICE_DEPUTY = "office_deputy", _("office deputy director")

    group = models.ForeignKey(LeadingGroup, on_delete=models.PROTECT, related_name="members")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, verbose_name=_("cadre"))
    position = models.CharField(_("position"), max_length=20, choices=Position.choices)

    class Meta:
        verbose_name = _("leading group member")
        verbose_name_plural = _("leading group members")
        constraints = [
            models.UniqueConstraint(fields=["group", "person", "position"], name="group_member_unique")
        ]

    def __str__(self) -> str:
        return f"{self.group} · {self.get_position_display()} · {self.person}"
