"""Forms of the supervision pages. Every error names its field (zhidu.core.forms); the choices are
the township's own departments and cadres, so an owner outside the township cannot be chosen."""

from __future__ import annotations

from django import forms
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhidu.core.chinese import punctuated
from zhidu.core.forms import Form, ModelMultipleChoiceField
from zhidu.org.models import Department, Person
from zhidu.supervision import checks
from zhidu.supervision.models import ChaseLog, Source
from zhidu.supervision.services import cn_day
from zhidu.workdays.services import get_calendar


def deadline_input() -> forms.DateInput:
    """A deadline's date input, which asks the live hint (supervision:deadline-hint) whether the
    day chosen is a working day as soon as it changes: warned before the item is saved."""
    return forms.DateInput(
        attrs={
            "type": "date",
            "hx-get": reverse_lazy("supervision:deadline-hint"),
            "hx-trigger": "change",
            "hx-target": "next .deadline-hint",
            "hx-swap": "innerHTML",
        },
        format="%Y-%m-%d",
    )


def keep_day_field() -> forms.BooleanField:
    return forms.BooleanField(label=_("Keep this day even though it is not a working day"), required=False)


def on_a_working_day(form: forms.Form, day, keep_field: str = "keep_day"):
    """R7: a deadline on a day off is refused once with the working day proposed (checks.py), unless
    the clerk ticks that the day is meant (issue 17: 2027-01-01 was accepted silently)."""
    calendar = get_calendar()
    advice = checks.deadline_on_a_day_off(day, calendar.is_workday, calendar.next_workday_on_or_after)
    if advice is not None and not form.data.get(keep_field):
        raise forms.ValidationError(
            "%(message)s。%(how)s",
            params={"message": advice.finding.message, "how": _("Tick “keep this day” to use it anyway.")},
        )
    return day


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        where = obj.department.name if obj.department_id else obj.title
        return f"{obj.name}{punctuated('（')}{where}{punctuated('）')}" if where else obj.name


class RegisterForm(Form):
    source = forms.ChoiceField(label=_("Source"), choices=[("", "—"), *Source.choices])
    matter = forms.CharField(label=_("Matter"), max_length=200)
    basis = forms.CharField(
        label=_("Basis"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The decision, instruction, report or letter the matter comes from."),
    )
    requirements = forms.CharField(label=_("Requirements"), widget=forms.Textarea(attrs={"rows": 4}))
    owner_department = forms.ModelChoiceField(
        label=_("Owner department"),
        queryset=Department.objects.none(),
        error_messages={"invalid_choice": _("Choose a department of this township.")},
    )
    owner_person = PersonChoice(
        label=_("Person responsible"),
        queryset=Person.objects.none(),
        error_messages={"invalid_choice": _("Choose a cadre of this township.")},
    )
    other_departments = ModelMultipleChoiceField(
        label=_("Departments involved"),
        queryset=Department.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose a department of this township.")},
    )
    deadline = forms.DateField(
        label=_("Feedback deadline"),
        widget=deadline_input(),
        help_text=_("The owner's written report is due by the end of this day."),
    )
    keep_day = keep_day_field()
    entry = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, township, **kwargs):
        super().__init__(*args, **kwargs)
        departments = Department.objects.filter(township=township).order_by("name")
        self.fields["owner_department"].queryset = departments
        self.fields["other_departments"].queryset = departments
        self.fields["owner_person"].queryset = (
            Person.objects.filter(township=township, active=True)
            .select_related("department")
            .order_by("department__name", "name")
        )

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        today = timezone.localdate()
        if deadline < today:
            raise forms.ValidationError(
                _("It cannot be before the registration date (%(day)s)."), params={"day": cn_day(today)}
            )
        return on_a_working_day(self, deadline)


class ApproveForm(Form):
    note = forms.CharField(label=_("Instruction"), required=False, max_length=300)


class AssignForm(Form):
    deadline = forms.DateField(label=_("Feedback deadline"), widget=deadline_input())
    keep_day = keep_day_field()

    def clean_deadline(self):
        return on_a_working_day(self, self.cleaned_data["deadline"])


class ChaseForm(Form):
    kind = forms.ChoiceField(label=_("Chase method"), choices=ChaseLog.Kind.choices)
    note = forms.CharField(label=_("Chase record"), widget=forms.Textarea(attrs={"rows": 2}))


class FeedbackForm(Form):
    completed = forms.TypedChoiceField(
        label=_("Is the work completed?"),
        choices=[
            ("yes", _("Completed: final report")),
            ("no", _("Not yet: explain why and report progress")),
        ],
        widget=forms.RadioSelect,
        coerce=lambda v: v == "yes",
        initial="yes",
    )
    text = forms.CharField(label=_("Feedback report"), widget=forms.Textarea(attrs={"rows": 6}))


class AcceptForm(Form):
    note = forms.CharField(
        label=_("Review opinion"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class RejectForm(Form):
    note = forms.CharField(
        label=_("Review opinion"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    requirements = forms.CharField(
        label=_("Rectification requirements"), widget=forms.Textarea(attrs={"rows": 3})
    )
    new_deadline = forms.DateField(label=_("New feedback deadline"), widget=deadline_input())
    keep_day = keep_day_field()

    def clean_new_deadline(self):
        day = self.cleaned_data["new_deadline"]
        today = timezone.localdate()
        if day < today:
            raise forms.ValidationError(
                _("It cannot be before today (%(day)s)."), params={"day": cn_day(today)}
            )
        return on_a_working_day(self, day)


class ReopenForm(RejectForm):
    # None removes an inherited form field (Django's documented idiom); the stubs type it as the field.
    requirements = None  # type: ignore[assignment]
    note = None  # type: ignore[assignment]
    reason = forms.CharField(label=_("Reason for reopening"), widget=forms.Textarea(attrs={"rows": 2}))

    field_order = ["reason", "new_deadline"]


class CloseForm(Form):
    """Closing asks nothing more than the version of the page."""
