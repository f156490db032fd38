"""Issue 18 as the county's organization office lives it, on a phone: the overview of the county's
townships, sorted by overdue obligations (the worst first), a township's drill-down per article, its
compliance page, and the Excel ledger downloaded."""

import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.county import helpers
from zhidu.county import tallies

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 800}, "is_mobile": True, "has_touch": True}


def test_the_county_viewer_sorts_drills_down_and_downloads(new_page, start_logged_in):
    towns = helpers.county(3)
    helpers.county_viewer(towns[0], username="county-office")
    page = new_page(**PHONE)
    start_logged_in(page, "county-office", f"/county/?year={helpers.YEAR}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("各乡镇")
    table = page.locator("#county-townships")
    # The table scrolls inside its frame on a phone; the page itself does not.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1
    page.get_by_role("link", name="已逾期").click()
    expect(page.locator('th[aria-sort="descending"]')).to_contain_text("已逾期")
    worst = tallies.sort_rows(tallies.rows(towns, helpers.YEAR), "-overdue")[0][0]
    expect(table.locator("tbody tr").first.locator("th")).to_have_text(worst.township.name)
    page.get_by_role("link", name=worst.township.name).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(worst.township.name)
    first = worst.articles[0]
    expect(page.locator("#county-articles tbody tr").first.locator("th")).to_have_text(first.article)
    page.get_by_role("button", name="打开该镇执行情况页").click()
    expect(page.locator(".brand .township")).to_have_text(worst.township.name)
    page.go_back()
    page.goto(f"/county/?year={helpers.YEAR}")
    with page.expect_download() as download:
        page.get_by_role("link", name="下载Excel台账").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    book = load_workbook(io.BytesIO(open(download.value.path(), "rb").read()))
    names = {row[0] for row in book.worksheets[0].iter_rows(min_row=3, values_only=True)}
    assert names == {t.name for t in towns}
