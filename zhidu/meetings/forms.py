"""Forms of the meeting pages (items have their own module). Every error names its field."""

from __future__ import annotations

import datetime
from typing import cast

from django import forms
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhidu.core.chinese import punctuated
from zhidu.core.forms import Form, ModelMultipleChoiceField
from zhidu.meetings.models import AgendaEntry, Body, Item, VoteMethod
from zhidu.org.models import Person, team_on


def schedulable_items(township):
    """Approved items not yet on an agenda, or only deferred there (a deferred vote comes back)."""
    # A withdrawn entry gives its item back too (it was taken off before its vote).
    on_agenda = AgendaEntry.objects.filter(item=OuterRef("pk"), deferred=False, withdrawn_at=None)
    return (
        Item.objects.filter(township=township, state=Item.State.APPROVED)
        .exclude(Exists(on_agenda))
        .order_by("-created_at")
    )


def carried_over(meeting):
    """R1§7(4): the deferred and referred items of the body's earlier closed meetings not yet back on
    an agenda, each with the entry that left it open; proposed on the next meeting's agenda form."""
    left_open = (
        AgendaEntry.objects.filter(
            township=meeting.township,
            meeting__body=meeting.body,
            meeting__state="closed",
            deferred=True,
            withdrawn_at=None,
            item__in=schedulable_items(meeting.township),
        )
        .exclude(meeting=meeting)
        .select_related("item", "meeting")
        .order_by("-meeting__held_at")
    )
    latest = {}
    for entry in left_open:
        latest.setdefault(entry.item_id, entry)
    return list(latest.values())


