"""The clerk's ballot screens: open a vote on an agenda entry, print the codes once, follow the count
of casts live (htmx), close, and read the published list with its recount check."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from zhidu.ballots import services
from zhidu.ballots.forms import BoxForm, VoidForm
from zhidu.ballots.models import BallotBox
from zhidu.ballots.services.boxes import voters_of
from zhidu.ballots.views.common import load_box, title_of
from zhidu.core.access import get_scoped, requires, scoped
from zhidu.core.chinese import punctuated
from zhidu.core.forms import attach_errors
from zhidu.core.permissions import allowed
from zhidu.meetings.models import AgendaEntry


@requires("ballots.cast")
def index(request):
    """Votes open now in the township: where a member with a code goes to vote."""
    boxes = scoped(BallotBox.objects.select_related("entry__item", "assessment"), request).filter(
        state=BallotBox.State.OPEN, method=BallotBox.Method.ELECTRONIC
    )
    rows = [{"box": b, "title": title_of(b, request.user)} for b in boxes]
    return render(
        request, "ballots/index.html", {"rows": rows, "manage": allowed(request.user, "ballots.manage")}
    )


@requires("ballots.manage")
def entry_boxes(request, entry_pk: int):
    entry = get_scoped(AgendaEntry.objects.select_related("item", "meeting"), request, pk=entry_pk)
    voters = voters_of(entry)
    form = BoxForm(
        request.POST if request.method == "POST" else None,  # an empty POST is refused by name too
        township=request.township,
        initial={"codes": voters, "method": "electronic"},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            try:
                box = services.create_box(
                    entry,
                    method=d["method"],
                    codes=d["codes"],
                    counter=d["counter"],
                    scrutineer=d["scrutineer"],
                    user=request.user,
                )
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, _("Anonymous ballot prepared."))
                return redirect("ballots:box", box.pk)
        status = 400
    context = {"entry": entry, "form": form, "voters": voters, "boxes": entry.ballot_boxes.all()}
    return render(request, "ballots/entry.html", context, status=status)


def _box_context(request, box: BallotBox) -> dict:
    return {
        "box": box,
        "title": title_of(box, request.user),
        "manage": allowed(request.user, "ballots.manage"),
        "problems": services.verify(box),
        "void_form": VoidForm(),
        "is_counter": request.person is not None and request.person.pk == box.counter_id,
        "is_scrutineer": request.person is not None and request.person.pk == box.scrutineer_id,
    }


@requires("ballots.view")
def box_detail(request, pk: int):
    box = load_box(request, pk)
    return render(request, "ballots/box.html", _box_context(request, box))


@requires("ballots.view")
def box_progress(request, pk: int):
    """The live count of casts (how many, never who), polled by the clerk's screen."""
    box = load_box(request, pk)
    return render(request, "ballots/_progress.html", {"box": box})


@never_cache
@require_POST
@requires("ballots.manage")
def box_codes(request, pk: int):
    """The one page that shows the codes in clear. Not cached, not stored: a reload cannot show them
    again (issue_codes refuses a second time)."""
    box = load_box(request, pk)
    try:
        printed = services.issue_codes(box, user=request.user)
    except ValidationError as error:
        messages.error(request, punctuated("；").join(m for ms in error.message_dict.values() for m in ms))
        return redirect("ballots:box", pk)
    return render(
        request, "ballots/codes.html", {"box": box, "title": title_of(box, request.user), "codes": printed}
    )


@require_POST
@requires("ballots.manage")
def box_close(request, pk: int):
    box = load_box(request, pk)
    try:
        services.close_box(box, user=request.user)
    except ValidationError as error:
        messages.error(request, punctuated("；").join(m for ms in error.message_dict.values() for m in ms))
    else:
        if box.state == BallotBox.State.VOID:
            messages.error(request, box.void_reason)
        else:
            messages.success(request, _("Voting closed and counted."))
    return redirect("ballots:box", pk)


@require_POST
@requires("ballots.manage")
def box_void(request, pk: int):
    box = load_box(request, pk)
    form = VoidForm(request.POST)
    # The reason through the form first: a NUL byte (PostgreSQL refuses it: a 500) or an overlong
    # reason is refused naming the field. Found by the form fuzzer (tests/fuzz/test_forms.py).
    if form.is_valid():
        try:
            services.void_box(box, reason=form.cleaned_data["reason"], user=request.user)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The vote was voided."))
            return redirect("ballots:box", pk)
    context = {**_box_context(request, box), "void_form": form}
    return render(request, "ballots/box.html", context, status=400)


@requires("ballots.view")
def box_list(request, pk: int):
    """The published list, sorted by receipt: anyone who may read the result can recount it. For an
    assessment only the organization office, and never with fewer than five respondents."""
    box = load_box(request, pk)
    hidden = box.is_assessment and (
        not allowed(request.user, "assessments.results")
        or (box.ballots_counted or 0) < services.RESULT_THRESHOLD
    )
    lines = (
        []
        if hidden or box.state not in (BallotBox.State.CLOSED, BallotBox.State.VOID)
        else services.published_lines(box)
    )
    if request.GET.get("format") == "txt" and not hidden:
        response = HttpResponse(
            "".join(f"{line}\n" for line in lines), content_type="text/plain; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="ballots-{box.pk}.txt"'
        return response
    context = {**_box_context(request, box), "lines": lines, "hidden": hidden}
    return render(request, "ballots/list.html", context)
