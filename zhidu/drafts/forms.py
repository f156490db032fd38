from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from zhidu.core.forms import Form
from zhidu.drafts import services


class DraftForm(Form):
    """What the page's script posts while the user types (zhidu/drafts/static/drafts/drafts.js)."""

    key = forms.CharField(label=_("Form of the draft"), max_length=200)
    typed = forms.CharField(label=_("Typed text"), strip=False)

    def clean_key(self) -> str:
        try:
            return services.clean_key(self.cleaned_data["key"])
        except ValidationError as error:
            raise ValidationError(error.message_dict["key"]) from None

    def clean_typed(self) -> dict:
        try:
            return services.clean_data(self.cleaned_data["typed"])
        except ValidationError as error:
            raise ValidationError(error.message_dict["typed"]) from None


class KeyForm(Form):
    key = forms.CharField(label=_("Form of the draft"), max_length=200)

    def clean_key(self) -> str:
        try:
            return services.clean_key(self.cleaned_data["key"])
        except ValidationError as error:
            raise ValidationError(error.message_dict["key"]) from None
