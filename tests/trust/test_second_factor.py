"""The second factor at log-in (issue 6): who must enrol, enrolment, the code step, replays refused
(also two at once), throttling, every page closed until the second step, the reset."""

import base64
import datetime
import re
import threading
import time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import OperationalError, connection
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests import factories
from zhidu.core.models import AuditEntry
from zhidu.trust import twofactor

SH = ZoneInfo("Asia/Shanghai")
T0 = datetime.datetime(2026, 10, 8, 9, 0, tzinfo=SH)
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_captcha(settings):
    settings.ZHIDU_CAPTCHA_AFTER_FAILURES = 0


def password_step(client, username, next_url="/meetings/"):
    return client.post(
        f"{reverse('login')}?next={next_url}",
        {"username": username, "password": factories.PASSWORD, "next": next_url},
    )


def code_now(key: bytes, offset_steps: int = 0) -> str:
    return f"{totp(key, drift=offset_steps):06d}"


def enrol(client, username):
    password_step(client, username)
    page = client.get(reverse("second-factor-enrol"))
    secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', page.content.decode()).group(1)
    key = base64.b32decode(secret.replace(" ", ""))
    response = client.post(reverse("second-factor-enrol"), {"code": code_now(key), "next": "/meetings/"})
    return key, response


def test_roles_that_decide_or_read_sensitive_data_must_enrol_a_cadre_need_not(client, people):
    with time_machine.travel(T0, tick=False):
        response = password_step(client, "secretary")
        assert response.status_code == 302
        assert response.url.startswith(reverse("second-factor-enrol"))
        # Every page stays closed until the second step, the API through the session too.
        for path in ("/", "/meetings/", "/duties/", "/api/meetings"):
            closed = client.get(path)
            assert closed.status_code == 302 and closed.url.startswith(reverse("second-factor-enrol")), path
        htmx = client.get("/meetings/", HTTP_HX_REQUEST="true")
        assert htmx.status_code == 204 and htmx.headers["HX-Redirect"].startswith(
            reverse("second-factor-enrol")
        )

        client.post(reverse("logout"))
        response = password_step(client, "cadre", next_url="/duties/")
        assert response.status_code == 302 and response.url == "/duties/"
        assert client.get("/duties/").status_code == 200
    for persona in ("secretary", "deputy", "clerk", "discipline", "organization"):
        assert twofactor.required(people[persona].user), persona
    assert not twofactor.required(people["cadre"].user)


def test_enrolment_shows_a_qr_code_and_the_key_and_a_right_code_opens_the_session(client, people):
    with time_machine.travel(T0, tick=False):
        password_step(client, "clerk")
        first = client.get(reverse("second-factor-enrol"))
        assert "<svg" in first.content.decode() and "otpauth" not in first.content.decode().split("<svg")[0]
        again = client.get(reverse("second-factor-enrol"))
        secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', first.content.decode()).group(1)
        assert secret in again.content.decode()  # a reload keeps the key the phone scanned

        wrong = client.post(reverse("second-factor-enrol"), {"code": "000000", "next": "/meetings/"})
        assert wrong.status_code == 400
        assert "验证码" in wrong.content.decode() and "不正确" in wrong.content.decode()
        assert not TOTPDevice.objects.filter(user=people["clerk"].user, confirmed=True).exists()

    with time_machine.travel(T0 + datetime.timedelta(seconds=31), tick=False):
        key = base64.b32decode(secret.replace(" ", ""))
        response = client.post(reverse("second-factor-enrol"), {"code": code_now(key), "next": "/meetings/"})
        assert response.status_code == 302 and response.url == "/meetings/"
        assert client.get("/meetings/").status_code == 200
    device = TOTPDevice.objects.get(user=people["clerk"].user)
    assert device.confirmed
    actions = list(AuditEntry.objects.filter(actor=people["clerk"].user).values_list("action", flat=True))
    assert "second_factor.enrolled" in actions and "login.second_factor" in actions


def test_enrolment_offers_the_otpauth_link_for_the_same_phone(client, people):
    """Issue 16: on the phone that holds the authenticator there is nothing to scan; the page links
    the same key as an otpauth:// URI (RFC 6238 key, the issuer and the account), which the phone
    hands to its authenticator app."""
    from urllib.parse import parse_qs, unquote, urlsplit

    password_step(client, "clerk")
    page = client.get(reverse("second-factor-enrol")).content.decode()
    href = re.search(r'<a href="([^"]+)" id="otpauth-link"', page).group(1).replace("&amp;", "&")
    secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', page).group(1).replace(" ", "")
    uri = urlsplit(href)
    assert (uri.scheme, uri.netloc) == ("otpauth", "totp")
    query = parse_qs(uri.query)
    assert query["secret"] == [secret]
    assert query["issuer"] == ["Zhidu"] and unquote(uri.path).startswith("/Zhidu:")
    assert "在本机的验证器应用中添加账户" in page or "Add the account" in page


