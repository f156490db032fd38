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
meetings.view                 x     x     x     x     x     x     x     .
meetings.manage               x     .     .     .     x     .     .     .
meetings.respond              .     .     .     x     .     .     .     .
items.propose                 .     .     .     x     x     .     .     .
items.decide                  .     .     x     .     .     .     .     .
meetings.view_confidential    .     .     x     .     .     x     x     .
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
# R14 zhidu.coordination
# R15 zhidu.periodic_reports
# R17 zhidu.work_style
# R9 zhidu.family_events
# R10 zhidu.self_reports
# R19 zhidu.requested_talks
# R20 zhidu.heart_talks
# R21 zhidu.petitions
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
