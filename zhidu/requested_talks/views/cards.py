"""约谈意见处理卡: a card's page, handing it to a unit (the reviewing leader), answering (the unit's head)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhidu.core.access import get_scoped, requires
from zhidu.core.forms import attach_errors
from zhidu.requested_talks import services
from zhidu.requested_talks.forms import AnswerForm, HandForm
from zhidu.requested_talks.models import FollowUpCard
from zhidu.requested_talks.views.bookings import person_of


def _load(request, pk: int) -> FollowUpCard:
    card = get_scoped(
        FollowUpCard.objects.select_related("booking__cadre", "booking__talker", "department", "reviewer"),
        request,
        pk=pk,
    )
    if not services.may_read_card(request.user, card):
        raise PermissionDenied("requested_talks.read")
    return card


def _page(request, card: FollowUpCard, *, hand_form=None, answer_form=None, status=200):
    me = person_of(request)
    context = {
        "card": card,
        "content": services.read_card(card, user=request.user, request=request),
        "can_hand": card.state == FollowUpCard.State.REVIEW and me.pk == card.reviewer_id,
        "can_answer": card.state == FollowUpCard.State.HANDED
        and card.department is not None
        and card.department.head_id == me.pk,
        "hand_form": hand_form or HandForm(township=request.township),
        "answer_form": answer_form or AnswerForm(),
    }
    return render(request, "requested_talks/card.html", context, status=status)


@requires("requested_talks.view")
def card_detail(request, pk: int):
    return _page(request, _load(request, pk))


@require_POST
@requires("requested_talks.review")
def card_hand(request, pk: int):
    card = _load(request, pk)
    form = HandForm(request.POST, township=request.township)
    if form.is_valid():
        try:
            services.hand_over(
                card, by=person_of(request), department=form.cleaned_data["department"],
                note=form.cleaned_data["note"], user=request.user, request=request,
            )  # fmt: skip
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The card was handed to the unit."))
            return redirect("requested_talks:card", card.pk)
    return _page(request, card, hand_form=form, status=400)


@require_POST
@requires("requested_talks.answer")
def card_answer(request, pk: int):
    card = _load(request, pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.answer(
                card,
                by=person_of(request),
                text=form.cleaned_data["answer"],
                user=request.user,
                request=request,
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The answer was sent to the cadre."))
            return redirect("requested_talks:card", card.pk)
    return _page(request, card, answer_form=form, status=400)
