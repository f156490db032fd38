"""R11 as its users live it: the organization office (赵磊) drafts a yearly assessment of one branch,
naming 吴芳 to file its self-check; the party office (张敏) records the committee's approval; 吴芳
files the self-check on a phone; the office scores it, warned live of a score above its points, and
proposes the tier; 杨栋 records the leading group's decision, 张敏 the committee's approval, and the
office notifies the result. Selectors are ids and data attributes, not words."""

import pytest
from playwright.sync_api import expect

from zhidu.openness.models import OpennessAssessment, UnitAssessment
from zhidu.org.demo import create_demo
from zhidu.org.models import Branch, Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 800}, "is_mobile": True, "has_touch": True}
REPORT = "对照八类公开内容逐项自查：公开栏按季度更新，党费收缴情况已公开（浏览器测试）。"


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_an_assessment_from_plan_to_notified_tiers_with_a_branch_self_check(new_page, start_logged_in):
    create_demo()
    branch = Branch.objects.get(name="石门村党支部")
    wu, sun = Person.objects.get(name="吴芳"), Person.objects.get(name="孙丽")
    office = new_page()
    start_logged_in(office, "zhaolei", "/openness/")
    office.locator("#new-assessment").click()
    office.locator("#id_kind").select_option("yearly")
    office.locator("#id_title").fill("2026年度党务公开考核（浏览器测试）")
    office.locator("#id_plan").fill("年末对石门村党支部进行年度考核。")
    office.locator("#save-assessment").click()
    expect(office.locator("#id_inspectors_error")).to_be_visible()
    expect(office.locator("#id_title")).to_have_value("2026年度党务公开考核（浏览器测试）")
    office.locator(f'input[name="inspectors"][value="{sun.pk}"]').check()
    office.locator(f"#id_reporter_{branch.pk}").select_option(str(wu.pk))
    office.locator("#save-assessment").click()
    expect(office.locator("#assessment-state")).to_have_attribute("data-state", "draft")
    a = OpennessAssessment.objects.get(title="2026年度党务公开考核（浏览器测试）")
    unit = UnitAssessment.objects.get(assessment=a)

    clerk = new_page()
    start_logged_in(clerk, "zhangmin", f"/openness/assessments/{a.pk}/")
    clerk.locator("#id_note").fill("12月3日党委会审定")
    clerk.locator("#approve-plan").click()
    expect(clerk.locator("#assessment-state")).to_have_attribute("data-state", "plan_approved")

    phone = new_page(**PHONE)
    start_logged_in(phone, "wufang", f"/openness/units/{unit.pk}/")
    phone.locator("#id_report").fill(REPORT)
    phone.locator("#file-self-check").click()
    expect(phone.locator("#self-check-text")).to_contain_text(REPORT)
    assert fits_the_screen(phone)

    office.goto(office.url.split("/openness/")[0] + f"/openness/units/{unit.pk}/")
    criteria = list(a.sheet.criteria.all())
    first = criteria[0]
    office.locator(f"#id_score_{first.pk}").fill("9")
    expect(office.locator('#live-check [data-code="score-out-of-range"]')).to_be_visible()
    for c in criteria:
        office.locator(f"#id_score_{c.pk}").fill(str(c.points))
    expect(office.locator('#live-check [data-code=""]')).to_be_visible()
    office.locator("#save-scores").click()
    expect(office.locator("#unit-score")).to_have_text("100.0")
    office.goto(office.url.split("/openness/")[0] + f"/openness/assessments/{a.pk}/")
    office.locator("#propose").click()
    expect(office.locator(f'[data-unit="{unit.pk}"] .tier')).to_have_attribute("data-tier", "excellent")

    principal = new_page()
    start_logged_in(principal, "yangdong", f"/openness/assessments/{a.pk}/")
    principal.locator("#id_note").fill("12月10日党务公开工作领导小组会议")
    principal.locator("#decide").click()
    expect(principal.locator("#assessment-state")).to_have_attribute("data-state", "decided")
    clerk.reload()
    clerk.locator("#id_note").fill("12月12日党委会审定")
    clerk.locator("#approve-result").click()
    expect(clerk.locator("#assessment-state")).to_have_attribute("data-state", "approved")
    office.reload()
    office.locator("#notify").click()
    expect(office.locator("#assessment-state")).to_have_attribute("data-state", "notified")
    expect(office.locator("#result-docx")).to_be_visible()
    assert UnitAssessment.objects.get(pk=unit.pk).tier == "excellent"
