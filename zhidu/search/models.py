"""The search index: one row per published document, kept in step by zhidu.search.index.

Beside the row, the backend's own index: on SQLite the FTS5 table `search_fts` (external content,
kept by triggers), on PostgreSQL two generated tsvector columns with GIN indexes (migration 0001)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zhidu.org.models import TownshipScoped


class Document(TownshipScoped):
    source_type = models.CharField(_("source type"), max_length=60)  # "portal.article"
    source_id = models.CharField(_("source id"), max_length=40)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))  # the plain text, for the snippet
    title_words = models.TextField(blank=True)
    body_words = models.TextField(blank=True)
    title_grams = models.TextField(blank=True)
    body_grams = models.TextField(blank=True)
    category = models.CharField(_("category"), max_length=20, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True)
    published_at = models.DateTimeField(_("date published"), null=True)
    url = models.CharField(max_length=300)
    # More than 16,000 bigrams, of which the first are indexed (zhidu.search.index): also scanned.
    long_text = models.BooleanField(default=False)
    # The filters as tokens of the FTS5 table (SQLite): "t12 cnotices y2026", so that a search reads
    # the index alone, not each match's row.
    scope = models.CharField(max_length=80, blank=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        indexes = [
            models.Index(fields=["township", "category", "year"], name="search_doc_filters"),
            # Asked before every search on SQLite: are there long texts to scan as well?
            models.Index(fields=["township"], condition=models.Q(long_text=True), name="search_doc_long"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["source_type", "source_id"], name="search_document_once")
        ]

    def __str__(self) -> str:
        return self.title
