"""As the users of users.md would (R4, R2): 张敏 proposes for the party office; its leader in charge
邱维兴 approves from 我的待办; 杨栋 returns it with a reason; 张敏 reads the reason, revises and
resubmits; 杨栋 approves. Then a secretary's office meeting where 周强 (经济发展办主任) attends as
an observer (列席) and owns an item, 杨栋 entrusts 邱维兴 to chair, and once closed 张敏 puts the
settled item under supervision in one click, which 杨栋 then finds among his duties."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from zhidu.meetings import services
from zhidu.meetings.models import Item
from zhidu.org.demo import create_demo
from zhidu.org.models import Person
from zhidu.supervision.models import SupervisionItem

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 800}, "is_mobile": True, "has_touch": True}
TITLE = "更换镇机关老旧办公设备（浏览器测试）"
SH = ZoneInfo("Asia/Shanghai")


def open_duty(page, title):
    """A duty still to do, in 我的待办 (its done predecessors are listed as finished below)."""
    page.goto("/duties/")
    page.get_by_role("region", name="即将到期").get_by_role("link", name=title).click()


def test_a_department_proposal_through_its_leader_a_return_and_a_resubmission(new_page, start_logged_in):
    create_demo()
    clerk = new_page()
    start_logged_in(clerk, "zhangmin", "/meetings/items/new/")
    clerk.get_by_label("议题名称").fill(TITLE)
    clerk.get_by_label("类别").select_option(label="一般事项")
    clerk.get_by_label("分管领导").select_option(label="邱维兴（党委副书记、镇长）")
    clerk.get_by_label("提出部门").select_option(label="党政办公室")
    clerk.get_by_label("议题内容").fill("机关电脑已使用十年，拟更换二十台。")
    clerk.get_by_role("button", name="提交议题").click()
    expect(clerk.get_by_role("status").first).to_contain_text("等待分管领导邱维兴审核")
    expect(clerk.get_by_test_id("awaiting-leader")).to_contain_text("R4")

    # The leader in charge finds it among his duties, with a link.
    leader = new_page()
    start_logged_in(leader, "qiuweixing", "/duties/")
    open_duty(leader, f"审核部门议题：{TITLE}")
    leader.get_by_role("button", name="同意，报主要负责人审批").click()
    expect(leader.get_by_role("status").first).to_contain_text("已作为分管领导同意")

    # The principal, on his phone, returns it with the reason.
    phone = new_page(**PHONE)
    start_logged_in(phone, "yangdong", "/duties/")
    open_duty(phone, f"审定议题：{TITLE}")
    phone.get_by_label("审批意见（退回时必填）").fill("请补充采购预算和资金来源。")
    phone.get_by_role("button", name="退回", exact=True).click()
    expect(phone.get_by_role("status").first).to_contain_text("已退回")

    # The proposer reads why, revises and resubmits.
    open_duty(clerk, f"修改被退回的议题：{TITLE}")
    expect(clerk.get_by_test_id("return-reason")).to_contain_text("请补充采购预算和资金来源。")
    revise = clerk.get_by_role("region", name="修改后重新提交")
    revise.get_by_label("议题内容").fill("拟更换二十台电脑，预算八万元，镇办公经费列支。")
    revise.get_by_label("修改说明").fill("已补充预算和资金来源")
    revise.get_by_role("button", name="重新提交议题").click()
    expect(clerk.get_by_role("status").first).to_contain_text("已修改并重新提交")

    # Back to the principal who returned it; he approves.
    open_duty(phone, f"审定议题：{TITLE}")
    expect(phone.get_by_text("预算八万元")).to_be_visible()
    phone.get_by_role("button", name="批准列入议程").click()
    expect(phone.get_by_role("status").first).to_contain_text("已批准列入议程")

    item = Item.objects.get(title=TITLE)
    assert (item.state, item.resubmitted, item.decided_by.name) == (Item.State.APPROVED, 1, "杨栋")


def test_an_observer_owns_an_item_a_deputy_chairs_and_the_item_goes_under_supervision(
    new_page, start_logged_in
):
    create_demo()
    people = {p.user.username: p for p in Person.objects.exclude(user=None).select_related("user")}
    item = services.propose_item(
        township=people["yangdong"].township,
        proposer=people["qiuweixing"],
        title="研究秋季森林防火工作安排",
        category="general",
        owner=people["zhouqiang"],
    )
    services.decide_item(item, by=people["yangdong"], approve=True)
    meeting = services.create_meeting(
        township=item.township,
        body="secretary_office",
        title="书记办公会（浏览器测试）",
        held_at=datetime.datetime(2026, 6, 18, 15, 0, tzinfo=SH),
        chair=people["yangdong"],
        recorder=people["qiuweixing"],
        items=[item],
        user=people["zhangmin"].user,
    )

    # The secretary sees the observer and entrusts his deputy.
    secretary = new_page()
    start_logged_in(secretary, "yangdong", f"/meetings/{meeting.pk}/")
    expect(secretary.get_by_test_id("observers")).to_contain_text("周强")
    entrust = secretary.get_by_test_id("entrust")
    entrust.get_by_label("副书记").select_option(label="邱维兴")
    entrust.get_by_role("button", name="委托").click()
    expect(secretary.get_by_role("status").first).to_contain_text("已委托邱维兴主持会议")
    expect(secretary.get_by_test_id("chair")).to_have_text("邱维兴")
    expect(secretary.get_by_test_id("entrusted")).to_contain_text("受杨栋")

    # Held and closed by the clerk's entry points (the record pages have their own tests).
    meeting.refresh_from_db()
    statuses = {people[u].pk: ("present", "") for u in ("yangdong", "qiuweixing")}
    services.record_attendance(
        meeting, version=meeting.version, statuses=statuses, user=people["zhangmin"].user
    )
    entry = meeting.entries.get()
    entry.resolution = "由经济发展办公室牵头制定防火方案，十日内报送。"
    entry.save()
    meeting.refresh_from_db()
    services.close_meeting(meeting, version=meeting.version, user=people["zhangmin"].user)

    clerk = new_page()
    start_logged_in(clerk, "zhangmin", f"/meetings/{meeting.pk}/minutes/")
    expect(clerk.get_by_test_id("minutes-chair")).to_contain_text("邱维兴（受杨栋委托）")
    expect(clerk.get_by_test_id("minutes-observers")).to_contain_text("周强（经济发展办主任）")
    clerk.get_by_test_id("to-supervision").get_by_role("button", name="转督查督办").click()
    expect(clerk.get_by_role("status").first).to_contain_text("内容取自会议纪要")
    registered = SupervisionItem.objects.get(source_entry=entry)
    assert registered.source == "secretary_office" and registered.owner_person.name == "邱维兴"
    assert registered.owner_department.name == "经济发展办公室"
    clerk.goto(f"/meetings/{meeting.pk}/minutes/")
    expect(clerk.get_by_test_id("supervised")).to_contain_text(registered.doc_number)

    secretary.goto("/duties/")
    expect(
        secretary.get_by_role("link", name=f"审批督查事项：{registered.doc_number} 研究秋季森林防火工作安排")
    ).to_be_visible()
    # The entrusted chair signs these minutes: the duty is his, not the secretary's.
    from zhidu.obligations.models import Obligation

    assert Obligation.objects.get(key=f"sign-minutes:{meeting.pk}").assignee.name == "邱维兴"
