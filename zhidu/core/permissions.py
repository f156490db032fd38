"""The permission matrix: every view, endpoint and action of Zhidu asks `allowed(user, action)`
here, and tests/core/test_permission_matrix.py checks every row against every view. Roles are
derived from the organization (team terms, department kind), never granted ad hoc, so that who may
do what follows the rules of the committee itself."""

from __future__ import annotations

import datetime
import enum
from typing import TYPE_CHECKING, Any, TypeAlias, cast

from django.core.exceptions import PermissionDenied
from django.utils import timezone

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from zhidu.org.models import Person


class Role(str, enum.Enum):
    ADMINISTRATOR = "administrator"  # county-level administrator (superuser) or township admin (staff)
    COUNTY = "county"  # reads every township of its county (Township.county), acts in none of them
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
    # Issue 18: the county's organization and discipline offices read their county's townships side
    # by side (zhidu.county: the overview, a township's row per article, its Excel ledger). Read-only.
    "county.view": frozenset({R.COUNTY}),
    # Meetings and decisions (R1–R4). Ordinary cadres do not read the team's deliberations.
    "meetings.view": SUPERVISORS | {R.TEAM_MEMBER, R.ADMINISTRATOR},
    "meetings.manage": frozenset({R.PARTY_OFFICE, R.ADMINISTRATOR}),
    "meetings.respond": frozenset({R.TEAM_MEMBER}),
    # R1§7(2): the meeting's notice on paper (print, Word, PDF): the party office that sends it, the
    # members who receive it, and those who audit meetings; not the county's viewers (they read
    # the meeting page) nor ordinary cadres.
    "meetings.notice": frozenset(
        {R.PRINCIPAL, R.TEAM_MEMBER, R.PARTY_OFFICE, R.ORGANIZATION_OFFICE, R.DISCIPLINE, R.ADMINISTRATOR}
    ),
    # R2§10: the secretary entrusts a deputy secretary to chair a secretary's office meeting (the
    # entry point holds it to the meeting's own secretary).
    "meetings.entrust_chair": frozenset({R.PRINCIPAL}),
    # R1§8: the party office records emergency action taken without a meeting.
    "meetings.record_emergency": frozenset({R.PARTY_OFFICE, R.ADMINISTRATOR}),
    "items.propose": frozenset({R.TEAM_MEMBER, R.PARTY_OFFICE}),
    "items.decide": frozenset({R.PRINCIPAL}),
    # R4: the leader in charge approves a department's proposal before the party office collates it
    # (the entry point holds it to the item's own leader in charge); the proposer revises a returned one.
    "items.leader_approve": frozenset({R.TEAM_MEMBER}),
    "items.resubmit": frozenset({R.TEAM_MEMBER, R.PARTY_OFFICE}),
    # R1§9: a confidential personnel item's title and minuted text, on every page and through the API
    # (zhidu.meetings.confidential): those who prepare it (the party office), decide it (the team) and
    # audit it (organization office, discipline inspection); the county's viewers and the technical
    # administrator read "保密议题".
    "meetings.view_confidential": frozenset(
        {R.PRINCIPAL, R.TEAM_MEMBER, R.PARTY_OFFICE, R.ORGANIZATION_OFFICE, R.DISCIPLINE}
    ),
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
    # R18 daily work logs (zhidu.daily_logs): its rows here.
    # A team member submits their own log and weekly review; the party office enters SMS/WeChat logs
    # (R18 第三) and keeps the board; the principal and the supervisors read (the board, any week).
    # daily_logs.view: a team member reads their own week (zhidu.daily_logs.views.access).
    "daily_logs.view": SUPERVISORS | {R.TEAM_MEMBER},
    "daily_logs.submit": frozenset({R.TEAM_MEMBER}),
    "daily_logs.review": frozenset({R.TEAM_MEMBER}),
    "daily_logs.enter": frozenset({R.PARTY_OFFICE}),
    "daily_logs.board": SUPERVISORS,
    # R14 communication and coordination (zhidu.coordination): its rows here.
    # Leave, the Friday briefing and matter reports are the team's; each leave and matter report is
    # its member's own (zhidu.coordination.services), a matter report is read by its author, the
    # principals and the party office only.
    "coordination.view": SUPERVISORS | {R.TEAM_MEMBER, R.ADMINISTRATOR},
    "coordination.leave": frozenset({R.TEAM_MEMBER}),
    "coordination.acknowledge": frozenset({R.PRINCIPAL}),
    "coordination.briefing": frozenset({R.PARTY_OFFICE}),
    "coordination.report": frozenset({R.TEAM_MEMBER}),
    "coordination.reply": frozenset({R.PRINCIPAL}),
    # R15 periodic reports (zhidu.periodic_reports): its rows here.
    # Members and branch secretaries record reports, checked per member and branch in
    # zhidu.periodic_reports.services; the committee's view of the branches' quarterly reports.
    "periodic_reports.view": frozenset({R.CADRE}),
    "periodic_reports.record": frozenset({R.CADRE}),
    "periodic_reports.branch_report": frozenset({R.CADRE}),
    "periodic_reports.committee": SUPERVISORS | {R.TEAM_MEMBER},
    "periodic_reports.roster": frozenset({R.ORGANIZATION_OFFICE}),
    # R17 work style (zhidu.work_style): its rows here.
    # Paired support: a team member logs their own contacts (owner rule in zhidu.work_style.services);
    # the party office keeps the pairs. Zero reception: the committee decides (the principal, or the
    # party office recording the committee's decision); discipline inspection inspects quarterly.
    "work_style.view": frozenset({R.CADRE}),
    "work_style.contact": frozenset({R.TEAM_MEMBER}),
    "work_style.team": SUPERVISORS | {R.TEAM_MEMBER},
    "work_style.pairs": frozenset({R.PARTY_OFFICE}),
    "work_style.reception_report": frozenset({R.CADRE}),
    "work_style.reception_decide": frozenset({R.PRINCIPAL, R.PARTY_OFFICE}),
    "work_style.inspect": frozenset({R.DISCIPLINE}),
    "work_style.rectify": frozenset({R.CADRE}),
    # R9 family-event declarations (zhidu.family_events): its rows here.
    # A leading cadre declares their own (checked per person in zhidu.family_events.services); the
    # declaration is read by its declarant, discipline inspection and the organization office only.
    "family_events.declare": frozenset({R.CADRE}),
    "family_events.review": frozenset({R.DISCIPLINE, R.ORGANIZATION_OFFICE}),
    # R9§2 a funeral reported by phone: taken by the party office or discipline inspection.
    "family_events.oral": frozenset({R.PARTY_OFFICE, R.DISCIPLINE}),
    # R9§3: 镇纪委 reviews, spot-checks (明察暗访) and flags.
    "family_events.decide": frozenset({R.DISCIPLINE}),
    "family_events.spot_check": frozenset({R.DISCIPLINE}),
    "family_events.flag": frozenset({R.DISCIPLINE}),
    # R10 annual self-reports (zhidu.self_reports): its rows here.
    # A team member writes their own (checked per person); these three read every report of the year.
    "self_reports.view": frozenset({R.TEAM_MEMBER, R.PRINCIPAL, R.ORGANIZATION_OFFICE, R.DISCIPLINE}),
    "self_reports.write": frozenset({R.TEAM_MEMBER}),
    "self_reports.read_all": frozenset({R.PRINCIPAL, R.ORGANIZATION_OFFICE, R.DISCIPLINE}),
    # R10§4(2)–(3): the organization office lists the meeting's participants and starts the assessment.
    "self_reports.organize": frozenset({R.ORGANIZATION_OFFICE}),
    # R19 requested talks (zhidu.requested_talks): its rows here.
    # A cadre books and reads their own talks; the talker (a team member) records, the leader reviews
    # the follow-up card, the head of the unit it is handed to answers (per person in the services);
    # only the organization office and discipline inspection read every talk (R19 part 4.4).
    "requested_talks.view": frozenset({R.CADRE}),
    "requested_talks.book": frozenset({R.CADRE}),
    "requested_talks.days": frozenset({R.TEAM_MEMBER}),
    "requested_talks.record": frozenset({R.TEAM_MEMBER}),
    "requested_talks.review": frozenset({R.TEAM_MEMBER}),
    "requested_talks.answer": frozenset({R.CADRE}),
    "requested_talks.oversee": frozenset({R.ORGANIZATION_OFFICE, R.DISCIPLINE}),
    # R20 heart-to-heart talks (zhidu.heart_talks): its rows here.
    # The talker records their own talks; the organization office enters the must-talks, a cadre
    # asks for one; the party office and the principal see the quotas (never the words).
    "heart_talks.view": frozenset({R.CADRE}),
    "heart_talks.record": frozenset({R.CADRE}),
    "heart_talks.request": frozenset({R.CADRE}),
    "heart_talks.trigger": frozenset({R.ORGANIZATION_OFFICE}),
    "heart_talks.oversee": frozenset({R.PARTY_OFFICE, R.PRINCIPAL}),
    # R21 petition reception (zhidu.petitions): its rows here.
    # Cases are seen by those handling them (zhidu.petitions.access: the party office, discipline
    # inspection, the receiving leader, the handling department) and the principal.
    "petitions.view": frozenset({R.PRINCIPAL, R.TEAM_MEMBER, R.PARTY_OFFICE, R.DISCIPLINE, R.CADRE}),
    "petitions.register": frozenset({R.PARTY_OFFICE}),
    "petitions.route": frozenset({R.PARTY_OFFICE}),
    "petitions.extend": frozenset({R.PARTY_OFFICE}),
    "petitions.instruct": frozenset({R.TEAM_MEMBER}),
    "petitions.answer": frozenset({R.CADRE}),
    "petitions.report": frozenset({R.PRINCIPAL, R.TEAM_MEMBER, R.PARTY_OFFICE, R.DISCIPLINE}),
    "petitions.export": frozenset({R.PARTY_OFFICE, R.DISCIPLINE}),
    # R13 democratic life meetings (zhidu.life_meetings): its rows here.
    # The principal convenes and records; each participant (a team member) writes their own speech
    # (per person in the services); the principal, the organization office and discipline inspection
    # read every speech; the organization office records the superior's approval of a postponement;
    # a measure's responsible person reports it done; the party office presents the R1§13 report.
    "life_meetings.view": frozenset(
        {R.PRINCIPAL, R.TEAM_MEMBER, R.PARTY_OFFICE, R.ORGANIZATION_OFFICE, R.DISCIPLINE}
    ),
    "life_meetings.convene": frozenset({R.PRINCIPAL}),
    "life_meetings.prepare": frozenset({R.PRINCIPAL, R.ORGANIZATION_OFFICE}),
    "life_meetings.speak": frozenset({R.TEAM_MEMBER}),
    "life_meetings.read_all": frozenset({R.PRINCIPAL, R.ORGANIZATION_OFFICE, R.DISCIPLINE}),
    "life_meetings.approve": frozenset({R.ORGANIZATION_OFFICE}),
    "life_meetings.measure_done": frozenset({R.CADRE}),
    "life_meetings.present": frozenset({R.PARTY_OFFICE}),
    # R11 party-affairs openness (zhidu.openness): its rows here.
    # Every cadre reads the publications and the assessments; the office of the openness leading group
    # (the organization office) keeps the sheet, runs the assessments and scores; the party office
    # records publications and the committee's approvals; the principal records the leading group's
    # decision; a branch's self-check and rectification are filed by the cadre the plan names.
    "openness.view": frozenset({R.CADRE}),
    "openness.manage": frozenset({R.ORGANIZATION_OFFICE}),
    "openness.publish": frozenset({R.PARTY_OFFICE, R.ORGANIZATION_OFFICE}),
    "openness.approve": frozenset({R.PARTY_OFFICE}),
    "openness.decide": frozenset({R.PRINCIPAL}),
    "openness.self_check": frozenset({R.CADRE}),
    "openness.export": frozenset({R.ORGANIZATION_OFFICE, R.PRINCIPAL, R.DISCIPLINE}),
    # R12 central-group study (zhidu.central_study): its rows here.
    # Every cadre reads the plans and sessions and keeps their own notes (a member of the group, checked
    # in the service); the offices record plans and sessions; the group's leader (the principal) and
    # the organization office read every member's notes.
    "central_study.view": frozenset({R.CADRE}),
    "central_study.plan": frozenset({R.PARTY_OFFICE, R.ORGANIZATION_OFFICE}),
    "central_study.session": frozenset({R.PARTY_OFFICE, R.ORGANIZATION_OFFICE}),
    "central_study.note": frozenset({R.CADRE}),
    "central_study.oversee": frozenset({R.PRINCIPAL, R.ORGANIZATION_OFFICE}),
    # The public portal (zhidu.portal): its rows here.
    # Editors (the party office, the organization office) draft and submit; the principal or the
    # party office's head approves and withdraws (per person in zhidu.portal.services); the party
    # office publishes at once what the committee already decided (R1§7(6)) and keeps the profile.
    "portal.view": frozenset({R.PRINCIPAL, R.PARTY_OFFICE, R.ORGANIZATION_OFFICE}),
    "portal.edit": frozenset({R.PARTY_OFFICE, R.ORGANIZATION_OFFICE}),
    "portal.approve": frozenset({R.PRINCIPAL, R.PARTY_OFFICE}),
    "portal.withdraw": frozenset({R.PRINCIPAL, R.PARTY_OFFICE}),
    "portal.publish": frozenset({R.PARTY_OFFICE}),
    "portal.profile": frozenset({R.PARTY_OFFICE}),
    # The public's comments are approved or refused by the party office (issue 15); members of the
    # public sign in with their own accounts (zhidu.portal.public_session), outside MATRIX.
    "portal.moderate": frozenset({R.PARTY_OFFICE}),
    # The staff archive search (issue 15): every signed-in role; each result is then filtered by its
    # record page's own rule (zhidu.search.archive, the areas' search_sources).
    "search.archive": EVERYONE,
    # R16 public opinion (zhidu.opinions): its rows here.
    # The public submits without an account (public pages, outside MATRIX). Every cadre may open the
    # pages; zhidu.opinions.access narrows them: the party office sees every opinion and enters
    # letters, calls and visits, analyses, records the decision, publishes and makes a supervision
    # item; the village or unit (its cadres, or the team member keeping the village) verifies; the
    # principal and the team read the monthly analysis.
    "opinions.view": frozenset({R.CADRE}),
    "opinions.enter": frozenset({R.PARTY_OFFICE}),
    "opinions.verify": frozenset({R.CADRE}),
    "opinions.analyse": frozenset({R.PARTY_OFFICE}),
    "opinions.decide": frozenset({R.PARTY_OFFICE, R.PRINCIPAL}),
    "opinions.publish": frozenset({R.PARTY_OFFICE}),
    "opinions.supervise": frozenset({R.PARTY_OFFICE}),
    "opinions.analysis": frozenset({R.PRINCIPAL, R.TEAM_MEMBER, R.PARTY_OFFICE}),
    # Notifications (zhidu.notifications): its rows here.
    # The outbox is read and a failed message sent again by the administrator and the party office
    # (who sends the notices); every cadre sets where they are reached, the party office for anyone.
    "notifications.outbox": frozenset({R.ADMINISTRATOR, R.PARTY_OFFICE}),
    "notifications.retry": frozenset({R.ADMINISTRATOR, R.PARTY_OFFICE}),
    # What came in by SMS or WeCom (the webhooks are public, behind their own secret).
    "notifications.inbound": frozenset({R.ADMINISTRATOR, R.PARTY_OFFICE}),
    "notifications.own": frozenset({R.CADRE}),
    "notifications.contacts": frozenset({R.PARTY_OFFICE}),
    # Drafts (zhidu.drafts): whoever types into a form keeps their own unsent text; nobody reads
    # another's (the rows are looked up by the user's own id).
    "drafts.keep": EVERYONE,
}


