"""Every web form and POST view, fuzzed (issue 6, "Must show"): the POST views are enumerated from the
URL resolver; each is posted generated bad input (random and Chinese text, empty, huge, NUL bytes,
wrong types, negative and huge numbers, impossible dates, unknown and other townships' ids, missing
and extra fields, both encodings) as the persona allowed to use it, over the demo township.

Whatever is sent: never a 5xx; a refused input answers 400/403/404/405/409/422, or comes back with
a Chinese message (the form's errors, each naming its field, or a flash message), and then the rows it
aimed at and the audit trail are exactly as before. Each input runs in a savepoint rolled back after
it, so every input meets the same database; Hypothesis is derandomized: CI replays the same inputs."""

from __future__ import annotations

import inspect
import re

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.fuzz import generic
from tests.fuzz.engine import (
    EXTRA_NAMES,
    JUNK,
    field_values,
    fuzz_one,
    reaches,
    snapshot,
    strategy_of,
    url_ids,
)
from tests.fuzz.forms_specs import SPECS
from tests.fuzz.world import rolled_back

pytestmark = pytest.mark.django_db

EXAMPLES = 35
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
    # No shrinking: a failure already names its input in full (engine.fuzz_one), and shrinking huge
    # inputs through whole requests would take minutes of CI.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)


# --- the POST views of the resolver ------------------------------------------------------------


def _walk(resolver, namespace=""):
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            if p.namespace in {"admin", "api"}:  # Django's admin; the API has its own fuzzer
                continue
            yield from _walk(p, f"{namespace}{p.namespace}:" if p.namespace else namespace)
        elif isinstance(p, URLPattern) and p.name:
            yield f"{namespace}{p.name}", p


def accepts_post(callback) -> bool:
    """A class-based view with post(); a function view whose code (decorators included), or that of
    a helper of its own module it calls (e.g. `_act(request, …)`), reads POST."""
    view_class = getattr(callback, "view_class", None)
    if view_class is not None:
        return hasattr(view_class, "post")
    return _reads_post(inspect.unwrap(callback), depth=2)


def _reads_post(func, depth: int) -> bool:
    try:
        source = inspect.getsource(func)
    except (OSError, TypeError):
        return True  # unknown: fuzz it
    if "POST" in source or "request.method" in source:
        return True
    helpers = {getattr(func, "__globals__", {}).get(n) for n in re.findall(r"\b(\w+)\(", source)}
    module = getattr(func, "__module__", None)
    return depth > 0 and any(
        _reads_post(h, depth - 1)
        for h in helpers
        if inspect.isfunction(h) and h.__module__ == module and h is not func
    )


def post_views() -> dict[str, URLPattern]:
    return {name: p for name, p in _walk(get_resolver()) if accepts_post(p.callback)}


POST_VIEWS = post_views()
UNSPECIFIED = sorted(set(POST_VIEWS) - set(SPECS))


@pytest.mark.parametrize("label", sorted(SPECS))
def test_every_form_refuses_bad_input_without_a_server_error(world, label):
    spec = SPECS[label]
    # A row for a view that is gone (or no longer takes POST) fails: a skipped test proves nothing.
    assert label in POST_VIEWS, f"{label} is not a POST view any more: remove its row from forms_specs.py"
    fields = {name: strategy_of(v, world) for name, v in spec.fields.items()}
    if spec.dynamic is not None:
        fields.update(spec.dynamic(world))
    # The baseline of the watched rows, taken in the same state every input starts from.
    with rolled_back():
        world.clients[("snapshot", label)] = snapshot(spec.watch, world)

    @SETTINGS
    @given(
        persona=st.sampled_from(spec.personas) | st.sampled_from(spec.personas[:1]),
        kwargs=url_ids(spec.kwargs, world),
        data=field_values(fields, world),
        extra=st.dictionaries(EXTRA_NAMES, JUNK, max_size=2),
        urlencoded=st.booleans(),
    )
    def run(persona, kwargs, data, extra, urlencoded):
        response = fuzz_one(world, spec, persona, kwargs, {**extra, **data}, urlencoded, label)
        reached.append(reaches(response))

    reached = []
    run()
    # The inputs got past the log-in, the second factor and the permission to the view itself.
    if spec.reach:
        assert sum(reached) >= len(reached) // 10, (
            f"{label}: {sum(reached)} of {len(reached)} reached the view"
        )


@pytest.mark.parametrize("label", UNSPECIFIED or ["(none)"])
def test_a_post_view_without_a_spec_is_fuzzed_from_its_forms(world, label):
    """A new POST view (e.g. of an app still being built) is fuzzed at once from the forms its module
    uses, as every persona; the test below still asks for its row in SPECS."""
    if label == "(none)":
        return
    generic.fuzz(world, label, POST_VIEWS[label], SETTINGS)


def test_every_post_view_of_the_resolver_is_fuzzed():
    """Each POST view has its row in SPECS, or is fuzzed (and must be reached) generically above."""
    assert len(POST_VIEWS) >= 30
    assert set(POST_VIEWS) <= set(SPECS) | set(UNSPECIFIED)
    stale = sorted(set(SPECS) - set(POST_VIEWS))
    assert not stale, f"rows of SPECS that are no POST view any more: {stale}"


def test_the_watched_tables_exist():
    for spec in SPECS.values():
        for label in spec.watch:
            apps.get_model(label)
