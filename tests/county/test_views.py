"""The county overview (issue 18): a county viewer reads the townships of their own county and none
of another's; township staff are refused; the page costs the same queries for 2 townships as for 6;
the Excel ledger is a ledger as the other offices file them; the county view writes in no township
but its own (read-only), on the web and at the entry points."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from tests import factories
from tests.county import helpers
from zhidu.county import tallies
from zhidu.org.models import Township

pytestmark = pytest.mark.django_db
YEAR = helpers.YEAR


def overview(client, **query):
    return client.get(reverse("county:index"), {"year": YEAR, **query})


def queries(client, url, **query) -> int:
    client.get(url, query)  # warm-up: the session, the calendar, the templates
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, query)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_page_costs_the_same_queries_for_two_and_six_townships(client):
    towns = helpers.county(2)
    client.force_login(helpers.county_viewer(towns[0]).user)
    two = queries(client, reverse("county:index"), year=YEAR)
    two_ledger = queries(client, reverse("county:ledger"), year=YEAR)
    helpers.county(4, seed=8)  # four more townships of the same county (generate's 生成县1)
    assert tallies.county_townships(towns[0].county).count() == 6
    assert queries(client, reverse("county:index"), year=YEAR) == two
    assert queries(client, reverse("county:ledger"), year=YEAR) == two_ledger


def test_a_county_viewer_sees_their_county_only(client):
    towns = helpers.county(2)
    other = helpers.another_county()
    factories.person(other, "外县干部")
    client.force_login(helpers.county_viewer(towns[0]).user)
    body = overview(client).content.decode()
    assert all(t.name in body for t in towns) and other.name not in body
    # Each township's row and figures, and a link to its drill-down.
    row = tallies.rows(towns, YEAR)[1]
    detail = client.get(reverse("county:township", args=[towns[1].pk]), {"year": YEAR})
    assert detail.status_code == 200
    assert row.articles and row.articles[0].article in detail.content.decode()
    # Another county's township: not found, neither its row, nor as the township to switch to.
    assert client.get(reverse("county:township", args=[other.pk])).status_code == 404
    assert client.post(reverse("switch-township"), {"township": other.pk}).status_code == 404
    # A township of another county chosen earlier in the session is not read either.
    session = client.session
    session["township_id"] = other.pk
    session.save()
    assert "外县干部" not in client.get(reverse("organization")).content.decode()
    assert other.name not in client.get(reverse("duties")).content.decode()


def test_switching_within_the_county_reads_and_never_writes(client):
    towns = helpers.county(2)
    viewer = helpers.county_viewer(towns[0])
    client.force_login(viewer.user)
    response = client.post(
        reverse("switch-township"), {"township": towns[1].pk, "next": reverse("compliance")}
    )
    assert response.status_code == 302 and response.url == reverse("compliance")
    assert client.get(reverse("compliance")).status_code == 200
    # Read-only elsewhere: a post to another township's page is refused before its view runs.
    assert client.post(reverse("meetings:item-propose"), {"title": "县里提的议题"}).status_code == 403
    from zhidu.core.permissions import acts_in, reads_in

    assert reads_in(viewer.user, towns[1]) and not acts_in(viewer.user, towns[1])
    assert not reads_in(viewer.user, helpers.another_county())


@pytest.mark.parametrize("who", ["secretary", "clerk", "organization", "discipline", "cadre"])
def test_township_staff_are_refused(client, town, people, who):
    client.force_login(people[who].user)
    assert client.get(reverse("county:index")).status_code == 403
    assert client.get(reverse("county:township", args=[town.pk])).status_code == 403
    assert client.get(reverse("county:ledger")).status_code == 403


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(reverse("county:index"))
    assert response.status_code == 302 and reverse("login") in response.url


def test_sorted_by_overdue_the_worst_first(client):
    towns = helpers.county(3)
    client.force_login(helpers.county_viewer(towns[0]).user)
    body = overview(client, sort="-overdue").content.decode()
    expected = tallies.sort_rows(tallies.rows(towns, YEAR), "-overdue")[0]
    at = [body.index(f">{r.township.name}</a>") for r in expected]
    assert at == sorted(at)
    assert 'aria-sort="descending"' in body
    assert overview(client, sort="nonsense", year="abc").status_code == 200


def test_the_ledger_is_filed_like_the_other_ledgers(client):
    towns = helpers.county(2)
    client.force_login(helpers.county_viewer(towns[0]).user)
    response = client.get(reverse("county:ledger"), {"year": YEAR})
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = book.worksheets[0]
    assert sheet["A1"].value == f"{towns[0].county}各乡镇执行制度情况（{YEAR}年度）"
    assert sheet["A2"].value == "乡镇" and sheet["E2"].value == "已逾期"
    assert (
        sheet.page_setup.orientation == "landscape" and str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4
    )
    assert sheet.print_title_rows == "$2:$2" and sheet.auto_filter.ref.startswith("A2:")
    rows = {r[0]: r for r in sheet.iter_rows(min_row=3, values_only=True)}
    for row in tallies.rows(towns, YEAR):
        assert rows[row.township.name][1:5] == (row.due, row.on_time, row.late, row.overdue)
    articles = book.worksheets[1]
    assert articles.max_row - 2 == sum(len(r.articles) for r in tallies.rows(towns, YEAR))


def test_a_county_of_one_township(client):
    lonely = Township.objects.create(name="孤镇", code="gu", county="孤县")
    client.force_login(helpers.county_viewer(lonely).user)
    assert overview(client).status_code == 200
