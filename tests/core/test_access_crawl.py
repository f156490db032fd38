"""URL × role × owner (issue 6, "no role reads another's records"): every URL pattern of the project,
read from the resolver, is requested by one persona per role of the matrix, an outsider and an
anonymous visitor, with the primary keys of rows of two townships and of different owners. Expected:

- anonymous: a redirect to the log-in page (401 from the API);
- an action the matrix refuses the persona's roles (the view's `@requires`): 403;
- a row of another township: 404, whatever the role;
- a row the area keeps for its owner (OWNERSHIP below): 403 or 404;
- otherwise an answer (200, a redirect, a refused form), never a server error;
- and in every body no marker of a record the persona may not read (`secrets` below).

Nothing here lists results by hand: the action comes from the view, the roles from the organization
and the matrix, the owners from the rows. A new URL pattern is crawled without editing this file;
one with a keyword argument this file cannot fill fails `test_every_url_can_be_instantiated` and
says which SOURCES row to add. tests/core/test_permission_matrix.py keeps only what the crawl does
not cover (roles follow the organization, a user without a township, the county switch)."""

from __future__ import annotations

import collections
import logging
import time

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from tests.core.crawl_support import (
    AREAS,
    PUBLIC,
    Persona,
    Secret,
    Target,
    build_world,
    fetch,
    marker,
    personas,
    routes,
    rows,
)
from zhidu.core.permissions import MATRIX, roles_of
from zhidu.supervision.models import SupervisionItem
from zhidu.supervision.views.common import SEE_ALL


def entries(world):
    a, b = world["A"].rows, world["B"].rows
    own = [Target({"pk": t.rows["open_meeting"].pk, "entry_pk": t.rows["entry"].pk}, t.township.pk,
                  t.rows["entry"]) for t in world.values()]  # fmt: skip
    return own + [Target({"pk": a["open_meeting"].pk, "entry_pk": b["entry"].pk}, None, b["entry"])]


# The rows that fill a URL's keyword arguments, by the route up to its last argument.
SOURCES = {
    "duties/<pk>": rows("obligation1", "obligation2"),
    "meetings/items/<pk>": rows("item", "secret_item"),
    "meetings/checks/<pk>": rows("check"),
    "meetings/<pk>": rows("meeting", "open_meeting"),
    "meetings/<pk>/conflict/<entry_pk>": entries,
    "meetings/<pk>/record/<entry_pk>": entries,
    "supervision/<pk>": rows("supervision1", "supervision2"),
    "supervision/from-decision/<entry_pk>": rows("entry", kw="entry_pk"),
    "ballots/entry/<entry_pk>": rows("entry", kw="entry_pk"),
    "ballots/<pk>": rows("box", "assessment_box"),
    "ballots/assessments/<pk>": rows("assessment"),
    "personal/<pk>": rows("report1", "report2"),
    "api/meetings/<meeting_id>": rows("meeting", "open_meeting", kw="meeting_id"),
    "api/items/<item_id>": rows("item", "secret_item", kw="item_id"),
}
# Each area's own (tests/<area>/crawl.py): its rows' SOURCES, QUERIES, OWNERSHIP and secrets.
for _area in AREAS:
    SOURCES.update(getattr(_area, "SOURCES", {}))

# Rows named in a URL's query string: url name -> (the rows, the query naming one).
QUERIES = {
    "supervision:item-register": (rows("entry"), lambda t: f"entry={t.row.pk}"),
    "ballots:list": (rows("box", "assessment_box"), lambda t: "format=txt"),
    "meetings:item-detail": (rows("item"), lambda t: "download=report"),
}
for _area in AREAS:
    QUERIES.update(getattr(_area, "QUERIES", {}))


def targets_of(route, world) -> list[Target | None]:
    found = SOURCES[route.key](world) if route.kwargs else [None]
    if route.name in QUERIES:
        source, query = QUERIES[route.name]
        found += [
            Target(t.kwargs if route.kwargs else {}, t.township_id, t.row, query(t)) for t in source(world)
        ]
    return found


# --- who may do what to whose row -----------------------------------------------------------------


_roles: dict[str, frozenset] = {}


