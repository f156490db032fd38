"""Keep the index in step with the portal: a published article is indexed, any other state
(withdrawn, or back to a draft) removes it. Called from post_save (zhidu.search.apps)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from zhidu.portal.models import Article
from zhidu.search import segment
from zhidu.search.models import Document

ARTICLE = "portal.article"
# PostgreSQL's last word position (tsvector): beyond it positions collapse, so phrases cannot match.
# The first 16,000 bigrams of a text are indexed (PostgreSQL's positions end at 16,383); a longer
# text is flagged and also scanned (ILIKE / LIKE), so a phrase late in it is still found.
MAX_INDEXED = 16000


def scope(township_id: int, category: str = "", year: int | None = None, archive: bool = False) -> str:
    """The filters as FTS5 tokens. The staff archive's documents (zhidu.search.archive) carry "s12"
    where the published pages carry "t12", so that a public search can never match one."""
    town = f"s{township_id}" if archive else f"t{township_id}"
    return " ".join(t for t in (town, f"c{category}" if category else "", f"y{year}" if year else "") if t)


def document_fields(article: Article) -> dict[str, Any]:
    published = article.published_at
    year = timezone.localtime(published).year if published else None
    grams = segment.grams(segment.characters(article.body))
    return {
        "township_id": article.township_id,
        "title": article.title,
        "body": article.body,
        "title_words": segment.joined_words(article.title),
        "body_words": segment.joined_words(article.body),
        "title_grams": segment.joined_grams(article.title),
        "body_grams": " ".join(grams[:MAX_INDEXED]),
        "category": article.category,
        "year": year,
        "published_at": published,
        "url": article.get_absolute_url(),
        "long_text": len(grams) > MAX_INDEXED,
        "scope": scope(article.township_id, article.category, year),
    }


def sync_article(article: Article) -> None:
    if article.state == Article.State.PUBLISHED:
        Document.objects.update_or_create(
            source_type=ARTICLE, source_id=str(article.pk), defaults=document_fields(article)
        )
    else:
        Document.objects.filter(source_type=ARTICLE, source_id=str(article.pk)).delete()


def on_article_saved(sender: Any, instance: Article, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        sync_article(instance)


def on_version_saved(
    sender: Any, instance: Any, created: bool = False, raw: bool = False, **kwargs: Any
) -> None:
    if created and not raw:
        sync_article(Article.objects.select_related("township").get(pk=instance.article_id))


def rebuild(articles: Iterable[Article], batch: int = 500) -> int:
    """Index many articles at once (the bench, a re-index): published ones only."""
    rows = []
    count = 0
    for a in articles:
        if a.state != Article.State.PUBLISHED:
            continue
        rows.append(Document(source_type=ARTICLE, source_id=str(a.pk), **document_fields(a)))
        if len(rows) >= batch:
            Document.objects.bulk_create(rows)
            count += len(rows)
            rows = []
    Document.objects.bulk_create(rows)
    return count + len(rows)
