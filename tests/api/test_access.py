"""Who may read through the API: exactly the web's `meetings.view`, by session or bearer token, the
caller's own township only (another township's id is a 404, never a 403)."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import URLPattern, URLResolver, get_resolver

from tests.api.conftest import body
from zhidu.api.auth import issue_token, user_for_token
from zhidu.core.permissions import MATRIX

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.api.urls")]

ENDPOINTS = {
    "meetings": lambda w: "/api/meetings",
    "meeting": lambda w: f"/api/meetings/{w.closed.pk}",
    "record": lambda w: f"/api/meetings/{w.closed.pk}/record",
    "evaluation": lambda w: f"/api/meetings/{w.closed.pk}/evaluation",
    "items": lambda w: "/api/items",
    "item": lambda w: f"/api/items/{w.secret.pk}",
}
OTHER_TOWNSHIP = {
    "meeting": lambda w: f"/api/meetings/{w.other_meeting.pk}",
    "record": lambda w: f"/api/meetings/{w.other_meeting.pk}/record",
    "evaluation": lambda w: f"/api/meetings/{w.other_meeting.pk}/evaluation",
    "item": lambda w: f"/api/items/{w.other_item.pk}",
}
# persona -> may read (the matrix: meetings.view is SUPERVISORS | team members | administrators)
PERSONAS = {
    "clerk": True,  # party office
    "yang": True,  # secretary, the principal
    "hu": True,  # team member
    "guo": True,  # discipline secretary (a team member)
    "organization": True,
    "discipline": True,
    "cadre": False,
}


@pytest.mark.parametrize("persona", sorted(PERSONAS))
@pytest.mark.parametrize("endpoint", sorted(ENDPOINTS))
def test_the_matrix_by_session(world, as_user, persona, endpoint):
    response = as_user(world.people[persona]).get(ENDPOINTS[endpoint](world))
    if PERSONAS[persona]:
        assert response.status_code == 200, body(response)
        assert response["Content-Type"].startswith("application/json")
    else:
        assert response.status_code == 403
        assert "无权查看会议与议题" in body(response)["detail"]


@pytest.mark.parametrize("endpoint", sorted(ENDPOINTS))
def test_anonymous_gets_401_with_the_way_to_authenticate(world, client, endpoint):
    response = client.get(ENDPOINTS[endpoint](world))
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert "未登录或令牌无效" in body(response)["detail"]


@pytest.mark.parametrize("endpoint", sorted(OTHER_TOWNSHIP))
def test_another_townships_row_is_not_found_not_forbidden(world, as_user, endpoint):
    response = as_user(world.people["yang"]).get(OTHER_TOWNSHIP[endpoint](world))
    assert response.status_code == 404
    assert "未找到" in body(response)["detail"]


def test_lists_hold_only_the_callers_township(world, as_user):
    client = as_user(world.people["clerk"])
    meetings = body(client.get("/api/meetings"))
    items = body(client.get("/api/items"))
    assert {m["id"] for m in meetings["items"]} == {world.closed.pk, world.open.pk}
    assert world.other_item.pk not in {i["id"] for i in items["items"]}
    # The other township's own secretary sees only theirs.
    client.force_login(world.people["other_secretary"].user)
    assert [m["id"] for m in body(client.get("/api/meetings"))["items"]] == [world.other_meeting.pk]


@pytest.mark.parametrize("endpoint", sorted(ENDPOINTS))
def test_a_bearer_token_reads_like_the_session(world, as_user, endpoint):
    response = as_user(world.people["clerk"], bearer=True).get(ENDPOINTS[endpoint](world))
    assert response.status_code == 200, body(response)


def test_a_bearer_token_carries_its_holders_roles_and_township(world, client):
    cadre = {"HTTP_AUTHORIZATION": f"Bearer {issue_token(world.people['cadre'].user)}"}
    assert client.get("/api/meetings", **cadre).status_code == 403
    other = {"HTTP_AUTHORIZATION": f"Bearer {issue_token(world.people['other_secretary'].user)}"}
    assert client.get(f"/api/meetings/{world.closed.pk}", **other).status_code == 404
    assert client.get(f"/api/meetings/{world.other_meeting.pk}", **other).status_code == 200


def _tampered(token: str) -> list[str]:
    value, _, signature = token.rpartition(":")
    pk, _, rest = value.partition(":")
    flipped = signature[:-1] + ("A" if signature[-1] != "A" else "B")
    return [
        f"{value}:{flipped}",  # signature altered
        f"{int(pk) + 1}:{rest}:{signature}",  # someone else's id under the old signature
        token + "x",
        token[:-1],
        "",
        "not-a-token",
        "::",
        "1:2:3:4",
    ]


def test_a_tampered_token_is_refused_even_with_a_session(world, as_user):
    token = issue_token(world.people["clerk"].user)
    client = as_user(world.people["yang"])  # a valid session does not rescue a bad token
    for bad in _tampered(token):
        response = client.get("/api/meetings", HTTP_AUTHORIZATION=f"Bearer {bad}")
        assert response.status_code == 401, bad
        assert user_for_token(bad) is None


def test_an_expired_token_is_refused(world, client, settings):
    settings.ZHIDU_API_TOKEN_SECONDS = 3600
    with time_machine.travel(datetime.datetime(2026, 11, 1, 9, tzinfo=datetime.timezone.utc), tick=False):
        token = issue_token(world.people["clerk"].user)
    header = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    with time_machine.travel(datetime.datetime(2026, 11, 1, 9, 59, tzinfo=datetime.timezone.utc), tick=False):
        assert client.get("/api/meetings", **header).status_code == 200
    with time_machine.travel(datetime.datetime(2026, 11, 1, 10, 1, tzinfo=datetime.timezone.utc), tick=False):
        assert client.get("/api/meetings", **header).status_code == 401


def test_a_token_dies_with_a_password_change_or_deactivation(world, client):
    user = world.people["clerk"].user
    header = {"HTTP_AUTHORIZATION": f"Bearer {issue_token(user)}"}
    assert client.get("/api/meetings", **header).status_code == 200
    user.set_password("a-new-password-77")
    user.save()
    assert client.get("/api/meetings", **header).status_code == 401
    header = {"HTTP_AUTHORIZATION": f"Bearer {issue_token(user)}"}
    user.is_active = False
    user.save()
    assert client.get("/api/meetings", **header).status_code == 401


def test_another_scheme_is_not_a_token(world, client):
    response = client.get("/api/meetings", HTTP_AUTHORIZATION="Basic Y2xlcms6eA==")
    assert response.status_code == 401


def test_only_get(world, as_user):
    client = as_user(world.people["clerk"])
    assert client.post("/api/meetings").status_code == 405
    assert client.delete(f"/api/meetings/{world.closed.pk}").status_code == 405


def _api_patterns(resolver):
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            if p.namespace == "api":
                yield from p.url_patterns
        elif isinstance(p, URLPattern):
            continue


def test_every_api_url_declares_an_action_of_the_matrix():
    """What tests/core/test_permission_matrix.py will demand once zhidu/urls.py includes the API."""
    patterns = list(_api_patterns(get_resolver()))
    assert {p.name for p in patterns} >= {"openapi-json", "openapi-view", "api-root", "list_meetings"}
    for p in patterns:
        assert getattr(p.callback, "zhidu_action", None) in MATRIX, p.name


@pytest.mark.parametrize("path", ["/api/", "/api/openapi.json", "/api/docs"])
def test_the_docs_are_behind_the_same_guard(world, client, as_user, path):
    assert client.get(path).status_code == 401
    assert as_user(world.people["cadre"]).get(path).status_code == 403
    expected = 404 if path == "/api/" else 200
    assert as_user(world.people["clerk"]).get(path).status_code == expected
    client.logout()
    assert as_user(world.people["clerk"], bearer=True).get(path).status_code == expected
