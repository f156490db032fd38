"""As the users of users.md would: a team meeting in its four steps (R1). The party office clerk
convenes it on the office PC and sends the notice; members confirm, declare a conflict and ask for
leave on their phones; the clerk records attendance and the vote on a tablet during the meeting,
closes it and gets numbered minutes and the archive export. And the refusal a clerk meets when she
types more votes than there are voters, without losing what she typed."""

import datetime
import json
import re

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import OUTPUT, log_in
from tests.meetings.meeting_factory import clerk_user
from zhidu.meetings import services
from zhidu.meetings.models import AgendaEntry, Attendance, Meeting, Minutes, NamedBallot
from zhidu.meetings.record import parse_meeting
from zhidu.obligations.models import Obligation
from zhidu.org.demo import create_demo, demo_password
from zhidu.org.models import Person
from zhidu.workdays.services import get_calendar

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 800}, "is_mobile": True, "has_touch": True}
TABLET = {"viewport": {"width": 820, "height": 1180}, "is_mobile": True, "has_touch": True}

ITEM = "拨付东沟村道路维修资金三十万元（会议流程测试）"
MEETING = "党委领导班子例会（流程测试）"
LEAVE = "参加县人武部军事训练"
RESOLUTION = "同意拨付东沟村道路维修资金三十万元，由镇经济发展办公室组织实施。"


def shot(page, name):
    """A screenshot of one step (conftest only keeps each page's last state)."""
    OUTPUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUTPUT / f"meeting_flow-{name}.png"), full_page=True)


def cn(day):
    return f"{day.year}年{day.month}月{day.day}日"


def approved_item(town):
    deputy = Person.objects.get(township=town, name="邱维兴")
    item = services.propose_item(
        township=town,
        proposer=deputy,
        title=ITEM,
        category="large_funds",
        owner=deputy,
        description="东沟村道路维修，申请资金三十万元。",
        evaluation_report="items/report.pdf",
    )
    assert services.decide_item(item, by=Person.objects.get(township=town, name="杨栋"), approve=True)
    return item


def meeting_day():
    """A working day a few days ahead, so the notice can still go out on time."""
    return get_calendar().after_workdays(timezone.localdate(), 4).date


def on_the_day(request, day):
    """Move the server's clock to the meeting's afternoon (it is recorded and closed on its day,
    R1§8), back to now when the test ends."""
    at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(15, 5)))
    traveller = time_machine.travel(at, tick=True)
    traveller.start()
    request.addfinalizer(traveller.stop)


def present_row(page, name):
    return page.locator("tbody tr").filter(has=page.get_by_role("rowheader", name=name))


