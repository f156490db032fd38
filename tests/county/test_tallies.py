"""The county's grouped figures are the per-township functions' figures (issue 18): for every
township of a generated county, each number of zhidu.county.tallies equals what that township's own
page computes alone (R1§13's report, the supervision report, the petitions' monthly summary)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from tests.county import helpers
from zhidu.county import tallies
from zhidu.life_meetings import compliance
from zhidu.meetings.models import Meeting
from zhidu.petitions import monthly
from zhidu.supervision import reports

pytestmark = pytest.mark.django_db
YEAR = helpers.YEAR


@pytest.fixture
def towns():
    return helpers.county(3)


def test_obligations_and_findings_match_the_townships_own_report(towns):
    ids = [t.pk for t in towns]
    grouped = tallies.obligation_tallies(ids, YEAR)
    found = tallies.meeting_findings(ids, YEAR)
    held = tallies.meetings_held(ids, YEAR)
    for town in towns:
        assert grouped.get(town.pk, []) == compliance.obligation_tallies(town, YEAR)
        assert found.get(town.pk, []) == compliance.meeting_findings(town, YEAR)
        assert held.get(town.pk, 0) == Meeting.objects.filter(township=town, held_at__year=YEAR).count()
    assert any(t.missing for per in grouped.values() for t in per), "the data has overdue obligations"
    assert all(found.get(t.pk) for t in towns), "every township has findings"


def test_a_superseded_version_and_another_year_do_not_count(towns):
    town = towns[0]
    other_year = Meeting.objects.filter(township=town).first()
    other_year.held_at = other_year.held_at.replace(year=YEAR - 1)
    other_year.save(update_fields=["held_at"])
    helpers.archive(other_year, 1, helpers.document([helpers.finding("R2", "invalid")]))
    (row,) = tallies.rows([town], YEAR)
    assert "R2" not in {f["article"] for f in row.findings}
    # Two of the four meetings were corrected: their first version's R1§7 "invalid" is not counted.
    assert row.findings == compliance.meeting_findings(town, YEAR)


def test_supervision_and_petitions_match_the_areas_own_counts(towns):
    today = timezone.localdate()
    ids = [t.pk for t in towns]
    items = tallies.supervision(ids, YEAR, today)
    petitions = tallies.petitions_overdue(ids, YEAR, today)
    for town in towns:
        departments = reports.department_rows(reports.period_items(town, YEAR), today)
        assert items.get(town.pk, (0, 0)) == (
            sum(r.open for r in departments),
            sum(r.overdue for r in departments),
        )
        overdue = sum(
            monthly.summary(town, datetime.date(YEAR, month, 1), today).total.overdue
            for month in range(1, 13)
        )
        assert petitions.get(town.pk, 0) == overdue
    assert any(open_ for open_, _ in items.values())


def test_rows_sort_by_a_column_the_worst_first():
    class Row:
        def __init__(self, name, overdue):
            self.township = type("T", (), {"name": name})()
            self.overdue = overdue

    table = [Row("乙镇", 1), Row("甲镇", 3), Row("丙镇", 3)]
    ordered, key = tallies.sort_rows(table, "-overdue")
    assert key == "-overdue" and [r.overdue for r in ordered] == [3, 3, 1]
    assert [r.township.name for r in ordered[:2]] == sorted(["甲镇", "丙镇"])
    assert tallies.sort_rows(table, "drop table")[1] == "name"
