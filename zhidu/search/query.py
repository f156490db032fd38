"""The one query API over both backends:

    search(township, query, category=None, year=None, page=1) -> Results

Matching: the query's character bigrams as a phrase (zhidu.search.segment), so every published
document containing the query string is found. Ranking: title matches first, then the text rank of
the query's jieba words (FTS5 bm25; PostgreSQL ts_rank over the words' tsvector), then the newest;
past RANK_ALL matches, title matches first and newest first, without ranking every match.
Snippets: a window of the text around the first match, HTML-escaped, the query's words in <mark>."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from zhidu.org.models import Township
from zhidu.search import index, segment
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


# Up to this many matches are all ranked by the words' text rank; beyond it (a common word), the title
# matches come first, each group newest first, read in index order without ranking every match.
RANK_ALL = 1000


def _like(query: str) -> str:
    return "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _fts_grams(gq: list[str]) -> str:
    return f'"{gq[0]}"*' if len(gq) == 1 and len(gq[0]) == 1 else '"' + " ".join(gq) + '"'


def _ids_sqlite(
    township_id: int,
    query: str,
    gq: list[str],
    words: list[str],
    where: str,
    params: list[Any],
    limit: int,
    offset: int,
    category: str | None = None,
    year: int | None = None,
    archive: bool = False,
) -> tuple[int, list[int]]:
    phrase = _fts_grams(gq)
    tokens = index.scope(township_id, category or "", year, archive=archive).split()
    scope = " AND ".join(f'scope : "{t}"' for t in tokens)
    every = f"{scope} AND {{title_grams body_grams}} : {phrase}"
    title = f"{scope} AND title_grams : {phrase}"
    with connection.cursor() as c:
        c.execute("SELECT 1 FROM search_document WHERE township_id = %s AND long_text LIMIT 1", [township_id])
        if c.fetchone() is not None:
            return _ids_sqlite_with_long(
                c, township_id, query, every, title, words, where, params, limit, offset
            )
        # The index alone: the filters are tokens of its scope column.
        c.execute("SELECT count(*) FROM search_fts WHERE search_fts MATCH %s", [every])
        count = c.fetchone()[0]
        if count <= RANK_ALL:
            match = every
            if words:
                ranked = " OR ".join('"' + w.replace('"', "") + '"' for w in words)
                # The same set (C AND (C OR W)), so that bm25 weighs the words too.
                match = f"({every}) AND ({{title_grams body_grams}} : {phrase} OR {{title_words body_words}} : ({ranked}))"
            c.execute(
                """SELECT rowid FROM search_fts WHERE search_fts MATCH %s
                    ORDER BY (rowid IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)) DESC,
                             bm25(search_fts, 10.0, 1.0, 5.0, 0.5, 0.0), rowid DESC
                    LIMIT %s OFFSET %s""",
                [match, title, limit, offset],
            )
            return count, [r[0] for r in c.fetchall()]
        c.execute("SELECT count(*) FROM search_fts WHERE search_fts MATCH %s", [title])
        titled = c.fetchone()[0]
        ids: list[int] = []
        newest = (
            "SELECT rowid FROM search_fts WHERE search_fts MATCH %s ORDER BY rowid DESC LIMIT %s OFFSET %s"
        )
        if offset < titled:
            c.execute(newest, [title, limit, offset])
            ids = [r[0] for r in c.fetchall()]
        if len(ids) < limit:
            c.execute(newest, [f"({every}) NOT ({title})", limit - len(ids), max(0, offset - titled)])
            ids += [r[0] for r in c.fetchall()]
        return count, ids


def _ids_sqlite_with_long(
    c: Any,
    township_id: int,
    query: str,
    every: str,
    title: str,
    words: list[str],
    where: str,
    params: list[Any],
    limit: int,
    offset: int,
) -> tuple[int, list[int]]:
    """The same, when the township has a text longer than its indexed part: its rows are also
    scanned (LIKE), all matches ranked title first, then newest."""
    like = _like(query)
    hits = f"""WITH hits(id) AS (
            SELECT rowid FROM search_fts WHERE search_fts MATCH %s
            UNION SELECT id FROM search_document WHERE township_id = %s AND long_text
                AND (title LIKE %s ESCAPE '\\' OR body LIKE %s ESCAPE '\\'))
        SELECT {{}} FROM hits JOIN search_document d ON d.id = hits.id WHERE d.township_id = %s{where}"""  # noqa: S608
    args = [every, township_id, like, like, township_id, *params]
    c.execute(hits.format("count(*)"), args)
    count = c.fetchone()[0]
    c.execute(
        hits.format("d.id")  # noqa: S608
        + """ ORDER BY (d.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s) OR d.title LIKE %s ESCAPE '\\') DESC,
              d.published_at DESC, d.id DESC LIMIT %s OFFSET %s""",
        [*args, title, like, limit, offset],
    )
    return count, [r[0] for r in c.fetchall()]


def _ids_postgresql(
    township_id: int,
    query: str,
    gq: list[str],
    words: list[str],
    where: str,
    params: list[Any],
    limit: int,
    offset: int,
) -> tuple[int, list[int]]:
    if len(gq) == 1 and len(gq[0]) == 1:
        tsquery, text = "to_tsquery('simple', %s)", "'" + gq[0] + "':*"
    elif len(gq) == 1:
        # One bigram (a two-character query): a lexeme, which GIN answers without a recheck.
        tsquery, text = "to_tsquery('simple', %s)", "'" + gq[0] + "'"
    else:
        tsquery, text = "phraseto_tsquery('simple', %s)", " ".join(gq)
    like = _like(query)
    # `where` is made of constant clauses only; every value is a parameter.
    base = f"""
        FROM search_document d, {tsquery} q
        WHERE d.township_id = %s{where}
          AND (d.grams_vector @@ q OR (d.long_text AND (d.title ILIKE %s OR d.body ILIKE %s)))"""
    args = [text, township_id, *params, like, like]
    words_query = " | ".join("'" + w.replace("'", "").replace("\\", "") + "'" for w in words) or "''"
    with connection.cursor() as c:
        c.execute(f"SELECT count(*) {base}", args)  # noqa: S608
        count = c.fetchone()[0]
        rank = "ts_rank(d.words_vector, to_tsquery('simple', %s)) DESC," if count <= RANK_ALL else ""
        c.execute(
            f"""SELECT d.id {base}
                ORDER BY (d.title_grams_vector @@ q OR (d.long_text AND d.title ILIKE %s)) DESC, {rank}
                         d.published_at DESC NULLS LAST, d.id DESC
                LIMIT %s OFFSET %s""",  # noqa: S608
            [*args, like, *([words_query] if rank else []), limit, offset],
        )
        return count, [r[0] for r in c.fetchall()]


def ranked_ids(
    township: Township,
    query: str,
    category: str | None = None,
    year: int | None = None,
    limit: int = PER_PAGE,
    offset: int = 0,
    archive: bool = False,
) -> tuple[int, list[int], list[str]]:
    """(the number of matches, the ids of Documents from `offset`, best first, the words to highlight),
    over the published pages or (archive) over the staff archive, never both."""
    chars = segment.characters(query)
    if not chars:
        return 0, [], []
    gq = segment.query_grams(chars)
    words = terms(query)
    # Constant clauses only; every value is a parameter.
    where = " AND d.source_type <> %s" if archive else " AND d.source_type = %s"
    params: list[Any] = [index.ARTICLE]
    if category:
        where += " AND d.category = %s"
        params.append(category)
    if year:
        where += " AND d.year = %s"
        params.append(year)
    if connection.vendor == "postgresql":
        count, ids = _ids_postgresql(township.pk, query, gq, words, where, params, limit, offset)
    else:
        count, ids = _ids_sqlite(
            township.pk, query, gq, words, where, params, limit, offset, category, year, archive
        )
    return count, ids, words


def hits_of(ids: list[int], query: str, words: list[str]) -> list[Hit]:
    # Not the index columns (words, bigrams): three times the text, never shown.
    shown = ("source_type", "source_id", "title", "body", "category", "published_at", "url")
    rows = Document.objects.only(*shown).in_bulk(ids)
    return [
        Hit(
            document=rows[i],
            title=highlight(rows[i].title, words),
            snippet=snippet(rows[i].body, query, words),
        )
        for i in ids
        if i in rows
    ]


def clean(query: str) -> str:
    return " ".join((query or "").split())[:MAX_QUERY]


def search(
    township: Township,
    query: str,
    category: str | None = None,
    year: int | None = None,
    page: int = 1,
    per_page: int = PER_PAGE,
) -> Results:
    """The published pages of a township's site."""
    query = clean(query)
    page = max(1, page)
    count, ids, words = ranked_ids(
        township, query, category, year, limit=per_page, offset=(page - 1) * per_page
    )
    pages = max(1, -(-count // per_page))
    return Results(
        query=query, count=count, page=min(page, pages), pages=pages, hits=hits_of(ids, query, words)
    )


def years(township: Township) -> list[int]:
    return sorted(
        {
            y
            for y in Document.objects.filter(township=township, source_type=index.ARTICLE).values_list(
                "year", flat=True
            )
            if y
        },
        reverse=True,
    )
