"""Log-in lockout by user name (等保 level 2: 登录失败处理). After ZHIDU_LOGIN_MAX_FAILURES failed
attempts (default 5) within the cool-off, the name is locked for ZHIDU_LOGIN_COOLOFF_SECONDS
(default 900), whatever the address: an attacker who rotates addresses is stopped too.

- The counters are keyed by the name as typed (normalized), whether or not such an account exists,
  and the message is the same: the lockout must not tell who has an account.
- During a lock the password is not even checked (LockoutBackend raises PermissionDenied), so the
  right password gives the same answer as a wrong one; attempts during a lock do not extend it
  (otherwise anyone could keep a colleague locked out forever).
- A lock writes an audit entry ("login.locked"); single failures do not (attacker-controlled noise).
- The form also asks for a captcha when guessing is likely (zhidu.trust.captchas) and counts every
  post per client address (ZHIDU_LOGIN_RATE_LIMIT per ZHIDU_RATE_WINDOW_SECONDS, zhidu.trust.ratelimit):
  beyond it the form raises RateLimited, which RateLimitMiddleware answers with HTTP 429.
"""

from __future__ import annotations

import datetime
import unicodedata

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhidu.trust import captchas, conf, ratelimit
from zhidu.trust.clientaddr import client_address


def normalize(username) -> str:
    # Control characters (a NUL byte: PostgreSQL refuses it in a query) are no part of a name.
    text = unicodedata.normalize("NFKC", str(username or ""))
    return "".join(ch for ch in text if unicodedata.category(ch)[0] != "C").strip().casefold()[:150]


def locked_until(username, now: datetime.datetime | None = None) -> datetime.datetime | None:
    from zhidu.trust.models import LoginThrottle

    key = normalize(username)
    if not key:
        return None
    now = now or timezone.now()
    return (
        LoginThrottle.objects.filter(username=key, locked_until__gt=now)
        .values_list("locked_until", flat=True)
        .first()
    )


def locked_message(until: datetime.datetime) -> str:
    return _("Too many failed log-ins: the account is locked until %(time)s.") % {
        "time": timezone.localtime(until).strftime("%H:%M")
    }


def on_login_failed(sender, credentials, request=None, **kwargs) -> None:
    from zhidu.trust.models import LoginThrottle

    captchas.count_failure(request)  # per address, whatever the name: the captcha threshold
    key = normalize(credentials.get(get_user_model().USERNAME_FIELD) or credentials.get("username"))
    if not key:
        return
    now = timezone.now()
    cooloff = datetime.timedelta(seconds=conf.login_cooloff_seconds())
    with transaction.atomic():
        row, _created = LoginThrottle.objects.select_for_update().get_or_create(username=key)
        if row.locked_until is not None and row.locked_until > now:
            return  # already locked: not extended
        stale = row.last_failure_at is None or now - row.last_failure_at > cooloff
        if row.locked_until is not None or stale:
            row.failures, row.locked_until = 0, None
        row.failures += 1
        row.last_failure_at = now
        if row.failures >= conf.login_max_failures():
            row.failures, row.locked_until = 0, now + cooloff
            from zhidu.core.audit import record

            record(
                None,
                "login.locked",
                summary=f"{key} 登录失败 {conf.login_max_failures()} 次，锁定至 {timezone.localtime(row.locked_until):%H:%M}",
                request=request,
                username=key,
            )
        row.save()


def on_logged_in(sender, request, user, **kwargs) -> None:
    from zhidu.trust.models import LoginThrottle

    LoginThrottle.objects.filter(username=normalize(user.get_username())).delete()


class LockoutBackend(ModelBackend):
    """ModelBackend that refuses a locked user name before looking at the password.
    settings: AUTHENTICATION_BACKENDS = ["zhidu.trust.lockout.LockoutBackend"] (it replaces ModelBackend)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        until = locked_until(username)
        if until is not None:
            if request is not None:
                request.zhidu_locked_until = until
            raise PermissionDenied("locked")  # stops authenticate() for every backend
        return super().authenticate(request, username=username, password=password, **kwargs)


class LockoutAuthenticationForm(AuthenticationForm):
    """The log-in form that says until when a name is locked (same words for any name), asks for a
    captcha when guessing is likely and counts posts per client address. Interface of Django's
    AuthenticationForm: LoginView passes `request`, reads `get_user()`."""

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        username = self.data.get("username") if self.is_bound else None
        self.needs_captcha = captchas.needed(request, username)
        if self.needs_captcha:
            self.fields["captcha"] = captchas.captcha_field()

    def full_clean(self):
        if self.is_bound and self.request is not None and self._errors is None:
            # Each post counts once, before anything is checked (a refused captcha counts too).
            verdict = ratelimit.hit(
                "login",
                client_address(self.request) or "unknown",
                limit=conf.login_rate_limit(),
                window=conf.rate_window_seconds(),
            )
            if not verdict.allowed:
                raise ratelimit.RateLimited(verdict.retry_after)
        super().full_clean()

    def clean(self):
        username = self.cleaned_data.get("username")
        until = locked_until(username)
        if until is not None:
            raise ValidationError(locked_message(until), code="locked")
        if self.needs_captcha and "captcha" not in self.cleaned_data:
            return self.cleaned_data  # the captcha's own error is shown; the password is not checked
        try:
            return super().clean()
        except ValidationError:
            until = locked_until(username)  # this attempt may have been the last allowed one
            if until is not None:
                raise ValidationError(locked_message(until), code="locked") from None
            if not self.needs_captcha and captchas.needed(self.request, username):
                # This failure reached the threshold: show the captcha now, not after one more post.
                self.needs_captcha = True
                self.fields["captcha"] = captchas.captcha_field()
            raise
