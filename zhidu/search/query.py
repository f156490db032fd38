"""The one query API over both backends:

    search(township, query, category=None, year=None, page=1) -> Results

Matching: the query's characters as a phrase (zhidu.search.segment), so every published document
containing the query string is found. Ranking: title matches first, then the text rank of the
query's jieba words (FTS5 bm25; PostgreSQL ts_rank over the words' tsvector), then the newest.
Snippets: a window of the text around the first match, HTML-escaped, the query's words in <mark>."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from zhidu.org.models import Township
from zhidu.search import segment
from zhidu.search.models import Document

PER_PAGE = 10
SNIPPET = 90  # characters around the first match
MAX_QUERY = 100


@dataclass
class Hit:
    document: Document
    title: SafeString
    snippet: SafeString


@dataclass
class Results:
    query: str
    count: int
    page: int
    pages: int
    hits: list[Hit] = field(default_factory=list)

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def terms(query: str) -> list[str]:
    """What is highlighted: the query itself (its parts between spaces) and its jieba words,
    longest first."""
    parts = [p for p in query.split() if p]
    found = {p.lower() for p in parts}
    for p in parts:
        found.update(w for w in segment.words(p) if len(w) > 1 or len(p) == 1)
    return sorted(found, key=lambda t: (-len(t), t))


def highlight(text: str, words: list[str]) -> SafeString:
    if not words:
        return escape(text)
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    out: list[str] = []
    last = 0
    for m in pattern.finditer(text):
        out.append(escape(text[last : m.start()]))
        out.append(f"<mark>{escape(m.group())}</mark>")
        last = m.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))


def snippet(text: str, query: str, words: list[str]) -> SafeString:
    lowered = text.lower()
    at = lowered.find(query.lower())
    if at < 0:
        hits = [i for i in (lowered.find(w) for w in words) if i >= 0]
        at = min(hits) if hits else 0
    start = max(0, at - SNIPPET // 3)
    end = min(len(text), start + SNIPPET)
    piece = " ".join(text[start:end].split())
    return mark_safe(("…" if start else "") + highlight(piece, words) + ("…" if end < len(text) else ""))


def _fts_phrase(chars: list[str]) -> str:
    return '"' + " ".join(chars) + '"'


def _ids_sqlite(
    township_id: int,
    chars: list[str],
    words: list[str],
    where: str,
    params: list[Any],
    limit: int,
    offset: int,
):
    phrase = _fts_phrase(chars)
    match = f"{{title_chars body_chars}} : {phrase}"
    if words:
        ranked = " OR ".join('"' + w.replace('"', "") + '"' for w in words)
        # The same set (C AND (C OR W)), ranked by the words as well.
        match = f"({match}) AND ({match} OR {{title_words body_words}} : ({ranked}))"
    base = f"""
        FROM search_fts JOIN search_document d ON d.id = search_fts.rowid
        WHERE search_fts MATCH %s AND d.township_id = %s{where}"""
    with connection.cursor() as c:
        c.execute(f"SELECT count(*) {base}", [match, township_id, *params])
        count = c.fetchone()[0]
        c.execute(
            # `where` is made of constant clauses only; every value is a parameter.
            f"""SELECT d.id FROM search_fts JOIN search_document d ON d.id = search_fts.rowid
                WHERE search_fts MATCH %s AND d.township_id = %s{where}
                ORDER BY (d.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)) DESC,
                         bm25(search_fts, 10.0, 1.0, 5.0, 0.5), d.published_at DESC, d.id DESC
                LIMIT %s OFFSET %s""",  # noqa: S608
            [match, township_id, *params, f"title_chars : {phrase}", limit, offset],
        )
        return count, [r[0] for r in c.fetchall()]


def _ids_postgresql(
    township_id: int,
    query: str,
    chars: list[str],
    words: list[str],
    where: str,
    params: list[Any],
    limit: int,
    offset: int,
):
    phrase = " ".join(chars)
    like = "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    base = f"""
        FROM search_document d, phraseto_tsquery('simple', %s) q
        WHERE d.township_id = %s{where}
          AND (d.chars_vector @@ q OR (d.long_text AND (d.title || ' ' || d.body) ILIKE %s))"""
    words_query = " | ".join("'" + w.replace("'", "") + "'" for w in words) or "''"
    with connection.cursor() as c:
        c.execute(f"SELECT count(*) {base}", [phrase, township_id, *params, like])
        count = c.fetchone()[0]
        c.execute(
            f"""SELECT d.id {base}
                ORDER BY (d.title_chars_vector @@ q) DESC,
                         ts_rank(d.words_vector, to_tsquery('simple', %s)) DESC,
                         d.published_at DESC NULLS LAST, d.id DESC
                LIMIT %s OFFSET %s""",
            [phrase, township_id, *params, like, words_query, limit, offset],
        )
        return count, [r[0] for r in c.fetchall()]


def search(
    township: Township,
    query: str,
    category: str | None = None,
    year: int | None = None,
    page: int = 1,
    per_page: int = PER_PAGE,
) -> Results:
    query = " ".join((query or "").split())[:MAX_QUERY]
    chars = segment.characters(query)
    if not chars:
        return Results(query=query, count=0, page=1, pages=1)
    words = terms(query)
    where = ""
    params: list[Any] = []
    if category:
        where += " AND d.category = %s"
        params.append(category)
    if year:
        where += " AND d.year = %s"
        params.append(year)
    page = max(1, page)
    offset = (page - 1) * per_page
    if connection.vendor == "postgresql":
        count, ids = _ids_postgresql(township.pk, query, chars, words, where, params, per_page, offset)
    else:
        count, ids = _ids_sqlite(township.pk, chars, words, where, params, per_page, offset)
    rows = Document.objects.in_bulk(ids)
    hits = [
        Hit(
            document=rows[i],
            title=highlight(rows[i].title, words),
            snippet=snippet(rows[i].body, query, words),
        )
        for i in ids
        if i in rows
    ]
    pages = max(1, -(-count // per_page))
    return Results(query=query, count=count, page=min(page, pages), pages=pages, hits=hits)


def years(township: Township) -> list[int]:
    return sorted(
        {y for y in Document.objects.filter(township=township).values_list("year", flat=True) if y},
        reverse=True,
    )
