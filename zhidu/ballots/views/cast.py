"""The voter's page. The code is the credential; the login only keeps outsiders out. This view must
not write anything that names the voter: no audit entry, no message (it could land in the session),
no session change, no log line; the answer is rendered directly, not redirected."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from zhidu.ballots import services
from zhidu.ballots.forms import CastForm
from zhidu.ballots.views.common import load_box, title_of
from zhidu.core.access import requires
from zhidu.core.forms import attach_errors


@never_cache
@requires("ballots.cast")
def cast(request, pk: int):
    box = load_box(request, pk)
    subjects = list(box.assessment.subjects.select_related("person")) if box.is_assessment else []
    form = CastForm(request.POST or None, subjects=subjects)
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
                    request, "ballots/cast_done.html", {"box": box, "title": title_of(box), "result": result}
                )
        else:
            status = 400
    context = {"box": box, "title": title_of(box), "form": form, "subjects": subjects}
    return render(request, "ballots/cast.html", context, status=status)
