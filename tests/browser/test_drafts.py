"""As the party office clerk would, on the office PC during the meeting: what is typed into an item's
record survives a reload, the back button and an expired session (logged in again, both steps), and
is forgotten once the form is sent (issue 11, "never lose what was typed")."""

import datetime
import re

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.meetings.meeting_factory import clerk_user
from zhidu.drafts.models import Draft
from zhidu.meetings import services
from zhidu.meetings.models import AgendaEntry, Meeting
from zhidu.org.demo import create_demo, demo_password
from zhidu.org.models import Person
from zhidu.workdays.services import get_calendar

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"viewport": {"width": 1280, "height": 900}}
DISCUSSION = "与会成员一致认为西沟村饮水工程应在汛期前完工，资金分两期拨付。"
MORE = "郭爱峰补充：须先完成招标。"


def meeting_in_session(town):
    """A meeting on its day (recorded from that day on, R1§8), notice sent, everyone present."""
    people = {p.name: p for p in Person.objects.filter(township=town)}
    item = services.propose_item(
        township=town, proposer=people["邱维兴"], title="拨付西沟村饮水工程资金（草稿测试）",
        category="general", owner=people["邱维兴"],
    )  # fmt: skip
    services.decide_item(item, by=people["杨栋"], approve=True)
    day = get_calendar().after_workdays(timezone.localdate(), 4).date
    held_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(15, 0)))
    meeting = services.create_meeting(
        township=town, body="team", title="党委领导班子例会（草稿测试）", held_at=held_at,
        chair=people["杨栋"], recorder=people["张敏"], items=[item], user=clerk_user(town),
    )  # fmt: skip
    services.send_notice(meeting, version=meeting.version, user=clerk_user(meeting))
    meeting.refresh_from_db()
    statuses = {a.person_id: ("present", "") for a in meeting.attendance.all()}
    return meeting, statuses


def saved_draft(page, action):
    """Do `action` (typing) and wait for the page to keep it on the server."""
    with page.expect_response(lambda r: r.url.endswith("/drafts/") and r.request.method == "POST") as saved:
        action()
    assert saved.value.ok, saved.value.status


def test_typed_text_survives_reload_back_and_an_expired_session_and_goes_once_sent(new_page, request):
    town = create_demo()
    meeting, statuses = meeting_in_session(town)
    traveller = time_machine.travel(meeting.held_at + datetime.timedelta(minutes=5), tick=True)
    traveller.start()
    request.addfinalizer(traveller.stop)
    services.record_attendance(meeting, version=meeting.version, statuses=statuses, user=clerk_user(meeting))
    entry = meeting.entries.get()
    url = f"/meetings/{meeting.pk}/record/{entry.pk}/"
    key = f"meetings.record_entry:{entry.pk}"

    clerk = new_page(**DESKTOP)
    log_in(clerk, "zhangmin", demo_password())
    clerk.goto(url)
    discussion = clerk.locator("form[data-draft] textarea[name=discussion]")
    saved_draft(clerk, lambda: discussion.fill(DISCUSSION))
    assert Draft.objects.get(key=key).data["discussion"] == DISCUSSION
    assert "version" not in Draft.objects.get(key=key).data  # the page's own hidden fields stay out

    # Reload: the text comes back, with the notice and its discard button.
    clerk.reload()
    expect(discussion).to_have_value(DISCUSSION)
    expect(clerk.locator(f'[data-draft-notice="{key}"]')).to_be_visible()
    expect(clerk.locator(f'[data-draft-notice="{key}"] button')).to_be_visible()

    # The back button: to the attendance page and back.
    saved_draft(clerk, lambda: discussion.fill(DISCUSSION + MORE))
    clerk.locator(f'a[href="/meetings/{meeting.pk}/record/"]').first.click()
    clerk.wait_for_url(f"**/meetings/{meeting.pk}/record/")
    clerk.go_back()
    expect(discussion).to_have_value(DISCUSSION + MORE)

    # The session expires (its row is gone): the page sends the clerk to log in; both steps again,
    # then back to the item: the text is there.
    Session.objects.all().delete()
    clerk.reload()
    expect(clerk).to_have_url(re.compile(r"/login/"))
    log_in(clerk, "zhangmin", demo_password())
    clerk.goto(url)
    expect(discussion).to_have_value(DISCUSSION + MORE)

    # Sent: saved on the record, and the draft is forgotten on the server.
    clerk.locator("form[data-draft] button[type=submit]").click()
    clerk.wait_for_load_state()
    expect(clerk.locator(".messages")).to_be_visible()
    assert AgendaEntry.objects.get(pk=entry.pk).discussion == DISCUSSION + MORE
    assert not Draft.objects.filter(key=key).exists()
    clerk.reload()
    expect(discussion).to_have_value(DISCUSSION + MORE)  # the record's own value now
    expect(clerk.locator("[data-draft-notice]")).to_have_count(0)


