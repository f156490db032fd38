"""Voiding a vote takes its reason through the form: a NUL byte (PostgreSQL refuses it in text: it
was a 500) or a reason longer than the column is refused naming the field, and the vote stays open.
Found by the form fuzzer (tests/fuzz/test_forms.py)."""

import pytest
from django.urls import reverse

from tests.ballots.helpers import open_box, personnel_entry, team
from zhidu.ballots.models import BallotBox


@pytest.mark.django_db
@pytest.mark.parametrize("reason", ["打印机\x00卡纸", "字" * 301, "", "   "])
def test_a_bad_void_reason_is_refused_by_name(client, town, reason):
    members, clerk = team(town, 5)
    box, _codes = open_box(personnel_entry(town, members, clerk))
    client.force_login(clerk.user)
    response = client.post(reverse("ballots:void", args=[box.pk]), {"reason": reason})
    assert response.status_code == 400
    errors = response.context["void_form"].errors["reason"]
    assert errors and all(message.startswith("作废理由：") for message in errors), errors
    box.refresh_from_db()
    assert box.state == BallotBox.State.OPEN


@pytest.mark.django_db
def test_a_good_reason_voids_the_vote(client, town):
    members, clerk = team(town, 5)
    box, _codes = open_box(personnel_entry(town, members, clerk))
    client.force_login(clerk.user)
    response = client.post(reverse("ballots:void", args=[box.pk]), {"reason": "选票码卡片遗失"})
    assert response.status_code == 302
    box.refresh_from_db()
    assert box.state == BallotBox.State.VOID and box.void_reason == "选票码卡片遗失"
