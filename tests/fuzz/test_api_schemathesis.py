"""Schemathesis against the API's own OpenAPI document (/api/openapi.json, served by the application
behind its bearer tokens), over the demo township: generated valid and invalid requests for every
operation, as several personas. Whatever is sent: never a 5xx, every answer documented (status code,
content type, body schema), 401 without a valid token, 403 for a role that may not read decisions,
404 for another township's ids (issue 6, "Must show": fuzzing every API endpoint).

Bounded and reproducible: Hypothesis derandomized, a fixed number of examples per operation and
persona (COUNTS in tests/fuzz/conftest.py totals them; the terminal summary prints the total)."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode

from tests.fuzz.conftest import COUNTS
from zhidu.api import api as ninja_api
from zhidu.api.auth import issue_token

pytestmark = pytest.mark.django_db

# Collected without a database: ninja builds the same document /api/openapi.json serves (checked below).
DOCUMENT = ninja_api.get_openapi_schema(path_prefix="/api/")
OPERATIONS = sorted((path, method.upper()) for path, ops in DOCUMENT["paths"].items() for method in ops)
# Who reads decisions (meetings.view), each with another view of confidential items (R1§9).
READERS = ["zhangmin", "yangdong", "qiuweixing"]
EXAMPLES = 40
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(scope="module")
def app(world):
    """Django's own WSGI handler, called in-process in the test's transaction. Like Django's test
    client it must not close the connection at each request (that would end the transaction)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture(scope="module")
def tokens(world):
    return {name: issue_token(world.people[name].user) for name in [*READERS, "zhouqiang"]}


@pytest.fixture(scope="module")
def schema(app, tokens):
    return schemathesis.openapi.from_wsgi(
        "/api/openapi.json", app, headers={"Authorization": f"Bearer {tokens['zhangmin']}"}
    )


def _bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def _ids(world, path: str, own: bool) -> list[int]:
    kind = "item" if path.startswith("/api/items/") else "meeting"
    source = world.ids if own else world.other_ids
    return source[kind]


def _id_name(path: str) -> str | None:
    return "item_id" if "{item_id}" in path else "meeting_id" if "{meeting_id}" in path else None


def _cases(operation, world, path):
    """Schemathesis' positive and negative cases, and positive ones aimed at real rows."""
    strategies = [
        operation.as_strategy(generation_mode=GenerationMode.POSITIVE),
        operation.as_strategy(generation_mode=GenerationMode.NEGATIVE),
    ]
    name = _id_name(path)
    if name:
        for pk in _ids(world, path, own=True):
            strategies.append(operation.as_strategy(path_parameters={name: pk}))
    return st.one_of(strategies)


def test_the_served_document_is_the_one_fuzzed(schema):
    served = sorted(
        (path, method.upper()) for path, ops in schema.raw_schema["paths"].items() for method in ops
    )
    assert served == OPERATIONS and len(OPERATIONS) >= 6


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize(("path", "method"), OPERATIONS)
def test_generated_requests_get_documented_answers(world, schema, tokens, reader, path, method):
    operation = schema[path][method]

    @SETTINGS
    @given(case=_cases(operation, world, path))
    def run(case):
        COUNTS["api"] += 1
        response = case.call(headers=_bearer(tokens[reader]))
        assert response.status_code < 500, (response.status_code, response.text[:2000])
        # not_a_server_error, status code / content type / headers / body conformance, negative
        # data rejected (4xx), valid data accepted, ignored auth: Schemathesis' own checks.
        case.validate_response(response, headers=_bearer(tokens[reader]))

    run()


@pytest.mark.parametrize(("path", "method"), [op for op in OPERATIONS if _id_name(op[0])])
def test_another_townships_ids_are_not_found(world, schema, tokens, path, method):
    operation = schema[path][method]
    name = _id_name(path)
    strategy = st.one_of(
        [operation.as_strategy(path_parameters={name: pk}) for pk in _ids(world, path, own=False)]
    )

    @settings(SETTINGS, max_examples=EXAMPLES // 3)
    @given(case=strategy, reader=st.sampled_from(READERS))
    def run(case, reader):
        COUNTS["api"] += 1
        response = case.call(headers=_bearer(tokens[reader]))
        if response.status_code != 422:  # a generated bad query parameter is refused first
            assert response.status_code == 404, (reader, case.formatted_path, response.text[:500])
        case.validate_response(response, headers=_bearer(tokens[reader]))

    run()


@pytest.mark.parametrize(("path", "method"), OPERATIONS)
def test_no_token_or_a_bad_one_is_401_and_a_cadre_is_403(world, schema, tokens, path, method):
    operation = schema[path][method]
    credentials = st.sampled_from(
        [
            {},
            _bearer(""),
            _bearer("x"),
            _bearer(tokens["zhangmin"] + "x"),
            _bearer(tokens["zhangmin"][::-1]),
            {"Authorization": "Basic emhhbmdtaW46emhpZHUtZGVtbw=="},
            {"Authorization": f"Bearer {tokens['zhangmin']}\u4e2d"},
            "cadre",
        ]
    )

    @settings(SETTINGS, max_examples=EXAMPLES // 2)
    @given(case=_cases(operation, world, path), credential=credentials)
    def run(case, credential):
        COUNTS["api"] += 1
        headers = _bearer(tokens["zhouqiang"]) if credential == "cadre" else credential
        response = case.call(headers=headers)
        # Authentication comes first (401); a cadre's bad parameter is refused (422) before the
        # permission is asked, as on every ninja operation; otherwise 403.
        expected = {403, 422} if credential == "cadre" else {401}
        assert response.status_code in expected, (credential, response.status_code, response.text[:500])
        case.validate_response(response, headers=headers)

    run()
