"""The permission matrix: every view, endpoint and action of Zhidu asks `allowed(user, action)`
here, and tests/core/test_permission_matrix.py checks every row against every view. Roles are
derived from the organization (team terms, department kind), never granted ad hoc, so that who may
do what follows the rules of the committee itself."""

from __future__ import annotations

import datetime
import enum
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.utils import timezone

if TYPE_CHECKING:
    from zhidu.org.models import Person


class Role(str, enum.Enum):
    ADMINISTRATOR = "administrator"  # county-level administrator (superuser) or township admin (staff)
    COUNTY = "county"  # reads every township of the deployment
    PRINCIPAL = "principal"  # 主要负责人
    TEAM_MEMBER = "team_member"  # 班子成员
    PARTY_OFFICE = "party_office"  # 党办
    ORGANIZATION_OFFICE = "organization_office"  # 组织办
    DISCIPLINE = "discipline"  # 纪委
    CADRE = "cadre"  # 机关干部: anyone with a person record


R = Role
SUPERVISORS = frozenset({R.PRINCIPAL, R.PARTY_OFFICE, R.ORGANIZATION_OFFICE, R.DISCIPLINE, R.COUNTY})
EVERYONE = frozenset(Role)
# Log-in needs a second factor (TOTP) for these roles: the team decides, the offices read
# personal-matter reports (R8) and administer anonymous votes, the county and administrators read
# every record (zhidu.trust.twofactor). Ordinary cadres may enrol of their own accord.
SECOND_FACTOR_ROLES = frozenset(
    {
        R.PRINCIPAL,
        R.TEAM_MEMBER,
        R.PARTY_OFFICE,
        R.ORGANIZATION_OFFICE,
        R.DISCIPLINE,
        R.COUNTY,
        R.ADMINISTRATOR,
    }
)

# action -> roles allowed. One place; add a row when a view or endpoint is added.
MATRIX: dict[str, frozenset[Role]] = {
    "duties.view": EVERYONE,
    "duties.complete_own": EVERYONE,
    "duties.complete_any": frozenset({R.PARTY_OFFICE, R.ADMINISTRATOR}),
    "compliance.view": SUPERVISORS | {R.ADMINISTRATOR},
    "organization.view": EVERYONE,
    "calendar.view": EVERYONE,
    "calendar.manage": frozenset({R.ADMINISTRATOR}),
    "township.switch": frozenset({R.COUNTY, R.ADMINISTRATOR}),
    "account.second_factor": EVERYONE,
    "account.reset_second_factor": frozenset({R.ADMINISTRATOR}),
    "audit.view": frozenset({R.ORGANIZATION_OFFICE, R.DISCIPLINE, R.ADMINISTRATOR, R.COUNTY}),
    # Meetings and decisions (R1–R4). Ordinary cadres do not read the team's deliberations.
    "meetings.view": SUPERVISORS | {R.TEAM_MEMBER, R.ADMINISTRATOR},
    "meetings.manage": frozenset({R.PARTY_OFFICE, R.ADMINISTRATOR}),
    "meetings.respond": frozenset({R.TEAM_MEMBER}),
    "items.propose": frozenset({R.TEAM_MEMBER, R.PARTY_OFFICE}),
    "items.decide": frozenset({R.PRINCIPAL}),
    # R1§9: confidential personnel items, in full, through the API.
    "meetings.view_confidential": frozenset({R.PRINCIPAL, R.ORGANIZATION_OFFICE, R.DISCIPLINE}),
    # R1§15–16: the organization office audits; discipline inspection may too.
    "meetings.audit": frozenset({R.ORGANIZATION_OFFICE, R.DISCIPLINE, R.ADMINISTRATOR}),
    # Supervision and follow-up (R7). Per item: feedback only by the owner person or department;
    # cadres outside the team and offices see only their department's items (supervision.views.common).
    "supervision.view": SUPERVISORS | {R.TEAM_MEMBER, R.CADRE},
    "supervision.register": frozenset({R.DISCIPLINE, R.PARTY_OFFICE}),
    "supervision.approve": frozenset({R.PRINCIPAL}),
    "supervision.assign": frozenset({R.DISCIPLINE, R.PARTY_OFFICE}),
    "supervision.chase": frozenset({R.DISCIPLINE, R.PARTY_OFFICE}),
    "supervision.feedback": frozenset({R.CADRE}),
    "supervision.accept": frozenset({R.DISCIPLINE}),
    "supervision.reject": frozenset({R.DISCIPLINE}),
    "supervision.close": frozenset({R.DISCIPLINE}),
    "supervision.reopen": frozenset({R.DISCIPLINE}),
    "supervision.report": SUPERVISORS | {R.TEAM_MEMBER},
    # Anonymous ballots and democratic assessment (R1§7(4), R10). The one-time code is the credential:
    # any cadre reaches the cast page; counter/scrutineer are checked per box.
    "ballots.view": SUPERVISORS | {R.TEAM_MEMBER, R.ADMINISTRATOR},
    "ballots.manage": frozenset({R.PARTY_OFFICE, R.ADMINISTRATOR}),
    "ballots.cast": frozenset({R.CADRE}),
    "ballots.count": frozenset({R.CADRE}),
    "assessments.manage": frozenset({R.ORGANIZATION_OFFICE, R.PARTY_OFFICE, R.ADMINISTRATOR}),
    "assessments.results": frozenset({R.ORGANIZATION_OFFICE}),
    "assessments.own": frozenset({R.TEAM_MEMBER}),
    # Personal-matter reports (R8): a cadre files and reads their own (deputy section level and above,
    # checked per person in zhidu.personal.services); only these two offices read the others'.
    "personal.file": frozenset({R.CADRE}),
    "personal.review": frozenset({R.ORGANIZATION_OFFICE, R.DISCIPLINE}),
    "personal.request": frozenset({R.ORGANIZATION_OFFICE}),
    "personal.flag": frozenset({R.ORGANIZATION_OFFICE}),
}


def roles_of(user, person: Person | None = None, day: datetime.date | None = None) -> frozenset[Role]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    roles: set[Role] = set()
    if user.is_superuser or user.is_staff:
        roles.add(R.ADMINISTRATOR)
    if person is None:
        person = getattr(user, "person", None)
    if person is None or not person.active:
        return frozenset(roles)
    roles.add(R.CADRE)
    if person.county_view:
        roles.add(R.COUNTY)
    day = day or timezone.localdate()
    for term in person.terms.all():
        if term.covers(day):
            roles.add(R.TEAM_MEMBER)
            if term.is_principal:
                roles.add(R.PRINCIPAL)
    if person.department_id is not None:
        kind = person.department.kind
        roles |= {
            "party_office": {R.PARTY_OFFICE},
            "organization_office": {R.ORGANIZATION_OFFICE},
            "discipline_inspection": {R.DISCIPLINE},
        }.get(kind, set())
    return frozenset(roles)


def allowed(user, action: str) -> bool:
    if action not in MATRIX:
        raise KeyError(f"unknown action {action!r}: add it to zhidu.core.permissions.MATRIX")
    roles = getattr(user, "_zhidu_roles", None)
    if roles is None:
        roles = roles_of(user)
        try:
            user._zhidu_roles = roles
        except AttributeError:
            pass
    return bool(roles & MATRIX[action])


def require(user, action: str) -> None:
    if not allowed(user, action):
        raise PermissionDenied(action)
