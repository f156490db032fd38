"""A member of the public searches the township's site on a 360-px phone, without an account:
types the compound word, sees the article that contains it, the word highlighted, filters by
category. Selectors are ids, data attributes and URLs, not words, so the test holds in both
languages."""

import re

import pytest
from playwright.sync_api import expect

from tests import factories
from zhidu.portal import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}


def test_the_public_searches_on_a_phone_and_sees_the_highlighted_result(new_page):
    town = factories.township("柞村镇", "zhacun")
    clerk = factories.personas(town)["clerk"]
    found = services.publish(
        clerk.user,
        township=town,
        category="party_affairs",
        subcategory="leadership",
        title="镇领导班子召开年度民主生活会",
        body="十二月十日，镇领导班子召开民主生活会，班子成员逐一对照检查。",
    )
    other = services.publish(
        clerk.user,
        township=town,
        category="news",
        title="村道修缮完工",
        body="东沟村村道修缮完工，生活更方便。",
    )

    phone = new_page(**PHONE)
    phone.goto(f"/site/{town.code}/")  # from the portal's home, by its search box
    expect(phone.locator("#staff-login")).to_be_visible()  # the portal's frame, no log-in
    phone.locator("#site-q").fill("民主生活会")
    phone.locator("#site-q").press("Enter")
    expect(phone).to_have_url(re.compile(rf"/search/{town.code}/\?q="))
    expect(phone.locator("#search-q")).to_have_value("民主生活会")
    result = phone.locator(f'[data-result="{found.pk}"]')
    expect(result).to_be_visible()
    expect(phone.locator(f'[data-result="{other.pk}"]')).to_have_count(0)
    expect(result.locator("mark").first).to_have_text("民主生活会")
    expect(phone.locator("#search-count")).to_have_attribute("data-count", "1")
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")

    # A word of both, then only the news.
    phone.locator("#search-q").fill("生活")
    phone.locator("#search-go").click()
    expect(phone.locator("#search-count")).to_have_attribute("data-count", "2")
    phone.locator("#search-category").select_option("news")
    phone.locator("#search-go").click()
    expect(phone.locator("#search-count")).to_have_attribute("data-count", "1")
    expect(phone.locator(f'[data-result="{other.pk}"] mark').first).to_have_text("生活")

    # The result leads to the article's page.
    phone.locator(f'[data-result="{other.pk}"] h2 a').click()
    expect(phone).to_have_url(re.compile(re.escape(other.get_absolute_url()) + "$"))
    expect(phone.locator("#article-title")).to_have_text(other.title)
