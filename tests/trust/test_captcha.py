"""The log-in captcha (zhidu.trust.captchas): drawn by this server offline, asked after failures from
one address or near a name's lockout, checked before the password, and the lockout still works."""

import io
import re

import pytest
import time_machine
from captcha.models import CaptchaStore
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from PIL import Image

from tests import factories
from zhidu.trust.lockout import locked_message
from zhidu.trust.models import LoginThrottle

T0 = 1_789_999_200  # a window boundary of the 900-second failure count
pytestmark = pytest.mark.django_db
ADDRESS = "198.51.100.9"


def zh(msgid: str) -> str:
    """The text in Chinese (the English msgid until the translations are merged)."""
    with translation.override("zh-hans"):
        return gettext(msgid)


@pytest.fixture(autouse=True)
def _at_t0():
    with time_machine.travel(T0, tick=False):
        yield


@pytest.fixture
def clerk(town):
    return factories.person(town, "张党办", username="clerk", dept_kind="party_office").user


def post(client, username, password, address=ADDRESS, **extra):
    data = {"username": username, "password": password, **extra}
    with translation.override("zh-hans"):
        return client.post(reverse("login"), data, REMOTE_ADDR=address)


def key_of(response) -> str:
    return re.search(r'name="captcha_0" value="(\w+)"', response.content.decode()).group(1)


def answer(response, right=True) -> dict:
    key = key_of(response)
    expected = CaptchaStore.objects.get(hashkey=key).response
    return {"captcha_0": key, "captcha_1": expected if right else expected[::-1] + "x"}


def test_the_picture_is_drawn_offline_for_anyone(client, people):
    key = CaptchaStore.generate_key()
    for user in (None, people["cadre"].user):
        if user is not None:
            client.force_login(user)
        response = client.get(reverse("captcha-image", kwargs={"key": key}))
        assert response.status_code == 200 and response["Content-Type"] == "image/png"
        image = Image.open(io.BytesIO(response.content))
        assert image.size[0] > 60 and image.size[1] > 20
    assert client.get(reverse("captcha-image-2x", kwargs={"key": key})).status_code == 200
    # An unknown or used key: gone, not an error page.
    assert client.get(reverse("captcha-image", kwargs={"key": "0" * 40})).status_code == 410


def test_no_captcha_until_three_failures_from_the_address(client, clerk):
    assert "captcha_1" not in client.get(reverse("login")).content.decode()
    for n in range(2):
        assert not post(client, f"name{n}", "wrong").context["form"].needs_captcha
    # The third failure shows it at once, with the typed name kept.
    response = post(client, "name2", "wrong")
    page = response.content.decode()
    assert response.context["form"].needs_captcha and 'name="captcha_1"' in page
    assert zh("Captcha") in page and 'value="name2"' in page
    # Another address is not asked.
    assert not post(client, "clerk", "wrong", address="198.51.100.10").context["form"].needs_captcha


def test_a_missing_or_wrong_captcha_refuses_before_the_password_is_checked(client, clerk):
    for n in range(3):
        post(client, f"name{n}", "wrong")
    missing = post(client, "clerk", factories.PASSWORD)
    assert missing.status_code == 200 and "_auth_user_id" not in client.session
    assert zh("Captcha: type the characters shown in the picture.") in missing.content.decode()
    right_answer = answer(missing)
    wrong = post(client, "clerk", factories.PASSWORD, **answer(missing, right=False))
    text = wrong.content.decode()
    assert "_auth_user_id" not in client.session
    assert zh("Captcha is wrong: type the characters of the new picture.") in text
    assert 'value="clerk"' in text  # the name typed is kept
    # Neither attempt counted against the name (the password was not even looked at).
    assert not LoginThrottle.objects.filter(username="clerk").exists()
    # A captcha is good once: the right answer to the used picture is refused.
    reused = post(client, "clerk", factories.PASSWORD, **right_answer)
    assert "_auth_user_id" not in client.session and reused.status_code == 200
    response = post(client, "clerk", factories.PASSWORD, **answer(reused))
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(clerk.pk)


def test_a_name_near_its_lockout_asks_whatever_the_address(client, clerk):
    for n in range(3):
        post(client, "clerk", "wrong", address=f"203.0.113.{n}")
    response = client.get(reverse("login"), REMOTE_ADDR="203.0.113.99")
    assert "captcha_1" not in response.content.decode()  # a fresh address, no name typed yet
    response = post(client, "clerk", factories.PASSWORD, address="203.0.113.99")
    assert response.context["form"].needs_captcha and "_auth_user_id" not in client.session


def test_the_lockout_still_locks_with_right_captchas(client, clerk):
    response = None
    for _attempt in range(5):
        extra = answer(response) if response is not None and response.context["form"].needs_captcha else {}
        response = post(client, "clerk", "wrong", **extra)
    until = LoginThrottle.objects.get(username="clerk").locked_until
    assert until is not None
    locked = post(client, "clerk", factories.PASSWORD, **answer(response))
    assert "_auth_user_id" not in client.session
    with translation.override("zh-hans"):
        assert locked_message(until) in locked.content.decode()


def test_zero_turns_the_captcha_off(client, clerk, settings):
    settings.ZHIDU_CAPTCHA_AFTER_FAILURES = 0
    for n in range(4):
        assert not post(client, f"name{n}", "wrong").context["form"].needs_captcha
    assert post(client, "clerk", factories.PASSWORD).status_code == 302
