"""Forms of the ballot pages. Every error names its field (zhidu.core.forms)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zhidu.ballots.models import BallotBox, Choice, Rating
from zhidu.core.forms import Form, ModelMultipleChoiceField
from zhidu.org.models import Person


def _people(township):
    return Person.objects.filter(township=township, active=True).order_by("name")


class BoxForm(Form):
    method = forms.ChoiceField(label=_("Method"), choices=BallotBox.Method.choices)
    codes = forms.IntegerField(label=_("Codes or ballots to issue"), min_value=1, max_value=500)
    counter = forms.ModelChoiceField(label=_("Counter"), queryset=Person.objects.none(), required=False)
    scrutineer = forms.ModelChoiceField(label=_("Scrutineer"), queryset=Person.objects.none(), required=False)

    def __init__(self, *args, township, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["counter"].queryset = self.fields["scrutineer"].queryset = _people(township)


class CastForm(Form):
    code = forms.CharField(
        label=_("Ballot code"),
        max_length=40,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )
    choice = forms.ChoiceField(
        label=_("Your vote"), choices=Choice.choices, widget=forms.RadioSelect, required=False
    )

    def __init__(self, *args, subjects=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.subjects = list(subjects)
        for subject in self.subjects:
            self.fields[f"rating_{subject.pk}"] = forms.ChoiceField(
                label=subject.label, choices=Rating.choices, widget=forms.RadioSelect, required=False
            )

    def answers(self) -> dict[int, str]:
        return {
            s.pk: self.cleaned_data[f"rating_{s.pk}"]
            for s in self.subjects
            if self.cleaned_data.get(f"rating_{s.pk}")
        }

    def rating_fields(self):
        return [self[f"rating_{s.pk}"] for s in self.subjects]


class PaperCountForm(Form):
    collected = forms.IntegerField(label=_("Ballots collected"), min_value=0)
    invalid = forms.IntegerField(label=_("Invalid ballots"), min_value=0, initial=0)
    votes_for = forms.IntegerField(label=_("For"), min_value=0, required=False)
    votes_against = forms.IntegerField(label=_("Against"), min_value=0, required=False)
    votes_abstain = forms.IntegerField(label=_("Abstain"), min_value=0, required=False)

    def __init__(self, *args, subjects=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.subjects = list(subjects)
        for subject in self.subjects:
            for value, label in Rating.choices:
                self.fields[f"t_{subject.pk}_{value}"] = forms.IntegerField(
                    label=f"{subject.label} {label}", min_value=0, initial=0
                )

    def counts(self):
        d = self.cleaned_data
        return tuple(d.get(k) or 0 for k in ("votes_for", "votes_against", "votes_abstain"))

    def tallies(self):
        return {
            s.pk: {v: self.cleaned_data.get(f"t_{s.pk}_{v}") or 0 for v in Rating.values}
            for s in self.subjects
        }

    def rows(self):
        return [(s, [self[f"t_{s.pk}_{v}"] for v in Rating.values]) for s in self.subjects]


class VoidForm(Form):
    reason = forms.CharField(label=_("Reason for voiding"), max_length=300)


class AssessmentForm(Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Title"), max_length=200)
    members = ModelMultipleChoiceField(
        label=_("Team members assessed"), queryset=Person.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = members
