"""Form base: every error names its field in the user's language (users.md: the public and the
clerk cannot stand a form that rejects them without saying why)."""

from __future__ import annotations

from django import forms
from django.forms.utils import ErrorList


class NamedErrorsMixin:
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "：")  # the full-width colon of Chinese forms
        super().__init__(*args, **kwargs)

    def full_clean(self):
        super().full_clean()
        if not self.is_bound or not hasattr(self, "_errors"):
            return
        for name, errors in list(self._errors.items()):
            if name == forms.forms.NON_FIELD_ERRORS or name not in self.fields:
                continue
            label = self.fields[name].label or name
            named = ErrorList()
            for message in errors:
                text = str(message)
                named.append(text if text.startswith(f"{label}：") else f"{label}：{text}")
            self._errors[name] = named


class Form(NamedErrorsMixin, forms.Form):
    pass


class ModelForm(NamedErrorsMixin, forms.ModelForm):
    pass


def error_text(error) -> str:
    """One line from a ValidationError or a form's errors, for a flash message."""
    if hasattr(error, "message_dict"):
        groups = error.message_dict.values()
    elif isinstance(error, dict):
        groups = error.values()
    else:
        groups = [error.messages]
    return "；".join(str(message) for messages in groups for message in messages)


def attach_errors(form, error) -> None:
    """Put a service's ValidationError on the form: under its field when the form has it, else on top."""
    for field, problems in error.message_dict.items():
        form.add_error(field if field in form.fields else None, problems)