def roles(p: Persona):
    if p.name not in _roles:
        _roles[p.name] = roles_of(p.user) if p.user is not None else frozenset()
    return _roles[p.name]


def may(p: Persona, *actions: str) -> bool:
    return bool(roles(p) & frozenset().union(*(MATRIX[a] for a in actions)))


def sees_supervision_item(p: Persona, item) -> bool:
    """R7 (zhidu.supervision.views.common.visible_items): the team and the supervisors see every
    item; a cadre those of their department and those they answer for."""
    if roles(p) & SEE_ALL:
        return True
    if p.person is None:
        return False
    departments = {item.owner_department_id, *item.other_departments.values_list("pk", flat=True)}
    return item.owner_person_id == p.person.pk or p.person.department_id in departments


def _supervision(p, row, name):
    if not isinstance(row, SupervisionItem):
        return None  # an agenda entry named by the register form's query
    if not sees_supervision_item(p, row):
        return 404
    # Feedback only by the owner person or a member of the owner department (R7).
    answers = p.person is not None and (
        row.owner_person_id == p.person.pk or p.person.department_id == row.owner_department_id
    )
    return 403 if name == "supervision:feedback" and not answers else None


def _duty(p, row, name):
    own = p.person is not None and row.assignee_id == p.person.pk
    return None if own or may(p, "duties.complete_any") else 403


def _expected_member(p, row, name):
    meeting = getattr(row, "meeting", row)
    return None if meeting.attendance.filter(person=p.person).exists() else 403


def _chair(p, row, name):
    closed = row.state == row.State.CLOSED
    return 403 if closed and (p.person is None or p.person.pk != row.chair_id) else None


def _personal(p, row, name):
    """R8: a report is read by its reporter and by the township's organization office and discipline
    inspection (zhidu.personal.views._load); only the reporter files it."""
    own = p.person is not None and row.reporter_id == p.person.pk
    if name == "personal:file":
        return None if own else 403
    return None if own or may(p, "personal.review") else 403


# url name (or its namespace) -> rule(persona, row, url name) -> 403 / 404 / None (no owner rule).
OWNERSHIP = {
    "duty-complete": _duty,
    "supervision": _supervision,
    "meetings:meeting-confirm": _expected_member,
    "meetings:meeting-absence": _expected_member,
    "meetings:meeting-conflict": _expected_member,
    "meetings:minutes-sign": _chair,
    "personal": _personal,
}
for _area in AREAS:
    OWNERSHIP.update(getattr(_area, "OWNERSHIP", {}))


def secrets(world) -> list[Secret]:
    """Who may read each marker: by the matrix's actions, and by owner where the area keeps a record
    for its owner."""
    found = []
    for t in world.values():
        tag, pk, r = t.tag, t.township.pk, t.rows
        for n in (1, 2):
            duty = r[f"obligation{n}"]
            found.append(Secret(marker(tag, "OBL", n), pk, lambda p, u, d=duty: (
                p.person is not None and p.person.pk == d.assignee_id) or may(p, "compliance.view", "audit.view")))  # fmt: skip
            item = r[f"supervision{n}"]
            found.append(Secret(marker(tag, "SUP", n), pk, lambda p, u, i=item: sees_supervision_item(p, i)))
            report = r[f"report{n}"]
            found.append(Secret(marker(tag, "PER", n), pk, lambda p, u, x=report: (
                p.person is not None and p.person.pk == x.reporter_id) or may(p, "personal.review"), sealed=True))  # fmt: skip
        anyone = lambda p, u: True  # noqa: E731 — of the same township (checked for every secret)
        found += [Secret(marker(tag, k), pk, anyone) for k in ("DEPT", "NAME")]
        meeting_readers = lambda p, u: may(p, "meetings.view", "audit.view", "meetings.audit")  # noqa: E731
        found += [Secret(marker(tag, k), pk, meeting_readers) for k in ("ITEM", "RES", "FILE")]
        # R1§9, one policy for the web and the API (zhidu.meetings.confidential): a confidential
        # personnel item's title only to those who prepare, decide and audit it, on every page.
        found.append(Secret(marker(tag, "CONF"), pk, lambda p, u: may(p, "meetings.view_confidential")))
        # R10: a member reads their own result and the team's, nobody else's.
        for subject in r["assessment"].subjects.exclude(person=None).select_related("person"):
            found.append(Secret(subject.person.name, pk, lambda p, u, s=subject: p.person == s.person,
                                "ballots:assessment-mine"))  # fmt: skip
    for area in AREAS:
        if hasattr(area, "secrets"):
            found += area.secrets(world, may)
    return found


