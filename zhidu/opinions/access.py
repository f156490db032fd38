"""Who works on an opinion and who reads the submitter's data (R16, and 个人信息保护法).

- The party office (党办, 第四条 the lead department) sees every opinion of its township and reads the
  sealed contact details; it enters letters, phone calls and visits, analyses, records the decision
  and publishes.
- The village or unit verifies and screens (第十九条): for a unit, the cadres of that department; for a
  village (villages hold no accounts in Zhidu), the team member who keeps it as their R17 contact
  village (联系村), or the party office recording what the village committee reported.
  They read the contact details of the opinions they verify.
- The principal sees every opinion, without the personal data.
Nobody else, and never through the county switch."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone

from zhidu.core.permissions import Role, roles_of
from zhidu.opinions.models import Opinion
from zhidu.org.models import Person


def _person(user) -> Person | None:
    if not getattr(user, "is_authenticated", False):
        return None
    person = getattr(user, "person", None)
    return person if person is not None and person.active else None


def party_office_of(user, township_id: int) -> bool:
    person = _person(user)
    return person is not None and person.township_id == township_id and Role.PARTY_OFFICE in roles_of(user)


def contact_villages(person: Person) -> set[int]:
    """The villages `person` keeps as their R17 contact village today (zhidu.work_style)."""
    from zhidu.work_style.models import SupportPair

    today = timezone.localdate()
    pairs = SupportPair.objects.filter(
        township_id=person.township_id, member=person, kind=SupportPair.Kind.VILLAGE, starts_on__lte=today
    ).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
    return set(pairs.values_list("village_id", flat=True))


def of_the_place(user, opinion: Opinion) -> bool:
    """A cadre of the opinion's unit, or the team member whose contact village it is."""
    person = _person(user)
    if person is None or person.township_id != opinion.township_id:
        return False
    if opinion.department_id is not None:
        return person.department_id == opinion.department_id
    return opinion.village_id in contact_villages(person)


def verifies(user, opinion: Opinion) -> bool:
    """May verify, screen and report it (第十九条)."""
    return of_the_place(user, opinion) or party_office_of(user, opinion.township_id)


def handles(user, opinion: Opinion) -> bool:
    """May read the sealed contact details."""
    return verifies(user, opinion)


def sees(user, opinion: Opinion) -> bool:
    person = _person(user)
    if person is None or person.township_id != opinion.township_id:
        return False
    return handles(user, opinion) or Role.PRINCIPAL in roles_of(user)


def sees_all(user, township_id: int) -> bool:
    person = _person(user)
    return (
        person is not None
        and person.township_id == township_id
        and bool(roles_of(user) & {Role.PARTY_OFFICE, Role.PRINCIPAL})
    )


def visible(user, rows: QuerySet[Opinion]) -> QuerySet[Opinion]:
    """The opinions of `rows` the user sees (rows already scoped to the request's township)."""
    person = _person(user)
    if person is None:
        return rows.none()
    rows = rows.filter(township_id=person.township_id)
    if sees_all(user, person.township_id):
        return rows
    mine = Q(village_id__in=contact_villages(person))
    if person.department_id is not None:
        mine |= Q(department_id=person.department_id)
    return rows.filter(mine)
