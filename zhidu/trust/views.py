"""The log-in pages: the password step (with the lockout form) and the second step (TOTP code, or
enrolment of an authenticator app when a required user has none). See zhidu.trust.twofactor."""

from __future__ import annotations

import base64

import segno
from django import forms
from django.contrib.auth import views as auth_views
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from zhidu.core.access import requires
from zhidu.core.audit import record
from zhidu.trust import twofactor
from zhidu.trust.lockout import LockoutAuthenticationForm
from zhidu.trust.sessions import SessionCacheUnavailable, unavailable


def audit_session(request, user, action: str) -> None:
    """A log-in or a log-out, in the audit trail with who and from where (等保 level 2: every
    session's start and end; issue 17: password-only log-ins and log-outs left no entry)."""
    person = getattr(user, "person", None)
    record(user, action, township=getattr(person, "township", None), request=request)


class LoginView(auth_views.LoginView):
    authentication_form = LockoutAuthenticationForm

    def form_valid(self, form):
        response = super().form_valid(form)
        # The password step; the second factor, when one is due, is audited by its own step.
        audit_session(self.request, self.request.user, "login.password")
        return response

    def get_success_url(self):
        # Straight to the second step when one is due, keeping where the user was going.
        url = super().get_success_url()
        return twofactor.step_url(self.request.user, url) or url


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Verification code"),
        max_length=12,
        error_messages={"required": gettext_lazy("Verification code: enter the 6 digits your app shows.")},
    )


class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        try:
            # One transaction: a log-out refused (Redis cannot forget the session) leaves no entry.
            with transaction.atomic():
                if request.user.is_authenticated:
                    audit_session(request, request.user, "logout")
                return super().post(request, *args, **kwargs)
        except SessionCacheUnavailable:
            return unavailable(request)


def _message(outcome: str, detail) -> str:
    if outcome == twofactor.THROTTLED:
        when = timezone.localtime(detail).strftime("%H:%M:%S") if detail else ""
        return _("Verification code: after a wrong code, wait until %(time)s before trying again.") % {
            "time": when
        }
    if outcome == twofactor.REPLAYED:
        return _("Verification code: this code has already been used; wait for the next one.")
    return _("Verification code: the code is wrong or has expired.")


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


def _step(request, device, template: str, extra: dict):
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        outcome, detail = twofactor.pass_second_step(request, device, form.cleaned_data["code"])
        if outcome == twofactor.ACCEPTED:
            return redirect(_next(request))
        form.add_error("code", _message(outcome, detail))
    status = 400 if request.method == "POST" else 200
    return render(request, template, {"form": form, "next": _next(request), **extra}, status=status)


@never_cache
@requires("account.second_factor")
def second_factor(request):
    if request.user.is_verified():
        return redirect(_next(request))
    device = twofactor.confirmed_device(request.user)
    if device is None:
        return redirect(f"{request.path}enrol/?{request.GET.urlencode()}")
    return _step(request, device, "trust/second_factor.html", {})


@never_cache
@requires("account.second_factor")
def enrol(request):
    if twofactor.confirmed_device(request.user) is not None:
        # Replacing a device needs the administrator (a reset), not a session that has a password.
        return redirect("second-factor")
    device = twofactor.pending_device(request.user)
    url = device.config_url
    qr = segno.make(url, error="m").svg_inline(
        scale=5, border=2, dark="#000", light="#fff", title=_("QR code for the authenticator app")
    )
    secret = base64.b32encode(device.bin_key).decode()
    grouped = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    return _step(request, device, "trust/enrol.html", {"qr": qr, "secret": grouped, "otpauth": url})
