"""The principal on a phone: enrols an authenticator at the first log-in, then logs in with a
code; a code already used is refused in Chinese naming the field."""

import base64
import time

import pytest
import time_machine
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.browser.conftest import authenticator_code
from zhidu.org.demo import create_demo, demo_password

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def clock():
    """The real clock, running; `clock.shift(seconds)` moves it on at once, for the live server in
    this process as for the codes computed here (the browser keeps no time of its own that matters)."""
    with time_machine.travel(time.time(), tick=True) as traveller:
        yield traveller


def test_principal_enrols_on_a_phone_and_a_used_code_is_refused(new_page, transactional_db, clock):
    create_demo()
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto("/meetings/")
    page.get_by_label("用户名").fill("yangdong")
    page.get_by_label("密码").fill(demo_password())
    page.get_by_role("button", name="登录").click()

    page.wait_for_url("**/login/second-factor/enrol/**")
    assert page.get_by_role("heading", name="设置登录第二步验证").is_visible()
    assert page.locator("figure.qr svg").is_visible()
    # Every other page waits for the second step.
    page.goto("/duties/")
    page.wait_for_url("**/login/second-factor/enrol/**")
    key = base64.b32decode(page.locator("#totp-secret").inner_text().replace(" ", ""))
    page.get_by_label("验证码").fill("12345")
    page.get_by_role("button", name="确认并继续").click()
    assert page.locator("#id_code_error").inner_text().startswith("验证码")
    clock.shift(1.1)  # django-otp's throttle: one wrong code costs a second
    first = authenticator_code(key)
    page.get_by_label("验证码").fill(first)
    page.get_by_role("button", name="确认并继续").click()
    page.wait_for_url("**/duties/")
    assert TOTPDevice.objects.get(user__username="yangdong").confirmed

    page.get_by_role("button", name="退出").click()
    page.wait_for_url("**/login/**")
    page.get_by_label("用户名").fill("yangdong")
    page.get_by_label("密码").fill(demo_password())
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/login/second-factor/?**")
    page.get_by_label("验证码").fill(first)
    page.get_by_role("button", name="验证").click()
    assert "该验证码已经使用过" in page.locator("#id_code_error").inner_text()
    device = TOTPDevice.objects.get(user__username="yangdong")
    clock.shift(1.1)
    page.get_by_label("验证码").fill(authenticator_code(key, after_step=device.last_t))
    page.get_by_role("button", name="验证").click()
    page.wait_for_url(lambda url: "/login/" not in url)
    page.locator("details.menu > summary").click()  # on a phone the main menu opens from its button
    assert page.get_by_role("link", name="我的待办").first.is_visible()
