"""Form base: every error names its field in the user's language (users.md: the public and the
clerk cannot stand a form that rejects them without saying why)."""

from __future__ import annotations

from django import forms
from django.forms.utils import ErrorList

from zhidu.core.chinese import punctuated


class NamedErrorsMixin:
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", punctuated("："))  # the full-width colon of Chinese forms
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


# The largest id either database holds (64-bit): SQLite and PostgreSQL alike.
MAX_ID = 2**63 - 1


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's, refusing an id the database cannot hold as an invalid choice: Django sends the list
    to an `IN (…)` query unchecked, and 2**64 there is a 500 (SQLite: OverflowError; PostgreSQL:
    out of range). Found by the form fuzzer (tests/fuzz/test_forms.py)."""

    def _check_values(self, value):
        for pk in value or ():
            text = str(pk).strip()
            if text.lstrip("-").isdigit() and text.isascii() and abs(int(text)) > MAX_ID:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": text}
                )
        return super()._check_values(value)


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
    return punctuated("；").join(str(message) for messages in groups for message in messages)


def attach_errors(form, error) -> None:
    """Put a service's ValidationError on the form: under its field when the form has it, named like
    the form's own errors (the field's label first), else on top."""
    for field, problems in error.message_dict.items():
        if field in form.fields:
            label = str(form.fields[field].label or field)
            problems = [p if p.startswith(f"{label}：") else f"{label}：{p}" for p in problems]
            form.add_error(field, problems)
        else:
            form.add_error(None, problems)
