"""The voter's page. The code is the credential: the page works from the code alone, without a
log-in, so that no session, last-seen or last-login write sits next to a ballot (issue 17; a
logged-in member may use it too, and their session is left untouched: `quiet_session`). This view
must not write anything that names or follows the voter: no audit entry, no message (it could land
in the session), no session change, no log line; the answer is rendered directly, not redirected.

Refused codes are counted per client address (no code, no user, no box in the key); an accepted
code is never counted and never refused, whatever others at the same address (a meeting room
shares one) got wrong: beyond ZHIDU_CAST_RATE_LIMIT refusals per window a wrong code is answered
HTTP 429, a valid one is still accepted. Guessing rests on the code space, not on the limit
(THREATS.md)."""

from __future__ import annotations

import typing

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache

from zhidu.ballots import services
from zhidu.ballots.forms import CastForm
from zhidu.ballots.models import BallotBox
from zhidu.ballots.views.common import title_of
from zhidu.core.access import public, quiet_session
from zhidu.core.forms import attach_errors
from zhidu.trust import conf as trust_conf
from zhidu.trust import ratelimit
from zhidu.trust.clientaddr import client_address

if typing.TYPE_CHECKING:
    from zhidu.ballots.models import Assessment


@never_cache
@public
@quiet_session
def cast(request, pk: int):
    # Any township's box: the one-time code is the box's own (a code of another box is unknown).
    box = get_object_or_404(
        BallotBox.objects.select_related("entry__item", "entry__meeting", "assessment"),
        pk=pk,
        method=BallotBox.Method.ELECTRONIC,
    )
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
                limited = _count_refusal(request)
                if limited is not None:
                    return limited
                attach_errors(form, error)
                status = 400
            else:
                return render(
                    request,
                    "ballots/cast_done.html",
                    {"box": box, "title": title_of(box, request.user), "result": result},
                )
        else:
            limited = _count_refusal(request)
            if limited is not None:
                return limited
            status = 400
    context = {"box": box, "title": title_of(box, request.user), "form": form, "subjects": subjects}
    return render(request, "ballots/cast.html", context, status=status)


def _count_refusal(request):
    """Count a refused post of this address; beyond the limit, the 429 page (RFC 9110 Retry-After)."""
    verdict = ratelimit.hit(
        "ballot-cast",
        [client_address(request) or "unknown"],
        limit=trust_conf.cast_rate_limit(),
        window=trust_conf.rate_window_seconds(),
    )
    return None if verdict.allowed else ratelimit.too_many_requests(request, verdict.retry_after)
