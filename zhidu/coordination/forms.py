"""The R14 forms: a leave on a phone (purpose, where, leaving at, away until), its 销假, a matter
report, a principal's reply. Errors name the field; the services check the rules again."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zhidu.coordination.models import MatterReport, Purpose
from zhidu.core.forms import Form

TEXT = {"rows": 4}


class LeaveForm(Form):
    purpose = forms.ChoiceField(label=_("Purpose"), choices=[("", "—"), *Purpose.choices])
    destination = forms.CharField(
        label=_("Where and what for"),
        max_length=200,
        help_text=_("For example: the county party school, a three-day training."),
    )
    starts_at = forms.DateTimeField(
        label=_("Leaving at"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    ends_on = forms.DateField(
        label=_("Away until (the last day away)"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class ReturnForm(Form):
    return_report = forms.CharField(
        label=_("Report on return"),
        max_length=5000,
        widget=forms.Textarea(attrs=TEXT),
        help_text=_("Briefly: what the meeting or training conveyed, or what the trip achieved."),
    )


class MatterForm(Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=MatterReport.Kind.choices)
    principal = forms.TypedChoiceField(label=_("Reported to"), coerce=int)
    subject = forms.CharField(label=_("Subject"), max_length=200)
    content = forms.CharField(label=_("Content"), max_length=5000, widget=forms.Textarea(attrs=TEXT))

    def __init__(self, *args, principals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["principal"].choices = [(p.pk, p.name) for p in principals]


class ReplyForm(Form):
    reply = forms.CharField(label=_("Reply"), max_length=5000, widget=forms.Textarea(attrs=TEXT))


class BriefingForm(Form):
    held_on = forms.DateField(
        label=_("Held on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    place = forms.CharField(label=_("Place"), max_length=100, required=False)
    notes = forms.CharField(
        label=_("Other arrangements"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
