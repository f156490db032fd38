"""As the party office clerk would on the office PC: a 复议 item names the passed decision it changes
(R1§12(4)); its record carries its basis and reasons and how its execution is supervised (R1§9);
once it passes and the meeting closes, the old minutes say the decision was changed and link the new
one, which links back. Fields are found by name: the new words are translated when the lead merges
the catalogue."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.meetings.meeting_factory import clerk_user
from zhidu.meetings import services
from zhidu.meetings.models import Attendance, Item
from zhidu.org.demo import create_demo
from zhidu.org.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"viewport": {"width": 1280, "height": 900}}
OLD = "西沟村饮水工程资金安排（复议测试）"
NEW = "调整西沟村饮水工程资金安排（复议测试）"


def held_meeting(town, people, items, days_ago):
    """A team meeting held `days_ago` days ago, its notice sent before, everyone present."""
    held_at = timezone.now() - datetime.timedelta(days=days_ago)
    meeting = services.create_meeting(
        township=town, body="team", title=f"党委会议（{days_ago}天前）", held_at=held_at, chair=people["杨栋"],
        recorder=people["张敏"], items=items, user=clerk_user(town),
    )  # fmt: skip
    services.send_notice(
        meeting, version=meeting.version, at=held_at - datetime.timedelta(days=3), user=clerk_user(meeting)
    )
    meeting.refresh_from_db()
    statuses = {a.person_id: ("present", "") for a in meeting.attendance.all()}
    services.record_attendance(meeting, version=meeting.version, statuses=statuses, user=clerk_user(meeting))
    meeting.refresh_from_db()
    return meeting


def old_decision(town, people):
    item = services.propose_item(
        township=town, proposer=people["邱维兴"], title=OLD, category="general", owner=people["邱维兴"]
    )
    services.decide_item(item, by=people["杨栋"], approve=True)
    meeting = held_meeting(town, people, [item], days_ago=20)
    entry = meeting.entries.get()
    present = meeting.attendance.filter(status=Attendance.Status.PRESENT).count()
    services.record_entry(
        entry, version=meeting.version, speakers=[], recused=set(), vote_method="show_of_hands",
        counts=(present, 0, 0), ballots=None, opinions={}, deferred=False, resolution="同意安排80万元",
        user=clerk_user(entry),
    )  # fmt: skip
    meeting.refresh_from_db()
    services.close_meeting(meeting, version=meeting.version, user=clerk_user(meeting))
    return meeting, entry


def test_a_reconsideration_links_the_two_resolutions(new_page, start_logged_in):
    town = create_demo()
    people = {p.name: p for p in Person.objects.filter(township=town)}
    old, old_entry = old_decision(town, people)

    page = new_page(**DESKTOP)
    start_logged_in(page, "zhangmin", "/meetings/items/new/")
    page.locator("[name=title]").fill(NEW)
    page.locator("select[name=category]").select_option("general")
    page.locator("select[name=owner]").select_option(str(people["邱维兴"].pk))
    page.locator("select[name=reconsiders]").select_option(str(old_entry.pk))
    page.locator("form.card button[type=submit]").click()
    item = Item.objects.get(title=NEW)
    assert item.reconsiders == old_entry

    services.decide_item(item, by=people["杨栋"], approve=True)
    new = held_meeting(town, people, [item], days_ago=1)
    entry = new.entries.get()
    present = new.attendance.filter(status=Attendance.Status.PRESENT).count()

    # The item's record names what it changes; the clerk records the vote, basis and supervision.
    page.goto(page.url.split("/meetings/")[0] + f"/meetings/{new.pk}/record/{entry.pk}/")
    expect(page.get_by_test_id("reconsiders")).to_contain_text(OLD)
    page.locator("select[name=vote_method]").select_option("show_of_hands")
    page.locator("[name=votes_for]").fill(str(present))
    page.locator("[name=votes_against]").fill("0")
    page.locator("[name=votes_abstain]").fill("0")
    page.locator("[name=resolution]").fill("调整为100万元")
    page.locator("[name=basis]").fill("依据县水利局的工程变更批复")
    page.locator("[name=supervision]").fill("镇纪委跟踪资金拨付")
    page.locator("form.card button[type=submit]").first.click()
    expect(page.locator("[name=basis]")).to_have_value("依据县水利局的工程变更批复")

    page.goto(page.url.split("/meetings/")[0] + f"/meetings/{new.pk}/record/")
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator(f"form[action='/meetings/{new.pk}/close/'] button[type=submit]").click()
    minutes = page.locator("article.minutes")
    expect(minutes.get_by_test_id("basis")).to_contain_text("依据县水利局的工程变更批复")
    expect(minutes.get_by_test_id("supervision")).to_contain_text("镇纪委跟踪资金拨付")

    # The old minutes: changed on reconsideration, linking the new decision, which links back.
    page.goto(page.url.split("/meetings/")[0] + f"/meetings/{old.pk}/minutes/")
    changed = page.get_by_test_id("changed-by")
    expect(changed).to_contain_text(NEW)
    changed.get_by_role("link").click()
    expect(page).to_have_url(f"{page.url.split('/meetings/')[0]}/meetings/{new.pk}/minutes/#entry-{entry.pk}")
    expect(page.get_by_test_id("reconsiders")).to_contain_text(OLD)
