"""Who handles a case and who sees it (R21, and 个人信息保护法 for the petitioner's data): the
township's own party office (it registers and routes) and discipline inspection (it reads), the
receiving leader and the members of the handling department read the sealed personal data; the
principal also sees the case, without it. Nobody else, and never through the county switch."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from zhidu.core.permissions import Role, roles_of
from zhidu.org.models import Person
from zhidu.petitions.models import Case

OFFICES = frozenset({Role.PARTY_OFFICE, Role.DISCIPLINE})


def _person(user) -> Person | None:
    if not getattr(user, "is_authenticated", False):
        return None
    person = getattr(user, "person", None)
    return person if person is not None and person.active else None


def office_of(user, township_id: int) -> bool:
    """The township's own party office or discipline inspection."""
    person = _person(user)
    return person is not None and person.township_id == township_id and bool(roles_of(user) & OFFICES)


def party_office_of(user, township_id: int) -> bool:
    person = _person(user)
    return person is not None and person.township_id == township_id and Role.PARTY_OFFICE in roles_of(user)


def in_department(user, case: Case) -> bool:
    person = _person(user)
    return (
        person is not None and case.department_id is not None and person.department_id == case.department_id
    )


def handles(user, case: Case) -> bool:
    """May read the petitioner's sealed data."""
    person = _person(user)
    if person is None or person.township_id != case.township_id:
        return False
    return office_of(user, case.township_id) or person.pk == case.leader_id or in_department(user, case)


def sees(user, case: Case) -> bool:
    person = _person(user)
    if person is None or person.township_id != case.township_id:
        return False
    return handles(user, case) or Role.PRINCIPAL in roles_of(user)


def visible(user, rows: QuerySet[Case]) -> QuerySet[Case]:
    """The cases of `rows` the user sees (rows already scoped to the request's township)."""
    person = _person(user)
    if person is None:
        return rows.none()
    rows = rows.filter(township_id=person.township_id)
    if roles_of(user) & (OFFICES | {Role.PRINCIPAL}):
        return rows
    mine = Q(leader=person)
    if person.department_id is not None:
        mine |= Q(department_id=person.department_id)
    return rows.filter(mine)
