"""Forms of heart-to-heart talks (R20). Plain forms: sealed fields are written through the services."""

from __future__ import annotations

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from zhidu.core.chinese import punctuated
from zhidu.core.forms import Form, ModelMultipleChoiceField
from zhidu.heart_talks import checks
from zhidu.heart_talks.models import Manner, Mode, MustTalk, TriggerKind
from zhidu.org.models import Person

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PersonChoice(ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}{punctuated('（')}{obj.title}{punctuated('）')}" if obj.title else obj.name


class TalkForm(Form):
    participants = PersonChoice(
        label=_("Talked with"), queryset=Person.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    held_on = forms.DateField(label=_("Date of the talk"), widget=DATE)
    mode = forms.ChoiceField(label=_("Form"), choices=Mode.choices, initial=Mode.ONE_TO_ONE)
    manner = forms.ChoiceField(label=_("Manner"), choices=[("", "——"), *Manner.choices])
    contents = forms.TypedMultipleChoiceField(
        label=_("Contents of part 3 touched"),
        choices=[(n, format_lazy("{}. {}", n, text)) for n, text in checks.CONTENTS.items()],
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    notes = forms.CharField(
        label=_("What was said"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Encrypted; read only by the talker and the people talked with."),
    )
    follow_up = forms.CharField(
        label=_("Follow-up"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    triggers = ModelMultipleChoiceField(
        label=_("Must-talks this talk fulfils"),
        queryset=MustTalk.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, talker=None, **kwargs):
        super().__init__(*args, **kwargs)
        if talker is not None:
            self.fields["participants"].queryset = (
                Person.objects.filter(township=talker.township, active=True)
                .exclude(pk=talker.pk)
                .order_by("name")
            )
            self.fields["triggers"].queryset = MustTalk.objects.filter(
                township=talker.township, talker=talker, talk__isnull=True
            ).select_related("person")
        if not self.fields["triggers"].queryset.exists():
            del self.fields["triggers"]


class TriggerForm(Form):
    person = forms.ModelChoiceField(label=_("Cadre"), queryset=Person.objects.none())
    kind = forms.ChoiceField(label=_("Required-talk occasion"), choices=[("", "——"), *TriggerKind.choices])
    occurred_on = forms.DateField(label=_("Date"), widget=DATE)
    talker = forms.ModelChoiceField(
        label=_("Talker"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("Leave empty: the leader one level up (the principal, the leader in charge, the head)."),
    )
    note = forms.CharField(
        label=_("Circumstances"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, township=None, own=None, **kwargs):
        super().__init__(*args, **kwargs)
        people = Person.objects.filter(township=township, active=True).order_by("name")
        self.fields["person"].queryset = people
        self.fields["talker"].queryset = people
        if own is not None:
            # A cadre's own request (七必谈 "干部主动要求时必谈"): for themselves, of that kind.
            del self.fields["person"]
            self.fields["kind"].choices = [(TriggerKind.OWN_REQUEST, TriggerKind.OWN_REQUEST.label)]
