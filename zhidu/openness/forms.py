"""The R11 forms. Errors name the field; the services check the rules again."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zhidu.core.chinese import punctuated
from zhidu.core.forms import Form
from zhidu.openness.checks import STEPS, TIERS
from zhidu.openness.models import CATEGORY_CHOICES, OpennessAssessment

DATE = {"type": "date"}
TEXT = {"rows": 4}


class PublicationForm(Form):
    branch = forms.TypedChoiceField(label=_("Publishing unit"), coerce=int, required=False, empty_value=None)
    category = forms.ChoiceField(label=_("Content category"), choices=[("", "—"), *CATEGORY_CHOICES])
    published_on = forms.DateField(
        label=_("Published on"), widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d")
    )
    where = forms.CharField(
        label=_("Where published"),
        max_length=200,
        help_text=_("For example: the openness board of the village."),
    )
    content = forms.CharField(
        label=_("What was published"), max_length=5000, required=False, widget=forms.Textarea(attrs=TEXT)
    )

    def __init__(self, *args, branches=(), committee="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["branch"].choices = [("", committee), *((b.pk, b.name) for b in branches)]


class AssessmentForm(Form):
    kind = forms.ChoiceField(
        label=_("Assessment method"), choices=[("", "—"), *OpennessAssessment.Kind.choices]
    )
    year = forms.IntegerField(label=_("Assessment year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Assessment title"), max_length=200)
    concern = forms.CharField(
        label=_("Public concern checked"), max_length=200, required=False,
        help_text=_("Required for a concentrated check (R11 art. 11)."),
    )  # fmt: skip
    plan = forms.CharField(label=_("Assessment plan"), max_length=10000, widget=forms.Textarea(attrs=TEXT))
    inspectors = forms.TypedMultipleChoiceField(
        label=_("Inspectors"), coerce=int, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, branches=(), people=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(p.pk, p.name) for p in people]
        self.fields["inspectors"].choices = choices
        self.branches = list(branches)
        for b in self.branches:
            self.fields[f"reporter_{b.pk}"] = forms.TypedChoiceField(
                label=b.name,
                coerce=int,
                required=False,
                empty_value=None,
                choices=[("", _("not assessed")), *choices],
            )

    def main_fields(self):
        return [self[n] for n in ("kind", "year", "title", "concern", "plan", "inspectors")]

    def unit_fields(self):
        return [self[f"reporter_{b.pk}"] for b in self.branches]


class NoteForm(Form):
    note = forms.CharField(label=_("Meeting and date"), max_length=200)


class DecideForm(NoteForm):
    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.units = list(units)
        for u in self.units:
            self.fields[f"tier_{u.pk}"] = forms.ChoiceField(
                label=u.branch.name, required=False, choices=[("", _("as proposed")), *TIERS.items()]
            )


class ReportForm(Form):
    report = forms.CharField(
        label=_("Self-check report"), max_length=10000, widget=forms.Textarea(attrs={"rows": 8})
    )


class RectifyForm(Form):
    rectification = forms.CharField(
        label=_("Rectification report"), max_length=10000, widget=forms.Textarea(attrs=TEXT)
    )


class StepsForm(Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, label in STEPS:
            self.fields[code] = forms.CharField(
                label=label, max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 3})
            )


class ScoreForm(Form):
    def __init__(self, *args, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for c in self.criteria:
            self.fields[f"score_{c.pk}"] = forms.CharField(
                label=f"{c.reader_label} {c.text}{punctuated('（')}{c.points}{punctuated('）')}", max_length=8, required=False,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 5}),
            )  # fmt: skip


class SheetForm(Form):
    def __init__(self, *args, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        for c in criteria:
            self.fields[f"points_{c.pk}"] = forms.CharField(
                label=f"{c.reader_label} {c.text}", max_length=8, initial=str(c.points),
                widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 5}),
            )  # fmt: skip