def test_discarding_a_draft_shows_the_record_again(new_page, start_logged_in, request):
    town = create_demo()
    meeting, statuses = meeting_in_session(town)
    traveller = time_machine.travel(meeting.held_at + datetime.timedelta(minutes=5), tick=True)
    traveller.start()
    request.addfinalizer(traveller.stop)
    services.record_attendance(meeting, version=meeting.version, statuses=statuses, user=clerk_user(meeting))
    clerk = new_page(**DESKTOP)
    start_logged_in(clerk, "zhangmin", f"/meetings/{meeting.pk}/record/")
    reason = clerk.locator("form[data-draft] input[name^=reason_]").first
    saved_draft(clerk, lambda: reason.fill("临时外出"))
    clerk.reload()
    expect(reason).to_have_value("临时外出")
    clerk.locator("[data-draft-notice] button").click()
    clerk.wait_for_load_state()
    expect(clerk.locator("[data-draft-notice]")).to_have_count(0)
    expect(reason).to_have_value("")
    assert not Draft.objects.exists()


NEW_TITLE = "党委领导班子例会（改期后）"


def test_text_typed_after_the_session_expired_is_kept_in_the_browser_until_logged_in(
    new_page, start_logged_in
):
    """The session is gone BEFORE the typing: the server cannot keep the draft, so the browser does
    (localStorage, per user, page and form), and gives it back, to the screen and to the server,
    after the log-in; sent, it is forgotten everywhere."""
    town = create_demo()
    meeting, _statuses = meeting_in_session(town)
    url = f"/meetings/{meeting.pk}/edit/"
    key = f"meetings.edit:{meeting.pk}"
    clerk = new_page(**DESKTOP)
    start_logged_in(clerk, "zhangmin", url)
    title = clerk.locator("form[data-draft]").get_by_label("会议名称")
    expect(title).to_have_value(meeting.title)

    Session.objects.all().delete()
    with clerk.expect_response(lambda r: r.url.endswith("/drafts/") and r.request.method == "POST") as answer:
        title.fill(NEW_TITLE)
    assert not answer.value.ok  # the log-in page answered: nothing kept on the server
    expect(clerk.locator(f'[data-draft-local="{key}"]')).to_be_visible()
    kept = clerk.evaluate("Object.keys(localStorage).map(k => [k, localStorage.getItem(k)])")
    assert len(kept) == 1 and key in kept[0][0] and NEW_TITLE in kept[0][1]
    assert "csrfmiddlewaretoken" not in kept[0][1] and "version" not in kept[0][1]
    assert not Draft.objects.exists()

    # Logged in again (both steps), back to the form: the text is there, and goes to the server.
    clerk.reload()
    expect(clerk).to_have_url(re.compile(r"/login/"))
    log_in(clerk, "zhangmin", demo_password())
    clerk.goto(url)
    expect(title).to_have_value(NEW_TITLE)
    expect(clerk.locator(f'[data-draft-notice="{key}"]')).to_be_visible()
    clerk.wait_for_function("() => Object.keys(localStorage).length === 0")
    assert Draft.objects.get(key=key).data["title"] == NEW_TITLE

    # Sent: saved on the meeting, forgotten on the server and in the browser.
    clerk.locator("form[data-draft] button[type=submit]").click()
    clerk.wait_for_url(f"**/meetings/{meeting.pk}/")
    assert Meeting.objects.get(pk=meeting.pk).title == NEW_TITLE
    assert not Draft.objects.filter(key=key).exists()
    assert clerk.evaluate("Object.keys(localStorage).length") == 0
