"""The OpenAPI document is generated from the code and lists every endpoint, documented in Chinese
and English, with both ways to authenticate."""

from __future__ import annotations

import pytest

from tests.api.conftest import body
from zhidu.api import api

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.api.urls")]

EXPECTED = {
    "/api/meetings": "listMeetings",
    "/api/meetings/{meeting_id}": "getMeeting",
    "/api/meetings/{meeting_id}/record": "getMeetingRecord",
    "/api/meetings/{meeting_id}/evaluation": "getMeetingEvaluation",
    "/api/items": "listItems",
    "/api/items/{item_id}": "getItem",
}


def test_the_document_lists_every_endpoint(world, as_user):
    document = body(as_user(world.people["clerk"]).get("/api/openapi.json"))
    assert document["info"]["title"] == "Zhidu API" and document["info"]["version"] == "1"
    assert {path: ops["get"]["operationId"] for path, ops in document["paths"].items()} == EXPECTED
    assert all(list(ops) == ["get"] for ops in document["paths"].values())
    schemes = document["components"]["securitySchemes"]
    assert schemes["BearerAuth"] == {"type": "http", "scheme": "bearer"}
    assert schemes["WebSession"]["in"] == "cookie"


def test_every_operation_is_documented_in_both_languages(world, as_user):
    document = body(as_user(world.people["clerk"]).get("/api/openapi.json"))
    for path, ops in document["paths"].items():
        op = ops["get"]
        assert any("\u4e00" <= ch <= "\u9fff" for ch in op["summary"]), path
        assert any("\u4e00" <= ch <= "\u9fff" for ch in op["description"]), path
        assert any(ch.isascii() and ch.isalpha() for ch in op["description"]), path
        assert {"200", "401", "403", "404", "422"} <= set(op["responses"]), path
        assert op["security"] == [{"BearerAuth": []}, {"WebSession": []}], path


def test_documented_names_are_the_wire_names(world, as_user):
    schemas = body(as_user(world.people["clerk"]).get("/api/openapi.json"))["components"]["schemas"]
    assert "for" in schemas["VoteOut"]["properties"] and "for_" not in schemas["VoteOut"]["properties"]
    assert "for" in schemas["RecordCounts"]["properties"]
    assert "in" in schemas["FieldError"]["properties"]


def test_every_route_of_the_api_is_in_the_document():
    patterns = api.urls[0]
    routes = {"/api/" + str(p.pattern).replace("<", "{").replace(">", "}") for p in patterns}
    routes -= {"/api/", "/api/openapi.json", "/api/docs"}
    assert routes == set(EXPECTED)


def test_the_docs_page(world, as_user):
    response = as_user(world.people["clerk"]).get("/api/docs")
    assert response.status_code == 200
    assert "/api/openapi.json" in response.content.decode()
