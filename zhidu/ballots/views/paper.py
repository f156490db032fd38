"""Paper ballots: the printed ballots and tally sheet, the counter's entry, the scrutineer's
confirmation (two different persons, each with their own login)."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhidu.ballots import services
from zhidu.ballots.forms import PaperCountForm
from zhidu.ballots.models import Assessment, BallotBox, Rating
from zhidu.ballots.views.common import load_box, title_of
from zhidu.core.access import requires
from zhidu.core.chinese import punctuated
from zhidu.core.forms import attach_errors


@requires("ballots.manage")
def paper_print(request, pk: int):
    box = load_box(request, pk)
    # is_assessment: the box belongs to an assessment, not to an entry.
    subjects = (
        list(cast(Assessment, box.assessment).subjects.select_related("person")) if box.is_assessment else []
    )
    context = {
        "box": box,
        "title": title_of(box, request.user),
        "sheets": range(1, box.codes_issued + 1),
        "subjects": subjects,
        "ratings": Rating.choices,
    }
    return render(request, "ballots/paper_print.html", context)


@requires("ballots.count")
def paper_count(request, pk: int):
    box = load_box(request, pk)
    # is_assessment: the box belongs to an assessment, not to an entry.
    subjects = (
        list(cast(Assessment, box.assessment).subjects.select_related("person")) if box.is_assessment else []
    )
    posted = request.POST if request.method == "POST" else None  # an empty POST is refused by name too
    form = PaperCountForm(posted, subjects=subjects)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.enter_paper_count(
                    box,
                    by=request.person,
                    collected=form.cleaned_data["collected"],
                    invalid=form.cleaned_data["invalid"] or 0,
                    counts=None if box.is_assessment else form.counts(),
                    tallies=form.tallies() if box.is_assessment else None,
                    user=request.user,
                )
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, _("Count entered; the scrutineer confirms it next."))
                return redirect("ballots:box", pk)
        status = 400
    context = {"box": box, "title": title_of(box, request.user), "form": form}
    return render(request, "ballots/paper_count.html", context, status=status)


@require_POST
@requires("ballots.count")
def paper_confirm(request, pk: int):
    box = load_box(request, pk)
    try:
        services.confirm_paper_count(box, by=request.person, user=request.user)
    except ValidationError as error:
        messages.error(request, punctuated("；").join(m for ms in error.message_dict.values() for m in ms))
    else:
        if box.state == BallotBox.State.VOID:
            messages.error(request, box.void_reason)
        else:
            messages.success(request, _("Count confirmed; the vote is closed."))
    return redirect("ballots:box", pk)
