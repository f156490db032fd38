"""As the party office clerk would, on the office PC and on the tablet during the meeting, and as the
principal on his phone: every warning of the 制度检查 panel appears, with its article, while the
form is being filled and before anything is saved (issue 11, "warn before, not after")."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.meetings.meeting_factory import clerk_user
from zhidu.meetings import services
from zhidu.meetings.models import AgendaEntry, Attendance, Meeting
from zhidu.org.demo import create_demo
from zhidu.org.models import Person
from zhidu.workdays.services import get_calendar

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"viewport": {"width": 1280, "height": 900}}
TABLET = {"viewport": {"width": 768, "height": 1024}, "is_mobile": True, "has_touch": True}
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
ITEM = "拨付北沟村桥梁维修资金二十万元（实时检查测试）"
LATER = "听取第三季度安全生产情况通报（实时检查测试）"


def cn(day):
    return f"{day.year}年{day.month}月{day.day}日"


def world():
    """The demo township, an approved large-funds item with its report, a team meeting some working
    days ahead (no notice yet) with that item, and a meeting under way whose attendance is saved,
    everyone present."""
    town = create_demo()
    people = {p.name: p for p in Person.objects.filter(township=town)}
    item = services.propose_item(
        township=town, proposer=people["邱维兴"], title=ITEM, category="large_funds",
        owner=people["邱维兴"], evaluation_report="items/report.pdf",
    )  # fmt: skip
    services.decide_item(item, by=people["杨栋"], approve=True)
    later = services.propose_item(
        township=town, proposer=people["林平"], title=LATER, category="general", owner=people["林平"],
    )  # fmt: skip
    services.decide_item(later, by=people["杨栋"], approve=True)
    day = get_calendar().after_workdays(timezone.localdate(), 6).date
    held_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(15, 0)))
    meeting = services.create_meeting(
        township=town, body="team", title="党委领导班子例会（实时检查测试）", held_at=held_at,
        chair=people["杨栋"], recorder=people["张敏"], items=[item], user=clerk_user(town),
    )  # fmt: skip
    services.send_notice(meeting, version=meeting.version, user=clerk_user(town))
    # The meeting is under way: everyone present (set here, as the clerk's saved attendance).
    Attendance.objects.filter(meeting=meeting).update(status=Attendance.Status.PRESENT)
    return town, people, Meeting.objects.get(pk=meeting.pk), day


def panel(page):
    return page.get_by_role("region", name="制度检查")


def previewed(page, action):
    """Do `action` and wait for the panel's answer to what the form now holds."""
    with page.expect_response(lambda r: "/check/" in r.url and r.request.method == "POST") as answer:
        action()
    assert answer.value.ok, answer.value.status


def row(page, name):
    return page.locator("tbody tr").filter(has=page.get_by_role("rowheader", name=name))


