"""R18 as its users live it, the clock set to Tuesday 13 October 2026: 邱副书记 hands in his daily log on
his phone at 17:50 (on time), after the live check panel warned him of the empty plan; 杨书记 opens
the form at 18:20 and is warned "已过18:00：逾期提交" before handing in (late); 林平, away at a county
meeting, reported by SMS at 17:40, and the party office (张党办) enters it from the board, which then
shows the day. Selectors are ids and data attributes, not words."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from playwright.sync_api import expect

from tests import factories
from zhidu.daily_logs.models import DailyLog
from zhidu.obligations.models import Obligation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SH = ZoneInfo("Asia/Shanghai")
PHONE = {"viewport": {"width": 390, "height": 800}, "is_mobile": True, "has_touch": True}
DAY = datetime.date(2026, 10, 13)


def at(hour, minute):
    return datetime.datetime(2026, 10, 13, hour, minute, tzinfo=SH)


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.fixture
def clock():
    """The live server's clock (same process), running from 13 October 2026 17:50."""
    with time_machine.travel(at(17, 50), tick=True) as traveller:
        yield traveller


def test_two_members_hand_in_on_time_and_late_the_office_enters_an_sms_log_the_board_shows_the_day(
    new_page, start_logged_in, clock
):
    town = factories.township("柞村镇", "zhacun")
    people = factories.personas(town)
    linping = factories.person(town, "林平", username="linping", team_role="member")
    deputy, secretary = people["deputy"], people["secretary"]

    phone = new_page(**PHONE)
    start_logged_in(phone, "deputy", "/daily-logs/")
    assert fits_the_screen(phone)
    phone.locator("#id_summary").fill("走访工业园区三家企业")
    phone.locator("#id_plan").fill("")
    phone.locator("#id_summary").press("End")
    # The panel judges the unsaved form: the plan is empty (R18§2).
    expect(phone.locator('#checks [data-code="log-incomplete"]')).to_be_visible()
    phone.locator("#id_task-0-task").fill("园区道路征地协调")
    expect(phone.locator('#checks [data-code="unfinished-incomplete"]')).to_be_visible()
    phone.locator("#id_task-0-reason").fill("两户未签字")
    phone.locator("#id_task-0-owner").select_option(str(deputy.pk))
    phone.locator("#id_task-0-due").fill("2026-10-16")
    phone.locator("#id_plan").fill("召开安全生产调度会")
    expect(phone.locator("#checks-ok")).to_be_visible()
    assert fits_the_screen(phone)
    phone.locator("#submit-log").click()
    expect(phone.locator("#on-time-badge")).to_be_visible()
    assert fits_the_screen(phone)
    log = DailyLog.objects.get(member=deputy, day=DAY)
    assert log.channel == "web" and log.unfinished.get().owner == deputy
    assert Obligation.objects.get(key=f"daily-log:{deputy.pk}:2026-10-13").state == "done"

    clock.move_to(at(18, 20))
    late = new_page(**PHONE)
    start_logged_in(late, "secretary", "/daily-logs/")
    # Warned before the mistake: the form already says the deadline has passed.
    expect(late.locator('#checks [data-code="log-late"]')).to_contain_text("18:00")
    late.locator("#id_summary").fill("主持召开党委会")
    late.locator("#id_plan").fill("到东沟村调研")
    late.locator("#submit-log").click()
    expect(late.locator("#late-badge")).to_be_visible()
    assert Obligation.objects.get(key=f"daily-log:{secretary.pk}:2026-10-13").state == "done_late"

    clock.move_to(at(18, 40))
    office = new_page()
    start_logged_in(office, "clerk", "/daily-logs/board/")
    expect(office.locator(f'[data-member="{deputy.pk}"]')).to_have_attribute("data-status", "submitted")
    expect(office.locator(f'[data-member="{secretary.pk}"]')).to_have_attribute("data-status", "late")
    expect(office.locator(f'[data-member="{linping.pk}"]')).to_have_attribute("data-status", "missing")
    office.locator(f'[data-member="{linping.pk}"] a[href*="enter"]').click()
    expect(office.locator("#id_member")).to_have_value(str(linping.pk))
    office.locator("#id_channel").select_option("sms")
    office.locator("#id_received_at").fill("2026-10-13T17:40")
    office.locator("#id_summary").fill("参加县委工作会议")
    office.locator("#id_plan").fill("传达会议精神")
    expect(office.locator("#checks-ok")).to_be_visible()  # received in time: on time
    office.locator("#submit-log").click()
    expect(office.locator(f'[data-member="{linping.pk}"]')).to_have_attribute("data-status", "submitted")
    expect(office.locator('#board-counts [data-count="submitted"] strong')).to_have_text("2")
    expect(office.locator('#board-counts [data-count="late"] strong')).to_have_text("1")
    sms = DailyLog.objects.get(member=linping, day=DAY)
    assert sms.channel == "sms" and sms.submitted_at == at(17, 40) and sms.entered_by == people["clerk"]
    assert Obligation.objects.get(key=f"daily-log:{linping.pk}:2026-10-13").state == "done"

    # The principal reads the board on his phone.
    late.goto(f"/daily-logs/board/?day={DAY.isoformat()}")
    expect(late.locator(f'[data-member="{linping.pk}"]')).to_have_attribute("data-status", "submitted")
    assert fits_the_screen(late)

    # The member's week, on the phone (50 minutes idle logged him out: a new session).
    start_logged_in(phone, "deputy", f"/daily-logs/member/{deputy.pk}/?week=2026-10-12")
    expect(phone.locator('[data-day="2026-10-13"]')).to_have_attribute("data-status", "submitted")
    assert fits_the_screen(phone)
