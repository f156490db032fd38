"""As the party office clerk would on the office PC: an item the last meeting referred to the superior
(R1§7(4)) and an emergency action taken without a meeting (R1§8) are each put on the next team
meeting's agenda in one click; the important minutes of the last meeting are recorded as sent to the
city-level leader in charge (R1§9). Fields are found by name and test id: the new words are
translated when the lead merges the catalogue."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.meetings.meeting_factory import clerk_user
from zhidu.meetings import services
from zhidu.meetings.models import EmergencyAction
from zhidu.obligations.models import Obligation
from zhidu.org.demo import create_demo
from zhidu.org.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"viewport": {"width": 1280, "height": 900}}
SPLIT = "撤并东岭村小学（分歧测试）"
PLAN = "全镇产业发展三年规划（报送测试）"
ACTION = "连夜转移河口组山洪危险区群众32人"


def last_meeting(town, people):
    """Held 20 days ago: the split item referred upward, the important plan passed; closed."""
    items = []
    for title, category in ((SPLIT, "general"), (PLAN, "major_decision")):
        item = services.propose_item(
            township=town, proposer=people["邱维兴"], title=title, category=category, owner=people["邱维兴"]
        )
        services.decide_item(item, by=people["杨栋"], approve=True)
        items.append(item)
    held_at = timezone.now() - datetime.timedelta(days=20)
    meeting = services.create_meeting(
        township=town, body="team", title="党委会议（上次）", held_at=held_at, chair=people["杨栋"],
        recorder=people["张敏"], items=items, user=clerk_user(town),
    )  # fmt: skip
    services.send_notice(meeting, version=meeting.version, at=held_at - datetime.timedelta(days=3),
                         user=clerk_user(meeting))  # fmt: skip
    meeting.refresh_from_db()
    statuses = {a.person_id: ("present", "") for a in meeting.attendance.all()}
    services.record_attendance(meeting, version=meeting.version, statuses=statuses, user=clerk_user(meeting))
    split, plan = meeting.entries.order_by("position")
    for entry, fields in (
        (split, {"vote_method": "", "counts": None, "referred": True, "discussion": "意见分歧较大"}),
        (plan, {"vote_method": "show_of_hands", "counts": (len(statuses), 0, 0), "resolution": "通过规划"}),
    ):
        meeting.refresh_from_db()
        services.record_entry(entry, version=meeting.version, speakers=[], recused=set(), ballots=None,
                              opinions={}, deferred=False, user=clerk_user(entry), **fields)  # fmt: skip
    meeting.refresh_from_db()
    services.close_meeting(meeting, version=meeting.version, user=clerk_user(meeting))
    return meeting


def test_referred_and_emergency_items_reach_the_next_agenda_and_minutes_are_sent(new_page, start_logged_in):
    town = create_demo()
    people = {p.name: p for p in Person.objects.filter(township=town)}
    last = last_meeting(town, people)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)

    page = new_page(**DESKTOP)
    start_logged_in(page, "zhangmin", "/meetings/emergency/")
    form = page.locator("main form.card")
    form.locator("select[name=taken_by]").select_option(str(people["邱维兴"].pk))
    form.locator("[name=day]").fill(yesterday.isoformat())
    form.locator("[name=time]").fill("23:30")
    form.locator("[name=action]").fill(ACTION)
    form.locator("[name=reason]").fill("暴雨红色预警，来不及召开会议")
    form.locator("button[type=submit]").click()
    expect(page.get_by_test_id("report")).to_be_visible()
    emergency = EmergencyAction.objects.get()
    assert (emergency.taken_by, emergency.action) == (people["邱维兴"], ACTION)
    assert Obligation.objects.get(kind="emergency-report").state == "open"

    day = timezone.localdate() + datetime.timedelta(days=3)
    nxt = services.create_meeting(
        township=town, body="team", title="党委会议（下次）",
        held_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(15, 0))),
        chair=people["杨栋"], recorder=people["张敏"], items=[], user=clerk_user(town),
    )  # fmt: skip
    base = page.url.split("/meetings/")[0]
    page.goto(f"{base}/meetings/{nxt.pk}/")
    carried = page.get_by_test_id("carried-over")
    expect(carried).to_contain_text(SPLIT)
    carried.locator("li", has_text=SPLIT).get_by_role("button").click()
    expect(page.locator("ol.agenda")).to_contain_text(SPLIT)
    expect(page.get_by_test_id("carried-over")).to_have_count(0)
    reports = page.get_by_test_id("emergencies")
    expect(reports).to_contain_text(ACTION[:20])
    reports.get_by_role("button").click()
    expect(page.locator("ol.agenda")).to_contain_text("报告紧急处置情况")
    expect(page.get_by_test_id("emergencies")).to_have_count(0)
    assert Obligation.objects.get(kind="emergency-report").state == "done"

    # R1§9: the last meeting's important minutes, recorded as sent.
    page.goto(f"{base}/meetings/{last.pk}/minutes/")
    expect(page.get_by_test_id("referred")).to_be_visible()
    sending = page.get_by_test_id("send-minutes")
    sending.locator("[name=day]").fill(yesterday.isoformat())
    sending.locator("[name=time]").fill("16:00")
    sending.locator("[name=how]").fill("机要交换")
    sending.get_by_role("button").click()
    expect(page.get_by_test_id("minutes-sent")).to_contain_text("机要交换")
    assert Obligation.objects.get(kind="send-minutes", source_id=str(last.pk)).state in ("done", "done_late")
