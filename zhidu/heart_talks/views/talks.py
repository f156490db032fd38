"""A cadre's talks (held and joined), the record form with its live panel, a talk's page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhidu.core.access import get_scoped, requires, scoped
from zhidu.core.forms import attach_errors
from zhidu.core.permissions import allowed
from zhidu.heart_talks import checks, services
from zhidu.heart_talks.forms import TalkForm
from zhidu.heart_talks.models import HeartTalk, MustTalk
from zhidu.org.models import Person


def person_of(request) -> Person:
    if request.person is None:
        raise PermissionDenied("no person")
    return request.person


@requires("heart_talks.view")
def talk_list(request):
    me = person_of(request)
    rows = scoped(HeartTalk.objects, request).filter(Q(talker=me) | Q(seats__person=me)).distinct()
    page = Paginator(rows.select_related("talker").order_by("-held_on", "-id"), 50).get_page(
        request.GET.get("page")
    )
    triggers = scoped(MustTalk.objects, request).filter(talker=me, talk__isnull=True).select_related("person")
    context = {
        "page": page,
        "triggers": triggers,
        "oversee": services.may_oversee(request.user, request.township.pk),
        "can_trigger": allowed(request.user, "heart_talks.trigger"),
    }
    return render(request, "heart_talks/list.html", context)


def _form_data(form: TalkForm):
    data = form.cleaned_data
    return (
        list(data.get("participants") or []),
        data.get("held_on"),
        data.get("mode") or "",
        data.get("manner") or "",
        list(data.get("contents") or []),
    )


@requires("heart_talks.record")
def talk_new(request):
    me = person_of(request)
    initial: dict = {"held_on": timezone.localdate()}
    with_pk = request.GET.get("with", "")
    if with_pk.isdigit() and len(with_pk) < 19:  # from a quota's page: the person to talk with
        initial["participants"] = [int(with_pk)]
    form = TalkForm(request.POST or None, talker=me, initial=initial)
    if request.method == "POST" and form.is_valid():
        participants, held_on, mode, manner, contents = _form_data(form)
        try:
            talk = services.record_talk(
                talker=me,
                participants=participants,
                held_on=held_on,
                mode=mode,
                manner=manner,
                contents=contents,
                notes=form.cleaned_data["notes"],
                follow_up=form.cleaned_data["follow_up"],
                triggers=list(form.cleaned_data.get("triggers") or []),
                user=request.user,
                request=request,
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The talk was recorded."))
            return redirect("heart_talks:detail", talk.pk)
    findings = _findings(form, me) if request.method == "POST" else []
    status = 400 if form.errors else 200
    return render(request, "heart_talks/form.html", {"form": form, "findings": findings}, status=status)


def _findings(form: TalkForm, me: Person):
    """The same pure checks on the unsaved form (what the form parsed; unparsed fields count empty)."""
    data = getattr(form, "cleaned_data", {})
    form_participants = data.get("participants") or []
    draft = services.draft_of(
        me,
        list(form_participants),
        data.get("held_on"),
        data.get("mode") or form.data.get("mode", ""),
        data.get("manner") or "",
        list(data.get("contents") or []),
    )
    return checks.check_talk(draft)


@require_POST
@requires("heart_talks.record")
def talk_check(request):
    me = person_of(request)
    form = TalkForm(request.POST, talker=me)
    form.is_valid()
    return render(request, "heart_talks/_panel.html", {"findings": _findings(form, me), "checked": True})


@requires("heart_talks.view")
def talk_detail(request, pk: int):
    talk = get_scoped(HeartTalk.objects.select_related("talker"), request, pk=pk)
    reader = services.may_read(request.user, talk)
    if not (reader or services.may_oversee(request.user, talk.township_id)):
        raise PermissionDenied("heart_talks.read")
    content = services.read(talk, user=request.user, request=request) if reader else None
    context = {
        "talk": talk,
        "content": content,
        "participants": [s.person for s in talk.seats.select_related("person")],
        "contents": [checks.CONTENTS[n] for n in talk.contents if n in checks.CONTENTS],
    }
    return render(request, "heart_talks/detail.html", context)