def test_team_meeting_from_notice_to_minutes(new_page, start_logged_in, request):
    town = create_demo()
    approved_item(town)
    day = meeting_day()
    latest = get_calendar().before_workdays(day, 1)
    # The demo already has closed team meetings: ours takes the next number of the year's sequence.
    serial = Minutes.objects.filter(township=town, body="team", year=day.year).count() + 1

    # 1. The clerk convenes the meeting on the office PC and sends the notice.
    clerk = new_page(**DESKTOP)
    log_in(clerk, "zhangmin", demo_password())
    clerk.get_by_role("navigation").get_by_role("link", name="会议", exact=True).click()
    clerk.get_by_role("link", name="筹备会议").click()
    expect(clerk.get_by_role("heading", name="筹备会议")).to_be_visible()
    clerk.get_by_label("会议类型").select_option(label="党委领导班子会议")
    clerk.get_by_label("会议名称").fill(MEETING)
    clerk.get_by_label("日期").fill(day.isoformat())
    clerk.get_by_label("时间").fill("15:00")
    clerk.get_by_label("地点").fill("镇党委第一会议室")
    clerk.get_by_label("主持人").select_option(label="杨栋")
    clerk.get_by_label("记录人").select_option(label="张敏（党政办主任）")
    clerk.get_by_label(ITEM).check()
    shot(clerk, "1-desktop-convene")
    clerk.get_by_role("button", name="创建会议").click()

    expect(clerk.get_by_role("status")).to_contain_text("会议已创建")
    expect(clerk.get_by_role("heading", name=MEETING)).to_be_visible()
    expect(clerk.get_by_text(f"{cn(day)} 15:00")).to_be_visible()
    notice = clerk.get_by_role("region", name="会议通知")
    expect(notice).to_contain_text(f"书面通知最晚应于{cn(latest.date)}发出")
    expect(clerk.get_by_role("region", name="议程")).to_contain_text(ITEM)
    expect(clerk.get_by_role("region", name="应到会成员（7）")).to_contain_text("徐文")
    expect(notice.get_by_label("通知方式")).to_have_value("written")
    shot(clerk, "1-desktop-meeting-draft")
    notice.get_by_role("button", name="发出会议通知").click()
    expect(clerk.get_by_role("status")).to_contain_text("会议通知已发给全体应到会成员")
    expect(clerk.get_by_role("region", name="会议通知")).to_contain_text("发出时间")
    expect(clerk.get_by_role("button", name="发出会议通知")).to_have_count(0)
    shot(clerk, "1-desktop-notice-sent")

    # 2. 胡新璐 on her phone: the duty is on 我的待办; she opens the meeting, confirms, declares.
    hu = new_page(**PHONE)
    start_logged_in(hu, "huxinlu")
    expect(hu.get_by_role("heading", name="我的待办")).to_be_visible()
    duty = hu.locator("li.duty", has_text=f"确认收到会议通知：{MEETING}")
    expect(duty).to_be_visible()
    shot(hu, "2-phone-duties")
    # The duty opens the meeting, where receipt is confirmed (no bare "mark done" for it).
    expect(duty.get_by_role("button", name="标记完成")).to_have_count(0)
    duty.get_by_role("link", name="查看并确认").click()
    expect(hu.get_by_role("heading", name=MEETING)).to_be_visible()
    answer = hu.get_by_role("region", name="我的回复")
    answer.get_by_role("button", name="确认收到会议通知").click()
    expect(hu.get_by_role("status")).to_contain_text("已确认收到会议通知")
    expect(hu.get_by_role("region", name="我的回复")).to_contain_text("您已确认收到")
    agenda = hu.get_by_role("region", name="议程")
    hu.once("dialog", lambda dialog: dialog.accept())
    agenda.get_by_text("申报利害关系（需回避）").click()
    agenda.get_by_label("利害关系说明（可选）").fill("本人亲属承包该路段工程")
    agenda.get_by_role("button", name="申报", exact=True).click()
    expect(hu.get_by_role("status")).to_contain_text("已申报利害关系；表决时您将被要求回避")
    expect(hu.get_by_role("region", name="议程")).to_contain_text("胡新璐已申报利害关系")
    expect(hu.get_by_role("region", name="议程").get_by_text("申报利害关系（需回避）")).to_have_count(0)
    shot(hu, "2-phone-confirmed-declared")
    hu.locator("details.menu > summary").click()  # on a phone the main menu opens from its button
    hu.get_by_role("navigation").get_by_role("link", name="我的待办").click()
    finished = hu.get_by_role("region", name="最近完成")
    expect(finished).to_contain_text(f"确认收到会议通知：{MEETING}")

    # 徐文 on his phone asks for leave, with the reason (R1§12(5)).
    xu = new_page(**PHONE)
    start_logged_in(xu, "xuwen")
    xu.locator("details.menu > summary").click()
    xu.get_by_role("navigation").get_by_role("link", name="会议", exact=True).click()
    xu.get_by_role("link", name=MEETING).click()
    xu.get_by_label("缺席理由").fill(LEAVE)
    xu.get_by_role("button", name="请假", exact=True).click()
    expect(xu.get_by_role("status")).to_contain_text("您的请假及理由已登记")
    expect(xu.get_by_role("region", name="我的回复")).to_contain_text(f"已登记缺席：{LEAVE}")
    shot(xu, "2-phone-leave")

    # 3. The clerk on a tablet during the meeting, on its day: attendance.
    on_the_day(request, day)
    tablet = new_page(**TABLET)
    start_logged_in(tablet, "zhangmin")
    tablet.get_by_role("navigation").get_by_role("link", name="会议", exact=True).click()
    tablet.get_by_role("link", name=MEETING).click()
    expect(tablet.get_by_role("region", name="应到会成员（7）")).to_contain_text(f"缺席（{LEAVE}）")
    tablet.get_by_role("link", name="会议记录", exact=True).click()
    expect(tablet.get_by_role("heading", name=f"会议记录：{MEETING}")).to_be_visible()
    xu_group = tablet.get_by_role("group", name="徐文")
    expect(xu_group.get_by_label("缺席", exact=True)).to_be_checked()
    expect(tablet.get_by_label("徐文的缺席理由")).to_have_value(LEAVE)
    present = ["杨栋", "邱维兴", "郭爱峰", "曲坚强", "胡新璐", "林平"]
    for name in present:
        tablet.get_by_role("group", name=name, exact=True).get_by_label("到会", exact=True).check()
    tablet.get_by_role("button", name="保存出席情况").click()
    expect(tablet.get_by_role("status")).to_contain_text("出席情况已保存")
    expect(tablet.get_by_role("heading", name="出席情况（应到7人，实到6人）")).to_be_visible()
    expect(tablet.get_by_label("徐文的缺席理由")).to_have_value(LEAVE)
    shot(tablet, "3-tablet-attendance")

    # The item: speaking order with the chair last, the declared member recused, a named ballot.
    tablet.get_by_role("link", name=ITEM).click()
    expect(tablet.get_by_role("heading", name=ITEM)).to_be_visible()
    expect(present_row(tablet, "胡新璐")).to_contain_text("已申报利害关系")
    expect(present_row(tablet, "杨栋")).to_contain_text("主持人")
    for order, name in enumerate(["邱维兴", "郭爱峰", "曲坚强", "林平", "杨栋"], start=1):
        present_row(tablet, name).get_by_role("spinbutton").fill(str(order))
    present_row(tablet, "胡新璐").get_by_role("checkbox").check()
    tablet.get_by_label("表决方式").select_option(label="记名投票")
    for name in ["杨栋", "邱维兴", "郭爱峰", "曲坚强"]:
        present_row(tablet, name).get_by_role("combobox").select_option(label="同意")
    present_row(tablet, "林平").get_by_role("combobox").select_option(label="弃权")
    tablet.get_by_label("讨论情况").fill("与会成员一致认为道路维修事关群众出行安全，资金来源明确。")
    tablet.get_by_label(re.compile(r"^决议")).fill(RESOLUTION)
    tablet.get_by_label("执行单位/责任人").fill("经济发展办公室 周强")
    tablet.get_by_role("button", name="保存本议题").click()

    expect(tablet.get_by_role("status")).to_contain_text(f"已保存：{ITEM}")
    check = tablet.get_by_role("region", name="制度检查")
    expect(check).to_contain_text("应到7人，实到6人，至少须到4人 — 符合")
    expect(check).to_contain_text(f"{ITEM}：通过（同意4票，须4票）")
    expect(present_row(tablet, "胡新璐").get_by_role("checkbox")).to_be_checked()
    expect(present_row(tablet, "杨栋").get_by_role("spinbutton")).to_have_value("5")
    expect(tablet.get_by_label(re.compile(r"^决议"))).to_have_value(RESOLUTION)
    shot(tablet, "3-tablet-item-saved")

    # Close: the minutes are numbered in the team's sequence for the year.
    tablet.get_by_role("link", name="出席情况与议题").click()
    tablet.once("dialog", lambda dialog: dialog.accept())
    tablet.get_by_role("button", name="结束会议并生成纪要").click()
    number = f"柞党会纪〔{day.year}〕{serial}号"
    expect(tablet.get_by_role("status")).to_contain_text(number)
    expect(tablet.get_by_text(number, exact=True)).to_be_visible()
    expect(tablet.locator(".doc-title")).to_have_text("中共柞村镇委员会")
    expect(tablet.locator(".doc-subtitle")).to_have_text("党委领导班子会议纪要")
    minutes = tablet.locator("article.minutes")
    expect(minutes).to_contain_text(f"徐文（{LEAVE}）")
    expect(minutes).to_contain_text("记名投票，同意4票，反对0票，弃权1票")
    expect(minutes).to_contain_text(RESOLUTION)
    shot(tablet, "4-tablet-minutes")

    # The export is the archived zhidu.meeting/1 record and reads back.
    href = tablet.get_by_role("link", name="导出会议档案（JSON）").get_attribute("href")
    response = tablet.request.get(href)
    assert response.ok
    assert "attachment" in response.headers["content-disposition"]
    record = parse_meeting(json.loads(response.text()))
    assert record.body == "team"
    assert len(record.present) == 6 and [a.reason for a in record.absent] == [LEAVE]
    (entry_record,) = record.items
    assert entry_record.vote.method == "named_ballot" and entry_record.vote.for_ == 4
    assert len(entry_record.recused) == 1 and entry_record.recused == entry_record.conflicts

    # What was stored.
    meeting = Meeting.objects.get(title=MEETING)
    assert meeting.state == Meeting.State.CLOSED and meeting.notice_channel == "written"
    assert timezone.localtime(meeting.notice_sent_at).date() <= latest.date
    assert Minutes.objects.get(meeting=meeting).number == serial
    assert meeting.archive.count() == 1
    hu_person = Person.objects.get(township=town, name="胡新璐")
    hu_att = Attendance.objects.get(meeting=meeting, person=hu_person)
    assert hu_att.notice_confirmed_at is not None and hu_att.status == Attendance.Status.PRESENT
    xu_att = Attendance.objects.get(meeting=meeting, person__name="徐文")
    assert (xu_att.status, xu_att.reason) == (Attendance.Status.ABSENT, LEAVE)
    entry = AgendaEntry.objects.get(meeting=meeting)
    assert entry.in_notice and entry.conflicts.get().recused and entry.conflicts.get().person == hu_person
    assert not NamedBallot.objects.filter(entry=entry, person=hu_person).exists()
    assert (entry.votes_for, entry.votes_against, entry.votes_abstain) == (4, 0, 1)
    chair = meeting.chair
    assert entry.speakers[-1] == str(chair.pk)
    assert Obligation.objects.get(key=f"notice:{meeting.pk}:{hu_person.pk}").state == Obligation.State.DONE


