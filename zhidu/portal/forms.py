from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zhidu.portal.models import Category, Subcategory


class ArticleForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    subcategory = forms.ChoiceField(
        label=_("Openness category (Party affairs only)"),
        choices=[("", "—"), *Subcategory.choices],
        required=False,
    )
    title = forms.CharField(label=_("Article title"), max_length=200, required=False)
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 14}),
        required=False,
        help_text=_("Plain text. Leave an empty line between paragraphs."),
    )
    tags = forms.CharField(
        label=_("Tags"), max_length=200, required=False, help_text=_("Separated by 、 or commas.")
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for withdrawal (shown to the public)"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ProfileForm(forms.Form):
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    office_hours = forms.CharField(label=_("Office hours"), max_length=200, required=False)
    introduction = forms.CharField(
        label=_("Introduction"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


def apply_errors(form: forms.Form, error) -> None:
    """A service's ValidationError onto the form, beside the field it names (the typed text kept)."""
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)
