"""The R12 forms: a plan (topics one a line), a session with one attendance row per member, a
self-study note on a phone. Errors name the field; the services check the rules again."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zhidu.central_study.models import SessionKind, StudyAttendance, StudyNote
from zhidu.core.forms import Form

DATE = {"type": "date"}


def date_field(label) -> forms.DateField:
    return forms.DateField(label=label, widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"))


class PlanForm(Form):
    title = forms.CharField(label=_("Plan title"), max_length=200)
    starts_on = date_field(_("Period from"))
    ends_on = date_field(_("Period until"))
    topics = forms.CharField(
        label=_("Study topics"), max_length=6000, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One topic a line, as the committee set them."),
    )  # fmt: skip
    decided = forms.CharField(
        label=_("Set by the committee at"), max_length=200, required=False,
        help_text=_("For example: the committee meeting of 8 January."),
    )  # fmt: skip
    invited = forms.CharField(
        label=_("Invited cadres"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Names of cadres below deputy section level invited to the group, one a line."),
    )  # fmt: skip


class SessionForm(Form):
    kind = forms.ChoiceField(label=_("Form of study"), choices=[("", "—"), *SessionKind.choices])
    held_on = date_field(_("Study date"))
    topic = forms.TypedChoiceField(label=_("Plan topic"), coerce=int, required=False, empty_value=None)
    subject = forms.CharField(label=_("What was studied"), max_length=200)
    place = forms.CharField(label=_("Place"), max_length=100, required=False)
    speaker = forms.CharField(label=_("Speaker"), max_length=100, required=False)
    summary = forms.CharField(
        label=_("How the study went"), max_length=10000, required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )  # fmt: skip
    material = forms.FileField(label=_("Study material"), required=False)

    def __init__(self, *args, topics=(), people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", "—"), *((t.pk, t.title) for t in topics)]
        self.people = list(people)
        for p in self.people:
            self.fields[f"att_{p.pk}"] = forms.ChoiceField(
                label=p.name, choices=StudyAttendance.Status.choices, initial="present"
            )
            self.fields[f"reason_{p.pk}"] = forms.CharField(
                label=_("%(name)s: reason for leave") % {"name": p.name}, max_length=200, required=False
            )

    def main_fields(self):
        return [
            self[n]
            for n in ("kind", "held_on", "topic", "subject", "place", "speaker", "summary", "material")
        ]

    def attendance_rows(self):
        return [(p, self[f"att_{p.pk}"], self[f"reason_{p.pk}"]) for p in self.people]


class NoteForm(Form):
    kind = forms.ChoiceField(label=_("Note kind"), choices=StudyNote.Kind.choices)
    title = forms.CharField(label=_("Note title"), max_length=200)
    written_on = date_field(_("Note date"))
    topic = forms.TypedChoiceField(label=_("Plan topic"), coerce=int, required=False, empty_value=None)
    body = forms.CharField(
        label=_("Note content"), max_length=10000, widget=forms.Textarea(attrs={"rows": 8})
    )

    def __init__(self, *args, topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", "—"), *((t.pk, t.title) for t in topics)]
