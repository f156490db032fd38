"""Petition cases in the staff archive search (zhidu.search.archive, issue 15): the subject, the
leader's instruction and the unit's answer. Never the sealed fields (the petitioner's name, phone,
ID number, address, and the issue as told: 个人信息保护法): the index is plain text, and reading them
is audited through reveal() on the case page. Who finds a case is who may open it: MATRIX
`petitions.view`, then zhidu.petitions.access.visible (those handling it, and the principal)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhidu.core.permissions import allowed
from zhidu.petitions import access
from zhidu.petitions.models import Case
from zhidu.search.archive import ArchiveSource, Record, register_source, sync

SOURCE = "petitions.case"


def record_of(case: Case) -> Record:
    texts = (case.instruction, case.answer)
    return Record(
        str(case.pk),
        f"{case.subject}（{case.received_on:%Y-%m-%d}）",
        "\n".join(t.strip() for t in texts if t and t.strip()) or case.subject,
        case.received_on,
        reverse("petitions:detail", args=[case.pk]),
    )


def cases_of(township) -> Iterable[Record]:
    for case in Case.objects.filter(township=township).order_by("pk"):
        yield record_of(case)


def readable(request: Any, source_ids: list[str]) -> set[str]:
    if not allowed(request.user, "petitions.view") or request.township is None:
        return set()
    ids = [int(i) for i in source_ids if i.isdigit()]
    rows = access.visible(request.user, Case.objects.filter(township=request.township, pk__in=ids))
    return {str(pk) for pk in rows.values_list("pk", flat=True)}


def on_saved(sender: Any, instance: Case, raw: bool = False, **kw: Any) -> None:
    if not raw:
        sync(SOURCE, instance.township_id, str(instance.pk), record_of(instance))


def register() -> None:
    from django.db.models.signals import post_save

    register_source(ArchiveSource(SOURCE, _("Petitions"), cases_of, readable))
    post_save.connect(on_saved, sender=Case, dispatch_uid="search-petition-case")
