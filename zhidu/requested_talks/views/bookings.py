"""Bookings: the list, the phone form and its live panel, the talk's page, the record and the
explanation, the leader's talk days."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhidu.core.access import get_scoped, requires, scoped
from zhidu.core.forms import attach_errors
from zhidu.core.permissions import allowed
from zhidu.org.models import Person
from zhidu.requested_talks import checks, services
from zhidu.requested_talks.forms import BookForm, DayForm, DeclineForm, RecordForm
from zhidu.requested_talks.models import FollowUpCard, TalkBooking, TalkDay


def person_of(request) -> Person:
    if request.person is None:
        raise PermissionDenied("no person")
    return request.person


@requires("requested_talks.view")
def booking_list(request):
    me = person_of(request)
    oversee = services._oversees(request.user, request.township.pk)
    rows = scoped(TalkBooking.objects, request).select_related("cadre", "talker")
    if not oversee:
        rows = rows.filter(Q(cadre=me) | Q(talker=me))
    cards = scoped(FollowUpCard.objects, request).select_related("booking", "department")
    cards = cards.filter(
        Q(reviewer=me, state=FollowUpCard.State.REVIEW)
        | Q(department__head=me, state=FollowUpCard.State.HANDED)
    )
    days = (
        scoped(TalkDay.objects, request).filter(day__gte=timezone.localdate()).select_related("leader")[:40]
    )
    context = {
        "bookings": rows.order_by("-day", "-id")[:100],
        "cards": cards,
        "days": days,
        "oversee": oversee,
        "is_leader": allowed(request.user, "requested_talks.days"),
        "me": me,
    }
    return render(request, "requested_talks/list.html", context)


def _draft(request, form: BookForm, me: Person):
    data = getattr(form, "cleaned_data", {})
    return services.draft(
        me, data.get("talker"), bool(data.get("designated")), data.get("day"), bool(data.get("urgent"))
    )


@requires("requested_talks.book")
def booking_new(request):
    me = person_of(request)
    form = BookForm(request.POST or None, township=request.township)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            booking = services.book(
                cadre=me, talker=data["talker"], designated=data["designated"], channel=data["channel"],
                topics=list(data["topics"]), day=data["day"], urgent=data["urgent"], summary=data["summary"],
                user=request.user, request=request,
            )  # fmt: skip
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Your talk is booked; the leader has it on their duties."))
            return redirect("requested_talks:detail", booking.pk)
    findings = checks.check_booking(_draft(request, form, me)) if request.method == "POST" else []
    context = {"form": form, "findings": findings, "checked": request.method == "POST"}
    return render(request, "requested_talks/form.html", context, status=400 if form.errors else 200)


@require_POST
@requires("requested_talks.book")
def booking_check(request):
    me = person_of(request)
    form = BookForm(request.POST, township=request.township)
    form.is_valid()
    findings = checks.check_booking(_draft(request, form, me))
    return render(request, "requested_talks/_panel.html", {"findings": findings, "checked": True})


def _load(request, pk: int) -> TalkBooking:
    booking = get_scoped(TalkBooking.objects.select_related("cadre", "talker"), request, pk=pk)
    if not services.may_read(request.user, booking):
        raise PermissionDenied("requested_talks.read")
    return booking


def _detail(request, booking: TalkBooking, *, record_form=None, decline_form=None, status=200):
    me = person_of(request)
    talker = me.pk == booking.talker_id and booking.state == TalkBooking.State.BOOKED
    context = {
        "booking": booking,
        "content": services.read(booking, user=request.user, request=request),
        "can_record": talker,
        "can_decline": talker and booking.designated,
        "record_form": record_form
        or RecordForm(township=request.township, initial={"held_on": timezone.localdate()}),
        "decline_form": decline_form or DeclineForm(auto_id="decline_%s"),
    }
    return render(request, "requested_talks/detail.html", context, status=status)


@requires("requested_talks.view")
def booking_detail(request, pk: int):
    return _detail(request, _load(request, pk))


@require_POST
@requires("requested_talks.record")
def booking_record(request, pk: int):
    booking = _load(request, pk)
    form = RecordForm(request.POST, township=request.township)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.record(
                booking, by=person_of(request), held_on=data["held_on"], text=data["record"],
                requests=data["requests"].splitlines(), reviewer=data["reviewer"], user=request.user, request=request,
            )  # fmt: skip
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The talk was recorded."))
            return redirect("requested_talks:detail", booking.pk)
    return _detail(request, booking, record_form=form, status=400)


@require_POST
@requires("requested_talks.record")
def booking_decline(request, pk: int):
    booking = _load(request, pk)
    form = DeclineForm(request.POST, auto_id="decline_%s")
    if form.is_valid():
        try:
            services.decline(
                booking, by=person_of(request), explanation=form.cleaned_data["explanation"],
                user=request.user, request=request,
            )  # fmt: skip
        except ValidationError as error:
            attach_errors(form, error)
        else:
            return redirect("requested_talks:detail", booking.pk)
    return _detail(request, booking, decline_form=form, status=400)


@requires("requested_talks.days")
def talk_days(request):
    me = person_of(request)
    form = DayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.publish_day(leader=me, day=form.cleaned_data["day"], user=request.user, request=request)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The talk day was published."))
            return redirect("requested_talks:days")
    days = scoped(TalkDay.objects, request).filter(leader=me).order_by("-day")[:24]
    return render(
        request, "requested_talks/days.html", {"form": form, "days": days}, status=400 if form.errors else 200
    )
