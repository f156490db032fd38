"""R1§9: one policy for the title of a confidential personnel item, on every page and through the
API (issue 17). Those who prepare the item (the party office), decide it (the team) and audit it
(organization office, discipline inspection) read it (MATRIX `meetings.view_confidential`);
everyone else signed in (the county's viewers, the technical administrator) reads "保密议题".

Applied in one place: this middleware rewrites the text of every HTML and JSON answer for a
signed-in user without the permission, replacing each confidential item title of the township
(as typed, HTML-escaped and JSON-escaped), so no page, finding message, export or future view
can show it by forgetting a template filter. The cost, one indexed query, is paid only by users
without the permission. Binary downloads (Word minutes) leave the title out themselves."""

from __future__ import annotations

import json
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.html import escape

from zhidu.core.permissions import allowed

CONFIDENTIAL_TITLE = "保密议题"
TEXT_TYPES = ("text/html", "application/json")


def sees(user) -> bool:
    return allowed(user, "meetings.view_confidential")


def hidden_titles(township) -> list[str]:
    from zhidu.meetings.models import Item

    titles = Item.objects.filter(township=township, confidential=True).values_list("title", flat=True)
    return sorted({t for t in titles if t and len(t) >= 2}, key=len, reverse=True)  # longest first


def redact(text: str, titles: list[str]) -> str:
    for title in titles:
        for form in {title, escape(title), json.dumps(title, ensure_ascii=False)[1:-1]}:
            text = text.replace(form, CONFIDENTIAL_TITLE)
    return text


class RedactConfidentialTitles:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        township = getattr(request, "township", None)
        if (
            township is None
            or not getattr(user, "is_authenticated", False)
            or getattr(response, "streaming", False)
            or not response.get("Content-Type", "").startswith(TEXT_TYPES)
            or sees(user)
        ):
            return response
        titles = hidden_titles(township)
        if titles:
            charset = response.charset or "utf-8"
            body = response.content.decode(charset, errors="replace")
            redacted = redact(body, titles)
            if redacted != body:
                response.content = redacted.encode(charset)
        return response
