"""Correcting a meeting before it is held: editing it, cancelling it with a reason, withdrawing an
item before its vote (zhidu.meetings.services.corrections). Thin: the form, the entry point, back to
the meeting page; a refusal names its field and keeps what was typed."""

from __future__ import annotations

import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from zhidu.core.access import requires
from zhidu.core.forms import Form, attach_errors, error_text
from zhidu.meetings import services
from zhidu.meetings.models import AgendaEntry, Body
from zhidu.meetings.views.common import conflict_message, load_meeting, posted_number
from zhidu.org.models import Person, team_on


class MeetingEditForm(Form):
    body = forms.ChoiceField(label=gettext_lazy("Body"), choices=Body.choices)
    title = forms.CharField(label=gettext_lazy("Meeting title"), max_length=200)
    # A date input reads only ISO dates: the locale's 2026/12/11 would show it empty, and the form
    # sent so would lose the meeting's day.
    day = forms.DateField(
        label=gettext_lazy("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    time = forms.TimeField(
        label=gettext_lazy("Time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    place = forms.CharField(label=gettext_lazy("Place"), max_length=100, required=False)
    chair = forms.ModelChoiceField(label=gettext_lazy("Chair"), queryset=Person.objects.none())

    def __init__(self, *args, township, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = Person.objects.filter(
            pk__in=team_on(township, timezone.localdate()).values("person_id")
        )
        self.fields["chair"].label_from_instance = lambda p: p.name

    def held_at(self) -> datetime.datetime:
        naive = datetime.datetime.combine(self.cleaned_data["day"], self.cleaned_data["time"])
        return timezone.make_aware(naive)


@requires("meetings.manage")
def meeting_edit(request, pk: int):
    meeting = load_meeting(request, pk)
    held = timezone.localtime(meeting.held_at)
    initial = {
        "body": meeting.body,
        "title": meeting.title,
        "day": held.date(),
        "time": held.time().replace(second=0, microsecond=0),
        "place": meeting.place,
        "chair": meeting.chair_id,
    }
    form = MeetingEditForm(request.POST or None, initial=initial, township=request.township)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                changed = services.edit_meeting(
                    meeting,
                    version=posted_number(request, "version"),
                    title=data["title"],
                    held_at=form.held_at(),
                    place=data["place"],
                    body=data["body"],
                    chair=data["chair"],
                    user=request.user,
                )
            except services.Conflicting:
                form.add_error(None, conflict_message())
                status = 409
            except ValidationError as error:
                attach_errors(form, error)
                status = 400
            else:
                if changed and meeting.notice_sent_at is not None:  # R1§7(2): re-sent (edit_meeting)
                    messages.success(
                        request,
                        _(
                            "Meeting changed; the changed notice went out to every expected member, who confirm receipt again."
                        ),
                    )
                elif changed:
                    messages.success(request, _("Meeting changed; the change is kept in the audit log."))
                else:
                    messages.info(request, _("Nothing was changed."))
                return redirect("meetings:meeting-detail", pk)
        else:
            status = 400
        meeting.refresh_from_db(fields=["version"])
    return render(request, "meetings/meeting_edit.html", {"meeting": meeting, "form": form}, status=status)


@require_POST
@requires("meetings.manage")
def meeting_cancel(request, pk: int):
    meeting = load_meeting(request, pk)
    try:
        services.cancel_meeting(
            meeting,
            version=posted_number(request, "version"),
            reason=request.POST.get("reason", "")[:300],
            user=request.user,
        )
    except services.Conflicting:
        messages.error(request, conflict_message())
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Meeting cancelled; every expected member is told on their duties page."))
    return redirect("meetings:meeting-detail", pk)


@require_POST
@requires("meetings.manage")
def item_withdraw(request, pk: int):
    meeting = load_meeting(request, pk)
    # The entry is posted (one URL per meeting): only an entry of this meeting (so of this township).
    entry = (
        AgendaEntry.objects.select_related("item", "meeting")
        .filter(meeting=meeting, township=meeting.township, pk=posted_number(request, "entry", 0))
        .first()
    )
    if entry is None:
        messages.error(request, _("Choose an item of this meeting's agenda to withdraw."))
        return redirect("meetings:meeting-detail", pk)
    try:
        services.withdraw_item(
            entry,
            version=posted_number(request, "version"),
            reason=request.POST.get("reason", "")[:300],
            user=request.user,
        )
    except services.Conflicting:
        messages.error(request, conflict_message())
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Item withdrawn from the agenda: %s") % entry.item.title)
    return redirect("meetings:meeting-detail", pk)
