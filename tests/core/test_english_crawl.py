"""A complete English (issue 16): every page the access crawl reaches, read in English by the first
role that may read it, shows no Chinese character Zhidu writes itself. The same two townships as
tests/core/test_access_crawl.py (their rows are Chinese); a Chinese run of characters is data when it
occurs in a stored row (names, titles, what users typed), system text otherwise. Full-width
punctuation counts as Chinese: English has "(R1§7)", never "（R1§7）".

What is left, and only that, is listed in STILL_CHINESE below: the test fails on a new Chinese
string and on a listed one that no page shows any more (cross it off). The Word documents are
official Chinese documents (GB/T 9704) and are not read here; nor is what a language switch says
in its own language (an element with lang="zh-…")."""

from __future__ import annotations

import collections
import logging
import re
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.db import models, transaction
from django.test import Client
from django.urls import reverse

from tests.core.crawl_support import PUBLIC, build_world, personas, routes
from tests.core.test_access_crawl import SOURCES, targets_of
from zhidu.core.permissions import MATRIX

CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\u201c\u201d\u2018\u2019\u2014\u2026]*"
                 r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]"
                 r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\u201c\u201d\u2018\u2019\u2014\u2026]*")  # fmt: skip
# Who reads a page first: the roles that read the most, then the others.
ORDER = ("party_office", "principal", "discipline", "organization_office", "team_member", "cadre",
         "township_admin", "administrator", "county", "anonymous")  # fmt: skip
TYPED = re.compile(CJK.pattern + r"(?=ZQ[A-Z]+\d*QZ)")
ATTRIBUTES = {"title", "placeholder", "aria-label", "alt", "label"}
SKIPPED = {"script", "style", "textarea"}  # a textarea holds what a user typed (or a draft)

# Chinese still written by Zhidu itself, by the string the crawl reports. Each entry is debt: fix it
# (an English msgid with its Chinese translation) and delete the line. What is left: fragments of
# sentences whose other words are data (a name, a village), which depend on the rows the crawl's
# world made. Not seen by this crawl at all: system text stored in rows (duties' titles, audit
# summaries), which needs the msgid and its arguments stored instead of the Chinese.
STILL_CHINESE: set[str] = {
    "、",
    "的",
    "（",
    "）",
    "：参加培训（",
}


class Text(HTMLParser):
    """The visible text and the read-aloud attributes of a page, minus what is marked Chinese."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []  # per open element: is its content skipped?
        self.chunks: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        skipped = (
            bool(self.stack and self.stack[-1])
            or tag in SKIPPED
            or (attrs.get("lang") or "").startswith("zh")
        )
        if not skipped:
            self.chunks += [v for k, v in attrs.items() if k in ATTRIBUTES and v]
            if tag == "input" and attrs.get("type") in {"submit", "button"} and attrs.get("value"):
                self.chunks.append(attrs["value"])
        if tag not in self.VOID:
            self.stack.append(skipped)

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]) and data.strip():
            self.chunks.append(data.strip())


def stored_text() -> tuple[str, set[str]]:
    """Every string of every row (and inside JSON columns): what users typed, names, titles."""
    found: list[str] = []

    def walk(value):
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list | tuple):
            for v in value:
                walk(v)

    for model in apps.get_models():
        columns = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
        ]
        for row in model._default_manager.values_list(*columns) if columns else ():
            walk(list(row))
    chinese = [s for s in found if CJK.search(s)]
    words = {run for s in chinese for run in CJK.findall(s)}
    return "\x00".join(chinese), words


def system_part(run: str, data: tuple[str, list[str]]) -> list[str]:
    """What of a run of Chinese no stored row holds: nothing when a row holds all of it (a short run
    only as a whole word of a row: "年" or "提示" may hide inside any text); else the run with every
    stored word of two characters or more taken out ("议题“村道维修”未经审定" -> "议题“", "”未经审定")."""
    text, words = data
    if run in words or (len(run) >= 4 and run in text):
        return []
    for word in sorted((w for w in words if len(w) > 1 and w in run), key=len, reverse=True):
        run = run.replace(word, "\x00")
    return [part for part in run.split("\x00") if part]


def system_chinese(body: str, data, cache: dict[str, list[str]]) -> list[tuple[str, str]]:
    """(the Chinese string, the text around it) for every Chinese string no stored row holds."""
    parser = Text()
    parser.feed(body)
    found = []
    for chunk in parser.chunks:
        # What the crawl's world typed carries a marker (tests/core/crawl_support.marker), sealed
        # text too, which no row holds in plain: "儿子ZQAFES1QZ".
        for m in CJK.finditer(TYPED.sub("", chunk)):
            run = m.group(0)
            if run not in cache:
                cache[run] = system_part(run, data)
            found += [(part, " ".join(chunk.split())[:120]) for part in cache[run]]
    return found


@pytest.fixture
def quiet():
    logger = logging.getLogger("django.request")
    level, logger.level = logger.level, logging.CRITICAL
    yield
    logger.level = level


@pytest.mark.django_db
def test_english_pages_show_no_system_chinese(quiet, settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr("zhidu.core.pdf.docx_to_pdf", lambda docx: b"%PDF-1.4 crawl")
    world = build_world()
    people = {p.name: p for p in personas(world)}
    clients = {}
    for name in ORDER:
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        if people[name].user is not None:
            client.force_login(people[name].user)
        clients[name] = client
    data, cache = stored_text(), {}
    pages = [
        r for r in routes() if (r.name in PUBLIC or r.action in MATRIX) and (not r.kwargs or r.key in SOURCES)
    ]
    seen: dict[str, list[str]] = collections.defaultdict(list)
    read = 0
    for route in pages:
        if route.api or route.name in {"logout", "set_language"}:
            continue
        target = next(
            (t for t in targets_of(route, world) if t is None or t.township_id == world["A"].township.pk),
            None,
        )
        url = reverse(route.name, kwargs=target.kwargs if target and target.kwargs else None)
        url = f"{url}?{target.query}" if target and target.query else url
        for name in ORDER:
            with transaction.atomic():
                response = clients[name].get(url)
                transaction.set_rollback(True)
            if response.status_code == 200:
                break
        else:
            continue
        if response.streaming or not response["Content-Type"].startswith("text/html"):
            continue  # a download: a Word document, a spreadsheet, a text file
        read += 1
        for run, context in system_chinese(response.content.decode(), data, cache):
            seen[run].append(f"{url} ({name}): {context}")
    assert read > 100, f"only {read} pages read in English"
    new = sorted(set(seen) - STILL_CHINESE)
    gone = sorted(STILL_CHINESE - set(seen))
    report = [f"{run!r} on {len(seen[run])} page(s), e.g. {seen[run][0]}" for run in new]
    assert not new, f"{len(new)} Chinese strings written by Zhidu on English pages:\n" + "\n".join(report)
    # Which fragment of a sentence counts as data depends on the rows the crawl's world made, so a
    # listed fragment may not show on a run: reported, not failed.
    if gone:
        print(f"no longer shown, delete from STILL_CHINESE if it stays so: {gone}")