def roles_of(user: Actor, person: Person | None = None, day: datetime.date | None = None) -> frozenset[Role]:
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
    department = person.department if person.department_id is not None else None
    if department is not None:
        kind = department.kind
        roles |= {
            "party_office": {R.PARTY_OFFICE},
            "organization_office": {R.ORGANIZATION_OFFICE},
            "discipline_inspection": {R.DISCIPLINE},
        }.get(kind, set())
    return frozenset(roles)


class SystemActor:
    """The system's own jobs (the sweep, the reminders, the scheduler): an explicit actor, so that
    no entry point treats a missing actor as "anyone". It holds no role: it may do the actions of
    SYSTEM_ACTIONS and nothing else, so a command cannot use it to act for a person."""

    is_authenticated = False
    is_active = True
    is_superuser = False
    is_staff = False
    pk = None

    def get_username(self) -> str:
        return "system"

    def __str__(self) -> str:
        return "system"

    def __repr__(self) -> str:
        return "SYSTEM"


SYSTEM = SystemActor()
# Who acts at an entry point: the logged-in user of a view or an API call (request.user, which may
# be anonymous), or SYSTEM for the system's own jobs. Entry points take `Actor | None`: no actor is
# refused by `require`, never treated as "anyone".
Actor: TypeAlias = "User | AnonymousUser | SystemActor"
# What the system does on its own, by the clock: open the recurring duties, mark what is overdue,
# send the reminders (zhidu.obligations). Not in MATRIX: no role may do them.
SYSTEM_ACTIONS = frozenset({"duties.generate", "duties.sweep", "duties.remind"})


