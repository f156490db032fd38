"""Forms of R16 public opinion. The public form carries the captcha (zhidu.trust.captchas) and warns
of the representative limit (第十六条) by the same check the service refuses with; the sealed fields
are written through the services only and never shown back except by the audited read."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zhidu.core.forms import Form
from zhidu.notifications.models import NotifyBy
from zhidu.opinions import checks
from zhidu.opinions.models import Intake, Topic
from zhidu.org.models import Department, Person, Village

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
SEALED_HELP = _(
    "Encrypted; read only by the party office and those verifying the opinion, every read recorded."
)


def place_choices(township, *, units: bool = True) -> list:
    """One list for a phone: the villages first (第十三条: normally one's own village), then the
    township's units. The public form offers the villages only (第十三条 "原则上向所在村居反映");
    an opinion raised with a unit comes in by letter, phone or visit and the office enters it."""
    villages = [(f"v{v.pk}", v.name) for v in Village.objects.filter(township=township).order_by("name")]
    if not units:
        return [("", "——"), (_("Villages"), villages)]
    unit_options = [
        (f"d{d.pk}", d.name)
        for d in Department.objects.filter(township=township, kind=Department.Kind.OTHER).order_by("name")
    ]
    return [("", "——"), (_("Villages"), villages), (_("Township units"), unit_options)]


def resolve_place(township, value: str) -> tuple[Village | None, Department | None]:
    value = value or ""
    if value[:1] == "v" and value[1:].isdigit():
        return Village.objects.filter(township=township, pk=int(value[1:])).first(), None
    if value[:1] == "d" and value[1:].isdigit():
        return None, Department.objects.filter(township=township, pk=int(value[1:])).first()
    return None, None


class OpinionForm(Form):
    topic = forms.ChoiceField(label=_("Kind of opinion"), choices=[("", "——"), *Topic.choices])
    place = forms.ChoiceField(
        label=_("Your village or unit"),
        choices=(),
        help_text=_("Normally your own village (R16§13): it verifies the opinion first."),
    )
    title = forms.CharField(
        label=_("Summary"),
        max_length=100,
        help_text=_(
            "A few words without names (e.g. 村道路灯损坏): shown in lists and on the published results."
        ),
    )
    content = forms.CharField(
        label=_("Your opinion"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
    submitter_name = forms.CharField(label=_("Your name"), max_length=50, help_text=SEALED_HELP)
    submitter_phone = forms.CharField(
        label=_("Your phone"),
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        help_text=_("So that the village or the party office can ask you about it."),
    )
    submitter_address = forms.CharField(label=_("Your address"), max_length=200, required=False)
    representatives = forms.CharField(
        label=_("Representatives"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Only when many people raise the same opinion: the representatives they chose, one a line "
            "(name and phone), at most 5 (R16§16)."
        ),
    )
    supporter_count = forms.IntegerField(
        label=_("Number of supporters"),
        min_value=0,
        max_value=100000,
        required=False,
        help_text=_("The others who share the opinion and are not representatives."),
    )
    supporter_names = forms.CharField(
        label=_("Supporters' names"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Optional, one a line."),
    )

    notify_by = forms.ChoiceField(
        label=_("Tell me of progress"),
        choices=NotifyBy.choices,
        required=False,
        initial="",
        widget=forms.RadioSelect,
        help_text=_("A message at each step with your receipt code; none at night or on rest days."),
    )
    notify_email = forms.CharField(
        label=_("E-mail for progress messages"),
        max_length=200,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("Only for messages by e-mail; text messages go to the phone above. Encrypted."),
    )

    def __init__(self, *args, township=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.township = township
        self.fields["place"].choices = place_choices(township)

    def clean_representatives(self):
        text = self.cleaned_data.get("representatives", "")
        for finding in checks.representatives(len(checks.people(text))):
            raise forms.ValidationError(f"{finding.message}（{finding.article}）")
        return text

    def cleaned_for_service(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("captcha", None)
        village, department = resolve_place(self.township, data.pop("place", ""))
        return {**data, "village": village, "department": department}


class PublicOpinionForm(OpinionForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].choices = place_choices(self.township, units=False)
        self.fields["place"].label = _("Your village")
        from zhidu.trust.captchas import captcha_field

        self.fields["captcha"] = captcha_field()


class EnterForm(OpinionForm):
    """The party office enters a letter, a phone call or a visit (第十八条)."""

    intake = forms.ChoiceField(
        label=_("How it came in"), choices=[c for c in Intake.choices if c[0] != Intake.PORTAL]
    )

    field_order = ["intake"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["submitter_phone"].required = False
        self.fields["submitter_name"].label = _("Submitter's name")
        self.fields["submitter_phone"].label = _("Submitter's phone")
        self.fields["submitter_address"].label = _("Submitter's address")
        self.fields["content"].label = _("The opinion")
        self.fields["place"].label = _("Village or unit")
        self.fields["notify_by"].label = _("Progress messages")
        self.fields["notify_by"].help_text = _(
            "As the submitter chose: a message at each step with the receipt code."
        )


class VerifyForm(Form):
    verification = forms.CharField(
        label=_("Verification and screening"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What was checked and found (R16§19: verify, then screen)."),
    )
    emerging = forms.BooleanField(label=_("A sign of an emerging or spreading problem"), required=False)
    report = forms.BooleanField(label=_("Report it to the party office now"), required=False, initial=True)


class AnalyseForm(Form):
    analysis = forms.CharField(label=_("Analysis"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    proposal = forms.CharField(
        label=_("Proposal"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Constructive, overall and forward-looking (R16§20)."),
    )


class DecideForm(Form):
    adopted = forms.TypedChoiceField(
        label=_("Adopted or not"),
        choices=[("yes", _("Adopted")), ("no", _("Not adopted"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("What the public is told"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Published with the results (R16§21): write no personal data in it."),
    )


class CompleteForm(Form):
    done_on = forms.DateField(label=_("Done on"), widget=DATE)
    done_note = forms.CharField(
        label=_("What was carried out"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Published with the results (R16§21): write no personal data in it."),
    )


class PublishForm(Form):
    title = forms.CharField(label=_("Title of the publication"), max_length=100, required=False)


class SuperviseForm(Form):
    owner_department = forms.ModelChoiceField(label=_("Owner department"), queryset=Department.objects.none())
    owner_person = forms.ModelChoiceField(label=_("Person responsible"), queryset=Person.objects.none())
    deadline = forms.DateField(label=_("Feedback deadline"), widget=DATE)
    requirements = forms.CharField(
        label=_("Requirements"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, township=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_department"].queryset = Department.objects.filter(township=township).order_by(
            "name"
        )
        self.fields["owner_person"].queryset = Person.objects.filter(township=township, active=True).order_by(
            "name"
        )


class MonthlyForm(Form):
    summary = forms.CharField(
        label=_("The month's analysis"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Topics, trends, signs of emerging problems, proposals (R16§20)."),
    )
