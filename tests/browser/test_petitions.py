"""R21 as its users live it: the party office (张敏, at a desk) registers a case received at a
scheduled reception and routes it; the live rule check warns of a 45-day extension before it is
saved, the office extends it once by 30 days with the reason told by phone; the petitioner follows
it on a phone by the receipt code alone (no account, no personal data shown); the handling
department (吴芳, phone) answers and the petitioner sees the answer. Selectors are ids and data
attributes, not words, so the test holds in both languages."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from zhidu.org.demo import create_demo
from zhidu.org.models import Department, Person
from zhidu.petitions.models import Case
from zhidu.workdays.services import get_calendar

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 800}, "is_mobile": True, "has_touch": True}
NAME = "浏览器测试来访人"
ISSUE = "河口村二组饮水管道破损，已持续两周（浏览器测试）"
REASON = "涉及多个部门，需现场核实"
ANSWER = "已由社会事务办公室协调修复管道并回访。"


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_a_case_extended_once_with_its_reason_and_followed_by_code(new_page, start_logged_in):
    town = create_demo()
    today = timezone.localdate()
    leader = Person.objects.get(township=town, user__username="yangdong")
    social = Department.objects.get(township=town, name="社会事务办公室")

    desk = new_page()
    start_logged_in(desk, "zhangmin", "/petitions/")
    desk.locator("#register-case").click()
    desk.locator("#id_mode").select_option("scheduled")
    desk.locator("#id_leader").select_option(str(leader.pk))
    desk.locator("#id_subject").fill("饮水管道破损")
    desk.locator("#id_petitioner_name").fill(NAME)
    desk.locator("#id_petitioner_phone").fill("13700001111")
    desk.locator("#id_issue").fill(ISSUE)
    desk.locator("#register-submit").click()
    expect(desk.locator("#petitioner-name")).to_have_text(NAME)
    case = Case.objects.get(subject="饮水管道破损")
    code = desk.locator("#receipt-code").inner_text()
    assert code.replace("-", "") == case.code and NAME not in case.petitioner_name.token

    desk.locator("#route_department").select_option(str(social.pk))
    desk.locator("#route-submit").click()
    expect(desk.locator("#case-department")).to_have_text(social.name)

    # Warned before the mistake: 45 days is judged by R21§4 on the unsaved form.
    desk.locator("#extend_days").fill("45")
    expect(desk.locator('#findings [data-code="extension-too-long"]')).to_be_visible()
    expect(desk.locator('#findings [data-code="extension-no-reason"]')).to_be_visible()
    desk.locator("#extend_days").fill("30")
    desk.locator("#extend_reason").fill(REASON)
    desk.locator("#extend_told_on").fill(today.isoformat())
    desk.locator("#extend_told_how").select_option("phone")
    expect(desk.locator('#findings [data-code="none"]')).to_be_visible()
    desk.locator("#extend-submit").click()
    expect(desk.locator("#case-extension")).to_contain_text(REASON)
    expected_due = get_calendar().after_days(today, 90).date
    case.refresh_from_db()
    assert case.extended and case.due_on == expected_due
    expect(desk.locator("#extend-submit")).to_have_count(0)  # R21 allows one extension

    petitioner = new_page(**PHONE)
    petitioner.goto("/petitions/follow/")
    assert fits_the_screen(petitioner)
    petitioner.locator("#id_code").fill(code.lower().replace("-", " "))
    petitioner.locator("#follow-submit").click()
    expect(petitioner.locator("#follow-state")).to_have_attribute("data-state", "routed")
    expect(petitioner.locator("#follow-extension")).to_contain_text(REASON)
    expect(petitioner.locator("#follow-due")).to_be_visible()
    expect(petitioner.locator("body")).not_to_contain_text(NAME)
    expect(petitioner.locator("body")).not_to_contain_text("13700001111")
    assert fits_the_screen(petitioner)

    handler = new_page(**PHONE)
    start_logged_in(handler, "wufang", f"/petitions/{case.pk}/")
    expect(handler.locator("#petitioner-name")).to_have_text(NAME)
    handler.locator("#answer_answer").fill(ANSWER)
    handler.locator("#answer-submit").click()
    expect(handler.locator("#case-answer")).to_contain_text(ANSWER)
    assert fits_the_screen(handler)

    petitioner.locator("#id_code").fill(code)
    petitioner.locator("#follow-submit").click()
    expect(petitioner.locator("#follow-state")).to_have_attribute("data-state", "answered")
    expect(petitioner.locator("#follow-answer")).to_contain_text(ANSWER)
    expect(petitioner.locator("body")).not_to_contain_text(NAME)


def test_the_office_sees_the_aging_and_the_monthly_report_at_a_desk(new_page, start_logged_in):
    create_demo()
    desk = new_page()
    start_logged_in(desk, "zhangmin", "/petitions/aging/")
    # The demo has a case received 70 days ago and never extended: overdue.
    expect(desk.locator('[data-band="overdue"] .band-count')).not_to_have_text("0")
    desk.goto("/petitions/reports/")
    expect(desk.locator("#report-modes")).to_be_visible()
    desk.goto("/petitions/schedule/")
    expect(desk.locator("#reception-days li").first).to_be_visible()
