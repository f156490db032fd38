"""One generated post and its verdict, for tests/fuzz/test_forms.py and tests/fuzz/generic.py: the
bad input (JUNK), the values of a form's fields, the ids in the URL, the post itself in a savepoint
rolled back after it, and the judgement of the answer (never a 5xx; a refusal says why in Chinese,
naming the field, and leaves the watched rows and the audit trail as they were)."""

from __future__ import annotations

import re
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings as django_settings
from django.contrib.messages import constants
from django.forms import BaseForm
from django.test.utils import ContextList
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from hypothesis import strategies as st

from tests.fuzz.conftest import COUNTS
from tests.fuzz.world import rolled_back
from zhidu.core.forms import NamedErrorsMixin
from zhidu.core.models import AuditEntry

REFUSED = {400, 403, 404, 405, 409, 422}
CHINESE = re.compile(r"[\u4e00-\u9fff]")
MISSING = object()
SPECIAL = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "0",
    "-1",
    "-2147483649",
    "2147483648",
    str(2**63),
    str(10**40),
    "1.5",
    "1e309",
    "NaN",
    "Infinity",
    "²",
    "١٢",
    "Ⅻ",
    "2026-02-30",
    "2026-13-01",
    "0000-00-00",
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "1900-01-01",
    "25:61",
    "true",
    "null",
    "[]",
    "{}",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "../../etc/passwd",
    "//evil.example",
    "http://evil.example/",
    "\r\nSet-Cookie: x=1",
    "\u202e",
    "😀",
]
JUNK = st.one_of(
    st.sampled_from(SPECIAL),
    st.text(max_size=30),
    st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1, max_size=30),
    st.integers().map(str),
    st.floats().map(str),
    st.builds(
        lambda c, n: c * n, st.sampled_from(["字", "x", "\x00"]), st.sampled_from([201, 301, 5001, 100_000])
    ),
)
EXTRA_NAMES = st.one_of(
    st.sampled_from(["id", "pk", "township", "township_id", "state", "user", "csrfmiddlewaretoken"]),
    st.text(st.characters(categories=("L", "N")), min_size=1, max_size=12),
)


# --- one generated post ------------------------------------------------------------------------


def strategy_of(value, world):
    return value(world) if callable(value) and not isinstance(value, st.SearchStrategy) else value


def _other_ids(world):
    return st.sampled_from(sorted({str(i) for kind in world.other_ids.values() for i in kind}))


def field_values(fields: dict, world):
    """Each field: its plausible value, generated junk, another township's id, several values, or none."""
    drawn = {}
    for name, valid in fields.items():
        one = st.one_of(valid, JUNK, _other_ids(world))
        drawn[name] = st.one_of(valid, one, st.just(MISSING), st.lists(one, min_size=2, max_size=3))
    return st.fixed_dictionaries(drawn).map(lambda d: {k: v for k, v in d.items() if v is not MISSING})


def url_ids(kwargs: dict, world):
    """Mostly this township's rows of the right kind; else any mix with another township's ids and
    ids no table has."""
    own = {key: st.sampled_from(world.ids[kind]) for key, kind in kwargs.items()}
    other = st.sampled_from(sorted({i for v in world.other_ids.values() for i in v}))
    wild = st.sampled_from([0, 999_999, 2**31, 2**63, 10**30])
    mixed = {key: st.one_of(ids, other, wild) for key, ids in own.items()}
    return st.one_of(st.fixed_dictionaries(own), st.fixed_dictionaries(own), st.fixed_dictionaries(mixed))


def snapshot(models: tuple, world) -> dict:
    rows = {}
    for label in models:
        model = apps.get_model(label)
        qs = model.objects.all()
        if any(f.name == "township" for f in model._meta.fields):
            qs = qs.filter(township__in=[world.town, world.other])
        rows[label] = list(qs.order_by("pk").values_list())
    return rows


def _messages(response) -> list:
    storage = getattr(response.wsgi_request, "_messages", None)
    return list(storage) if storage is not None else []


