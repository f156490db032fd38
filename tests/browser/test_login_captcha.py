"""Someone at the township office mistypes a password three times: the log-in page now shows a
captcha picture drawn by the server itself (no outside service), keeps the typed name, refuses a
wrong answer in Chinese naming the field, and lets the right answer through."""

import re

import pytest
from captcha.models import CaptchaStore
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import OUTPUT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def zh(msgid: str) -> str:
    """The page's Chinese (the English msgid until the translations are merged)."""
    with translation.override("zh-hans"):
        return gettext(msgid)


def submit(page, username, password, captcha=None):
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    if captcha is not None:
        page.get_by_label(zh("Captcha"), exact=True).fill(captcha)
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state()


def expected_answer(page) -> str:
    key = page.locator('input[name="captcha_0"]').input_value()
    return CaptchaStore.objects.get(hashkey=key).response


def test_after_failed_log_ins_the_captcha_appears_refuses_a_wrong_answer_and_admits_the_right(
    new_page, town, settings
):
    # One failure-count window for the whole test (its boundary must not fall between two tries).
    settings.ZHIDU_LOGIN_COOLOFF_SECONDS = 86400
    factories.person(town, "王干事", username="wanggs")
    page = new_page(viewport={"width": 390, "height": 800}, is_mobile=True, has_touch=True)
    page.goto("/login/")
    captcha = page.get_by_label(zh("Captcha"), exact=True)
    expect(captcha).to_have_count(0)
    for _ in range(3):
        submit(page, "wanggs", "not-the-password")
    expect(captcha).to_be_visible()
    expect(page.get_by_label("用户名")).to_have_value("wanggs")
    picture = page.locator("img.captcha")
    expect(picture).to_be_visible()
    assert picture.evaluate("img => img.complete && img.naturalWidth") > 60  # drawn, offline

    # A wrong answer, with the right password: refused before the password is looked at.
    submit(page, "wanggs", factories.PASSWORD, captcha=expected_answer(page)[::-1] + "Q")
    expect(page.get_by_role("alert")).to_contain_text(
        zh("Captcha is wrong: type the characters of the new picture.")
    )
    expect(page.get_by_label("用户名")).to_have_value("wanggs")
    assert "/login/" in page.url
    OUTPUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUTPUT / "login-captcha-wrong.png"), full_page=True)

    # The right answer (upper case, as read from the picture) logs in.
    submit(page, "wanggs", factories.PASSWORD, captcha=expected_answer(page).upper())
    expect(page).not_to_have_url(re.compile(r"/login/"))
    expect(page.get_by_text("王干事")).to_be_visible()
