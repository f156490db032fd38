"""Marking a duty done goes back to the posted "next" only when it is a path of this site (found by the
form fuzzer, tests/fuzz/test_forms.py: an open redirect, and a 500 for a "next" that is no URL)."""

import datetime

import pytest
from django.urls import reverse

from zhidu.obligations import services
from zhidu.obligations.deadlines import DeadlineRule


def _duty(town, person, key):
    return services.open_obligation(
        township=town,
        kind="periodic-report",
        article="R15",
        title=f"报告{key}",
        key=key,
        rule=DeadlineRule("after_days", datetime.date(2026, 11, 20), 30),
        assignee=person,
    )[0]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("posted", "location"),
    [
        ("/compliance/", "/compliance/"),
        ("https://evil.example/", "/duties/"),
        ("//evil.example/", "/duties/"),
        ("javascript:alert(1)", "/duties/"),
        ("-234012787128", "/duties/"),
        ("审批", "/duties/"),
        ("a\x00b", "/duties/"),
    ],
)
def test_next_is_followed_only_within_the_site(client, town, people, posted, location):
    duty = _duty(town, people["deputy"], posted.encode().hex())
    client.force_login(people["deputy"].user)
    response = client.post(reverse("duty-complete", args=[duty.pk]), {"next": posted})
    assert response.status_code == 302 and response["Location"] == location