def test_the_clerk_is_warned_while_filling_in_the_forms(new_page, start_logged_in):
    town, people, meeting, day = world()
    saved_version = meeting.version

    # On the office PC, convening: the notice's last on-time day is a pending deadline, no finding.
    clerk = new_page(**DESKTOP)
    start_logged_in(clerk, "zhangmin", "/meetings/new/")
    expect(panel(clerk)).to_be_visible()
    clerk.get_by_label("会议类型").select_option(label="党委领导班子会议")
    clerk.get_by_label("会议名称").fill("党委领导班子例会（筹备中）")
    clerk.get_by_label(LATER).check()
    clerk.get_by_label("日期").fill(day.isoformat())
    previewed(clerk, lambda: clerk.get_by_label("时间").fill("09:00"))
    latest = get_calendar().before_workdays(day, 1).date
    expect(panel(clerk).get_by_test_id("notice-pending")).to_contain_text(f"书面通知最晚应于{cn(latest)}发出")
    expect(panel(clerk)).not_to_contain_text("会议没有发出通知")
    expect(panel(clerk).get_by_test_id("invited")).to_contain_text("7")

    # Ticking attendance below the quorum: R1§6, before "保存出席情况".
    clerk.goto(f"/meetings/{meeting.pk}/record/")
    for name in ("邱维兴", "郭爱峰", "曲坚强"):
        row(clerk, name).get_by_label("缺席", exact=True).check()
        row(clerk, name).get_by_role("textbox").fill("到县里开会")
    expect(panel(clerk)).not_to_contain_text("不足法定到会人数")
    previewed(clerk, lambda: row(clerk, "胡新璐").get_by_label("缺席", exact=True).check())
    finding = panel(clerk).locator("li.finding", has_text="不足法定到会人数 4 人")
    expect(finding).to_be_visible()
    expect(finding.locator(".article")).to_have_text("R1§6")
    # The leader in charge of the item away too (R1§6), as soon as it is ticked.
    expect(panel(clerk).locator("li.finding", has_text="分管领导邱维兴缺席")).to_be_visible()
    previewed(clerk, lambda: clerk.get_by_role("button", name="全部到会").click())
    expect(panel(clerk)).not_to_contain_text("不足法定到会人数")
    assert set(Attendance.objects.filter(meeting=meeting).values_list("status", flat=True)) == {"present"}

    # The item's record on the tablet: the speaking order, the counts, a close vote.
    entry = AgendaEntry.objects.get(meeting=meeting)
    tablet = new_page(**TABLET)
    start_logged_in(tablet, "zhangmin", f"/meetings/{meeting.pk}/record/{entry.pk}/")
    # R1§7(3): the chair 杨栋 states his position after hearing the others: here he speaks second.
    tablet.get_by_label("邱维兴的发言顺序").fill("1")
    tablet.get_by_label("杨栋的发言顺序").fill("2")
    previewed(tablet, lambda: tablet.get_by_label("郭爱峰的发言顺序").fill("3"))
    speaks = panel(tablet).locator("li.finding", has_text="主持人杨栋先于郭爱峰发言")
    expect(speaks).to_contain_text("主要负责人应最后表态")
    expect(speaks.locator(".article")).to_have_text("R1§7(3)")
    previewed(tablet, lambda: tablet.get_by_label("杨栋的发言顺序").fill("7"))
    expect(panel(tablet)).not_to_contain_text("主持人杨栋先于")

    tablet.get_by_label("表决方式").select_option("show_of_hands")
    tablet.get_by_label("反对票").fill("2")
    previewed(tablet, lambda: tablet.get_by_label("同意票").fill("6"))
    too_many = panel(tablet).locator("li.finding", has_text="共计 8 票")
    expect(too_many).to_contain_text("超过到会且未回避的成员数 7")
    expect(too_many.locator(".article")).to_have_text("R1§7(5)")
    previewed(tablet, lambda: tablet.get_by_label("反对票").fill("3"))
    previewed(tablet, lambda: tablet.get_by_label("同意票").fill("4"))
    close = panel(tablet).locator("li.finding", has_text="一般应暂缓表决")
    expect(close).to_contain_text("同意 4、反对 3")
    expect(close.locator(".article")).to_have_text("R1§7(4)")
    expect(panel(tablet)).not_to_contain_text("共计 8 票")
    # On the tablet the panel stays in sight under the form being filled in.
    tablet.get_by_label("同意票").scroll_into_view_if_needed()
    expect(panel(tablet)).to_be_in_viewport()

    # Nothing was saved by any of it.
    entry.refresh_from_db()
    assert entry.votes_for is None and entry.speakers == []
    assert Meeting.objects.get(pk=meeting.pk).version == saved_version
    assert Meeting.objects.filter(township=town, title="党委领导班子例会（筹备中）").count() == 0


def test_the_principal_sees_what_is_pending_on_his_phone(new_page, start_logged_in):
    town, people, meeting, day = world()
    Meeting.objects.filter(pk=meeting.pk).update(notice_sent_at=None)
    principal = new_page(**PHONE)
    start_logged_in(principal, "yangdong", f"/meetings/{meeting.pk}/")
    latest = get_calendar().before_workdays(day, 1).date
    expect(panel(principal).get_by_test_id("notice-pending")).to_contain_text(
        f"书面通知最晚应于{cn(latest)}发出"
    )
    expect(panel(principal)).not_to_contain_text("会议没有发出通知")
    expect(panel(principal)).not_to_contain_text("未列入会议通知")  # not ad hoc before the notice
    width = principal.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the page is {width}px wide on a 360px phone"
