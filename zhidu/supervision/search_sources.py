"""Supervision items in the staff archive search (zhidu.search.archive, issue 15): the matter, its
basis, requirements and the principal's instruction. Who finds an item is who may open its page:
MATRIX `supervision.view`, then the item page's own filter (a cadre sees the items of their
department and those they answer for: zhidu.supervision.views.common.visible_items)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhidu.core.permissions import allowed
from zhidu.search.archive import ArchiveSource, Record, register_source, sync
from zhidu.supervision.models import SupervisionItem

SOURCE = "supervision.item"


def record_of(item: SupervisionItem) -> Record:
    texts = (item.basis, item.requirements, item.approval_note)
    return Record(
        str(item.pk),
        str(item),
        "\n".join(t.strip() for t in texts if t and t.strip()) or item.matter,
        item.registered_on,
        reverse("supervision:item-detail", args=[item.pk]),
    )


def items_of(township) -> Iterable[Record]:
    for item in SupervisionItem.objects.filter(township=township).order_by("pk"):
        yield record_of(item)


def readable(request: Any, source_ids: list[str]) -> set[str]:
    from zhidu.supervision.views.common import visible_items

    if not allowed(request.user, "supervision.view"):
        return set()
    ids = [int(i) for i in source_ids if i.isdigit()]
    return {str(pk) for pk in visible_items(request).filter(pk__in=ids).values_list("pk", flat=True)}


def on_saved(sender: Any, instance: SupervisionItem, raw: bool = False, **kw: Any) -> None:
    if not raw:
        sync(SOURCE, instance.township_id, str(instance.pk), record_of(instance))


def register() -> None:
    from django.db.models.signals import post_save

    register_source(ArchiveSource(SOURCE, _("Supervision items"), items_of, readable))
    post_save.connect(on_saved, sender=SupervisionItem, dispatch_uid="search-supervision-item")
