"""R5 党建工作责任制 and R6 党风廉政建设责任制: the responsibility matrix and the leaders' contact points
as they stand on a day, and the yearly target-responsibility letters (目标责任书) that the principal
signs with each other team member and each department ("与班子其他成员和部门签订目标责任书", R6 正职
一; R5 五(1) gives the same first/direct responsibility for party building): one obligation per
pair, per article, per year, due at the end of the year's last working day (rulebook, "Dates and
deadlines": a yearly obligation with no other date in the rule)."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.db.models import Q

from zhidu.obligations.deadlines import DeadlineRule
from zhidu.obligations.models import Obligation
from zhidu.obligations.services import open_obligation
from zhidu.org.models import Department, TeamMembership, Township, team_on
from zhidu.supervision.models import ContactPoint, ResponsibilityArea

SHANGHAI = ZoneInfo("Asia/Shanghai")
KIND = "responsibility-letter"
LETTERS = {"R5": "党建工作目标责任书", "R6": "党风廉政建设目标责任书"}


def _current(queryset, day: datetime.date):
    return queryset.filter(starts_on__lte=day).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day))


def matrix_on(township: Township, day: datetime.date) -> list[ResponsibilityArea]:
    return list(
        _current(ResponsibilityArea.objects.filter(township=township), day)
        .select_related("principal", "leader_in_charge")
        .prefetch_related("members", "departments")
        .order_by("name")
    )


def contact_points_on(township: Township, day: datetime.date) -> list[ContactPoint]:
    return list(
        _current(ContactPoint.objects.filter(township=township), day)
        .select_related("person", "village", "department")
        .order_by("person__name", "village__name", "department__name")
    )


def letter_key(article: str, year: int, kind: str, pk: int) -> str:
    # The R5 letter with a member keeps the key zhidu.obligations.periodic gave it, so both
    # generators open the same row once.
    if (article, kind) == ("R5", "person"):
        return f"{KIND}:{pk}:{year}"
    return f"{KIND}:{article}:{year}:{kind}:{pk}"


def generate_letters(township: Township, day: datetime.date) -> int:
    """Open the year's letters for the team and the departments as they stand on `day`.
    Idempotent by key: the scheduler may call it every day; a member who joins mid-year gets theirs
    the day they join."""
    terms = list(team_on(township, day))
    principal = next(
        (t.person for t in terms if t.is_principal and t.role == TeamMembership.Role.SECRETARY), None
    )
    if principal is None:
        return 0
    year = day.year
    rule = DeadlineRule("last_workday_by", datetime.date(year, 12, 31))
    members = {t.person.pk: t.person for t in terms if t.person.pk != principal.pk}
    departments = Department.objects.filter(township=township).select_related("head").order_by("name")
    created = 0
    for article, letter in LETTERS.items():
        for person in members.values():
            _, was_created = open_obligation(
                township=township,
                kind=KIND,
                article=article,
                title=f"签订{year}年度{letter}（{principal.name}—{person.name}）",
                key=letter_key(article, year, "person", person.pk),
                rule=rule,
                assignee=person,
            )
            created += was_created
        for department in departments:
            _, was_created = open_obligation(
                township=township,
                kind=KIND,
                article=article,
                title=f"签订{year}年度{letter}（{principal.name}—{department.name}）",
                key=letter_key(article, year, "department", department.pk),
                rule=rule,
                assignee=department.head,
                department=department,
            )
            created += was_created
    return created


def letters_of(township: Township, year: int):
    """The year's letters, for the responsibility page."""
    start = datetime.datetime(year, 1, 1, tzinfo=SHANGHAI)
    return (
        Obligation.objects.filter(
            township=township, kind=KIND, due_at__gte=start, due_at__lt=start.replace(year=year + 1)
        )
        .select_related("assignee", "department")
        .order_by("article", "title")
    )
