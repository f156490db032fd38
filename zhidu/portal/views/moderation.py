"""The party office's moderation queue of the public's comments (issue 15): held comments first
(prohibited content, duplicates, with why), then those awaiting, oldest first; approve, or refuse
with a reason the author reads. Thin: permission, entry point, redirect."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhidu.core.access import get_scoped, requires, scoped
from zhidu.core.forms import error_text
from zhidu.portal.forms import RefuseCommentForm
from zhidu.portal.models import Comment
from zhidu.portal.services import comments

State = Comment.State
WAITING = (State.HELD, State.PENDING)


@requires("portal.moderate")
def queue(request):
    rows = scoped(Comment.objects.select_related("article", "account", "township"), request)
    state = request.GET.get("state", "")
    if state in State.values:
        rows = rows.filter(state=state).order_by("-created_at", "-pk")
    else:
        state = ""
        held_first = Case(
            When(state=State.HELD, then=Value(0)), default=Value(1), output_field=IntegerField()
        )
        rows = rows.filter(state__in=WAITING).order_by(held_first, "created_at", "pk")
    page = Paginator(rows, 30).get_page(request.GET.get("page"))
    context = {
        "page_obj": page,
        "state": state,
        "states": State.choices,
        "waiting": scoped(Comment.objects, request).filter(state__in=WAITING).count(),
        "reasons": comments.REASONS,
        "refuse_form": RefuseCommentForm(),
    }
    return render(request, "portal/staff_comments.html", context)


def _act(request, pk: int, call, done: str):
    comment = get_scoped(Comment.objects.select_related("township"), request, pk=pk)
    try:
        call(comment)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, done)
    return redirect("portal:staff-comments")


@require_POST
@requires("portal.moderate")
def approve(request, pk: int):
    return _act(
        request, pk, lambda c: comments.approve(request.user, c, request=request), _("Comment approved.")
    )


@require_POST
@requires("portal.moderate")
def refuse(request, pk: int):
    form = RefuseCommentForm(request.POST)
    reason = form.cleaned_data.get("reason", "") if form.is_valid() else ""
    return _act(
        request,
        pk,
        lambda c: comments.refuse(request.user, c, reason, request=request),
        _("Comment refused."),
    )