def test_the_next_log_in_asks_for_a_code_and_refuses_a_replayed_one(client, people):
    with time_machine.travel(T0, tick=False):
        key, _ = enrol(client, "deputy")
        used = code_now(key)
        client.post(reverse("logout"))
        response = password_step(client, "deputy")
        assert response.url.startswith(reverse("second-factor"))
        replay = client.post(reverse("second-factor"), {"code": used, "next": "/meetings/"})
        assert replay.status_code == 400 and "已经使用" in replay.content.decode()
        assert client.get("/meetings/").status_code == 302
    with time_machine.travel(T0 + datetime.timedelta(seconds=90), tick=False):
        response = client.post(reverse("second-factor"), {"code": code_now(key), "next": "/meetings/"})
        assert response.status_code == 302 and response.url == "/meetings/"
        assert client.get("/meetings/").status_code == 200
        # The enrolment page cannot replace a confirmed device from a mere session.
        assert client.get(reverse("second-factor-enrol")).url == reverse("second-factor")


def test_wrong_codes_are_throttled_and_say_until_when(client, people):
    with time_machine.travel(T0, tick=False):
        key, _ = enrol(client, "discipline")
        client.post(reverse("logout"))
        password_step(client, "discipline")
        for bad in ("123", "abcdef", "999999"):
            response = client.post(reverse("second-factor"), {"code": bad, "next": "/"})
            assert response.status_code == 400
        throttled = client.post(reverse("second-factor"), {"code": code_now(key, 1), "next": "/"})
        assert "之后再试" in throttled.content.decode()
        empty = client.post(reverse("second-factor"), {"code": "", "next": "/"})
        assert empty.status_code == 400 and "验证码" in empty.content.decode()


def test_next_must_stay_on_this_site(client, people):
    with time_machine.travel(T0, tick=False):
        password_step(client, "organization")
        page = client.get(reverse("second-factor-enrol"))
        secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', page.content.decode()).group(1)
        key = base64.b32decode(secret.replace(" ", ""))
        response = client.post(
            reverse("second-factor-enrol"), {"code": code_now(key), "next": "https://evil.example/"}
        )
        assert response.status_code == 302 and response.url == "/"


@pytest.mark.django_db(transaction=True)
def test_two_requests_with_the_same_code_at_once_only_one_wins(people):
    user = people["secretary"].user
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    code = code_now(device.bin_key)
    outcomes, barrier = [], threading.Barrier(4)

    def attempt():
        try:
            mine = TOTPDevice.objects.get(pk=device.pk)
            barrier.wait()
            for _attempt in range(50):
                try:
                    outcomes.append(twofactor.verify(mine, code)[0])
                    break
                except OperationalError:  # the in-memory test SQLite's shared cache: "table is locked"
                    time.sleep(0.01)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == sorted([twofactor.ACCEPTED] + [twofactor.REPLAYED] * 3)


def test_reset_by_command_is_audited_and_the_next_log_in_enrols_again(client, people, capsys):
    with time_machine.travel(T0, tick=False):
        enrol(client, "secretary")
    call_command("reset_second_factor", "secretary", "--reason", "手机丢失")
    assert not TOTPDevice.objects.filter(user=people["secretary"].user).exists()
    entry = AuditEntry.objects.get(action="second_factor.reset")
    assert "手机丢失" in entry.summary and entry.township == people["secretary"].township
    client.post(reverse("logout"))
    with time_machine.travel(T0 + datetime.timedelta(minutes=5), tick=False):
        assert password_step(client, "secretary").url.startswith(reverse("second-factor-enrol"))


def test_reset_command_refuses_an_unknown_user_with_status_2(people):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError) as refused:
        call_command("reset_second_factor", "nobody", "--reason", "手机丢失")
    assert refused.value.returncode == 2 and "nobody" in str(refused.value)


def test_deleting_a_device_in_the_admin_is_audited(client, people):
    admin = factories.person(people["cadre"].township, "管理员", username="boss").user
    admin.is_staff = admin.is_superuser = True
    admin.save()
    device = TOTPDevice.objects.create(user=people["deputy"].user, name="phone", confirmed=True)
    client.force_login(admin)
    url = reverse("admin:otp_totp_totpdevice_delete", args=[device.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
    entry = AuditEntry.objects.get(action="admin.delete")
    assert entry.actor == admin and entry.address == "127.0.0.1"
