"""Forms of R15 periodic reports. Plain forms: the services check and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zhidu.core.forms import Form
from zhidu.org.models import Branch, Person
from zhidu.periodic_reports.models import Channel

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
LIVE = {
    "hx-trigger": "input delay:400ms, change, load",
    "hx-target": "#findings",
    "hx-swap": "outerHTML",
}


class ReportForm(Form):
    """A member's report (`periods`: the periods it may be for) or a branch's (with `reporter_name`)."""

    period = forms.ChoiceField(label=_("Period"))
    channel = forms.ChoiceField(
        label=_("How it was reported"), choices=Channel.choices, widget=forms.RadioSelect
    )
    reported_on = forms.DateField(label=_("Reported on"), widget=DATE)
    content = forms.CharField(label=_("Content"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, *args, periods=(), check_url="", branch=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [(p.label, p.text) for p in periods]
        if branch:
            self.fields["period"].label = _("Quarter")
            self.fields["reporter_name"] = forms.CharField(
                label=_("Reported by"), max_length=30, required=False,
                help_text=_("The branch secretary, or the member the branch committee named."),
            )  # fmt: skip
            self.fields["content"].help_text = _(
                "How the line and the superior's decisions were carried out, lessons, new problems, "
                "measures and plans (R15 art. 5)."
            )
        else:
            self.fields["content"].help_text = _(
                "Study, thinking and work; problems the branch should help with."
            )
        self.fields["channel"].initial = Channel.WRITTEN
        self.form_attrs = {"hx-post": check_url, **LIVE}


class MemberForm(Form):
    branch = forms.ModelChoiceField(label=_("Branch"), queryset=Branch.objects.none())
    name = forms.CharField(label=_("Name"), max_length=30)
    person = forms.ModelChoiceField(
        label=_("Cadre account"), queryset=Person.objects.none(), required=False,
        help_text=_("When the member is a cadre: they may then file their own written reports."),
    )  # fmt: skip
    is_secretary = forms.BooleanField(label=_("Branch secretary"), required=False)
    away_since = forms.DateField(
        label=_("Away since"), widget=DATE, required=False,
        help_text=_("Away over three months: a written report every quarter (R15 art. 3(2))."),
    )  # fmt: skip

    def __init__(self, *args, township=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["branch"].queryset = Branch.objects.filter(township=township).order_by("name")
        self.fields["person"].queryset = Person.objects.filter(township=township, active=True).order_by(
            "name"
        )


class MemberEditForm(Form):
    is_secretary = forms.BooleanField(label=_("Branch secretary"), required=False)
    away_since = forms.DateField(label=_("Away since"), widget=DATE, required=False)
    active = forms.BooleanField(label=_("Active"), required=False)
