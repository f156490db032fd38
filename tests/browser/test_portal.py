"""The public portal as its users live it (issue 15): the clerk of the party office (张敏, at a desk)
opens a closed team meeting, publishes its passed decision in one click and sees the R1§7(6) duty
done; a member of the public, on a 360-px phone and without an account, opens the site, reads the
decision, follows a category and opens its feed. Selectors are ids, data attributes and URLs, not
words, so the test holds in both languages."""

import re

import pytest
from playwright.sync_api import expect

from zhidu.meetings.models import Meeting
from zhidu.obligations.models import Obligation
from zhidu.org.demo import create_demo
from zhidu.portal import counter
from zhidu.portal.models import Article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
RESOLUTION = "同意拨付村级道路维修资金，由经济发展办公室组织实施。"


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_the_clerk_publishes_a_decision_and_the_public_reads_it_on_a_phone(new_page, start_logged_in):
    counter.take()  # reads counted by earlier tests of this process (their rows are gone)
    town = create_demo()
    meeting = Meeting.objects.get(township=town, state="closed", body="team")
    duty = Obligation.objects.get(township=town, kind="publish")
    assert duty.state == "open"

    # The clerk, at a desk: the duty, the meeting, one click.
    desk = new_page()
    start_logged_in(desk, "zhangmin", "/duties/")
    expect(desk.locator(f"#duty-{duty.pk}")).to_have_class("duty state-open")
    desk.goto(f"/meetings/{meeting.pk}/")
    desk.locator("#publish-decisions").click()
    entry = meeting.entries.get(item__title="拨付村级道路维修资金")
    expect(desk.locator(f"#body-{entry.pk}")).to_contain_text(RESOLUTION)
    assert "与会成员认为" not in desk.locator(f"#body-{entry.pk}").input_value()  # never the discussion
    desk.locator(f"#publish-{entry.pk}").click()
    expect(desk.locator(f"#published-{entry.pk}")).to_be_visible()
    article = Article.objects.get(township=town, source_id=str(entry.pk))
    assert article.state == "published"
    desk.goto("/duties/")
    expect(desk.locator(f"#duty-{duty.pk}")).to_have_class("duty state-done")

    # A member of the public, on a phone, no account: "/" is the township's site.
    phone = new_page(**PHONE)
    phone.goto("/")
    assert phone.url.endswith("/site/zhacun/")
    expect(phone.locator("#staff-login")).to_have_attribute("href", "/login/")
    assert fits_the_screen(phone)
    phone.locator(f'[data-section="party_affairs"] a[href="{article.get_absolute_url()}"]').click()
    expect(phone.locator("#article-title")).to_have_text(article.title)
    expect(phone.locator("#article-body")).to_contain_text(RESOLUTION)
    expect(phone.locator("#published-on")).not_to_be_empty()
    expect(phone.locator("#view-count")).to_have_text(re.compile(r"^\s*1\D"))
    assert fits_the_screen(phone)
    assert counter.pending(article.pk) >= 1  # counted in memory, not written per read

    # Follow the category, then its feed.
    phone.locator('nav.categories a[data-category="party_affairs"]').click()
    assert phone.url.endswith("/site/zhacun/c/party_affairs/")
    expect(phone.locator(f'main a[href="{article.get_absolute_url()}"]')).to_be_visible()
    assert fits_the_screen(phone)
    feed_url = phone.locator("#feed-rss").get_attribute("href")
    feed = phone.request.get(feed_url)
    assert feed.ok and feed.headers["content-type"].startswith("application/rss+xml")
    assert article.title in feed.text() and article.get_absolute_url() in feed.text()

    # Keyboard: the skip link is the first stop and shows where the focus is.
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.className") == "skip"