def test_more_votes_than_voters_is_refused_and_the_typed_record_kept(new_page, start_logged_in, request):
    town = create_demo()
    item = approved_item(town)
    people = {p.name: p for p in Person.objects.filter(township=town)}
    held_at = timezone.make_aware(datetime.datetime.combine(meeting_day(), datetime.time(15, 0)))
    meeting = services.create_meeting(
        township=town,
        body="team",
        title=MEETING,
        held_at=held_at,
        chair=people["杨栋"],
        recorder=people["张敏"],
        items=[item],
        user=clerk_user(town),
    )
    services.send_notice(meeting, version=meeting.version, user=clerk_user(meeting))
    meeting.refresh_from_db()
    on_the_day(request, timezone.localtime(held_at).date())
    statuses = {a.person_id: ("present", "") for a in meeting.attendance.all()}
    statuses[people["徐文"].pk] = ("absent", LEAVE)
    services.record_attendance(meeting, version=meeting.version, statuses=statuses, user=clerk_user(meeting))

    tablet = new_page(**TABLET)
    start_logged_in(tablet, "zhangmin")
    tablet.get_by_role("navigation").get_by_role("link", name="会议", exact=True).click()
    tablet.get_by_role("link", name=MEETING).click()
    tablet.get_by_role("link", name="会议记录", exact=True).click()
    tablet.get_by_role("link", name=ITEM).click()
    tablet.get_by_label("表决方式").select_option(label="举手表决")
    tablet.get_by_label("同意票").fill("5")
    tablet.get_by_label("反对票").fill("2")
    tablet.get_by_label(re.compile(r"^决议")).fill(RESOLUTION)
    tablet.get_by_role("button", name="保存本议题").click()

    alert = tablet.get_by_role("alert")
    expect(alert).to_contain_text("票数合计 7 超过可投票的到会成员 6 人")
    expect(tablet.get_by_label(re.compile(r"^决议"))).to_have_value(RESOLUTION)
    expect(tablet.get_by_label("同意票")).to_have_value("5")
    expect(tablet.get_by_label("表决方式")).to_have_value("show_of_hands")
    expect(tablet.get_by_role("status")).to_have_count(0)
    shot(tablet, "5-tablet-too-many-votes")
    entry = AgendaEntry.objects.get(meeting=meeting)
    assert entry.votes_for is None and entry.resolution == "" and entry.vote_method == ""