class MeetingForm(Form):
    body = forms.ChoiceField(label=_("Body"), choices=Body.choices)
    title = forms.CharField(label=_("Meeting title"), max_length=200)
    day = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    time = forms.TimeField(label=_("Time"), widget=forms.TimeInput(attrs={"type": "time"}))
    place = forms.CharField(label=_("Place"), max_length=100, required=False)
    chair = forms.ModelChoiceField(label=_("Chair"), queryset=Person.objects.none())
    recorder = forms.ModelChoiceField(label=_("Recorder"), queryset=Person.objects.none(), required=False)
    emergency = forms.BooleanField(label=_("Emergency"), required=False)
    items = ModelMultipleChoiceField(
        label=_("Approved items"),
        queryset=Item.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, township, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["chair"].queryset = Person.objects.filter(
            pk__in=team_on(township, today).values("person_id")
        )
        self.fields["recorder"].queryset = Person.objects.filter(township=township, active=True)
        self.fields["items"].queryset = schedulable_items(township)
        self.fields["chair"].label_from_instance = lambda p: p.name
        self.fields["recorder"].label_from_instance = lambda p: (
            f"{p.name}{punctuated('（')}{p.title}{punctuated('）')}" if p.title else p.name
        )

    def held_at(self) -> datetime.datetime:
        naive = datetime.datetime.combine(self.cleaned_data["day"], self.cleaned_data["time"])
        return timezone.make_aware(naive)


class AddItemForm(Form):
    item = forms.ModelChoiceField(label=_("Item"), queryset=Item.objects.none())

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = schedulable_items(meeting.township)


class NoticeForm(Form):
    channel = forms.ChoiceField(
        label=_("Channel"), choices=[("written", _("written")), ("phone", _("phone"))], initial="written"
    )


class AbsenceForm(Form):
    reason = forms.CharField(label=_("Reason for absence"), max_length=200)


VOTE_CHOICES = [("", _("no vote"))] + list(VoteMethod.choices)
BALLOT_CHOICES = [("", "—"), ("for", _("for")), ("against", _("against")), ("abstain", _("abstain"))]
OPINION_CHOICES = [("", "—"), ("for", _("for")), ("against", _("against")), ("defer", _("defer"))]


class EntryForm(Form):
    """One agenda entry's record. Per-member fields are added for the meeting's members."""

    vote_method = forms.ChoiceField(
        label=_("Vote method"),
        choices=VOTE_CHOICES,
        required=False,
        widget=forms.Select(attrs={"data-vote-method": ""}),
    )
    votes_for = forms.IntegerField(label=_("For"), min_value=0, required=False)
    votes_against = forms.IntegerField(label=_("Against"), min_value=0, required=False)
    votes_abstain = forms.IntegerField(label=_("Abstain"), min_value=0, required=False)
    deferred = forms.BooleanField(label=_("Vote deferred"), required=False)
    discussion = forms.CharField(
        label=_("Discussion"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    resolution = forms.CharField(
        label=_("Resolution"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    implementer = forms.CharField(label=_("Implemented by"), max_length=200, required=False)
    # R1§9: the minutes record each item's basis and reasons and how its execution is supervised.
    basis = forms.CharField(
        label=_("Basis and reasons"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    supervision = forms.CharField(
        label=_("How execution is supervised"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    # R1§7(4): the members are split and the meeting refers the item to the superior.
    referred = forms.BooleanField(label=_("Referred to the superior for a ruling"), required=False)

    def __init__(self, *args, present, absent, **kwargs):
        super().__init__(*args, **kwargs)
        self.present, self.absent = present, absent
        for person in present:
            self.fields[f"speak_{person.pk}"] = forms.IntegerField(
                label=_("Speaking order of %(name)s") % {"name": person.name}, min_value=1, required=False
            )
            self.fields[f"recused_{person.pk}"] = forms.BooleanField(
                label=_("%(name)s recused") % {"name": person.name}, required=False
            )
            self.fields[f"ballot_{person.pk}"] = forms.ChoiceField(
                label=_("Ballot of %(name)s") % {"name": person.name}, choices=BALLOT_CHOICES, required=False
            )
        for person in absent:
            self.fields[f"opinion_{person.pk}"] = forms.ChoiceField(
                label=_("Written opinion of %(name)s") % {"name": person.name},
                choices=OPINION_CHOICES,
                required=False,
            )

    def clean(self):
        data = super().clean()
        method = data.get("vote_method")
        order = [data.get(f"speak_{p.pk}") for p in self.present if data.get(f"speak_{p.pk}")]
        if len(order) != len(set(order)):
            raise forms.ValidationError(_("Two members have the same speaking order."))
        if method and method != "named_ballot" and data.get("votes_for") is None:
            self.add_error("votes_for", _("Enter the number of votes for."))
        if method == "named_ballot" and not any(data.get(f"ballot_{p.pk}") for p in self.present):
            self.add_error("vote_method", _("A named ballot needs each voter's choice."))
        return data

    def speakers(self) -> list[int]:
        ranked = [(self.cleaned_data.get(f"speak_{p.pk}"), p.pk) for p in self.present]
        return [pk for rank, pk in sorted(r for r in ranked if r[0])]

    def recused(self) -> set[int]:
        return {p.pk for p in self.present if self.cleaned_data.get(f"recused_{p.pk}")}

    def ballots(self) -> dict[int, str] | None:
        if self.cleaned_data.get("vote_method") != "named_ballot":
            return None
        return {p.pk: c for p in self.present if (c := self.cleaned_data.get(f"ballot_{p.pk}"))}

    def counts(self) -> tuple[int, int, int] | None:
        if not self.cleaned_data.get("vote_method") or self.cleaned_data["vote_method"] == "named_ballot":
            return None
        # Three integer fields, each read as 0 when left empty.
        return cast(
            "tuple[int, int, int]",
            tuple(self.cleaned_data.get(k) or 0 for k in ("votes_for", "votes_against", "votes_abstain")),
        )

    def opinions(self) -> dict[int, str]:
        return {p.pk: c for p in self.absent if (c := self.cleaned_data.get(f"opinion_{p.pk}"))}


class MinutesSentForm(Form):
    """R1§9: when and how the important minutes were sent to the city-level leader in charge."""

    day = forms.DateField(label=_("Date sent"), widget=forms.DateInput(attrs={"type": "date"}))
    time = forms.TimeField(
        label=_("Time sent"), widget=forms.TimeInput(attrs={"type": "time"}), initial=datetime.time(9, 0)
    )
    how = forms.CharField(label=_("How they were sent"), max_length=200)

    def sent_at(self) -> datetime.datetime:
        naive = datetime.datetime.combine(self.cleaned_data["day"], self.cleaned_data["time"])
        return timezone.make_aware(naive)


class EmergencyActionForm(Form):
    """R1§8: an emergency action taken without a meeting: who, what, why and when."""

    taken_by = forms.ModelChoiceField(label=_("Taken by"), queryset=Person.objects.none())
    day = forms.DateField(label=_("Date taken"), widget=forms.DateInput(attrs={"type": "date"}))
    time = forms.TimeField(label=_("Time taken"), widget=forms.TimeInput(attrs={"type": "time"}))
    action = forms.CharField(label=_("Action taken"), widget=forms.Textarea(attrs={"rows": 3}))
    reason = forms.CharField(
        label=_("Why it could not wait for a meeting"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, township, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["taken_by"].queryset = Person.objects.filter(
            pk__in=team_on(township, timezone.localdate()).values("person_id")
        )
        self.fields["taken_by"].label_from_instance = lambda p: p.name

    def taken_at(self) -> datetime.datetime:
        naive = datetime.datetime.combine(self.cleaned_data["day"], self.cleaned_data["time"])
        return timezone.make_aware(naive)
