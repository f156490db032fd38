"""The petitioner's pages, without an account: follow a case by its receipt code (state, due day,
the answer once given; never personal data), and the privacy notice (个人信息保护法).

The lookup is rate-limited per client address (zhidu.trust.ratelimit) and asks the captcha after
failed lookups from the address, as the log-in does (zhidu.trust.captchas)."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.cache import never_cache

from zhidu.petitions import codes, judging, services
from zhidu.petitions.forms import FollowForm
from zhidu.trust import ratelimit
from zhidu.trust.clientaddr import client_address

LOOKUPS_PER_HOUR = 30  # per address: a petitioner checks a few times; guessing 59 bits needs billions
CAPTCHA_AFTER = 3  # failed lookups from the address within the hour
FAILURE_SCOPE = "petition-lookup-failure"
WINDOW = 3600


def _address(request) -> str:
    return client_address(request) or "unknown"


def _needs_captcha(request) -> bool:
    return ratelimit.count(FAILURE_SCOPE, _address(request), window=WINDOW) >= CAPTCHA_AFTER


@never_cache
@ratelimit.rate_limited("petition-lookup", limit=LOOKUPS_PER_HOUR, window=WINDOW)
def follow(request):
    captcha = _needs_captcha(request)
    # The link in a progress message carries the code (issue 16): the form opens filled in.
    form = FollowForm(
        request.POST or None, captcha=captcha, initial={"code": request.GET.get("code", "")[:20]}
    )
    case, not_found = None, False
    if request.method == "POST" and form.is_valid():
        case = services.lookup(form.cleaned_data["code"])
        if case is None:
            not_found = True
            ratelimit.hit(FAILURE_SCOPE, _address(request), limit=CAPTCHA_AFTER, window=WINDOW)
            # The next attempt shows the captcha once the failures reach the threshold.
            form = FollowForm(initial={"code": form.cleaned_data["code"]}, captcha=_needs_captcha(request))
    context = {
        "form": form,
        "case": case,
        "code": codes.grouped(case.code) if case else "",
        # Judged now: a provisional year's day changes when the State Council's notice is entered.
        "due": judging.evaluate(case).due if case else None,
        "not_found": not_found,
    }
    status = 404 if not_found else (400 if form.errors else 200)
    return render(request, "petitions/follow.html", context, status=status)


def privacy(request):
    return render(request, "petitions/privacy.html")
