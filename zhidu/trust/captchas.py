"""The self-hosted captcha of the log-in form (django-simple-captcha: the picture is drawn by this
server with the font the package ships, no outside service, works on a closed network).

It is asked only when guessing is likely, so a clerk who types well never meets it:
- after ZHIDU_CAPTCHA_AFTER_FAILURES (default 3) failed log-ins from the client's address within
  the cool-off (one fixed window of ZHIDU_LOGIN_COOLOFF_SECONDS, counted in zhidu.trust.ratelimit);
- or when the user name typed is that close to its lockout (whatever the address: an attacker who
  rotates addresses meets it before the lock).
A missing or wrong answer stops the attempt before the password is checked, so it neither counts as
a failed log-in nor reveals whether the password was right. 0 turns the captcha off."""

from __future__ import annotations

import datetime

from captcha.fields import CaptchaField, CaptchaTextInput
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhidu.trust import conf, ratelimit
from zhidu.trust.clientaddr import client_address

FAILURE_SCOPE = "login-failure"


class CaptchaWidget(CaptchaTextInput):
    template_name = "trust/captcha_widget.html"


def captcha_field() -> CaptchaField:
    field = CaptchaField(
        label=_("Captcha"),
        widget=CaptchaWidget(),
        error_messages={
            "required": _("Captcha: type the characters shown in the picture."),
            "incomplete": _("Captcha: type the characters shown in the picture."),
            "invalid": _("Captcha is wrong: type the characters of the new picture."),
        },
    )
    field.widget.attrs.update({"maxlength": "8"})
    return field


def _subject(request) -> str:
    return client_address(request) or "unknown"


def count_failure(request) -> None:
    """A failed log-in from the request's address (called from the user_login_failed signal)."""
    if request is None:
        return
    window = conf.login_cooloff_seconds()
    ratelimit.hit(FAILURE_SCOPE, _subject(request), limit=conf.captcha_after_failures(), window=window)


def address_failures(request) -> int:
    return ratelimit.count(FAILURE_SCOPE, _subject(request), window=conf.login_cooloff_seconds())


def name_failures(username) -> int:
    from zhidu.trust.lockout import normalize
    from zhidu.trust.models import LoginThrottle

    key = normalize(username)
    if not key:
        return 0
    row = LoginThrottle.objects.filter(username=key).values("failures", "last_failure_at").first()
    if row is None or row["last_failure_at"] is None:
        return 0
    cooloff = datetime.timedelta(seconds=conf.login_cooloff_seconds())
    return row["failures"] if timezone.now() - row["last_failure_at"] <= cooloff else 0


def needed(request, username=None) -> bool:
    threshold = conf.captcha_after_failures()
    if threshold <= 0 or request is None:
        return False
    if address_failures(request) >= threshold:
        return True
    # "Near the lockout": no later than the address threshold, and always before the last attempt.
    near = max(1, min(threshold, conf.login_max_failures() - 1))
    return name_failures(username) >= near
