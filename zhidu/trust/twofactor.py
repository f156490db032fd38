"""Second factor at log-in (等保 2.0 level 2 asks for two factors for those who read sensitive data):
a TOTP code (RFC 6238) from any authenticator app, through django-otp's TOTPDevice.

Who must: the roles in `zhidu.core.permissions.SECOND_FACTOR_ROLES` (the team, the offices that read
personal-matter reports and administer anonymous votes, the county view, administrators). Anyone
else may enrol; once enrolled, they are asked too.

Flow: the password step logs the user in as usual; until the second step is passed, every page
answers with a redirect to it (`SecondFactorMiddleware`): to enrolment when there is no confirmed
device, else to the code page. django-otp keeps "verified" in the session.

Replays: django-otp refuses a code whose time step is not after the last accepted one, but it reads
and saves the device in two steps, so two requests carrying the same code at the same moment could
both pass. `verify` accepts a code only through a conditional UPDATE on `last_t`: exactly one wins.
Wrong codes are throttled by django-otp (OTP_TOTP_THROTTLE_FACTOR, doubling per failure).
"""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.db import transaction
from django.db.models import F
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from zhidu.core.audit import record
from zhidu.core.permissions import SECOND_FACTOR_ROLES, roles_of

ACCEPTED = "accepted"
WRONG = "wrong"
REPLAYED = "replayed"
THROTTLED = "throttled"


def required(user) -> bool:
    roles = getattr(user, "_zhidu_roles", None)
    if roles is None:
        roles = roles_of(user)
    return bool(roles & SECOND_FACTOR_ROLES)


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def pending_device(user) -> TOTPDevice:
    """The device being enrolled: the same key across reloads, so a scanned code stays valid."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


def _count_failure(device: TOTPDevice) -> None:
    # Not django-otp's throttle_increment(): it saves every field of a possibly stale device and
    # would put back an older last_t, re-opening a used code to a replay.
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_count=F("throttling_failure_count") + 1,
        throttling_failure_timestamp=timezone.now(),
    )


def verify(device: TOTPDevice, code: str) -> tuple[str, object]:
    """Check `code` against `device`; returns (outcome, detail). Detail is the unlock time when
    throttled."""
    allowed, info = device.verify_is_allowed()
    if not allowed:
        return THROTTLED, (info or {}).get("locked_until")
    code = "".join(str(code or "").split())
    if not (code.isdigit() and len(code) == device.digits):
        _count_failure(device)
        return WRONG, None
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if not totp.verify(int(code), device.tolerance, 0):
        _count_failure(device)
        return WRONG, None
    step = totp.t()
    won = TOTPDevice.objects.filter(pk=device.pk, last_t__lt=step).update(
        last_t=step,
        throttling_failure_count=0,
        throttling_failure_timestamp=None,
        last_used_at=timezone.now(),
    )
    if not won:
        _count_failure(device)
        return REPLAYED, None
    device.refresh_from_db()
    return ACCEPTED, None


def pass_second_step(request, device: TOTPDevice, code: str) -> tuple[str, object]:
    """The one entry point for the second step: verify, mark the session, audit."""
    outcome, detail = verify(device, code)
    if outcome != ACCEPTED:
        return outcome, detail
    with transaction.atomic():
        if not device.confirmed:
            TOTPDevice.objects.filter(pk=device.pk).update(confirmed=True)
            device.confirmed = True
            TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
            record(request.user, "second_factor.enrolled", township=request.township, request=request)
        otp_login(request, device)
        record(request.user, "login.second_factor", township=request.township, request=request)
    return ACCEPTED, None


def reset(user, actor, *, reason: str, township=None) -> int:
    """A lost phone: remove the user's devices so the next log-in enrols again (audited)."""
    with transaction.atomic():
        count, _ = TOTPDevice.objects.filter(user=user).delete()
        record(
            actor,
            "second_factor.reset",
            user,
            township=township,
            summary=f"{user.get_username()}：{reason}"[:300],
            devices=count,
        )
    return count


def step_url(user, next_url: str) -> str | None:
    """Where the second step is for `user` (the code page, or enrolment when no device is
    confirmed yet), carrying `next_url`; None when no second step is due."""
    device = confirmed_device(user)
    if device is None and not required(user):
        return None
    name = "second-factor" if device is not None else "second-factor-enrol"
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


# Paths an authenticated user may reach before the second step: the steps themselves, leaving,
# the language switch and static files.
OPEN_PREFIXES = ("/login/", "/logout/", "/i18n/", "/static/", "/captcha/")


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.path.startswith(OPEN_PREFIXES):
            return self.get_response(request)
        if user.is_verified():
            return self.get_response(request)
        target = step_url(user, request.get_full_path())
        if target is None:
            return self.get_response(request)
        if request.headers.get("HX-Request"):
            # htmx would swap the step's page into a fragment: make it navigate instead.
            return HttpResponse(status=204, headers={"HX-Redirect": target})
        return redirect(target)
