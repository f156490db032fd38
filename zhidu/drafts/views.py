"""The endpoint the page's script talks to (zhidu/drafts/static/drafts/drafts.js): JSON in and out,
a refusal as a short HTML fragment whose message names the field, in the user's language."""

from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods, require_POST

from zhidu.core.access import requires
from zhidu.core.templatetags.zhidu import cndatetime
from zhidu.drafts import services
from zhidu.drafts.forms import DraftForm, KeyForm


def _refused(request, form):
    errors = [e for problems in form.errors.values() for e in problems]
    return render(request, "drafts/refused.html", {"errors": errors}, status=400)


def _summary(draft) -> dict:
    return {"key": draft.key, "saved_at": draft.updated_at.isoformat(), "saved": cndatetime(draft.updated_at)}


def _answer(draft) -> JsonResponse:
    if draft is None:
        return JsonResponse({"draft": None})
    return JsonResponse(
        {
            "draft": {
                "data": draft.data,
                "saved_at": draft.updated_at.isoformat(),
                "saved": cndatetime(draft.updated_at),
            }
        }
    )


@require_http_methods(["GET", "POST"])
@requires("drafts.keep")
def draft(request):
    """GET ?key=…: the user's draft of that form in this township, or null; GET alone: which forms
    the user left unsent here (keys and times). POST key, typed (JSON): keep it."""
    if request.method == "GET" and "key" not in request.GET:
        return JsonResponse({"drafts": [_summary(d) for d in services.mine(request.user, request.township)]})
    if request.method == "GET":
        form = KeyForm(request.GET)
        if not form.is_valid():
            return _refused(request, form)
        return _answer(services.load(request.user, request.township, form.cleaned_data["key"]))
    form = DraftForm(request.POST)
    if not form.is_valid():
        return _refused(request, form)
    saved = services.save(
        request.user, request.township, form.cleaned_data["key"], form.cleaned_data["typed"]
    )
    return _answer(saved)


@require_POST
@requires("drafts.keep")
def discard(request):
    form = KeyForm(request.POST)
    if not form.is_valid():
        return _refused(request, form)
    return JsonResponse(
        {"discarded": services.discard(request.user, request.township, form.cleaned_data["key"])}
    )
