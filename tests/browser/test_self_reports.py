"""R10 as its users live it: 徐文 (党委委员、武装部长) writes his year-end report on his phone, the
seven points under the seed's wording and the annex pre-filled from the records; he saves a draft,
the reload brings it back, the live check panel follows his typing, he submits; the organization
office (赵磊, at a desk) reads it. Selectors are ids, not words, so the test holds in both languages."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from zhidu.org.demo import create_demo
from zhidu.org.models import Person
from zhidu.self_reports import services
from zhidu.self_reports.models import SelfReport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 800}, "is_mobile": True, "has_touch": True}
POINT = "一年来，本人分管武装工作，认真落实上级部署，完成民兵整组和征兵任务（浏览器测试第{n}项）。" * 2
ADDED = "另：参加县武装部组织的集中培训1次。"


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_a_member_writes_the_report_with_the_prefilled_annex_and_the_office_reads_it(
    new_page, start_logged_in
):
    create_demo()
    xu = Person.objects.get(user__username="xuwen")
    year = timezone.localdate().year
    expected = services.fresh_annex(xu, year)
    assert expected and expected[0]["area"] == "meetings"

    phone = new_page(**PHONE)
    start_logged_in(phone, "xuwen", "/self-reports/")
    assert fits_the_screen(phone)
    phone.locator("#open-report").click()
    # The annex comes from the records, before anything is saved.
    expect(phone.locator("#id_annex_1")).to_have_value(expected[0]["text"])
    expect(phone.locator("#id_point_2_prompt")).to_contain_text("执行民主集中制")
    assert fits_the_screen(phone)
    for n in range(1, 7):
        phone.locator(f"#id_point_{n}").fill(POINT.format(n=n))
    # The live panel judges the unsaved form: point 7 is still empty.
    expect(phone.locator('#findings [data-code="point-empty"]')).to_have_count(1)
    phone.locator("#id_annex_1").fill(expected[0]["text"] + "\n" + ADDED)
    phone.locator("#save-draft").click()
    expect(phone.locator(".messages")).to_be_visible()
    phone.reload()
    expect(phone.locator("#id_point_3")).to_have_value(POINT.format(n=3))
    expect(phone.locator("#id_annex_1")).to_have_value(expected[0]["text"] + "\n" + ADDED)
    report = SelfReport.objects.get(person=xu, year=year)
    assert report.state == "draft" and report.point_texts()[6] == ""

    # Submitting with point 7 empty is refused by name; nothing typed is lost.
    phone.locator("#submit-report").click()
    expect(phone.locator("#form-errors a[href='#id_point_7']")).to_be_visible()
    expect(phone.locator("#id_point_1")).to_have_value(POINT.format(n=1))
    phone.locator("#id_point_7").fill(POINT.format(n=7))
    expect(phone.locator('#findings [data-code="point-empty"]')).to_have_count(0)
    phone.locator("#submit-report").click()
    expect(phone.locator("#report-state")).to_have_attribute("data-state", "submitted")
    expect(phone.locator("#point-text-7")).to_have_text(POINT.format(n=7))
    expect(phone.locator("#id_point_1")).to_have_count(0)  # read-only once submitted
    assert fits_the_screen(phone)
    report.refresh_from_db()
    assert report.state == "submitted" and report.point_texts()[6] == POINT.format(n=7)
    assert ADDED in report.annex[0]["text"]

    office = new_page()
    start_logged_in(office, "zhaolei", "/self-reports/")
    office.locator(f'#board [data-person="{xu.pk}"] a').click()
    expect(office.locator("#point-text-1")).to_have_text(POINT.format(n=1))
    expect(office.locator(".annex-text").first).to_contain_text(ADDED)
    with office.expect_download() as download:
        office.locator("#download-docx").click()
    assert download.value.suggested_filename.endswith(".docx")
