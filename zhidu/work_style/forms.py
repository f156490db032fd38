"""Forms of R17. Plain forms: the services check and write. `live` names the check URL of the
form's 制度检查 panel."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zhidu.core.forms import Form
from zhidu.org.models import Person, Village, team_on
from zhidu.work_style.models import SupportContact, SupportPair

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LiveForm(Form):
    def __init__(self, *args, live: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.form_attrs = {"hx-post": live, "hx-trigger": "input delay:400ms, change, load",
                           "hx-target": "#findings", "hx-swap": "outerHTML"}  # fmt: skip


class ContactForm(LiveForm):
    contacted_on = forms.DateField(label=_("Contacted on"), widget=DATE)
    channel = forms.ChoiceField(
        label=_("How"), choices=SupportContact.Channel.choices, widget=forms.RadioSelect
    )
    done = forms.CharField(
        label=_("What was done"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The difficulty heard, what was solved or promised."),
    )  # fmt: skip


class PairForm(Form):
    member = forms.ModelChoiceField(label=_("Team member"), queryset=Person.objects.none())
    kind = forms.ChoiceField(label=_("Kind"), choices=SupportPair.Kind.choices)
    village = forms.ModelChoiceField(label=_("Village"), queryset=Village.objects.none())
    household = forms.CharField(label=_("Poor household (head of household)"), max_length=50, required=False)
    starts_on = forms.DateField(label=_("Starts on"), widget=DATE)

    def __init__(self, *args, township=None, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        team = team_on(township, today).values_list("person_id", flat=True) if township else []
        self.fields["member"].queryset = Person.objects.filter(township=township, pk__in=list(team)).order_by(
            "name"
        )
        self.fields["village"].queryset = Village.objects.filter(township=township).order_by("name")


class ReceptionForm(LiveForm):
    village = forms.ModelChoiceField(label=_("Village"), queryset=Village.objects.none())
    meal_on = forms.DateField(label=_("Meal on"), widget=DATE)
    guests = forms.CharField(label=_("Guests"), max_length=200)
    reason = forms.CharField(
        label=_("Special circumstances"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why the meal cannot be avoided (R17 art. 3(3): villages host no meals in principle)."),
    )  # fmt: skip

    def __init__(self, *args, township=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = Village.objects.filter(township=township).order_by("name")


class DecisionForm(Form):
    approve = forms.TypedChoiceField(
        label=_("Decision"), coerce=lambda v: v == "yes", widget=forms.RadioSelect,
        choices=[("yes", _("approved")), ("no", _("refused"))],
    )  # fmt: skip
    note = forms.CharField(
        label=_("Reason of the decision"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class InspectionForm(LiveForm):
    village = forms.ModelChoiceField(label=_("Village"), queryset=Village.objects.none())
    inspected_on = forms.DateField(label=_("Inspected on"), widget=DATE)
    findings = forms.CharField(
        label=_("Findings"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Leave empty when nothing was found."),
    )  # fmt: skip
    rectify_by = forms.DateField(label=_("Rectify by"), widget=DATE, required=False)
    responsible = forms.ModelChoiceField(
        label=_("Responsible for the rectification"), queryset=Person.objects.none(), required=False,
        help_text=_("Empty: the party office follows the rectification."),
    )  # fmt: skip

    def __init__(self, *args, township=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = Village.objects.filter(township=township).order_by("name")
        self.fields["responsible"].queryset = Person.objects.filter(township=township, active=True).order_by(
            "name"
        )


class RectifyForm(Form):
    rectified_on = forms.DateField(label=_("Rectified on"), widget=DATE)
    note = forms.CharField(
        label=_("Rectification"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
