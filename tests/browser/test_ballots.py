"""An anonymous ballot as the users of users.md would hold it (R1§7(4)): the clerk prepares the vote
for a personnel item on the office PC and prints the one-time codes; three members, each on their own
phone, vote with the card they drew; a reused card is refused in plain Chinese; the clerk watches the
count of casts rise, closes the vote and reads the result on her screen."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import OUTPUT
from tests.meetings.meeting_factory import clerk_user
from zhidu.ballots.models import AnonymousBallot, BallotBox
from zhidu.ballots.services.casting import USED_CODE
from zhidu.meetings import services
from zhidu.meetings.models import AgendaEntry
from zhidu.org.demo import create_demo
from zhidu.org.models import Person
from zhidu.workdays.services import get_calendar

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 800}, "is_mobile": True, "has_touch": True}
ITEM = "推荐东沟村党支部书记人选（无记名投票测试）"


def shot(page, name):
    OUTPUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUTPUT / f"ballots-{name}.png"), full_page=True)


def personnel_meeting(town):
    people = {p.name: p for p in Person.objects.filter(township=town)}
    item = services.propose_item(
        township=town, proposer=people["曲坚强"], title=ITEM, category="personnel", owner=people["曲坚强"]
    )
    services.decide_item(item, by=people["杨栋"], approve=True)
    day = get_calendar().after_workdays(timezone.localdate(), 4).date
    meeting = services.create_meeting(
        township=town,
        body="team",
        title="党委会议（无记名投票测试）",
        held_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(15, 0))),
        chair=people["杨栋"],
        recorder=people["张敏"],
        items=[item],
        user=clerk_user(town),
    )
    services.send_notice(meeting, version=meeting.version, user=clerk_user(meeting))
    statuses = {a.person_id: ("present", "") for a in meeting.attendance.all()}
    # The meeting is four working days ahead: recording now is an R1§8 emergency, said as such.
    services.record_attendance(
        meeting,
        version=meeting.version,
        statuses=statuses,
        user=clerk_user(meeting),
        emergency_reason="紧急召开",
    )
    return AgendaEntry.objects.get(meeting=meeting)


def test_clerk_prints_codes_members_vote_result_on_the_clerks_screen(new_page, start_logged_in):
    town = create_demo()
    entry = personnel_meeting(town)

    # 1. The clerk prepares the vote: one code per present member (7), and prints them once.
    clerk = new_page(**DESKTOP)
    start_logged_in(clerk, "zhangmin", f"/ballots/entry/{entry.pk}/")
    expect(clerk.get_by_role("heading", name=f"无记名投票：{ITEM}")).to_be_visible()
    expect(clerk.get_by_label("发出选票码或选票数")).to_have_value("7")
    clerk.get_by_label("投票方式").select_option(label="电子投票（一次性选票码）")
    clerk.get_by_role("button", name="准备投票").click()
    expect(clerk.get_by_role("status").first).to_contain_text("无记名投票已准备好")
    clerk.once("dialog", lambda dialog: dialog.accept())
    clerk.get_by_role("button", name="打印选票码").click()
    expect(clerk.get_by_role("heading", name=f"选票码：{ITEM}")).to_be_visible()
    codes = clerk.locator("[data-code]").all_inner_texts()
    assert len(codes) == 7 and len(set(codes)) == 7
    shot(clerk, "1-codes")
    box = BallotBox.objects.get(entry=entry)
    clerk.get_by_role("link", name="返回票箱").click()
    expect(clerk.locator("#progress")).to_contain_text("已投票：0 / 7")

    # 2. Three members vote on their phones, each with the card they drew.
    for username, code, choice in [
        ("huxinlu", codes[4], "同意"),
        ("linping", codes[1], "反对"),
        ("xuwen", codes[6], "同意"),
    ]:
        phone = new_page(**PHONE)
        start_logged_in(phone, username, "/ballots/")
        phone.get_by_role("link", name=f"表决：{ITEM}").click()
        phone.get_by_label("选票码").fill(code.lower())
        phone.get_by_label(choice, exact=True).check()
        phone.get_by_role("button", name="投票", exact=True).click()
        expect(phone.get_by_role("heading", name="投票成功")).to_be_visible()
        expect(phone.get_by_role("status")).to_contain_text("您的选票已投入票箱")
        shot(phone, f"2-{username}")

    # The same card a second time: refused, in Chinese, and nothing is counted twice.
    phone.goto(f"/ballots/{box.pk}/cast/")
    phone.get_by_label("选票码").fill(codes[6])
    phone.get_by_label("反对", exact=True).check()
    phone.get_by_role("button", name="投票", exact=True).click()
    expect(phone.get_by_role("alert")).to_contain_text(USED_CODE)
    shot(phone, "2-reused")

    # 3. The clerk's screen has followed the casts; she closes and reads the result.
    expect(clerk.locator("#progress")).to_contain_text("已投票：3 / 7", timeout=10000)
    clerk.once("dialog", lambda dialog: dialog.accept())
    clerk.get_by_role("button", name="结束投票并计票").click()
    expect(clerk.get_by_role("status").first).to_contain_text("投票已结束并完成计票")
    result = clerk.get_by_role("region", name="表决结果")
    expect(result).to_contain_text("同意2票，反对1票，弃权0票")
    expect(result).to_contain_text("复核：公布清单与表决结果一致")
    shot(clerk, "3-result")
    clerk.get_by_role("link", name="选票公布清单").click()
    expect(clerk.locator("tbody tr")).to_have_count(3)

    entry.refresh_from_db()
    assert entry.vote_method == "anonymous_ballot"
    assert (entry.votes_for, entry.votes_against, entry.votes_abstain) == (2, 1, 0)
    assert AnonymousBallot.objects.filter(box=box).count() == 3
