"""The permission matrix written out by hand, cell by cell, and checked against
zhidu.core.permissions.MATRIX. The access crawl (test_access_crawl.py) derives what each persona
should see from MATRIX itself, so a row that grants too much passes there; here it fails, because
this table is independent of the code.

To add an action: add one line to TABLE (under its area's `#` line) (the action, then one cell per column: `x` allowed,
`.` refused). A change to who may do what changes both MATRIX and this table, in the same commit."""

import pytest

from zhidu.core.permissions import MATRIX, Role

# Column heading -> role. Every role has a column.
COLUMNS = {
    "admin": Role.ADMINISTRATOR,
    "county": Role.COUNTY,
    "princ": Role.PRINCIPAL,
    "team": Role.TEAM_MEMBER,
    "party": Role.PARTY_OFFICE,
    "org": Role.ORGANIZATION_OFFICE,
    "disc": Role.DISCIPLINE,
    "cadre": Role.CADRE,
}

TABLE = """
action                        admin county princ team  party org   disc  cadre
duties.view                   x     x     x     x     x     x     x     x
duties.complete_own           x     x     x     x     x     x     x     x
duties.complete_any           x     .     .     .     x     .     .     .
compliance.view               x     x     x     .     x     x     x     .
organization.view             x     x     x     x     x     x     x     x
calendar.view                 x     x     x     x     x     x     x     x
calendar.manage               x     .     .     .     .     .     .     .
township.switch               x     x     .     .     .     .     .     .
account.second_factor         x     x     x     x     x     x     x     x
account.reset_second_factor   x     .     .     .     .     .     .     .
audit.view                    x     x     .     .     .     x     x     .
# county.view: the county's townships side by side, a township's row, the Excel ledger (issue 18)
county.view                   .     x     .     .     .     .     .     .
meetings.view                 x     x     x     x     x     x     x     .
# meetings.manage: the meeting forms, and their live panels' previews (meetings:preview-*, issue 11)
meetings.manage               x     .     .     .     x     .     .     .
meetings.respond              .     .     .     x     .     .     .     .
meetings.notice               x     .     x     x     x     x     x     .
meetings.entrust_chair        .     .     x     .     .     .     .     .
meetings.record_emergency     x     .     .     .     x     .     .     .
items.propose                 .     .     .     x     x     .     .     .
items.decide                  .     .     x     .     .     .     .     .
items.leader_approve          .     .     .     x     .     .     .     .
items.resubmit                .     .     .     x     x     .     .     .
meetings.view_confidential    .     .     x     x     x     x     x     .
meetings.audit                x     .     .     .     .     x     x     .
supervision.view              .     x     x     x     x     x     x     x
supervision.register          .     .     .     .     x     .     x     .
supervision.approve           .     .     x     .     .     .     .     .
supervision.assign            .     .     .     .     x     .     x     .
supervision.chase             .     .     .     .     x     .     x     .
supervision.feedback          .     .     .     .     .     .     .     x
supervision.accept            .     .     .     .     .     .     x     .
supervision.reject            .     .     .     .     .     .     x     .
supervision.close             .     .     .     .     .     .     x     .
supervision.reopen            .     .     .     .     .     .     x     .
supervision.report            .     x     x     x     x     x     x     .
ballots.view                  x     x     x     x     x     x     x     .
ballots.manage                x     .     .     .     x     .     .     .
ballots.cast                  .     .     .     .     .     .     .     x
ballots.count                 .     .     .     .     .     .     .     x
assessments.manage            x     .     .     .     x     x     .     .
assessments.results           .     .     .     .     .     x     .     .
assessments.own               .     .     .     x     .     .     .     .
personal.file                 .     .     .     .     .     .     .     x
personal.review               .     .     .     .     .     x     x     .
personal.request              .     .     .     .     .     x     .     .
personal.flag                 .     .     .     .     .     x     .     .
# R18 zhidu.daily_logs
daily_logs.view               .     x     x     x     x     x     x     .
daily_logs.submit             .     .     .     x     .     .     .     .
daily_logs.review             .     .     .     x     .     .     .     .
daily_logs.enter              .     .     .     .     x     .     .     .
daily_logs.board              .     x     x     .     x     x     x     .
# R14 zhidu.coordination
coordination.view             x     x     x     x     x     x     x     .
coordination.leave            .     .     .     x     .     .     .     .
coordination.acknowledge      .     .     x     .     .     .     .     .
coordination.briefing         .     .     .     .     x     .     .     .
coordination.report           .     .     .     x     .     .     .     .
coordination.reply            .     .     x     .     .     .     .     .
# R15 zhidu.periodic_reports
periodic_reports.view         .     .     .     .     .     .     .     x
periodic_reports.record       .     .     .     .     .     .     .     x
periodic_reports.branch_report .     .     .     .     .     .     .     x
periodic_reports.committee    .     x     x     x     x     x     x     .
periodic_reports.roster       .     .     .     .     .     x     .     .
# R17 zhidu.work_style
work_style.view               .     .     .     .     .     .     .     x
work_style.contact            .     .     .     x     .     .     .     .
work_style.team               .     x     x     x     x     x     x     .
work_style.pairs              .     .     .     .     x     .     .     .
work_style.reception_report   .     .     .     .     .     .     .     x
work_style.reception_decide   .     .     x     .     x     .     .     .
work_style.inspect            .     .     .     .     .     .     x     .
work_style.rectify            .     .     .     .     .     .     .     x
# R9 zhidu.family_events
family_events.declare         .     .     .     .     .     .     .     x
family_events.review          .     .     .     .     .     x     x     .
family_events.oral            .     .     .     .     x     .     x     .
family_events.decide          .     .     .     .     .     .     x     .
family_events.spot_check      .     .     .     .     .     .     x     .
family_events.flag            .     .     .     .     .     .     x     .
# R10 zhidu.self_reports
self_reports.view             .     .     x     x     .     x     x     .
self_reports.write            .     .     .     x     .     .     .     .
self_reports.read_all         .     .     x     .     .     x     x     .
self_reports.organize         .     .     .     .     .     x     .     .
# R19 zhidu.requested_talks
requested_talks.view          .     .     .     .     .     .     .     x
requested_talks.book          .     .     .     .     .     .     .     x
requested_talks.days          .     .     .     x     .     .     .     .
requested_talks.record        .     .     .     x     .     .     .     .
requested_talks.review        .     .     .     x     .     .     .     .
requested_talks.answer        .     .     .     .     .     .     .     x
requested_talks.oversee       .     .     .     .     .     x     x     .
# R20 zhidu.heart_talks
heart_talks.view              .     .     .     .     .     .     .     x
heart_talks.record            .     .     .     .     .     .     .     x
heart_talks.request           .     .     .     .     .     .     .     x
heart_talks.trigger           .     .     .     .     .     x     .     .
heart_talks.oversee           .     .     x     .     x     .     .     .
# R21 zhidu.petitions
petitions.view                .     .     x     x     x     .     x     x
petitions.register            .     .     .     .     x     .     .     .
petitions.route               .     .     .     .     x     .     .     .
petitions.extend              .     .     .     .     x     .     .     .
petitions.instruct            .     .     .     x     .     .     .     .
petitions.answer              .     .     .     .     .     .     .     x
petitions.report              .     .     x     x     x     .     x     .
petitions.export              .     .     .     .     x     .     x     .
# R11 zhidu.openness
openness.view                 .     .     .     .     .     .     .     x
openness.manage               .     .     .     .     .     x     .     .
openness.publish              .     .     .     .     x     x     .     .
openness.approve              .     .     .     .     x     .     .     .
openness.decide               .     .     x     .     .     .     .     .
openness.self_check           .     .     .     .     .     .     .     x
openness.export               .     .     x     .     .     x     x     .
# R12 zhidu.central_study
central_study.view            .     .     .     .     .     .     .     x
central_study.plan            .     .     .     .     x     x     .     .
central_study.session         .     .     .     .     x     x     .     .
central_study.note            .     .     .     .     .     .     .     x
central_study.oversee         .     .     x     .     .     x     .     .
# R13 zhidu.life_meetings
life_meetings.view            .     .     x     x     x     x     x     .
life_meetings.convene         .     .     x     .     .     .     .     .
life_meetings.prepare         .     .     x     .     .     x     .     .
life_meetings.speak           .     .     .     x     .     .     .     .
life_meetings.read_all        .     .     x     .     .     x     x     .
life_meetings.approve         .     .     .     .     .     x     .     .
life_meetings.measure_done    .     .     .     .     .     .     .     x
life_meetings.present         .     .     .     .     x     .     .     .
# zhidu.portal
portal.view                   .     .     x     .     x     x     .     .
portal.edit                   .     .     .     .     x     x     .     .
portal.approve                .     .     x     .     x     .     .     .
portal.withdraw               .     .     x     .     x     .     .     .
portal.publish                .     .     .     .     x     .     .     .
portal.profile                .     .     .     .     x     .     .     .
portal.moderate               .     .     .     .     x     .     .     .
# zhidu.search
search.archive                x     x     x     x     x     x     x     x
# R16 zhidu.opinions
opinions.view                 .     .     .     .     .     .     .     x
opinions.enter                .     .     .     .     x     .     .     .
opinions.verify               .     .     .     .     .     .     .     x
opinions.analyse              .     .     .     .     x     .     .     .
opinions.decide               .     .     x     .     x     .     .     .
opinions.publish              .     .     .     .     x     .     .     .
opinions.supervise            .     .     .     .     x     .     .     .
opinions.analysis             .     .     x     x     x     .     .     .
# zhidu.notifications
notifications.outbox          x     .     .     .     x     .     .     .
notifications.retry           x     .     .     .     x     .     .     .
notifications.inbound         x     .     .     .     x     .     .     .
notifications.own             .     .     .     .     .     .     .     x
notifications.contacts        .     .     .     .     x     .     .     .
# zhidu.drafts
drafts.keep                   x     x     x     x     x     x     x     x
"""


