"""The forms of R18: a member's log (phone-first: three text boxes and the unfinished tasks), the party
office's entry of an SMS or WeChat report, the weekly review. Labels are the services' field names,
so a refusal reads "当日工作总结：请填写" under its box."""

from __future__ import annotations

import datetime

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from zhidu.core.forms import Form
from zhidu.daily_logs.models import DailyLog
from zhidu.daily_logs.services import TaskInput
from zhidu.org.models import Person

MAX_TASKS = 20


def _area(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class LogForm(Form):
    summary = forms.CharField(label=_("Summary of the day's work"), widget=_area(4), max_length=2000)
    plan = forms.CharField(label=_("Next day's plan"), widget=_area(3), max_length=2000)
    support = forms.CharField(
        label=_("Support needed from other departments"), widget=_area(2), max_length=2000, required=False
    )


class TaskForm(Form):
    task = forms.CharField(label=_("Unfinished task"), max_length=200, required=False)
    reason = forms.CharField(label=_("Why it is unfinished"), max_length=300, required=False)
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=Person.objects.none(), required=False)
    due = forms.DateField(
        label=_("New deadline"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    origin = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1, max_value=2**62)

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        if people is not None:
            self.fields["owner"].queryset = people


TaskFormSet = formset_factory(TaskForm, extra=1, max_num=MAX_TASKS, absolute_max=MAX_TASKS, validate_max=True)


def task_formset(data, township, initial=None):
    people = Person.objects.filter(township=township, active=True).order_by("pk")
    return TaskFormSet(data, prefix="task", initial=initial, form_kwargs={"people": people})


def task_inputs(formset) -> list[TaskInput]:
    return [
        TaskInput(
            task=f.cleaned_data.get("task") or "",
            reason=f.cleaned_data.get("reason") or "",
            owner=f.cleaned_data.get("owner"),
            due=f.cleaned_data.get("due"),
            origin_id=f.cleaned_data.get("origin"),
        )
        for f in formset.forms
        if getattr(f, "cleaned_data", None)
    ]


class OfficeForm(LogForm):
    """R18 第三: the party office enters a report received by SMS or WeChat."""

    member = forms.ModelChoiceField(label=_("Team member"), queryset=Person.objects.none())
    day = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    channel = forms.ChoiceField(
        label=_("How it was reported"),
        choices=[
            (DailyLog.Channel.SMS, DailyLog.Channel.SMS.label),
            (DailyLog.Channel.WECHAT, DailyLog.Channel.WECHAT.label),
        ],
    )
    received_at = forms.DateTimeField(
        label=_("Received at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    field_order = ["member", "day", "channel", "received_at", "summary", "plan", "support"]

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        if members is not None:
            self.fields["member"].queryset = members


class ReviewForm(Form):
    review = forms.CharField(label=_("Review of the week"), widget=_area(5), max_length=2000)
    problems = forms.CharField(
        label=_("Problems found and corrective measures"), widget=_area(3), max_length=2000, required=False
    )


def parse_day(value: str | None, default: datetime.date) -> datetime.date:
    """A `?day=` / `?week=` value, or the default when absent or not a day."""
    try:
        day = datetime.date.fromisoformat(value or "")
    except ValueError:
        return default
    return day if datetime.date(2000, 1, 1) <= day <= datetime.date(2200, 12, 31) else default
