"""R13 as the principal lives it: 邱维兴 drafts and submits his speech on a phone; 杨栋 creates the
year's democratic life meeting (the live panel first warns of the missing theme), records it held
with the criticism and self-criticism, adds a rectification measure (the panel warns that it names
no responsible person and no due day) and sets the measures; the measure is an obligation of 吴芳,
who reports it done on her phone. The expected rows come from the database, not from the page."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from zhidu.life_meetings import periodic
from zhidu.life_meetings.models import LifeMeeting, Measure, Speech
from zhidu.obligations.models import Obligation
from zhidu.org.demo import create_demo
from zhidu.org.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"viewport": {"width": 390, "height": 800}, "is_mobile": True, "has_touch": True}


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_principal_holds_a_life_meeting_whose_measures_become_tracked_items(new_page, start_logged_in):
    town = create_demo()
    people = {p.user.username: p for p in Person.objects.filter(township=town, user__isnull=False)}
    yang, qiu, wu = people["yangdong"], people["qiuweixing"], people["wufang"]
    LifeMeeting.objects.filter(township=town).update(year=timezone.localdate().year - 1)  # the demo's

    page = new_page()
    start_logged_in(page, "yangdong", "/life-meetings/")
    page.locator("#new-meeting").click()
    page.locator("#id_theme").fill(" ")
    expect(page.locator('#check-panel [data-code="no-theme"]')).to_be_visible()
    page.locator("#id_theme").fill("严守政治纪律，对照检查履职尽责情况")
    expect(page.locator('#check-panel [data-code="ok"]')).to_be_visible()
    page.locator("#submit-form").click()
    expect(page.locator("#meeting-state")).to_have_attribute("data-state", "preparing")
    meeting = LifeMeeting.objects.get(township=town, year=timezone.localdate().year)

    phone = new_page(**PHONE)
    start_logged_in(phone, "qiuweixing", f"/life-meetings/{meeting.pk}/")
    phone.locator("#my-speech").click()
    phone.locator("#id_text").fill("对照检查：深入基层调研不够经常。")
    phone.locator("#save-draft").click()
    expect(phone.locator("#speech-state")).to_have_attribute("data-state", "draft")
    assert no_horizontal_scroll(phone)
    phone.locator("#submit-speech").click()
    expect(phone.locator("#speech-state")).to_have_attribute("data-state", "submitted")

    page.reload()
    speech = Speech.objects.get(meeting=meeting, person=qiu)
    expect(page.locator(f'[data-speech="{speech.pk}"] [data-state]')).to_have_attribute(
        "data-state", "submitted"
    )
    page.locator("#hold-meeting").click()
    page.locator(f"#self_{speech.pk}").fill("联系群众不够。")
    page.locator(f"#crit_{speech.pk}").fill("调研要更深入。")
    page.locator("#submit-hold").click()
    expect(page.locator("#meeting-state")).to_have_attribute("data-state", "held")
    assert Obligation.objects.get(key=periodic.meeting_key(meeting.year)).is_finished

    page.locator("#add-measures").click()
    page.locator("#id_text").fill("每月到联系村走访一次")
    expect(page.locator('#check-panel [data-code="no-owner"]')).to_be_visible()
    expect(page.locator('#check-panel [data-code="no-due"]')).to_be_visible()
    page.locator("#id_owner").select_option(str(wu.pk))
    due = timezone.localdate() + datetime.timedelta(days=90)
    page.locator("#id_due_on").fill(due.isoformat())
    expect(page.locator('#check-panel [data-code="ok"]')).to_be_visible()
    page.locator("#submit-measure").click()
    measure = Measure.objects.get(meeting=meeting)
    expect(page.locator(f'#measures [data-measure="{measure.pk}"]')).to_be_visible()
    page.locator("#back-to-meeting").click()
    page.locator("#confirm-measures").click()
    assert Obligation.objects.get(key=periodic.measures_key(meeting.pk)).is_finished

    tracked = Obligation.objects.get(key=periodic.measure_key(measure.pk))
    assert (tracked.assignee, tracked.state) == (wu, "open")
    owner = new_page(**PHONE)
    start_logged_in(owner, "wufang", f"/life-meetings/measures/{measure.pk}/")
    expect(owner.locator("#measure-state")).to_have_attribute("data-done", "no")
    owner.locator("#id_done_report").fill("已走访东沟村、西岭村。")
    owner.locator("#report-done").click()
    expect(owner.locator("#measure-state")).to_have_attribute("data-done", "yes")
    tracked.refresh_from_db()
    assert tracked.is_finished
    assert yang.pk == meeting.convener_id
