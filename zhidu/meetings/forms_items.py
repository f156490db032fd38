"""Forms of the item pages (议题): proposing an item and the principal's decision on it. Every error
names its field (zhidu.core.forms); the rules they enforce cite their article."""

from __future__ import annotations

import secrets

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zhidu.core.chinese import punctuated
from zhidu.core.forms import Form
from zhidu.meetings.checks import NEEDS_EVALUATION
from zhidu.meetings.models import Category, Item
from zhidu.org.models import Department, Person, team_on

MAX_UPLOAD_MB = 20
MAX_MATERIALS = 20


def _check_size(upload) -> None:
    if upload is not None and upload.size > MAX_UPLOAD_MB * 1024 * 1024:
        raise forms.ValidationError(
            _("%(name)s is larger than %(mb)s MB."), params={"name": upload.name, "mb": MAX_UPLOAD_MB}
        )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented recipe); cleans to a list."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class ItemProposeForm(Form):
    # One key per render of the form: the same form sent twice (the back button, a double click)
    # saves one item (services.propose_item).
    form_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)
    title = forms.CharField(label=_("Item title"), max_length=200)
    category = forms.ChoiceField(label=_("Category"), choices=[("", "—"), *Category.choices])
    description = forms.CharField(
        label=_("Content of the item"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What is to be decided, the background and the proposed solution."),
    )
    owner = forms.ModelChoiceField(
        label=_("Leader in charge"),
        queryset=Person.objects.none(),
        error_messages={"invalid_choice": _("Choose a current member of the leadership team.")},
        help_text=_(
            "The team member in charge; or a department head who reports on the item at a secretary's office meeting, where they attend without a vote (R2)."
        ),
    )
    department = forms.ModelChoiceField(
        label=_("Proposing department"),
        queryset=Department.objects.none(),
        required=False,
        empty_label=_("None: proposed by a team member"),
        help_text=_(
            "Leave empty when a team member proposes the item; a department's proposal needs the approval of its leader in charge (R4)."
        ),
    )
    confidential = forms.BooleanField(
        label=_("Confidential personnel item"),
        required=False,
        help_text=_("Only for personnel items: kept out of the minutes, never out of the record (R1§9)."),
    )
    evaluation_report = forms.FileField(
        label=_("Evaluation report"),
        required=False,
        help_text=_("Required for major projects and large funds (R1§5(2))."),
    )
    # R1§12(4) 复议: the passed team decision this item changes, named by the item.
    reconsiders = forms.TypedChoiceField(
        label=_("Decision this item changes (reconsideration)"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_(
            "Only for a reconsideration: a resolution is changed only by a new decision that names it (R1§12(4))."
        ),
    )
    superior_action = forms.ChoiceField(
        label=_("Superior's approval or filing"),
        required=False,
        choices=[("", _("Not needed")), *[c for c in Item.SuperiorAction.choices if c[0]]],
        help_text=_(
            "Once passed, the decision must be submitted to the superior for approval or filing (R4)."
        ),
    )
    materials = MultipleFileField(
        label=_("Materials"),
        required=False,
        help_text=_("Optional; several files may be chosen at once."),
    )

    def __init__(self, *args, township, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["form_key"] = secrets.token_urlsafe(16)
        # The leader in charge is a member of the team as it stands today (R1§6 needs them present).
        # R2: a department head may own an item they report on, attending without a vote.
        self.fields["owner"].queryset = Person.objects.filter(
            Q(pk__in=team_on(township, timezone.localdate()).values("person_id"))
            | Q(pk__in=Department.objects.filter(township=township).values("head_id")),
            township=township,
            active=True,
        ).order_by("name")
        self.fields["owner"].label_from_instance = lambda p: (
            f"{p.name}{punctuated('（')}{p.title}{punctuated('）')}" if p.title else p.name
        )
        self.fields["department"].queryset = Department.objects.filter(township=township)
        from zhidu.meetings.services.decisions import passed_decisions

        self.decisions = {e.pk: e for e in passed_decisions(township)}
        # A decision as the minutes name it (柞党会纪〔2026〕1号“…”); in English the number stays the
        # official identifier it is, and the title follows it.
        self.fields["reconsiders"].choices = [("", "—")] + [
            (
                pk,
                gettext("Minutes %(number)s: %(title)s")
                % {"number": e.meeting.minutes, "title": e.item.title},
            )
            for pk, e in self.decisions.items()
        ]

    def clean_evaluation_report(self):
        report = self.cleaned_data.get("evaluation_report")
        _check_size(report)
        return report

    def clean_materials(self):
        files = self.cleaned_data.get("materials") or []
        if len(files) > MAX_MATERIALS:
            raise forms.ValidationError(_("At most %(n)s files at a time."), params={"n": MAX_MATERIALS})
        for upload in files:
            _check_size(upload)
        return files

    def clean(self):
        data = super().clean()
        category = data.get("category")
        if category in NEEDS_EVALUATION and not data.get("evaluation_report"):
            self.add_error(
                "evaluation_report",
                _("A %(category)s item needs an expert evaluation report attached (R1§5(2)).")
                % {"category": Category(category).label},
            )
        if data.get("confidential") and category and category != Category.PERSONNEL:
            self.add_error("confidential", _("Only personnel items can be confidential (R1§9)."))
        return data

    def changed_decision(self):
        """The agenda entry of the decision this item changes, if any (R1§12(4))."""
        pk = self.cleaned_data.get("reconsiders")
        return self.decisions.get(pk) if pk else None

    @property
    def has_files(self) -> bool:
        """A browser never refills a file input: say so when the form comes back with errors."""
        return bool(self.files)


class ItemResubmitForm(Form):
    """R4: the proposer revises a returned item and sends it again."""

    title = forms.CharField(label=_("Item title"), max_length=200)
    description = forms.CharField(
        label=_("Content of the item"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    note = forms.CharField(
        label=_("What was changed"), required=False, max_length=300, widget=forms.Textarea(attrs={"rows": 2})
    )


class ItemDecideForm(Form):
    """R1§7(1): the principal approves the item for an agenda, or returns it with a reason."""

    decision = forms.ChoiceField(
        label=_("Approval"),
        choices=[("approve", _("Approve for the agenda")), ("return", _("Return to the proposer"))],
    )
    note = forms.CharField(
        label=_("Approval note"),
        required=False,
        max_length=Item._meta.get_field("decision_note").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        data["note"] = (data.get("note") or "").strip()
        if data.get("decision") == "return" and not data["note"]:
            self.add_error("note", _("Say why the item is returned, so the proposer can revise it."))
        return data

    @property
    def approve(self) -> bool:
        return self.cleaned_data["decision"] == "approve"