# --- the crawl ------------------------------------------------------------------------------------


def test_every_url_can_be_instantiated():
    problems = []
    for r in routes():
        if r.name not in PUBLIC and r.action not in MATRIX:
            problems.append(f"{r.route} ({r.name}): no @requires action of zhidu/core/permissions.py MATRIX")
        if r.kwargs and r.key not in SOURCES and r.name not in PUBLIC:
            problems.append(
                f"{r.route} ({r.name}): add SOURCES[{r.key!r}] to tests/core/test_access_crawl.py (rows of "
                "both townships and of two owners, built in tests/core/crawl_support.populate), and its "
                "owner rule to OWNERSHIP if the area keeps a row for its owner"
            )
    assert not problems, "\n".join(problems)


def _owner_rule(name):
    return OWNERSHIP.get(name) or OWNERSHIP.get(name.split(":")[0] if ":" in name else "")


def expect(p: Persona, route, target: Target | None) -> set[int] | None:
    """The statuses allowed, or None for "any answer but a server error"."""
    if route.name in PUBLIC:
        return None
    if p.user is None:
        return {401} if route.api else {302}
    if not may(p, route.action) or p.township_id is None:
        return {403}
    if target is None:
        return None
    if target.township_id != p.township_id:
        return {404}
    rule = _owner_rule(route.name)
    refused = rule(p, target.row, route.name) if rule else None
    return {refused} if refused else None


@pytest.fixture
def quiet():
    """Thousands of expected 403s and 404s: not one log line (with its traceback) each."""
    logger = logging.getLogger("django.request")
    level, logger.level = logger.level, logging.CRITICAL
    yield
    logger.level = level


@pytest.fixture
def word_pdf(monkeypatch):
    """The PDF URLs answer whoever may read their Word document, and are crawled for that; each
    would start LibreOffice once per persona and row, so here the conversion is a stand-in. The
    conversion itself is proven on every document by the areas' tests (tests/core/official.py)."""
    monkeypatch.setattr("zhidu.core.pdf.docx_to_pdf", lambda docx: b"%PDF-1.4 crawl")


