"""Pages of a signed-in user are never kept by a browser or a proxy (issue 17: pages that show
decrypted or personal data had no Cache-Control). A view that sets its own caching keeps it."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def test_a_signed_in_page_is_not_stored(client, town):
    cadre = factories.person(town, "周强", username="zhouqiang")
    client.force_login(cadre.user)
    for name in ("duties", "personal:list", "organization"):
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"], name
