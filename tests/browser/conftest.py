"""Browser tests drive Debian's Chromium through Playwright (no downloaded browser): headless,
no sandbox, no GPU, no background networking (the machines have a closed network)."""

import base64
import os
import re
import time
from pathlib import Path

import pytest
from django_otp.oath import totp

OUTPUT = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    executable = os.environ.get("ZHIDU_CHROMIUM", "/usr/bin/chromium")
    if not Path(executable).exists():
        pytest.fail(f"Chromium not found at {executable}: run the tests with `python3 dev.py test`")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=executable,
            headless=True,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def new_page(chromium, live_server, request):
    """new_page(viewport=...) -> a page in a fresh context (a fresh browser profile per user).
    Every page the test opens is watched for Content-Security-Policy violations (issue 17): a page
    that needs an inline script or handler fails the test that met it."""
    contexts = []
    violations: list[str] = []

    def watch(page):
        page.on(
            "console",
            lambda message: (
                violations.append(f"{page.url}: {message.text}")
                if "Content Security Policy" in message.text
                else None
            ),
        )

    def make(**kwargs):
        kwargs.setdefault("locale", "zh-CN")
        kwargs.setdefault("timezone_id", "Asia/Shanghai")
        context = chromium.new_context(base_url=live_server.url, **kwargs)
        context.set_default_timeout(15000)
        context.on("page", watch)
        contexts.append(context)
        return context.new_page()

    yield make
    OUTPUT.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^\w.-]+", "_", request.node.name)
    for index, context in enumerate(contexts):
        for number, page in enumerate(context.pages):
            page.screenshot(path=str(OUTPUT / f"{name}-{index}-{number}.png"), full_page=True)
        context.close()
    assert not violations, "Content-Security-Policy violations:\n" + "\n".join(violations)


@pytest.fixture
def start_logged_in(live_server):
    """start_logged_in(page, username, path="/") -> the response to `page.goto(path)`, the user
    already logged in with both steps passed: a session made on the server side (tests/conftest.py's
    force_login marks it verified by an authenticator, as the second step does), its cookie put into
    the page's context. For the tests that are not about logging in: the pages' two steps cost about
    a second each. test_second_factor, test_login_captcha, the wrong password and the meeting flow's
    clerk still log in through the pages (log_in below), so a broken log-in fails this suite too."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    def start(page, username, path="/"):
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        cookie = {"name": settings.SESSION_COOKIE_NAME, "url": live_server.url, "httpOnly": True}
        cookie["value"] = client.cookies[settings.SESSION_COOKIE_NAME].value
        page.context.add_cookies([cookie])
        return page.goto(path)

    return start


def log_in(page, username, password):
    """Both steps, as the user does them: the password, then the authenticator's code (enrolling
    on the first log-in of a user whose role requires it, from the key the page shows)."""
    page.goto("/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state()
    if "/login/second-factor/enrol/" in page.url:
        key = base64.b32decode(page.locator("#totp-secret").inner_text().replace(" ", ""))
        page.get_by_label("验证码").fill(authenticator_code(key))
        page.get_by_role("button", name="确认并继续").click()
    elif "/login/second-factor/" in page.url:
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.get(user__username=username, confirmed=True)
        page.get_by_label("验证码").fill(authenticator_code(device.bin_key, after_step=device.last_t))
        page.get_by_role("button", name="验证").click()
    page.wait_for_load_state()


def authenticator_code(key: bytes, after_step: int = -1) -> str:
    """What the phone shows. A code is accepted once: when this time step was used already, take
    the next one (the server accepts one step of clock drift), or wait for it, as a user would."""
    while True:
        now = int(time.time()) // 30
        step = max(now, after_step + 1)
        if step <= now + 1:
            return f"{totp(key, drift=step - now):06d}"
        time.sleep(0.5)
