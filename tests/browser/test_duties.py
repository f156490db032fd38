"""As the users of users.md would: a team member on a phone sees what is due and marks it done; the
principal reads the compliance overview; a clerk switches to English and back."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from zhidu.obligations import services
from zhidu.obligations.deadlines import DeadlineRule
from zhidu.obligations.models import Obligation
from zhidu.org.demo import create_demo
from zhidu.org.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 800}, "is_mobile": True, "has_touch": True}


def test_member_on_a_phone_marks_a_duty_done(new_page, start_logged_in):
    town = create_demo()
    member = Person.objects.get(township=town, name="邱维兴")
    title = "向党委书面报告第六期工作（浏览器测试）"
    ob, _ = services.open_obligation(
        township=town,
        kind="periodic-report",
        article="R15",
        title=title,
        key="browser-test",
        rule=DeadlineRule("after_days", timezone.localdate(), 5),
        assignee=member,
    )
    page = new_page(**PHONE)
    start_logged_in(page, "qiuweixing")
    expect(page.get_by_role("heading", name="我的待办")).to_be_visible()
    row = page.locator("li.duty", has_text=title)
    expect(row.locator(".article")).to_have_text("R15")
    row.get_by_role("button", name="标记完成").click()
    # htmx swaps the row in place: it shows 已完成 and no button.
    done_row = page.locator("li.duty", has_text=title)
    expect(done_row.locator(".badge")).to_have_text("已完成")
    expect(done_row.get_by_role("button")).to_have_count(0)
    ob.refresh_from_db()
    assert ob.state == Obligation.State.DONE


def test_principal_reads_the_compliance_overview(new_page, start_logged_in):
    create_demo()
    page = new_page()
    start_logged_in(page, "yangdong")
    page.get_by_role("link", name="合规概况").click()
    expect(page.get_by_role("heading", name="柞村镇：合规概况")).to_be_visible()
    expect(page.locator("table").first).to_contain_text("R18")
    expect(page.locator("table").first).to_contain_text("工作日清")


def test_wrong_password_is_refused_in_chinese(new_page):
    create_demo()
    page = new_page()
    log_in(page, "zhangmin", "not-the-password")
    expect(page.get_by_role("alert")).to_contain_text("用户名")


def test_switch_to_english_and_back(new_page, start_logged_in):
    create_demo()
    page = new_page()
    start_logged_in(page, "zhangmin")
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name="My duties")).to_be_visible()
    page.get_by_role("button", name="中文").click()
    expect(page.get_by_role("heading", name="我的待办")).to_be_visible()


def test_calendar_marks_national_day_and_provisional_years(new_page, start_logged_in):
    create_demo()
    page = new_page()
    start_logged_in(page, "zhangmin")
    page.get_by_role("link", name="工作日历").click()
    page.goto("/calendar/?year=2026")
    expect(page.locator('td[data-day="2026-10-01"]')).to_have_attribute("data-kind", "holiday")
    expect(page.locator('td[data-day="2026-10-10"]')).to_have_attribute("data-kind", "adjusted_workday")
    page.get_by_role("link", name="2027 →").click()
    expect(page.get_by_role("note")).to_contain_text("暂定")
