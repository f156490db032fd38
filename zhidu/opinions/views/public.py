"""The public's pages of R16, without an account (phone first): submit an opinion to one's village or
unit (captcha and rate limit; a refused submission keeps everything typed and names the field; the
representative limit of 第十六条 warned while typing, htmx), the receipt with the code, following an
opinion by its code (state, the steps' days and the published result; never personal data), and the
privacy notice (个人信息保护法).

Rate limits per client address (zhidu.trust.ratelimit): submissions, the live check and lookups; the
lookup asks the captcha after failed lookups from the address, as the petitions' does."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from zhidu.core.access import public
from zhidu.core.forms import attach_errors
from zhidu.opinions import checks, services
from zhidu.opinions.forms import PublicOpinionForm
from zhidu.org.models import Township
from zhidu.petitions import codes
from zhidu.petitions.forms import FollowForm
from zhidu.trust import ratelimit
from zhidu.trust.clientaddr import client_address

SUBMISSIONS_PER_HOUR = 20  # per address: a family, a village meeting room; not a flood
CHECKS_PER_HOUR = 600  # the live check, one per pause in typing
LOOKUPS_PER_HOUR = 30
CAPTCHA_AFTER = 3  # failed lookups from the address within the hour
FAILURE_SCOPE = "opinion-lookup-failure"
WINDOW = 3600
RECEIPT = "opinions.receipt"  # the session key of the code just issued


def _address(request) -> str:
    return client_address(request) or "unknown"


def _place_errors(error: ValidationError) -> ValidationError:
    """The service names the village or the unit; the form has one field for both."""
    return ValidationError(
        {("place" if k in ("village", "department") else k): v for k, v in error.message_dict.items()}
    )


def live_check(form, town: Township) -> None:
    """第十六条 warned while the representatives are typed: the field asks the check (htmx)."""
    form.fields["representatives"].widget.attrs.update(
        {
            "hx-post": reverse("opinions:check", args=[town.code]),
            "hx-trigger": "input changed delay:300ms",
            "hx-target": "#representatives-check",
            "hx-swap": "outerHTML",
            "hx-params": "representatives",
        }
    )


def representatives_context(form) -> dict:
    listed = checks.people(form.data.get("representatives", "")) if form.is_bound else []
    return {
        "rep_count": len(listed),
        "rep_findings": checks.representatives(len(listed)),
        "limit": checks.MAX_REPRESENTATIVES,
    }


@public
@never_cache
@ratelimit.rate_limited("opinion-submit", limit=SUBMISSIONS_PER_HOUR, window=WINDOW)
def submit(request, township: str):
    town = get_object_or_404(Township, code=township)
    form = PublicOpinionForm(request.POST or None, township=town)
    live_check(form, town)
    if request.method == "POST" and form.is_valid():
        try:
            opinion = services.submit(
                township=town, user=request.user, request=request, **form.cleaned_for_service()
            )
        except ValidationError as error:
            attach_errors(form, _place_errors(error))
        else:
            request.session[RECEIPT] = opinion.code
            return redirect("opinions:receipt")
    # The captcha draws a new picture on every render; everything else typed stays.
    context = {"form": form, "town": town, **representatives_context(form)}
    return render(request, "opinions/submit.html", context, status=400 if form.errors else 200)


@public
@require_POST
@ratelimit.rate_limited("opinion-check", limit=CHECKS_PER_HOUR, window=WINDOW)
def representatives_check(request, township: str):
    """The live warning of 第十六条 while the representatives are typed (htmx, debounced)."""
    get_object_or_404(Township, code=township)
    listed = checks.people(request.POST.get("representatives", ""))
    return render(
        request,
        "opinions/_representatives.html",
        {
            "count": len(listed),
            "findings": checks.representatives(len(listed)),
            "limit": checks.MAX_REPRESENTATIVES,
        },
    )


@public
@never_cache
def receipt(request):
    code = request.session.get(RECEIPT)
    opinion = services.lookup(code) if code else None
    if opinion is None:
        return redirect("opinions:follow")
    return render(request, "opinions/receipt.html", {"opinion": opinion, "code": codes.grouped(opinion.code)})


def _needs_captcha(request) -> bool:
    return ratelimit.count(FAILURE_SCOPE, _address(request), window=WINDOW) >= CAPTCHA_AFTER


@public
@never_cache
@ratelimit.rate_limited("opinion-lookup", limit=LOOKUPS_PER_HOUR, window=WINDOW)
def follow(request):
    captcha = _needs_captcha(request)
    # The link in a progress message carries the code (issue 16): the form opens filled in.
    form = FollowForm(
        request.POST or None, captcha=captcha, initial={"code": request.GET.get("code", "")[:20]}
    )
    opinion, not_found = None, False
    if request.method == "POST" and form.is_valid():
        opinion = services.lookup(form.cleaned_data["code"])
        if opinion is None:
            not_found = True
            ratelimit.hit(FAILURE_SCOPE, _address(request), limit=CAPTCHA_AFTER, window=WINDOW)
            form = FollowForm(initial={"code": form.cleaned_data["code"]}, captcha=_needs_captcha(request))
    context = {
        "form": form,
        "opinion": opinion,
        "code": codes.grouped(opinion.code) if opinion else "",
        "steps": list(opinion.steps.all()) if opinion else [],
        "not_found": not_found,
    }
    status = 404 if not_found else (400 if form.errors else 200)
    return render(request, "opinions/follow.html", context, status=status)


@public
def privacy(request):
    return render(request, "opinions/privacy.html")