def allowed(user: Actor, action: str) -> bool:
    if user is SYSTEM:
        return action in SYSTEM_ACTIONS
    if action not in MATRIX:
        if action in SYSTEM_ACTIONS:
            return False
        raise KeyError(f"unknown action {action!r}: add it to zhidu.core.permissions.MATRIX")
    roles: frozenset[Role] | None = getattr(user, "_zhidu_roles", None)
    if roles is None:
        roles = roles_of(user)
        try:
            # A per-user cache of the roles: an attribute the user model does not declare.
            cast(Any, user)._zhidu_roles = roles
        except AttributeError:
            pass
    return bool(roles & MATRIX[action])


def township_of(obj: object) -> int | None:
    """The township id a record belongs to (a Township is its own)."""
    from zhidu.org.models import Township

    if isinstance(obj, Township):
        return obj.pk
    return getattr(obj, "township_id", None)


def acts_in(user: Actor, obj: object) -> bool:
    """Township scoping for an entry point (a state change): the actor's own township, as on the
    web, unless the actor is the county administrator or the system. The county view reads its
    county's townships (`reads_in`) but acts in none of them but its own (issue 18): a township's
    records are written by its own committee, under its own articles."""
    if user is SYSTEM or getattr(user, "is_superuser", False):
        return True
    person = getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None
    if person is None:
        return False
    return person.township_id == township_of(obj)


