"""Found by the form fuzzer (tests/fuzz/test_forms.py): a service's refusal attached to a form names
its field like the form's own errors (the ballot's "choice" came back without its label), and an id
no database holds is an invalid choice, not a 500."""

import pytest
from django import forms
from django.core.exceptions import ValidationError

from zhidu.core.forms import Form, ModelMultipleChoiceField, attach_errors
from zhidu.org.models import Person


class _VoteForm(Form):
    choice = forms.CharField(label="您的选择", required=False)


def test_a_service_error_on_a_field_names_the_field():
    form = _VoteForm({"choice": ""})
    assert form.is_valid()
    attach_errors(form, ValidationError({"choice": "请选择同意、反对或弃权", "box": "投票已结束"}))
    assert form.errors["choice"] == ["您的选择：请选择同意、反对或弃权"]
    assert form.non_field_errors() == ["投票已结束"]


def test_an_error_already_named_is_not_named_twice():
    form = _VoteForm({"choice": ""})
    assert form.is_valid()
    attach_errors(form, ValidationError({"choice": "您的选择：请选择"}))
    assert form.errors["choice"] == ["您的选择：请选择"]


class _PickForm(Form):
    chosen = ModelMultipleChoiceField(label="人员", queryset=Person.objects.none(), required=False)


@pytest.mark.django_db
@pytest.mark.parametrize("value", [str(2**63), str(10**40), f"-{2**64}"])
def test_an_id_no_database_holds_is_an_invalid_choice_not_a_500(town, value):
    # Found by the form fuzzer: Django sends the ids to an IN (…) query unchecked (OverflowError).
    form = _PickForm({"chosen": ["1", value]})
    form.fields["chosen"].queryset = Person.objects.filter(township=town)
    assert not form.is_valid()
    assert form.errors["chosen"][0].startswith("人员：")
