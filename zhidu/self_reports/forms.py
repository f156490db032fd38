"""Forms of the report meeting (R10§4(2)). The report itself is posted as its seven points and the
annex sections (views/reports.py reads them): its fields follow the rulebook, not a model."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zhidu.core.forms import Form
from zhidu.self_reports.models import Participant


class ParticipantForm(Form):
    group = forms.ChoiceField(label=_("Participant group"), choices=[("", "——"), *Participant.Group.choices])
    name = forms.CharField(label=_("Name"), max_length=30)
    unit = forms.CharField(
        label=_("Unit and post"),
        max_length=80,
        required=False,
        help_text=_("For example: 东沟村党支部书记, or the enterprise and the post."),
    )
