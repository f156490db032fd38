"""Forms of requested talks (R19). Plain forms: sealed fields are written through the services."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhidu.core.chinese import punctuated
from zhidu.core.forms import Form
from zhidu.org.models import Department, Person, team_on
from zhidu.requested_talks.models import Channel, Topic

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LeaderChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}{punctuated('（')}{obj.title}{punctuated('）')}" if obj.title else obj.name


def leaders(township):
    ids = [t.person_id for t in team_on(township, timezone.localdate())]
    return Person.objects.filter(township=township, pk__in=ids, active=True).order_by("name")


class BookForm(Form):
    talker = LeaderChoice(label=_("Leader"), queryset=Person.objects.none())
    designated = forms.BooleanField(
        label=_("I designate this leader"),
        required=False,
        help_text=_(
            "Outside the usual hierarchy: the leader receives you when possible or explains why not."
        ),
    )
    channel = forms.ChoiceField(label=_("Booked by"), choices=Channel.choices, initial=Channel.PHONE)
    topics = forms.MultipleChoiceField(
        label=_("Topics"), choices=Topic.choices, widget=forms.CheckboxSelectMultiple
    )
    day = forms.DateField(label=_("Requested day"), widget=DATE)
    urgent = forms.BooleanField(label=_("Urgent: any day"), required=False)
    summary = forms.CharField(
        label=_("Main contents"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Confidential: read only by you, the leader, the organization office and discipline inspection."
        ),
    )

    def __init__(self, *args, township=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["talker"].queryset = leaders(township)


class DayForm(Form):
    day = forms.DateField(label=_("Talk day"), widget=DATE)


class RecordForm(Form):
    held_on = forms.DateField(label=_("Held on"), widget=DATE)
    record = forms.CharField(
        label=_("Record of the talk"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
    requests = forms.CharField(
        label=_("Requests made"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One request a line: each goes on a follow-up card."),
    )
    reviewer = LeaderChoice(
        label=_("Reviewing leader"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("Leave empty: you review the cards yourself."),
    )

    def __init__(self, *args, township=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = leaders(township)


class DeclineForm(Form):
    explanation = forms.CharField(
        label=_("Explanation"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class HandForm(Form):
    department = forms.ModelChoiceField(label=_("Unit"), queryset=Department.objects.none())
    note = forms.CharField(
        label=_("Review note"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, township=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(township=township, head__isnull=False)


class AnswerForm(Form):
    answer = forms.CharField(label=_("Answer"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))
