"""The county view's township switch refuses a malformed township id (404) and never redirects to a
posted "next" that is not a path of this site (found by the form fuzzer, tests/fuzz/test_forms.py:
"abc" reached the database, "审批" was taken for a view name; both were a 500)."""

import pytest
from django.urls import reverse

from tests import factories


@pytest.fixture
def county(town):
    return factories.person(town, "县委组织部", username="county", county_view=True)


@pytest.mark.django_db
@pytest.mark.parametrize("township", ["abc", "²", "1.5", "", str(2**64), "-1"])
def test_a_malformed_township_is_not_found(client, county, township):
    client.force_login(county.user)
    response = client.post(reverse("switch-township"), {"township": township})
    assert response.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("posted", "location"),
    [
        ("/compliance/", "/compliance/"),
        ("审批", "/"),
        ("https://evil.example/", "/"),
        ("//evil.example", "/"),
    ],
)
def test_next_is_a_path_of_this_site(client, town, county, posted, location):
    client.force_login(county.user)
    response = client.post(reverse("switch-township"), {"township": town.pk, "next": posted})
    assert response.status_code == 302 and response["Location"] == location
