"""R12 as its users live it. On a phone, 林平 (a team member) writes a reading note: saved without a
title it is refused with the field named and the text typed kept; saved again it is kept and listed;
杨栋, the group's leader, sees it among the members' notes of the plan. At a desk, the organization
office records a session: the live panel warns of a member marked absent without leave and is quiet
once the member is on leave. Selectors are ids and data attributes, not words."""

import pytest
from playwright.sync_api import expect

from zhidu.central_study.models import StudyNote, StudyPlan, StudySession
from zhidu.org.demo import create_demo
from zhidu.org.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 800}, "is_mobile": True, "has_touch": True}
BODY = "读《习近平谈治国理政》第五卷，记下关于基层治理的三点体会（浏览器测试）。"


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_a_member_keeps_study_notes_on_a_phone_and_the_leader_reads_them(new_page, start_logged_in):
    create_demo()
    phone = new_page(**PHONE)
    start_logged_in(phone, "linping", "/central-study/")
    assert fits_the_screen(phone)
    phone.locator("#new-note").click()
    phone.locator("#id_body").fill(BODY)
    phone.locator("#save-note").click()
    expect(phone.locator("#id_title_error")).to_be_visible()
    expect(phone.locator("#id_body")).to_have_value(BODY)
    assert fits_the_screen(phone)
    phone.locator("#id_title").fill("基层治理读书笔记")
    phone.locator("#save-note").click()
    expect(phone.locator("#note-body")).to_contain_text(BODY)
    note = StudyNote.objects.get(body=BODY)
    assert note.person.name == "林平"
    phone.goto(phone.url.rsplit("/notes/", 1)[0] + "/notes/")
    expect(phone.locator(f'#notes [data-note="{note.pk}"]')).to_be_visible()
    assert fits_the_screen(phone)

    leader = new_page(**PHONE)
    plan = StudyPlan.objects.get()
    start_logged_in(leader, "yangdong", f"/central-study/plans/{plan.pk}/")
    row = leader.locator(f'#group [data-member="{note.person_id}"] a')
    expect(row).to_have_text("2")  # the demo's note and this one, in the period
    row.click()
    expect(leader.locator(f'#notes [data-note="{note.pk}"]')).to_be_visible()


def test_the_office_records_a_session_warned_of_an_absence_without_leave(new_page, start_logged_in):
    create_demo()
    page = new_page()
    plan = StudyPlan.objects.get()
    start_logged_in(page, "zhaolei", f"/central-study/plans/{plan.pk}/")
    page.locator("#new-session").click()
    page.locator("#id_kind").select_option("seminar")
    page.locator("#id_held_on").fill(plan.starts_on.isoformat())
    page.locator("#id_topic").select_option(str(plan.topics.last().pk))
    page.locator("#id_subject").fill("座谈讨论：党风廉政建设")
    xu = Person.objects.get(name="徐文").pk
    page.locator(f"#id_att_{xu}").select_option("absent")
    expect(page.locator('#live-check [data-code="absent-without-leave"]')).to_be_visible()
    page.locator(f"#id_att_{xu}").select_option("leave")
    page.locator(f"#id_reason_{xu}").fill("县里开会")
    expect(page.locator('#live-check [data-code="absent-without-leave"]')).to_have_count(0)
    expect(page.locator('#live-check [data-code=""]')).to_be_visible()
    page.locator("#save-session").click()
    expect(page.locator(f'#attendance [data-member="{xu}"]')).to_contain_text("县里开会")
    assert StudySession.objects.filter(topic=plan.topics.last()).count() == 1
