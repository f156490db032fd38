"""Forms of the democratic life meeting (R13). Plain forms: the services write the rows."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zhidu.core.chinese import punctuated
from zhidu.core.forms import Form
from zhidu.life_meetings.models import Opinion
from zhidu.org.models import Person

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MeetingForm(Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    theme = forms.CharField(label=_("Theme"), max_length=200)
    planned_on = forms.DateField(label=_("Planned date"), required=False, widget=DATE)


class PostponementForm(Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    hold_by = forms.DateField(label=_("To be held by"), widget=DATE)
    reason = forms.CharField(
        label=_("Reason for postponement"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ApprovalForm(Form):
    approved_on = forms.DateField(label=_("Approved on"), widget=DATE)
    approved_by = forms.CharField(label=_("Approved by (superior organization)"), max_length=100)
    approval_reference = forms.CharField(label=_("Approval reference"), max_length=100, required=False)


class OpinionForm(Form):
    source = forms.ChoiceField(label=_("Gathered from"), choices=Opinion.Source.choices)
    text = forms.CharField(label=_("Opinion"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


class SpeechForm(Form):
    text = forms.CharField(
        label=_("Speech (self-examination)"),
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
    )


class LeaveForm(Form):
    leave_reason = forms.CharField(label=_("Reason for leave"), max_length=200)


class HoldForm(Form):
    held_on = forms.DateField(label=_("Held on"), widget=DATE)
    summary = forms.CharField(
        label=_("Summary of the meeting"),
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}{punctuated('（')}{obj.title}{punctuated('）')}" if obj.title else obj.name


class MeasureForm(Form):
    text = forms.CharField(label=_("Measure"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    owner = PersonChoice(label=_("Responsible person"), queryset=Person.objects.none(), required=False)
    due_on = forms.DateField(label=_("Due"), required=False, widget=DATE)

    def __init__(self, *args, township=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = Person.objects.filter(township=township, active=True).order_by("name")


class ReportForm(Form):
    sent_on = forms.DateField(label=_("Written report sent on"), widget=DATE)
    sent_to = forms.CharField(label=_("Report sent to"), max_length=200, initial="县委组织部、县纪委")
    report_text = forms.CharField(
        label=_("Written report"), max_length=20000, widget=forms.Textarea(attrs={"rows": 6})
    )


class FeedbackForm(Form):
    feedback = forms.CharField(
        label=_("Feedback to members and the public"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class PublishFeedbackForm(Form):
    """R13 八 on the portal: the proposed title and text, as the party office may edit them."""

    title = forms.CharField(label=_("Title on the public site"), max_length=200)
    body = forms.CharField(
        label=_("Text on the public site"), max_length=20000, widget=forms.Textarea(attrs={"rows": 8})
    )


class DoneForm(Form):
    done_report = forms.CharField(
        label=_("Report of completion"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