def parse(text: str) -> dict[str, dict[Role, bool]]:
    """action -> {role: allowed}, one entry per cell; a malformed line is an error, not a skip."""
    # A line starting with `#` names a section (an area's rows follow it).
    heading, *lines = [
        line.split()
        for line in text.strip().splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert heading[0] == "action" and heading[1:] == list(COLUMNS), f"TABLE heading {heading}"
    table: dict[str, dict[Role, bool]] = {}
    for action, *cells in lines:
        assert action not in table, f"TABLE: {action} appears twice"
        assert len(cells) == len(COLUMNS), f"TABLE: {action} has {len(cells)} cells, not {len(COLUMNS)}"
        assert set(cells) <= {"x", "."}, f"TABLE: {action} has a cell other than `x` or `.`: {cells}"
        table[action] = {role: cell == "x" for role, cell in zip(COLUMNS.values(), cells, strict=True)}
    return table


EXPECTED = parse(TABLE)


def test_the_table_has_a_column_for_every_role():
    assert set(COLUMNS.values()) == set(Role)


@pytest.mark.parametrize("action", sorted(set(EXPECTED) | set(MATRIX)))
def test_each_cell_matches_the_matrix(action):
    assert action in MATRIX, f"{action} is in the table but not in MATRIX"
    assert action in EXPECTED, f"{action} is in MATRIX but not in the table: add its row to TABLE"
    wrong = [
        f"{action} × {role.value}: the table says {'allowed' if allowed else 'refused'}, "
        f"MATRIX says {'allowed' if role in MATRIX[action] else 'refused'}"
        for role, allowed in EXPECTED[action].items()
        if allowed != (role in MATRIX[action])
    ]
    assert not wrong, "\n".join(wrong)
