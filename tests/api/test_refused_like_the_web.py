"""An API caller is refused exactly like the web: the same actor, refused by the page, by the API
and by the entry point a write would go through (the API itself writes nothing: every method but GET
is refused, so no write can bypass the entry points' checks through it)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from zhidu.api.auth import issue_token
from zhidu.meetings import services


def test_a_cadre_is_refused_by_the_page_the_api_and_the_entry_point(world, client):
    cadre = world.people["cadre"]
    client.force_login(cadre.user)
    assert client.get(reverse("meetings:meeting-list")).status_code == 403
    client.logout()
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {issue_token(cadre.user)}"}
    assert client.get("/api/meetings", **bearer).status_code == 403
    with pytest.raises(PermissionDenied):
        services.send_notice(world.open, version=world.open.version, user=cadre.user)


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_api_has_no_write_to_bypass_the_entry_points(world, client, method):
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {issue_token(world.people['clerk'].user)}"}
    response = getattr(client, method)(f"/api/meetings/{world.open.pk}", **bearer)
    assert response.status_code == 405
