"""Forms of personal-matter reports (R8). Plain forms, not model forms: a sealed field is written
through the services only, and never shown back except by the audited read."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zhidu.core.forms import Form
from zhidu.org.models import Person
from zhidu.personal.models import FAMILY_ITEMS, PROPERTY_ITEMS, Flag, Occasion

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def item_choices():
    return [
        ("", "——"),
        (_("Marriage, emigration and employment (art. 3)"), [(i.value, i.label) for i in FAMILY_ITEMS]),
        (_("Income, housing and investments (art. 4)"), [(i.value, i.label) for i in PROPERTY_ITEMS]),
    ]


class FileForm(Form):
    """`fixed`: a report the office requested keeps its occasion and date."""

    occasion = forms.ChoiceField(label=_("Occasion"), choices=Occasion.choices, initial=Occasion.EVENT)
    item = forms.ChoiceField(label=_("Item reported"), choices=item_choices, required=False)
    event_on = forms.DateField(label=_("Date of the event"), widget=DATE)
    details = forms.CharField(
        label=_("Details"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Encrypted; read only by the organization office and discipline inspection."),
    )
    explanation = forms.CharField(
        label=_("Explanation of a late report"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Required when the 30 days have passed: the special reason and when it ended."),
    )

    def __init__(self, *args, fixed=None, **kwargs):
        super().__init__(*args, **kwargs)
        if fixed is not None:
            del self.fields["occasion"], self.fields["event_on"]
            if fixed.occasion != Occasion.EVENT:
                del self.fields["item"]


class RequestForm(Form):
    reporter = forms.ModelChoiceField(label=_("Reporter"), queryset=Person.objects.none())
    occasion = forms.ChoiceField(label=_("Occasion"), choices=Occasion.choices)
    event_on = forms.DateField(label=_("Date of the event"), widget=DATE)

    def __init__(self, *args, township=None, **kwargs):
        super().__init__(*args, **kwargs)
        from zhidu.personal.services import REPORTING_RANKS

        self.fields["reporter"].queryset = Person.objects.filter(
            township=township, active=True, rank__in=REPORTING_RANKS
        ).order_by("name")


class FlagForm(Form):
    code = forms.ChoiceField(label=_("Flag"), choices=[("", "——"), *Flag.Code.choices])
    note = forms.CharField(label=_("Note"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
