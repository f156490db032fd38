"""Issue 16, done when: the clerk sends a meeting's notice; the local SMTP server and the local WeCom
robot receive it; the member confirms from the link (no log-in); the outbox and the meeting page
show the confirmation and the channel. Real servers on 127.0.0.1 only."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests import factories
from tests.meetings import meeting_factory as mf
from tests.notifications.servers import HttpRecorder, SmtpServer
from zhidu.notifications import digest
from zhidu.notifications.models import ContactAddress, Notification
from zhidu.obligations import jobs

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 800}, "is_mobile": True, "has_touch": True}


def test_notice_reaches_the_member_who_confirms_from_the_link(
    new_page, start_logged_in, live_server, monkeypatch
):
    town = factories.township()
    people = mf.team(town)
    ContactAddress.objects.create(
        township=town, person=people["qiu"], channel="email", address="qiu@example.org"
    )
    ContactAddress.objects.create(township=town, person=people["qiu"], channel="wecom", address="13800000002")
    # Tomorrow: within 48 hours, so the notice is urgent and goes whatever the day and hour.
    held = timezone.localtime() + datetime.timedelta(days=1)
    meeting = mf.meeting(town, people, [mf.approved_item(town, people)], held_at=held)
    with SmtpServer() as smtp, HttpRecorder() as wecom:
        monkeypatch.setenv("ZHIDU_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("ZHIDU_SMTP_PORT", str(smtp.port))
        monkeypatch.setenv("ZHIDU_WECOM_WEBHOOK", f"{wecom.url}/cgi-bin/webhook/send?key=k")
        monkeypatch.setenv("ZHIDU_BASE_URL", live_server.url)

        clerk = new_page(**DESKTOP)
        start_logged_in(clerk, "clerk", f"/meetings/{meeting.pk}/")
        clerk.locator(f"form[action='/meetings/{meeting.pk}/notice/'] button[type=submit]").click()
        clerk.wait_for_load_state()
        assert Notification.objects.filter(recipient=people["qiu"]).count() == 2

        # The scheduler's job (only this kernel's step: the areas' generators need their own rows).
        monkeypatch.setattr(jobs, "_generators", {"notifications": digest.step})
        jobs.run()
        # After the working morning the same run also sends the day's digest of duties: the notice
        # is the message that carries the receipt link.
        [mail] = [
            m for m in smtp.messages if m["to"] == ["qiu@example.org"] and "/notifications/r/" in m["body"]
        ]
        assert "村级道路维修资金" in mail["body"]
        [robot] = [r for r in wecom.received if "/notifications/r/" in r["json"]["text"]["content"]]
        assert robot["json"]["text"]["mentioned_mobile_list"] == ["13800000002"]
        link = next(line for line in mail["body"].splitlines() if "/notifications/r/" in line).strip()

        member = new_page(**PHONE)  # the member's phone, not logged in
        member.goto(link)
        expect(member.locator("#receipt-confirmed")).to_be_visible()
        expect(member.locator("#receipt-at")).not_to_be_empty()

    clerk.goto("/notifications/outbox/")
    notice = "#outbox tbody tr[data-topic='meetings.notice']"
    rows = clerk.locator(notice, has_text="邱维兴")
    expect(rows).to_have_count(2)
    for channel in ("email", "wecom"):
        row = clerk.locator(f"{notice}[data-channel={channel}]", has_text="邱维兴")
        expect(row).to_have_attribute("data-state", "sent")
        expect(row.locator("td.confirmed")).not_to_have_text("—")
    clerk.goto(f"/meetings/{meeting.pk}/")
    confirmed = clerk.locator("tr", has_text="邱维兴").last
    expect(confirmed).to_contain_text(str(timezone.localdate().year))
    # The meeting page names how the notice reached each member, and the receipt.
    for channel in ("email", "wecom"):
        delivered = clerk.locator(f"#deliveries tr[data-channel={channel}]", has_text="邱维兴")
        expect(delivered).to_have_attribute("data-state", "sent")
        expect(delivered).to_contain_text(str(timezone.localdate().year))


def test_a_member_sets_where_notices_reach_them_warned_while_typing(new_page, start_logged_in):
    town = factories.township()
    people = mf.team(town)
    page = new_page(**PHONE)
    start_logged_in(page, "hu", "/notifications/me/")
    page.locator("#email-address").fill("hu@example")
    page.locator("#sms-address").fill("1380000")
    warning = page.locator("#address-check [data-live-error]")
    expect(warning).to_have_count(2)  # named before the form is sent
    assert not ContactAddress.objects.exists()
    page.locator("#email-address").fill("hu@example.org")
    page.locator("#sms-address").fill("138 0000 0006")
    expect(warning).to_have_count(0)
    page.locator("#contact-form button[type=submit]").click()
    page.wait_for_load_state()
    saved = {p.channel: p.address for p in ContactAddress.objects.filter(person=people["hu"])}
    assert saved == {"email": "hu@example.org", "sms": "13800000006"}
    expect(page.locator("#sms-address")).to_have_value("13800000006")
