"""Forms of petition reception (R21). Plain forms: the sealed fields are written through the
services only and never shown back except by the audited read."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zhidu.core.forms import Form
from zhidu.notifications.models import NotifyBy
from zhidu.org.models import Department, Person
from zhidu.petitions.models import Channel, Mode, ReceptionDay

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
SEALED_HELP = _("Encrypted; read only by those handling the case, every read recorded.")


class ScheduleForm(Form):
    day = forms.DateField(label=_("Day"), widget=DATE)
    starts_at = forms.TimeField(label=_("Starts at"), widget=TIME)
    ends_at = forms.TimeField(label=_("Until"), widget=TIME)
    place = forms.CharField(label=_("Place"), max_length=100)
    leader = forms.ModelChoiceField(label=_("Leader"), queryset=Person.objects.none())
    note = forms.CharField(label=_("Remark"), max_length=200, required=False)

    def __init__(self, *args, leaders=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = Person.objects.filter(pk__in=[p.pk for p in leaders]).order_by("pk")


class CaseForm(Form):
    mode = forms.ChoiceField(label=_("Kind of reception"), choices=Mode.choices, initial=Mode.SCHEDULED)
    received_on = forms.DateField(label=_("Received on"), widget=DATE)
    leader = forms.ModelChoiceField(label=_("Receiving leader"), queryset=Person.objects.none())
    reception = forms.ModelChoiceField(
        label=_("Reception day"), queryset=ReceptionDay.objects.none(), required=False
    )
    appointment_at = forms.DateTimeField(
        label=_("Appointment"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("For a reception by appointment: when the petitioner meets the leader."),
    )
    subject = forms.CharField(
        label=_("Subject"),
        max_length=100,
        help_text=_("A few words without names (e.g. 宅基地边界纠纷): shown in lists and reports."),
    )
    petitioner_name = forms.CharField(label=_("Petitioner's name"), max_length=50, help_text=SEALED_HELP)
    petitioner_phone = forms.CharField(
        label=_("Phone"), max_length=30, required=False, widget=forms.TextInput(attrs={"inputmode": "tel"})
    )
    petitioner_id_number = forms.CharField(label=_("ID number"), max_length=18, required=False)
    petitioner_address = forms.CharField(label=_("Address"), max_length=200, required=False)
    issue = forms.CharField(
        label=_("The issue"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5}), help_text=SEALED_HELP
    )
    notify_by = forms.ChoiceField(
        label=_("Progress messages"),
        choices=NotifyBy.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "As the petitioner chose: each step (accepted, routed, extended, answered) with the receipt code."
        ),
    )
    notify_email = forms.CharField(
        label=_("E-mail for progress messages"),
        max_length=200,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        help_text=_("Only for messages by e-mail; text messages go to the phone above. Encrypted."),
    )
    answer_now = forms.CharField(
        label=_("Answered at once"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("When the leader answered on the spot (R21): the answer, shown to the petitioner."),
    )

    def __init__(self, *args, leaders=(), township=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = Person.objects.filter(pk__in=[p.pk for p in leaders]).order_by("pk")
        self.fields["reception"].queryset = ReceptionDay.objects.filter(township=township).order_by("-day")


class InstructForm(Form):
    instruction = forms.CharField(
        label=_("Leader's instruction"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class RouteForm(Form):
    department = forms.ModelChoiceField(label=_("Handling department"), queryset=Department.objects.none())

    def __init__(self, *args, township=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(township=township).order_by("pk")


class ExtendForm(Form):
    decided_on = forms.DateField(label=_("Extension decided on"), widget=DATE)
    days = forms.IntegerField(label=_("Extension (days)"), min_value=1, max_value=366, initial=30)
    reason = forms.CharField(
        label=_("Reason of the extension"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    told_on = forms.DateField(
        label=_("Petitioner told on"),
        widget=DATE,
        required=False,
        help_text=_("The petitioner must be told the reason before the original due day (R21)."),
    )
    told_how = forms.ChoiceField(label=_("Told how"), choices=[("", "——"), *Channel.choices], required=False)


class TellForm(Form):
    told_on = forms.DateField(label=_("Petitioner told on"), widget=DATE)
    told_how = forms.ChoiceField(label=_("Told how"), choices=[("", "——"), *Channel.choices])


class AnswerForm(Form):
    answered_on = forms.DateField(label=_("Answered on"), widget=DATE)
    answer = forms.CharField(
        label=_("Answer"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Shown to the petitioner on the public page: write no personal data in it."),
    )


class HearForm(Form):
    heard_on = forms.DateField(label=_("Heard by the committee on"), widget=DATE)


class FollowForm(Form):
    code = forms.CharField(
        label=_("Receipt code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
        help_text=_("The 12 characters on your receipt, e.g. ABCD-EFGH-JKMN."),
    )

    def __init__(self, *args, captcha=False, **kwargs):
        super().__init__(*args, **kwargs)
        if captcha:
            from zhidu.trust.captchas import captcha_field

            self.fields["captcha"] = captcha_field()
