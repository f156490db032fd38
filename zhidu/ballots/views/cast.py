"""The voter's page. The code is the credential; the login only keeps outsiders out. This view must
not write anything that names the voter: no audit entry, no message (it could land in the session),
no session change, no log line; the answer is rendered directly, not redirected.

Code guessing is rate-limited per client address only (no code, no user, no box in the key): each
post takes a place in the address's counter before the code is looked at, and an accepted ballot
(HTTP 200) gives it back, so only refusals are counted and a vote leaves no counter row behind
(THREATS.md). Beyond ZHIDU_CAST_RATE_LIMIT refusals per window: HTTP 429."""

from __future__ import annotations

import typing

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from zhidu.ballots import services
from zhidu.ballots.forms import CastForm
from zhidu.ballots.views.common import load_box, title_of
from zhidu.core.access import requires
from zhidu.core.forms import attach_errors
from zhidu.trust import conf as trust_conf
from zhidu.trust.ratelimit import rate_limited

if typing.TYPE_CHECKING:
    from zhidu.ballots.models import Assessment


@never_cache
@requires("ballots.cast")
@rate_limited(
    "ballot-cast",
    limit=trust_conf.cast_rate_limit,
    window=trust_conf.rate_window_seconds,
    refund_if=lambda response: response.status_code == 200,  # accepted: not a guess
)
def cast(request, pk: int):
    box = load_box(request, pk)
    # is_assessment: the box belongs to an assessment, not to an entry.
    subjects = (
        list(typing.cast("Assessment", box.assessment).subjects.select_related("person"))
        if box.is_assessment
        else []
    )
    posted = request.POST if request.method == "POST" else None  # an empty post is refused by name too
    form = CastForm(posted, subjects=subjects)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                result = services.cast(
                    box,
                    form.cleaned_data["code"],
                    choice=form.cleaned_data.get("choice") or None,
                    answers=form.answers() if box.is_assessment else None,
                )
            except ValidationError as error:
                attach_errors(form, error)
                status = 400
            else:
                return render(
                    request,
                    "ballots/cast_done.html",
                    {"box": box, "title": title_of(box, request.user), "result": result},
                )
        else:
            status = 400
    context = {"box": box, "title": title_of(box, request.user), "form": form, "subjects": subjects}
    return render(request, "ballots/cast.html", context, status=status)
