"""As the party office clerk would, on a tablet during the meeting and on the office PC before it:
"everyone present" keeps a member's registered absence; a meeting is corrected or cancelled, an
item withdrawn, each with its reason, without rewriting history."""

import datetime

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from tests.meetings.meeting_factory import clerk_user
from zhidu.meetings import services
from zhidu.meetings.models import Attendance
from zhidu.org.demo import create_demo
from zhidu.org.models import Person
from zhidu.workdays.services import get_calendar

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TABLET = {"viewport": {"width": 820, "height": 1180}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
MEETING = "党委领导班子例会（更正测试）"
ITEM = "拨付西沟村饮水工程资金（更正测试）"
LEAVE = "参加县人武部军事训练"


def prepared(town, held_at=None):
    people = {p.name: p for p in Person.objects.filter(township=town)}
    item = services.propose_item(
        township=town,
        proposer=people["邱维兴"],
        title=ITEM,
        category="general",
        owner=people["邱维兴"],
    )
    services.decide_item(item, by=people["杨栋"], approve=True)
    day = get_calendar().after_workdays(timezone.localdate(), 4).date
    held_at = held_at or timezone.make_aware(datetime.datetime.combine(day, datetime.time(15, 0)))
    meeting = services.create_meeting(
        township=town,
        body="team",
        title=MEETING,
        held_at=held_at,
        chair=people["杨栋"],
        place="镇党委第一会议室",
        recorder=people["张敏"],
        items=[item],
        user=clerk_user(town),
    )
    return meeting, people


def on_the_day(request, meeting):
    """The server's clock on the meeting's afternoon (recorded on its day, R1§8), back at the end."""
    traveller = time_machine.travel(meeting.held_at + datetime.timedelta(minutes=5), tick=True)
    traveller.start()
    request.addfinalizer(traveller.stop)


def test_everyone_present_keeps_a_registered_absence(new_page, start_logged_in, request):
    town = create_demo()
    meeting, people = prepared(town)
    services.request_absence(meeting, people["徐文"], LEAVE)
    on_the_day(request, meeting)

    tablet = new_page(**TABLET)
    start_logged_in(tablet, "zhangmin", f"/meetings/{meeting.pk}/record/")
    xu = tablet.get_by_role("group", name="徐文", exact=True)
    expect(xu.get_by_label("缺席", exact=True)).to_be_checked()
    tablet.get_by_role("button", name="全部到会").click()
    # The registered absence stays; everyone else is ticked present.
    expect(xu.get_by_label("缺席", exact=True)).to_be_checked()
    expect(
        tablet.get_by_role("group", name="胡新璐", exact=True).get_by_label("到会", exact=True)
    ).to_be_checked()
    tablet.locator("form.card button[type=submit]").first.click()
    expect(tablet.get_by_label("徐文的缺席理由")).to_have_value(LEAVE)
    xu_att = Attendance.objects.get(meeting=meeting, person=people["徐文"])
    assert (xu_att.status, xu_att.reason) == (Attendance.Status.ABSENT, LEAVE)
    hu_att = Attendance.objects.get(meeting=meeting, person=people["胡新璐"])
    assert hu_att.status == Attendance.Status.PRESENT


def test_the_clerk_withdraws_an_item_and_cancels_the_meeting_the_member_is_told(new_page, start_logged_in):
    town = create_demo()
    meeting, people = prepared(town)
    entry = meeting.entries.get()

    clerk = new_page(**DESKTOP)
    start_logged_in(clerk, "zhangmin", f"/meetings/{meeting.pk}/")
    # Withdraw the item before its vote, with the reason (the English words until the lead merges
    # the translations: select by the form's place, not by its text).
    clerk.locator("details.withdraw summary").click()
    clerk.locator(f"#withdraw-{entry.pk}").fill("资金来源尚未落实，下次会议再议")
    clerk.locator("details.withdraw button[type=submit]").click()
    withdrawn = clerk.get_by_test_id(f"withdrawn-{entry.pk}")
    expect(withdrawn).to_contain_text("资金来源尚未落实，下次会议再议")
    expect(withdrawn.locator("del")).to_have_text(ITEM)

    # Cancel the meeting, with the reason, confirming the dialog.
    clerk.get_by_test_id("cancel-meeting").locator("summary").click()
    clerk.locator("#cancel-reason").fill("书记赴县参加紧急会议，会议改期")
    clerk.once("dialog", lambda dialog: dialog.accept())
    clerk.get_by_test_id("cancel-meeting").locator("button[type=submit]").click()
    expect(clerk.get_by_test_id("cancelled")).to_contain_text("书记赴县参加紧急会议，会议改期")
    expect(clerk.get_by_test_id("cancel-meeting")).to_have_count(0)
    expect(clerk.get_by_role("link", name="会议记录", exact=True)).to_have_count(0)

    # 胡新璐 on her phone: the cancellation waits on 我的待办 and opens the meeting with its reason.
    phone = new_page(viewport={"width": 390, "height": 800}, is_mobile=True, has_touch=True)
    start_logged_in(phone, "huxinlu")
    duty = phone.locator("li.duty", has_text=f"会议已取消：{MEETING}")
    expect(duty).to_be_visible()
    duty.get_by_role("link").first.click()
    expect(phone.get_by_test_id("cancelled")).to_contain_text("书记赴县参加紧急会议，会议改期")
    expect(phone.get_by_role("region", name="我的回复")).to_have_count(0)
