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
    """new_page(viewport=...) -> a page in a fresh context (a fresh browser profile per user)."""
    contexts = []

    def make(**kwargs):
        kwargs.setdefault("locale", "zh-CN")
        kwargs.setdefault("timezone_id", "Asia/Shanghai")
        context = chromium.new_context(base_url=live_server.url, **kwargs)
        context.set_default_timeout(15000)
        contexts.append(context)
        return context.new_page()

    yield make
    OUTPUT.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^\w.-]+", "_", request.node.name)
    for index, context in enumerate(contexts):
        for number, page in enumerate(context.pages):
            page.screenshot(path=str(OUTPUT / f"{name}-{index}-{number}.png"), full_page=True)
        context.close()


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
