"""The tick when nothing is due (issue 18): a constant number of queries per township, whatever its
size, and no existence query per duty key (there were ~54 per township per tick)."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from tests import factories
from zhidu.obligations import jobs

pytestmark = pytest.mark.django_db
# A fixed working Wednesday (Shanghai), so the daily duties exist too.
NOW = datetime.datetime(2026, 12, 2, 10, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))
PER_TOWNSHIP = 60  # the generators' own fixed reads (teams, offices, this month's rows…)


def _towns(n):
    """n townships of growing size: the i-th has 4·i more team members than the first."""
    found = []
    for i in range(n):
        town = factories.township(f"第{i}镇", f"town{i}")
        people = factories.personas(town, prefix=f"t{i}-")
        for j in range(4 * i):
            factories.person(town, f"委员{j}", team_role="member", leader=people["secretary"])
        found.append(town)
    return found


def _keyed_lookups(captured):
    return [q["sql"] for q in captured if '"obligations_obligation"."key" =' in q["sql"]]


@pytest.mark.parametrize("n", [1, 3])
def test_a_tick_with_nothing_due_costs_a_constant_number_of_queries_per_township(
    n, django_assert_max_num_queries
):
    _towns(n)
    with time_machine.travel(NOW, tick=False):
        first = jobs.generate(timezone.localdate())
        assert sum(first.values()) > 0  # the duties of today's periods, opened once
        with django_assert_max_num_queries(PER_TOWNSHIP * n + 2) as captured:
            again = jobs.generate(timezone.localdate())
    assert sum(again.values()) == 0
    assert not _keyed_lookups(captured.captured_queries), _keyed_lookups(captured.captured_queries)[:3]
    per_township = len(captured.captured_queries) / n
    print(f"{n} townships: {len(captured.captured_queries)} queries, {per_township:.1f} per township")
