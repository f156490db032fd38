"""R14 as its users live it. On a phone, 林平 reports a trip: the live check warns while the leaving
time typed is already past, and is quiet once it is ahead; 杨栋 acknowledges it on his phone; back,
林平 cancels it with what the meeting conveyed. At a desk, the party office (张敏) opens this week's
Friday briefing, pre-filled from each leader's daily logs (a source this test registers) with 胡新璐
marked away on her training, adds what concerns the whole team and closes it read-only. Selectors are
ids and data attributes, not words, so the test holds in both languages."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from zhidu.coordination.models import Briefing, Leave
from zhidu.obligations.models import Obligation
from zhidu.org.demo import create_demo
from zhidu.org.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 800}, "is_mobile": True, "has_touch": True}
WHERE = "赴市委参加全市安全生产工作会议（浏览器测试）"
REPORT = "会议传达了全市冬春安全生产部署，要求月底前完成燃气隐患排查。"


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def moment(days: int, hour: int) -> str:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return f"{day.isoformat()}T{hour:02d}:00"


def test_a_leave_reported_on_a_phone_acknowledged_then_cancelled_with_its_report(new_page, start_logged_in):
    create_demo()
    phone = new_page(**PHONE)
    start_logged_in(phone, "linping", "/coordination/")
    assert fits_the_screen(phone)
    phone.locator("#report-leave").click()
    phone.locator("#id_purpose").select_option("meeting")
    phone.locator("#id_destination").fill(WHERE)
    phone.locator("#id_starts_at").fill(moment(-1, 8))
    phone.locator("#id_ends_on").fill((timezone.localdate() + datetime.timedelta(days=1)).isoformat())
    # Warned before saving: leaving yesterday, reported now, is after leaving (R14§5).
    expect(phone.locator('#live-check [data-code="leave-reported-late"]')).to_be_visible()
    phone.locator("#id_starts_at").fill(moment(1, 8))
    expect(phone.locator('#live-check [data-code="leave-reported-late"]')).to_have_count(0)
    expect(phone.locator('#live-check [data-code=""]')).to_be_visible()
    assert fits_the_screen(phone)
    phone.locator("#submit-leave").click()
    expect(phone.locator("#leave-destination")).to_have_text(WHERE)
    leave = Leave.objects.get(destination=WHERE)
    assert (leave.state, leave.reported_late) == ("away", False)
    expect(phone.locator("#reported-late")).to_have_count(0)
    secretary_pk = Person.objects.get(name="杨栋").pk
    expect(phone.locator(f'[data-principal="{secretary_pk}"]')).to_have_attribute("data-acknowledged", "no")
    assert fits_the_screen(phone)

    principal = new_page(**PHONE)
    start_logged_in(principal, "yangdong", "/coordination/")
    principal.locator(f'#to-acknowledge [data-leave="{leave.pk}"] a').click()
    principal.locator("#acknowledge").click()
    expect(principal.locator(f'[data-principal="{secretary_pk}"]')).to_have_attribute(
        "data-acknowledged", "yes"
    )
    expect(principal.locator("#return-form")).to_have_count(0)  # only the member cancels it
    assert fits_the_screen(principal)
    ack = Obligation.objects.get(key=f"coordination:leave:{leave.pk}:ack:{secretary_pk}")
    assert ack.state == "done"

    phone.reload()
    phone.locator("#submit-return").click()  # the report is required
    expect(phone.locator("#id_return_report_error")).to_be_visible()
    phone.locator("#id_return_report").fill(REPORT)
    phone.locator("#submit-return").click()
    expect(phone.locator("#leave-state")).to_have_attribute("data-state", "returned")
    expect(phone.locator("#return-report")).to_have_text(REPORT)
    assert fits_the_screen(phone)
    assert Obligation.objects.get(key=f"coordination:leave:{leave.pk}:return").state == "done"


@pytest.fixture
def logs():
    """The week's daily logs as the R18 area would tell them, registered by this test."""
    from zhidu.rules import week_notes

    saved = dict(week_notes._sources)
    week_notes._sources.clear()
    week_notes.register_week_source(
        "browser-test",
        lambda person, monday: week_notes.WeekNotes(
            done=[f"{person.name}本周：完成{monday.month}月{monday.day}日起的冬季防火巡查"],
            planned=[f"{person.name}下周：召开供暖保障协调会"],
        ),
    )
    yield
    week_notes._sources.clear()
    week_notes._sources.update(saved)


def test_the_party_office_records_the_friday_briefing_pre_filled_from_the_logs(
    new_page, start_logged_in, logs
):
    town = create_demo()
    monday = timezone.localdate() - datetime.timedelta(days=timezone.localdate().weekday())
    briefing = Briefing.objects.get(township=town, week_of=monday)
    secretary = Person.objects.get(name="杨栋")
    away = Person.objects.get(name="胡新璐")  # at the county party school this week (the demo's leave)

    office = new_page()
    start_logged_in(office, "zhangmin", "/coordination/")
    office.locator("#this-week-briefing a").click()
    office.locator("#edit-briefing").click()
    expect(office.locator(f"#this_week_{secretary.pk}")).to_have_value(
        f"杨栋本周：完成{monday.month}月{monday.day}日起的冬季防火巡查"
    )
    expect(office.locator(f"#next_week_{secretary.pk}")).to_have_value("杨栋下周：召开供暖保障协调会")
    expect(office.locator(f"#present_{away.pk}")).not_to_be_checked()
    expect(office.locator(f"#reason_{away.pk}")).to_have_value("请假：参加培训（县委党校中青年干部培训班）")
    # The live check: the briefing belongs on the week's last working day.
    other_day = monday if briefing.held_on != monday else monday + datetime.timedelta(days=1)
    office.locator("#id_held_on").fill(other_day.isoformat())
    expect(office.locator('#live-check [data-code="briefing-wrong-day"]')).to_be_visible()
    office.locator("#id_held_on").fill(briefing.held_on.isoformat())
    expect(office.locator('#live-check [data-code="briefing-wrong-day"]')).to_have_count(0)
    office.locator(f"#whole_team_{secretary.pk}").fill("下周三全体班子成员参加县委经济工作会议")
    office.locator("#close-briefing").click()
    expect(office.locator("#briefing-state")).to_have_attribute("data-state", "closed")
    expect(office.locator(f'[data-entry="{secretary.pk}"] .whole-team')).to_have_text(
        "下周三全体班子成员参加县委经济工作会议"
    )
    expect(office.locator("#edit-briefing")).to_have_count(0)
    briefing.refresh_from_db()
    assert briefing.state == "closed"
    duty = Obligation.objects.get(key=f"coordination:briefing:{monday.isoformat()}")
    # Done on time until the end of its Friday; the suite also runs on a Shanghai Saturday.
    assert duty.state == ("done" if duty.completed_at <= duty.due_at else "done_late")

    member = new_page(**PHONE)
    start_logged_in(member, "qiuweixing", f"/coordination/briefings/{briefing.pk}/")
    expect(member.locator(f'[data-entry="{secretary.pk}"] .this-week')).to_contain_text("冬季防火巡查")
    assert fits_the_screen(member)
