"""A sent form forgets its draft, on the server, in the request that sent it: the page's script
names the draft in the posted field DRAFT_FIELD, and a POST answered with a redirect is a form
accepted (every form of Zhidu redirects after a successful POST and answers a refusal with its
page, keeping what was typed). A refused post keeps the draft; so does a post that met an expired
session (the redirect to log in), to be restored once the user is back."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import resolve_url

from zhidu.core.permissions import allowed
from zhidu.drafts import services

DRAFT_FIELD = "zhidu_draft"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class DiscardSentDrafts:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method != "POST" or response.status_code not in (301, 302, 303):
            return response
        # Form posts only: their body was already parsed (CsrfViewMiddleware reads the token there).
        if request.content_type not in FORM_TYPES:
            return response
        key = request.POST.get(DRAFT_FIELD, "")
        user, township = getattr(request, "user", None), getattr(request, "township", None)
        if not key or user is None or not user.is_authenticated or township is None:
            return response
        if response.get("Location", "").startswith(resolve_url(settings.LOGIN_URL)):
            return response  # the session had expired: nothing was sent
        if allowed(user, "drafts.keep") and services.KEY.match(key):
            services.discard(user, township, key)
        return response
