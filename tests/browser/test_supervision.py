"""R7 as its users live it: the discipline inspection office (孙丽) registers an item, is told which
field is wrong without losing what she typed; the principal (杨栋) approves it on his phone; the
office assigns and chases; the owner (周强, 经济发展办公室) reports; the office rejects the first
report with requirements and a new deadline, accepts the second and closes the item."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from zhidu.obligations.models import Obligation
from zhidu.org.demo import create_demo
from zhidu.supervision.models import SupervisionItem
from zhidu.workdays.services import get_calendar

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 800}, "is_mobile": True, "has_touch": True}
MATTER = "整治柞村至东沟村道路沿线垃圾（浏览器测试）"


def _day(days: int) -> str:
    """A working day about `days` days from today (a deadline on a day off is refused once, R7)."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return (get_calendar().next_workday_on_or_after(day) if days > 0 else day).isoformat()


def test_register_approve_assign_chase_feedback_reject_accept_close(new_page, start_logged_in):
    create_demo()
    office = new_page()
    start_logged_in(office, "sunli", "/supervision/")
    office.get_by_role("link", name="督查立项登记").click()
    expect(office.get_by_role("heading", name="督查立项登记")).to_be_visible()
    office.get_by_label("事项来源").select_option(label="媒体曝光")
    office.get_by_label("督查事项").fill(MATTER)
    office.get_by_label("督查要求").fill("十日内清理完毕，建立保洁长效机制。")
    office.get_by_label("承办单位").select_option(label="经济发展办公室")
    office.get_by_label("责任人").select_option(label="周强（经济发展办公室）")
    office.get_by_label("社会事务办公室").check()
    office.get_by_label("反馈期限").fill(_day(-1))
    office.get_by_role("button", name="立项登记").click()

    # Refused, the field named; nothing typed is lost.
    expect(office.get_by_role("alert")).to_contain_text("反馈期限：不能早于立项登记日期")
    expect(office.get_by_label("督查事项")).to_have_value(MATTER)
    expect(office.get_by_label("社会事务办公室")).to_be_checked()
    assert not SupervisionItem.objects.filter(matter=MATTER).exists()
    # The demo township already holds items registered this year; this one takes the next number.
    this_year = timezone.localdate().year
    serial = SupervisionItem.objects.filter(year=this_year).count() + 1
    waiting = SupervisionItem.objects.filter(state="registered").count() + 1
    office.get_by_label("反馈期限").fill(_day(10))
    office.get_by_role("button", name="立项登记").click()
    number = f"督查〔{this_year}〕{serial}号"
    expect(office.get_by_role("status").first).to_contain_text(f"已立项登记为{number}")
    expect(office.get_by_role("heading", name=MATTER)).to_be_visible()
    detail = office.url

    # The principal approves on his phone.
    phone = new_page(**PHONE)
    start_logged_in(phone, "yangdong", "/supervision/")
    expect(phone.get_by_role("status")).to_contain_text(f"待您审批的督查事项：{waiting}项")
    phone.get_by_role("link", name=MATTER).click()
    phone.get_by_label("领导批示").fill("同意，请经发办抓紧落实。")
    phone.get_by_role("button", name="同意立项").click()
    expect(phone.get_by_role("status").first).to_contain_text("已审批")

    # The office assigns it and logs a call.
    office.goto(detail)
    office.get_by_role("button", name="交办承办单位").click()
    expect(office.get_by_role("status").first).to_contain_text("已交办")
    expect(office.get_by_role("link", name="督查通报（Word）")).to_be_visible()
    office.get_by_label("催办方式").select_option(label="电话催办")
    office.get_by_label("催办记录").fill("电话提醒周强按期反馈")
    office.get_by_role("button", name="记录催办").click()
    expect(office.get_by_role("status").first).to_contain_text("催办已记录")
    mine = SupervisionItem.objects.get(matter=MATTER)
    assert Obligation.objects.get(kind="supervision-feedback", source_id=str(mine.pk)).assignee.name == "周强"

    # The owner reports.
    owner = new_page(**PHONE)
    start_logged_in(owner, "zhouqiang", detail)
    owner.get_by_label("已办结：书面报告办理结果").check()
    owner.get_by_label("反馈报告").fill("已清理垃圾十二吨。")
    owner.get_by_role("button", name="提交反馈").click()
    expect(owner.get_by_role("status").first).to_contain_text("反馈已提交")

    # The office rejects: requirements and a new deadline; the rectification report is opened.
    office.goto(detail)
    office.get_by_label("整改要求").fill("补充长效保洁机制和责任分工。")
    office.get_by_label("新的反馈期限").fill(_day(20))
    office.get_by_role("button", name="退回", exact=True).click()
    expect(office.get_by_role("status").first).to_contain_text("反馈未通过")
    assert Obligation.objects.filter(kind="supervision-rectification", source_id=str(mine.pk)).count() == 1

    owner.goto(detail)
    expect(owner.get_by_text("补充长效保洁机制和责任分工。")).to_be_visible()
    owner.get_by_label("反馈报告").fill("已建立长效保洁机制，责任到村。")
    owner.get_by_role("button", name="提交反馈").click()
    expect(owner.get_by_role("status").first).to_contain_text("反馈已提交")

    office.goto(detail)
    office.get_by_role("button", name="验收通过").click()
    expect(office.get_by_role("status").first).to_contain_text("反馈已验收通过")
    office.get_by_role("button", name="办结归档").click()
    expect(office.get_by_role("status").first).to_contain_text("已办结归档")
    history = office.get_by_role("region", name="办理过程")
    for step in [
        "立项登记",
        "已批准",
        "交办",
        "电话催办",
        "第1次反馈",
        "未通过",
        "第2次反馈",
        "验收通过",
        "办结归档",
    ]:
        expect(history).to_contain_text(step)
    item = SupervisionItem.objects.get(matter=MATTER)
    assert item.state == "closed" and item.rounds.count() == 2
