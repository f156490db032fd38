"""The public's pages of accounts and comments (issue 15), phone first: sign up or in with a one-time
code (step 1: the mobile number or e-mail and the captcha; step 2: the code), sign out, and post a
comment under an article. Thin: the form, the entry point (zhidu.portal.services.members and
.comments), the cookie of the public session (zhidu.portal.public_session).

Rate limits per client address here (zhidu.trust.ratelimit); per contact and per account in the
services. A refused form keeps what was typed and names the field."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from zhidu.core.access import public
from zhidu.core.forms import attach_errors
from zhidu.org.models import Township
from zhidu.portal import public_session
from zhidu.portal.forms import CodeForm, CommentForm, ContactForm
from zhidu.portal.models import Article
from zhidu.portal.services import comments, members
from zhidu.trust import ratelimit

WINDOW = 3600
CODES_PER_HOUR = 10  # per address: a family, a village's shared computer
VERIFIES_PER_HOUR = 30
COMMENTS_PER_HOUR = 30
SIGN_OUTS_PER_HOUR = 60


def _next(request, town: Township, value: str) -> str:
    if value and url_has_allowed_host_and_scheme(value, {request.get_host()}, request.is_secure()):
        return value
    return reverse("portal:home", kwargs={"township": town.code})


def _frame(town: Township, request, **context):
    from zhidu.portal.views.public import _frame as frame

    return frame(town, request, **context)


@public
@never_cache
@ratelimit.rate_limited("portal-code", limit=CODES_PER_HOUR, window=WINDOW)
def account(request, township: str):
    """Step 1: where to send the code. Signed in already: who, and the sign-out button."""
    town = get_object_or_404(Township, code=township)
    signed_in = public_session.current(request, town.pk)
    form = ContactForm(request.POST or None, initial={"next": request.GET.get("next", "")})
    if request.method == "POST" and form.is_valid():
        try:
            members.send_code(township=town, contact=form.cleaned_data["contact"], request=request)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            code_form = CodeForm(
                initial={"contact": form.cleaned_data["contact"], "next": form.cleaned_data["next"]}
            )
            context = _frame(town, request, form=code_form, sent_to=form.cleaned_data["contact"])
            return render(request, "portal/account_code.html", context)
    context = _frame(town, request, form=form, signed_in=signed_in)
    return render(request, "portal/account.html", context, status=400 if form.errors else 200)


@public
@never_cache
@require_POST
@ratelimit.rate_limited("portal-verify", limit=VERIFIES_PER_HOUR, window=WINDOW)
def verify(request, township: str):
    """Step 2: the code. Right: signed in (a new account the first time), back where they came from."""
    town = get_object_or_404(Township, code=township)
    form = CodeForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            signed = members.verify(
                township=town, contact=data["contact"], code=data["code"], nickname=data["nickname"],
                request=request,
            )  # fmt: skip
        except ValidationError as error:
            attach_errors(form, error)
        else:
            response = redirect(_next(request, town, data["next"]))
            public_session.start(response, signed)
            return response
    context = _frame(town, request, form=form, sent_to=form.data.get("contact", ""))
    return render(request, "portal/account_code.html", context, status=400)


@public
@require_POST
@ratelimit.rate_limited("portal-sign-out", limit=SIGN_OUTS_PER_HOUR, window=WINDOW)
def sign_out(request, township: str):
    town = get_object_or_404(Township, code=township)
    signed_in = public_session.current(request, town.pk)
    if signed_in is not None:
        members.sign_out(signed_in, request=request)
    response = redirect("portal:home", township=town.code)
    public_session.end(response)
    return response


def comments_context(request, article: Article, form: CommentForm | None = None) -> dict:
    """What the article page shows of its comments to this reader (zhidu.portal.views.public)."""
    reader = public_session.current(request, article.township_id)
    return {
        "comments": comments.shown(article, reader),
        "reader": reader,
        "comment_form": form or (CommentForm() if reader is not None else None),
        "open_for_comments": article.state == Article.State.PUBLISHED,
    }


@public
@never_cache
@require_POST
@ratelimit.rate_limited("portal-comment", limit=COMMENTS_PER_HOUR, window=WINDOW)
def comment(request, township: str, pk: int):
    """A signed-in member of the public comments; anyone else is sent to sign in first."""
    town = get_object_or_404(Township, code=township)
    article = get_object_or_404(Article.objects.filter(township=town, state=Article.State.PUBLISHED), pk=pk)
    reader = public_session.current(request, town.pk)
    here = article.get_absolute_url()
    if reader is None:
        return redirect(f"{reverse('portal:account', kwargs={'township': town.code})}?next={here}")
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            posted = comments.post(reader, article, form.cleaned_data["body"], request=request)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            return redirect(f"{here}#comment-{posted.pk}")
    from zhidu.portal.views.public import article_page

    return article_page(request, town, article, comment_form=form, status=400)
