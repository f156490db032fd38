"""Whatever a caller sends, the API answers with JSON and a Chinese message naming the parameter,
never a 500: named bad inputs first, then generated ones (Hypothesis) against every endpoint."""

from __future__ import annotations

from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.api.conftest import body

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.api.urls")]

ID_PATHS = [
    "/api/meetings/{}",
    "/api/meetings/{}/record",
    "/api/meetings/{}/evaluation",
    "/api/items/{}",
]
LISTS = ["/api/meetings", "/api/items"]
QUERY_NAMES = ["page", "page_size", "state", "body", "category"]


@pytest.mark.parametrize("template", ID_PATHS)
@pytest.mark.parametrize(
    ("value", "status", "words"),
    [
        ("abc", 422, "须为整数"),
        ("1.5", 422, "须为整数"),
        ("0", 422, "不能小于 1"),
        ("-3", 422, "不能小于 1"),
        (str(10**30), 422, "不能大于"),
        (str(2**63), 422, "不能大于"),
        (str(2**63 - 1), 404, "未找到"),
        ("%E4%BC%9A%E8%AE%AE", 422, "须为整数"),
    ],
)
def test_a_bad_id_names_the_field(world, as_user, template, value, status, words):
    response = as_user(world.people["clerk"]).get(template.format(value))
    assert response.status_code == status
    data = body(response)
    assert words in data["detail"]
    if status == 422:
        field = "item_id" if template.startswith("/api/items") else "meeting_id"
        assert data["errors"][0]["field"] == field and data["errors"][0]["in"] == "path"
        assert f"路径参数 {field}：" in data["detail"]


@pytest.mark.parametrize(
    ("query", "field", "words"),
    [
        ("state=open", "state", "须为以下之一"),
        ("page=0", "page", "不能小于 1"),
        ("page=x", "page", "须为整数"),
        ("page=99999999999999999999", "page", "不能大于"),
        ("page_size=201", "page_size", "不能大于 200"),
        ("page_size=-1", "page_size", "不能小于 1"),
    ],
)
@pytest.mark.parametrize("path", LISTS)
def test_a_bad_filter_names_the_field(world, as_user, path, query, field, words):
    response = as_user(world.people["clerk"]).get(f"{path}?{query}")
    assert response.status_code == 422
    data = body(response)
    assert data["errors"][0] == {"field": field, "in": "query", "message": data["errors"][0]["message"]}
    assert words in data["errors"][0]["message"] and f"查询参数 {field}：" in data["detail"]


def test_filters_of_the_other_list_are_refused_by_name(world, as_user):
    client = as_user(world.people["clerk"])
    assert "category" in body(client.get("/api/items?category=secret"))["detail"]
    assert "body" in body(client.get("/api/meetings?body=party"))["detail"]


def test_the_refusal_of_a_bad_value_comes_after_authentication(world, client):
    assert client.get("/api/meetings/abc").status_code == 401


text = st.text(min_size=0, max_size=40)
numbers = st.one_of(
    st.integers(min_value=-(10**40), max_value=10**40),
    st.sampled_from([0, 1, -1, 2**31, 2**63 - 1, 2**63, 2**64]),
).map(str)
values = st.one_of(text, numbers, st.sampled_from(["", " ", "null", "1e3", "0x10", "１２", "closed", "team"]))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(template=st.sampled_from(ID_PATHS), value=values)
def test_fuzz_path_values_never_5xx(world, as_user, template, value):
    client = as_user(world.people["clerk"])
    response = client.get(template.format(quote(value, safe="")))
    assert response.status_code < 500, (template, value, response.content[:300])
    assert response.status_code in {200, 404, 409, 422}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    path=st.sampled_from(LISTS),
    query=st.lists(st.tuples(st.sampled_from([*QUERY_NAMES, "x", "页"]), values), max_size=4),
)
def test_fuzz_query_values_never_5xx(world, as_user, path, query):
    client = as_user(world.people["clerk"])
    response = client.get(f"{path}?{urlencode(query)}")
    assert response.status_code in {200, 422}, (path, query, response.content[:300])
    if response.status_code == 422:
        assert body(response)["errors"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(token=st.one_of(text, st.binary(max_size=60).map(lambda b: b.hex()), st.just("1:x:y")))
def test_fuzz_tokens_never_5xx(world, client, token):
    response = client.get("/api/meetings", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 401