def county_of(obj: object) -> str | None:
    """The county of the township a record belongs to (a Township is its own); None when unknown."""
    from zhidu.org.models import Township

    if isinstance(obj, Township):
        return obj.county
    township = getattr(obj, "township", None)
    return township.county if isinstance(township, Township) else None


def reads_in(user: Actor, obj: object) -> bool:
    """Township scoping for reading: the actor's own township; the county view also every township
    of its own county (Township.county equal, a blank county being the one county of a deployment
    that never named it), never another county's (issue 18)."""
    if acts_in(user, obj):
        return True
    person = getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None
    if person is None or not person.county_view:
        return False
    county = county_of(obj)
    return county is not None and county == person.township.county


def require(user: Actor | None, action: str, obj: object = None) -> None:
    """The permission check of every entry point (and of every view, through `requires`): the
    actor may do `action` (MATRIX, or SYSTEM_ACTIONS for the system), and, given the record acted
    on, acts in that record's township. No actor (None) is refused: nobody acts anonymously."""
    if user is None:
        raise PermissionDenied(f"{action}: no actor")
    if not allowed(user, action):
        raise PermissionDenied(action)
    if obj is not None and not acts_in(user, obj):
        raise PermissionDenied(f"{action}: another township")


def require_any(user: Actor | None, actions: tuple[str, ...], obj: object = None) -> None:
    """`require` for an entry point reached from several areas' pages (a ballot's result reaches the
    meeting from the clerk closing a box or from the scrutineer confirming a paper count)."""
    for action in actions:
        if user is not None and allowed(user, action):
            return require(user, action, obj)
    raise PermissionDenied(" | ".join(actions))


def require_person(user: Actor | None, person: Person | None, action: str) -> None:
    """An owner rule: the actor acts as `person` (their own answer, their own signature), not as
    someone else. The system never acts as a person."""
    own = getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None
    if person is None or own is None or own.pk != person.pk:
        raise PermissionDenied(f"{action}: only {getattr(person, 'name', 'the person')} may do this")


def actor_of(user: Actor | None, by: Person | None = None) -> Actor | None:
    """The actor of an entry point that also names the acting person (`by`): the user passed, else
    that person's login. A view passes both (the same person); a caller in code may pass `by` only."""
    if user is not None:
        return user
    return getattr(by, "user", None) if by is not None else None