def _contexts(response) -> list[dict]:
    """The rendered templates' contexts, flattened (one template: a Context; several: a ContextList)."""
    context = response.context
    if context is None:
        return []
    contexts = list(context) if isinstance(context, ContextList) else [context]
    return [c.flatten() if hasattr(c, "flatten") else c for c in contexts]


def _bound_forms(response) -> list:
    found = []
    for context in _contexts(response):
        for value in context.values():
            if isinstance(value, BaseForm) and value.is_bound and value not in found:
                found.append(value)
    return found


def judge(response) -> str:
    """'refused' or 'accepted'; fails on a 5xx, on a refusal that does not say why in Chinese, and on
    a field error that does not name its field."""
    status = response.status_code
    assert status < 500, f"server error {status}"
    errors = []
    for form in _bound_forms(response):
        for name, problems in form.errors.items():
            for message in problems:
                errors.append(message)
                if isinstance(form, NamedErrorsMixin) and name in form.fields:
                    label = str(form.fields[name].label or name)
                    assert message.startswith(f"{label}："), (name, message)
    context_errors = [str(e) for c in _contexts(response) for e in (c.get("errors") or [])]
    flashes = [str(m) for m in _messages(response) if m.level >= constants.WARNING]
    said = errors + context_errors + flashes
    if status in REFUSED or said:
        if status not in {403, 404, 405}:
            assert said, f"refused ({status}) without a message"
            assert any(CHINESE.search(m) for m in said), said
        return "refused"
    assert status in {200, 302}, status
    if status == 302:  # never sent off-site by a posted "next" (an open redirect)
        location = response["Location"]
        assert url_has_allowed_host_and_scheme(location, allowed_hosts={"testserver"}), location
    return "accepted"


def reaches(response) -> bool:
    """The view itself answered: not a refusal before it (403/404/405) nor a log-in step."""
    if response.status_code in {403, 404, 405}:
        return False
    return not (response.status_code == 302 and response["Location"].startswith(reverse("login")))


def post(world, persona, url, data, urlencoded):
    client = world.client(persona)
    saved = {k: v.value for k, v in client.cookies.items() if k != "messages"}
    try:
        client.cookies.pop("messages", None)
        if urlencoded:
            body = urlencode(data, doseq=True)
            return client.post(url, body, content_type="application/x-www-form-urlencoded")
        return client.post(url, data)
    finally:
        client.cookies.clear()
        for key, value in saved.items():
            client.cookies[key] = value


def _too_big(data, urlencoded) -> bool:
    """The body is over DATA_UPLOAD_MAX_MEMORY_SIZE. Multipart: only its fields' text counts toward
    the limit (Django's parser), roughly their UTF-8 size."""
    limit = django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if limit is None:
        return False
    if urlencoded:
        return len(urlencode(data, doseq=True)) > limit
    values = [v for value in data.values() for v in (value if isinstance(value, list) else [value])]
    return sum(len(str(v).encode()) for v in values) > limit


def _last_write():
    """The latest audit entry of a write (reads of sealed records are audited too, by design: R8)."""
    entries = AuditEntry.objects.exclude(action__endswith=".read").order_by("-pk")
    return entries.values_list("pk", flat=True).first()


def fuzz_one(world, spec, persona, kwargs, data, urlencoded, label):
    url = reverse(label, kwargs=kwargs)
    COUNTS["forms"] += 1
    with rolled_back():
        before_audit = _last_write()
        response = post(world, persona, url, data, urlencoded)
        try:
            if _too_big(
                data, urlencoded
            ):  # Django refuses the whole request (RequestDataTooBig) before any view
                # (or the view refused before reading the body: an unknown id, no permission)
                assert response.status_code in (400, 403, 404, 405), response.status_code
                verdict = "refused"
            else:
                verdict = judge(response)
        except AssertionError as failure:  # say which input, in full: Hypothesis may not print it
            raise AssertionError(f"{failure}\n{persona} POST {url} {data!r}"[:4000]) from None
        if verdict == "refused":
            if spec.watch:
                baseline = world.clients.setdefault(("snapshot", label), snapshot(spec.watch, world))
                assert snapshot(spec.watch, world) == baseline, "a refused post changed saved rows"
            if spec.audited:
                assert _last_write() == before_audit, "a refused post wrote an audit entry"
    return response
