"""An empty POST (no field at all) is refused naming the missing fields, not with a bare 400: the
form is bound on every POST. Found by the form fuzzer (tests/fuzz/test_forms.py)."""

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_an_empty_assessment_post_names_the_missing_fields(client, people):
    client.force_login(people["organization"].user)
    response = client.post(reverse("ballots:assessments"), {})
    assert response.status_code == 400
    form = response.context["form"]
    assert {"year", "title", "members"} <= set(form.errors)
    assert all("：" in message for messages in form.errors.values() for message in messages)
