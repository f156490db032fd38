"""Forms of family-event declarations (R9). Plain forms: sealed fields are written through the
services only and shown back only by the audited read."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zhidu.core.forms import Form
from zhidu.family_events.models import Declaration, Flag, Kind, Prohibition, Whose
from zhidu.family_events.services import LEADING_RANKS, Content
from zhidu.org.models import Person

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MOMENT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
MOMENT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]


def _text(label, max_length=200, rows=0, required=False, help_text=""):
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    return forms.CharField(
        label=label, max_length=max_length, required=required, widget=widget, help_text=help_text
    )


class DeclarationForm(Form):
    """The 《领导干部婚丧嫁娶等事宜报告单》: R9§2's contents and R9§1's attestations one by one."""

    kind = forms.ChoiceField(label=_("Kind of event"), choices=[("", "——"), *Kind.choices])
    whose = forms.ChoiceField(label=_("Whose event"), choices=Whose.choices, initial=Whose.SELF)
    event_on = forms.DateField(label=_("Day of the event"), widget=DATE)
    purpose = _text(_("Purpose of the event"), help_text=_("For example: my son's wedding."))
    time = _text(_("Time of the event"), max_length=100, help_text=_("For example: at noon."))
    place = _text(_("Place of the event"))
    guests = forms.IntegerField(label=_("Number of guests"), required=False, min_value=0, max_value=100000)
    standard = _text(_("Standard"), help_text=_("For example: 600 yuan a table, 12 tables."))
    relatives = _text(
        _("Relatives concerned"),
        max_length=5000,
        rows=2,
        help_text=_("Encrypted; read only by you, discipline inspection and the organization office."),
    )
    guest_list = _text(
        _("Guests invited"),
        max_length=5000,
        rows=3,
        help_text=_("Who is invited (relatives, friends). Encrypted like the relatives."),
    )
    attested = forms.MultipleChoiceField(
        label=_("I attest each rule of part 1 (R9§1)"),
        choices=Prohibition.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, fixed: Declaration | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if fixed is not None and fixed.state == Declaration.State.ORAL:
            # The oral report fixed the kind and the day; the written form adds the rest.
            del self.fields["kind"], self.fields["event_on"]

    def content(self) -> Content:
        data = self.cleaned_data
        return Content(
            kind=data.get("kind") or "",
            whose=data.get("whose") or Whose.SELF,
            event_on=data.get("event_on"),
            purpose=data.get("purpose") or "",
            time=data.get("time") or "",
            place=data.get("place") or "",
            guests=data.get("guests"),
            standard=data.get("standard") or "",
            relatives=data.get("relatives") or "",
            guest_list=data.get("guest_list") or "",
            attested=list(data.get("attested") or []),
        )


def leading_cadres(township):
    from django.db.models import Q

    from zhidu.org.models import TeamMembership

    team = TeamMembership.objects.filter(township=township).values("person_id")
    return (
        Person.objects.filter(township=township, active=True)
        .filter(Q(rank__in=LEADING_RANKS) | Q(pk__in=team))
        .order_by("name")
    )


class OralForm(Form):
    """R9§2: a funeral reported by phone before it is held, as the office took it down."""

    declarant = forms.ModelChoiceField(label=_("Declarant"), queryset=Person.objects.none())
    whose = forms.ChoiceField(label=_("Whose event"), choices=Whose.choices, initial=Whose.PARENT)
    event_on = forms.DateField(label=_("Day of the event"), widget=DATE)
    received_at = forms.DateTimeField(
        label=_("Call received at"), widget=MOMENT, input_formats=MOMENT_FORMATS
    )
    purpose = _text(_("Purpose of the event"), help_text=_("For example: the funeral of my father."))
    time = _text(_("Time of the event"), max_length=100)
    place = _text(_("Place of the event"))
    guests = forms.IntegerField(label=_("Number of guests"), required=False, min_value=0, max_value=100000)
    standard = _text(_("Standard"))

    def __init__(self, *args, township=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["declarant"].queryset = leading_cadres(township)

    def content(self) -> Content:
        data = self.cleaned_data
        return Content(
            kind=Kind.FUNERAL,
            whose=data.get("whose") or Whose.PARENT,
            purpose=data.get("purpose") or "",
            time=data.get("time") or "",
            place=data.get("place") or "",
            guests=data.get("guests"),
            standard=data.get("standard") or "",
        )


class ReviewForm(Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept")), ("correct", _("Ask for a correction"))],
        widget=forms.RadioSelect,
    )
    note = _text(_("What to correct"), max_length=5000, rows=3)


class FlagForm(Form):
    code = forms.ChoiceField(label=_("Kind of breach"), choices=[("", "——"), *Flag.Code.choices])
    evidence = _text(_("Evidence"), max_length=5000, rows=3, required=True)


class SpotCheckForm(Form):
    subject = forms.ModelChoiceField(label=_("Cadre checked"), queryset=Person.objects.none())
    declaration = forms.ModelChoiceField(
        label=_("Declaration concerned"), queryset=Declaration.objects.none(), required=False
    )
    checked_at = forms.DateTimeField(
        label=_("Time of the check"), widget=MOMENT, input_formats=MOMENT_FORMATS
    )
    place = _text(_("Place of the check"), required=True)
    found = _text(_("What was found"), max_length=5000, rows=4, required=True)
    flag_code = forms.ChoiceField(
        label=_("Breach found"),
        choices=[("", _("None")), *Flag.Code.choices],
        required=False,
    )

    def __init__(self, *args, township=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"].queryset = leading_cadres(township)
        self.fields["declaration"].queryset = (
            Declaration.objects.filter(township=township).select_related("declarant").order_by("-event_on")
        )
        self.fields["declaration"].label_from_instance = lambda d: (
            f"{d.declarant.name} · {d.get_kind_display()} · {d.event_on:%Y-%m-%d}"
        )
