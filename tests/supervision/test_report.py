"""The department report's charts (R7): on-time rate and average delay per owner department, and
the items registered per month; server-rendered inline SVG, no script, each with its text
alternative; and a query budget that does not grow with the number of items."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from tests import factories
from tests.supervision.helpers import assigned, at, cast, register, submitted
from zhidu.supervision import reports, services

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _september():
    with time_machine.travel(at(2026, 9, 15), tick=False):
        yield


def test_department_charts_from_the_rows():
    economy, social = factories.Department(name="经济发展办公室"), factories.Department(name="社会事务办公室")
    rows = [
        reports.DepartmentRow(economy, items=3, reports=4, on_time=3, delays=[2, 4]),
        reports.DepartmentRow(social, items=1),
    ]
    with translation.override("en"):
        on_time, delay = reports.department_charts(rows)
    assert [(b.label, b.text, b.share) for b in on_time.bars] == [
        ("经济发展办公室", "75%", 0.75),
        ("社会事务办公室", "no written reports", 0),
    ]
    assert [(b.value, b.share) for b in delay.bars] == [(3.0, 1.0), (None, 0)]
    assert on_time.summary.startswith(on_time.title + "：经济发展办公室 75%；")
    geometry = reports.bar_geometry(on_time)
    assert geometry["height"] == 2 * reports.CHART_ROW + 8
    assert geometry["rows"][0]["width"] == 0.75 * reports.CHART_BAR_WIDTH
    assert reports.department_charts([]) == []


def test_monthly_counts_are_the_townships_own(town, people):
    register(town, people)
    with time_machine.travel(at(2026, 3, 2), tick=False):
        register(town, people, deadline=datetime.date(2026, 3, 20))
        register(town, people, deadline=datetime.date(2026, 3, 20))
    other = factories.township("河口镇", "hekou")
    register(other, cast(other, prefix="h"))
    assert reports.monthly_counts(town, 2026) == [0, 0, 2, 0, 0, 0, 0, 0, 2 - 1, 0, 0, 0]
    assert reports.monthly_counts(town, 2025) == [0] * 12
    chart = reports.monthly_chart(reports.monthly_counts(town, 2026), 2026, 3)
    assert [b.share for b in chart.bars][2:4] == [1.0, 0] and chart.bars[2].current


def test_the_report_page_draws_accessible_charts(client, town, people):
    late = submitted(town, people)  # on time
    with time_machine.travel(at(2026, 9, 16), tick=False):
        services.reject(
            late, by=people["discipline"], requirements="补充", new_deadline=datetime.date(2026, 9, 18)
        )
    with time_machine.travel(at(2026, 9, 22), tick=False):  # 4 days late
        services.submit_feedback(late, by=people["owner"], text="已补充")
    assigned(town, people, department=people["social_dept"], owner=people["social"], matter="养老服务")
    with time_machine.travel(at(2026, 9, 22, 11), tick=False):
        client.force_login(people["discipline"].user)
        body = client.get(reverse("supervision:report")).content.decode()
    svgs = re.findall(r"<svg [^>]*>", body)
    assert len(svgs) == 3 and all('role="img"' in s and "aria-label=" in s for s in svgs)
    assert "<script" not in body.split("<main", 1)[-1].split("</main>", 1)[0]
    # The text alternatives say what the bars show, in the user's language.
    with translation.override("zh-hans"):
        on_time = _("On-time rate of written reports by owner department")
        none, days = _("no written reports"), _("%(days)s days") % {"days": "4.0"}
        monthly = _("Supervision items registered per month in %(year)s") % {"year": 2026}
        table = _("Data table")
    # Departments in name order (code points: 社 before 经).
    assert f"{on_time}：社会事务办公室 {none}；经济发展办公室 50%" in body
    assert f"社会事务办公室 {none}；经济发展办公室 {days}" in body
    assert f"{monthly}：一月 0；" in body and "九月 2" in body
    assert f"<summary>{table}</summary>" in body


def test_the_report_query_budget_does_not_grow_with_items(
    client, town, people, django_assert_max_num_queries
):
    client.force_login(people["discipline"].user)
    submitted(town, people)
    client.get(reverse("supervision:report"))
    with django_assert_max_num_queries(13):
        client.get(reverse("supervision:report"))
    for n in range(6):
        submitted(town, people, matter=f"事项{n}", department=people["social_dept"], owner=people["social"])
    with django_assert_max_num_queries(13):
        client.get(reverse("supervision:report"))
    with django_assert_max_num_queries(11):
        client.get(reverse("supervision:overdue"))
