"""R8 as its users live it: 周强 (经济发展办主任, deputy section level) files a personal-matter report on
his phone; the organization office (赵磊) reads it, and that read is in the audit trail; another
cadre (陈刚) opening the same report is refused. Selectors are ids, not words, so the test holds in
both languages."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from zhidu.core.models import AuditEntry
from zhidu.org.demo import create_demo
from zhidu.personal.models import Report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 800}, "is_mobile": True, "has_touch": True}
DETAILS = "子女于2026年11月与外籍人士登记结婚（浏览器测试）"


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_a_cadre_files_on_his_phone_the_office_reads_it_audited_another_cadre_is_refused(
    new_page, start_logged_in
):
    create_demo()
    event_on = (timezone.localdate() - datetime.timedelta(days=3)).isoformat()

    phone = new_page(**PHONE)
    start_logged_in(phone, "zhouqiang", "/personal/")
    assert fits_the_screen(phone)
    phone.locator("#file-report").click()
    phone.locator("#id_occasion").select_option("event")
    phone.locator("#id_item").select_option("child_foreign_marriage")
    phone.locator("#id_event_on").fill(event_on)
    phone.locator("#id_details").fill(DETAILS)
    assert fits_the_screen(phone)
    phone.locator("#submit-report").click()
    expect(phone.locator("#report-details")).to_have_text(DETAILS)
    assert fits_the_screen(phone)
    report = Report.objects.get(reporter__name="周强", item="child_foreign_marriage")
    assert report.state == "filed" and not report.late and DETAILS not in report.details.token
    phone.goto("/personal/")
    expect(phone.locator(f'[data-report="{report.pk}"]')).to_be_visible()

    office = new_page()
    start_logged_in(office, "zhaolei", "/personal/")
    office.locator(f'[data-report="{report.pk}"] a').click()
    expect(office.locator("#report-details")).to_have_text(DETAILS)
    read = AuditEntry.objects.filter(
        action="personal.read", target_id=str(report.pk), actor__username="zhaolei"
    ).get()
    assert read.detail["fields"] == ["personal_report.details"] and DETAILS not in read.summary
    # The office sees who read it: the reporter on his phone, then itself.
    expect(office.locator("#readers")).to_contain_text("zhaolei")
    expect(office.locator("#readers")).to_contain_text("zhouqiang")
    office.goto("/audit/")
    expect(office.locator("main")).to_contain_text("personal.read")

    other = new_page(**PHONE)
    start_logged_in(other, "chengang")
    response = other.goto(f"/personal/{report.pk}/")
    assert response.status == 403
    expect(other.locator("body")).not_to_contain_text(DETAILS)
    assert not AuditEntry.objects.filter(action="personal.read", actor__username="chengang").exists()