@pytest.mark.django_db
def test_no_role_reads_another_townships_or_owners_records(quiet, word_pdf, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    started = time.perf_counter()
    world = build_world()
    print(f"crawl: two townships built in {time.perf_counter() - started:.1f}s")
    people = personas(world)
    _roles.clear()
    crawl = Crawl(secrets(world))
    # What cannot be crawled (no action, no rows) fails test_every_url_can_be_instantiated.
    all_routes = [
        r for r in routes() if (r.name in PUBLIC or r.action in MATRIX) and (not r.kwargs or r.key in SOURCES)
    ]
    targets = {r.name: targets_of(r, world) for r in all_routes}
    post_only = {
        r.name for r in all_routes if fetch(Client(), "GET", _url(r, targets[r.name][0])).status == 405
    }
    for p in people:
        client = Client()
        if p.user is not None:
            client.force_login(p.user)
        for r in all_routes:
            method = "POST" if r.name in post_only else "GET"
            foreign = set()
            for target in targets[r.name]:
                if target is not None and target.township_id != p.township_id:
                    if (target.township_id, target.query) in foreign:
                        continue  # one row of another township tells: a 404 whoever owns it
                    foreign.add((target.township_id, target.query))
                crawl.check(client, p, r, method, target)
                if _refused_before_the_row(p, r):
                    break  # one target tells
        crawl.failures += _admin(client, p, world, [s.text for s in crawl.secrets if s.sealed])
    print(f"crawl: {len(all_routes)} URL patterns, {len(people)} personas, {crawl.requests} requests, "
          f"{sum(crawl.spent.values()):.1f}s; slowest: "
          + ", ".join(f"{name} {t:.1f}s" for name, t in crawl.spent.most_common(5)))  # fmt: skip
    # A marker no persona who may read it was ever shown would make the leak check prove nothing.
    readable = {s.text for s in crawl.secrets for p in people if s.township_id == p.township_id
                and s.readers(p, s.only)}  # fmt: skip
    for text in sorted(readable - crawl.seen):
        crawl.failures.append(f"{text!r}: shown to none of its readers")
    assert not crawl.failures, f"{len(crawl.failures)} failures:\n" + "\n".join(crawl.failures[:200])


class Crawl:
    def __init__(self, hidden: list[Secret]):
        self.secrets, self.seen, self.failures = hidden, set(), []
        self.requests, self.spent = 0, collections.Counter()

    def check(self, client, p: Persona, r, method: str, target: Target | None) -> None:
        wanted = expect(p, r, target)
        url = _url(r, target)
        started = time.perf_counter()
        answer = fetch(client, method, url)
        self.spent[r.name] += time.perf_counter() - started
        self.requests += 1
        if r.name in PUBLIC and p.user is not None:
            client.force_login(p.user)  # the log-out route did log out
        where = f"{p.name} {method} {url} ({r.name})"
        if answer.status >= 500:
            self.failures.append(f"{where}: {answer.status} {answer.error}")
        elif wanted is not None and answer.status not in wanted:
            self.failures.append(f"{where}: {answer.status}, expected {sorted(wanted)}")
        elif wanted is None and target is not None and answer.status == 404:
            # The persona may act on this row of their township: a 404 means SOURCES names the wrong
            # row, or the view hides a row it should show.
            self.failures.append(f"{where}: 404 for a row the persona may reach")
        elif p.user is None and not r.api and r.name not in PUBLIC:
            if not answer.location.startswith(reverse("login")):
                self.failures.append(f"{where}: redirected to {answer.location!r}, not to log in")
        for s in self.secrets:
            if s.text not in answer.body or not r.name.startswith(s.only):
                continue
            if s.township_id == p.township_id and s.readers(p, r.name):
                self.seen.add(s.text)
            else:
                self.failures.append(f"{where}: {answer.status} shows {s.text!r}")


def _refused_before_the_row(p: Persona, route) -> bool:
    return route.name not in PUBLIC and (p.user is None or p.township_id is None or not may(p, route.action))


def _url(route, target) -> str:
    url = reverse(route.name, kwargs=target.kwargs if target and target.kwargs else None)
    return f"{url}?{target.query}" if target and target.query else url


def _admin(client, p: Persona, world, sealed: list[str]) -> list[str]:
    """The admin site: staff only, and each model as Django's permissions grant it (the county
    administrator, a superuser, reads every township there); everyone else is sent to its log-in
    page. Even there, R8 content stays sealed."""
    failures = []
    staff = p.user is not None and p.user.is_staff
    models = list(admin.site._registry)
    pages = [(reverse("admin:index"), None)]
    pages += [(reverse(f"admin:{m._meta.app_label}_{m._meta.model_name}_changelist"), m) for m in models]
    for t in world.values() if staff else []:
        pages += [
            (reverse(f"admin:{row._meta.app_label}_{row._meta.model_name}_change", args=[row.pk]), type(row))
            for row in t.rows.values()
            if type(row) in admin.site._registry
        ]
    for url, model in pages if staff else pages[:2]:  # the index and one model: admin_view guards all
        answer = fetch(client, "GET", url)
        if not staff:
            wanted = "a redirect to the admin log-in"
            ok = answer.status == 302 and "/admin/login/" in answer.location
        else:
            visible = model is None or p.user.has_perm(
                f"{model._meta.app_label}.view_{model._meta.model_name}"
            )
            wanted = 200 if visible else 403
            ok = answer.status == wanted
        if not ok:
            failures.append(f"{p.name} GET {url}: {answer.status} {answer.error}, expected {wanted}")
        failures += [f"{p.name} GET {url}: shows {text!r}" for text in sealed if text in answer.body]
    return failures
