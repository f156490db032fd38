"""The staff archive search (issue 15): signed-in staff search the township's records (minutes,
decisions, supervision items, petitions) with the same index as the public site, and see only
the records whose page they may open.

The search kernel imports no area. Each area registers its records from its ready():

    register_source(ArchiveSource(source_type="meetings.minutes", label=_("Minutes"),
                                  records=..., readable=...))

- `records(township)` yields the area's `Record`s to index (what its pages would show to their
  readers, never a sealed field nor a confidential personnel item: the index is plain text);
- `readable(request, source_ids)` returns the ids of those the request's user may open, by the very
  rules of the record's page (the MATRIX action, the area's per-record filter).

The documents carry the scope token "s<township>" (zhidu.search.index.scope) and never the
published pages' "t<township>", and their source type is not "portal.article": a public search
cannot match one, on either backend. Areas keep the index fresh through `sync`, on their own
signals; `reindex` (the `zhidu reindex` command) rebuilds a township's or every township's."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from zhidu.org.models import Township
from zhidu.search import index, segment
from zhidu.search.models import Document
from zhidu.search.query import PER_PAGE, Hit, Results, clean, hits_of, ranked_ids

# At most this many matches are read, then filtered by permission and paged: a township's archive
# is thousands of records; a query matching more is told to be narrowed.
MAX_MATCHES = 500


@dataclass(frozen=True)
class Record:
    source_id: str
    title: str
    body: str
    when: datetime.datetime | datetime.date | None
    url: str


@dataclass(frozen=True)
class ArchiveSource:
    source_type: str
    label: Any  # a lazy translation
    records: Callable[[Township], Iterable[Record]]
    readable: Callable[[Any, list[str]], set[str]]


_SOURCES: dict[str, ArchiveSource] = {}


def kind_of(source_type: str) -> str:
    """The filter a source is chosen by, and its category token: "meetings.minutes" → "minutes"."""
    return source_type.rsplit(".", 1)[-1]


def register_source(source: ArchiveSource) -> None:
    if source.source_type == index.ARTICLE:
        raise ValueError("the published pages are not an archive source")
    clash = [t for t in _SOURCES if t != source.source_type and kind_of(t) == kind_of(source.source_type)]
    if clash:
        raise ValueError(f"{source.source_type}: its kind is {clash[0]}'s")
    _SOURCES[source.source_type] = source


def sources() -> dict[str, ArchiveSource]:
    return dict(_SOURCES)


def _moment(when: datetime.datetime | datetime.date | None) -> datetime.datetime | None:
    if when is None:
        return None
    if isinstance(when, datetime.datetime):
        return when
    return timezone.make_aware(datetime.datetime.combine(when, datetime.time(12)))


def _fields(source_type: str, township_id: int, record: Record) -> dict[str, Any]:
    moment = _moment(record.when)
    year = timezone.localtime(moment).year if moment else None
    grams = segment.grams(segment.characters(record.body))
    return {
        "township_id": township_id,
        "title": record.title[:200],
        "body": record.body,
        "title_words": segment.joined_words(record.title),
        "body_words": segment.joined_words(record.body),
        "title_grams": segment.joined_grams(record.title),
        "body_grams": " ".join(grams[: index.MAX_INDEXED]),
        # The kind is the filter ("minutes", "decision", …), a token of the scope.
        "category": kind_of(source_type),
        "year": year,
        "published_at": moment,
        "url": record.url,
        "long_text": len(grams) > index.MAX_INDEXED,
        "scope": index.scope(township_id, kind_of(source_type), year, archive=True),
    }


def sync(source_type: str, township_id: int, source_id: str, record: Record | None) -> None:
    """Index one record as it now is (None: it is no longer to be found, e.g. made confidential)."""
    if source_type not in _SOURCES:
        raise KeyError(source_type)
    if record is None:
        Document.objects.filter(source_type=source_type, source_id=str(source_id)).delete()
        return
    Document.objects.update_or_create(
        source_type=source_type,
        source_id=str(record.source_id),
        defaults=_fields(source_type, township_id, record),
    )


def sync_many(source_type: str, township_id: int, keep: Iterable[Record], drop: Iterable[str] = ()) -> None:
    for record in keep:
        sync(source_type, township_id, record.source_id, record)
    dropped = [str(d) for d in drop]
    if dropped:
        Document.objects.filter(source_type=source_type, source_id__in=dropped).delete()


def reindex(townships: Iterable[Township], batch: int = 500) -> dict[str, int]:
    """Rebuild the archive documents of these townships from their records; the published pages
    are rebuilt too (zhidu.search.index.rebuild). Returns the count per source type."""
    from zhidu.portal.models import Article

    counts: dict[str, int] = defaultdict(int)
    for town in townships:
        with transaction.atomic():
            Document.objects.filter(township=town).delete()
            articles = Article.objects.filter(township=town, state=Article.State.PUBLISHED).select_related(
                "township"
            )
            counts[index.ARTICLE] += index.rebuild(articles, batch=batch)
            for source_type, source in _SOURCES.items():
                rows = [
                    Document(
                        source_type=source_type,
                        source_id=str(r.source_id),
                        **_fields(source_type, town.pk, r),
                    )
                    for r in source.records(town)
                ]
                Document.objects.bulk_create(rows, batch_size=batch)
                counts[source_type] += len(rows)
    return dict(counts)


@dataclass
class ArchiveResults(Results):
    labels: dict[str, Any] = field(default_factory=dict)
    truncated: bool = False  # more than MAX_MATCHES matches: narrow the words


def readable_ids(request: Any, documents: list[Document]) -> set[int]:
    """The documents whose record the request's user may open, by each source's own rule."""
    by_type: dict[str, list[Document]] = defaultdict(list)
    for d in documents:
        by_type[d.source_type].append(d)
    allowed: set[int] = set()
    for source_type, docs in by_type.items():
        source = _SOURCES.get(source_type)
        if source is None:
            continue  # a source no longer registered: nothing is shown rather than something unchecked
        ok = source.readable(request, [d.source_id for d in docs])
        allowed.update(d.pk for d in docs if d.source_id in ok)
    return allowed


def search(
    request: Any, query: str, kind: str = "", year: int | None = None, page: int = 1
) -> ArchiveResults:
    """The archive of the request's township, filtered by what its user may read, best first."""
    query = clean(query)
    labels = {kind_of(t): s.label for t, s in _SOURCES.items()}
    category = kind if kind in labels else None
    township = request.township
    count, ids, words = ranked_ids(township, query, category, year, limit=MAX_MATCHES, offset=0, archive=True)
    candidates = list(Document.objects.only("id", "source_type", "source_id").filter(pk__in=ids))
    allowed = readable_ids(request, candidates)
    visible = [i for i in ids if i in allowed]
    page = max(1, page)
    pages = max(1, -(-len(visible) // PER_PAGE))
    page = min(page, pages)
    shown = visible[(page - 1) * PER_PAGE : page * PER_PAGE]
    hits: list[Hit] = hits_of(shown, query, words)
    return ArchiveResults(
        query=query,
        count=len(visible),
        page=page,
        pages=pages,
        hits=hits,
        labels=labels,
        truncated=count > MAX_MATCHES,
    )
