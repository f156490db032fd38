"""What every endpoint shares: the permission of the web (`meetings.view`), the township scope
(another township's row is a 404, never a 403), the confidential items (R1§9) and pagination."""

from __future__ import annotations

import copy
import math
from typing import Annotated

from django.http import Http404
from django.utils import timezone
from ninja import Path, Query
from ninja.errors import HttpError

from zhidu.api import schemas
from zhidu.api.auth import refusal
from zhidu.meetings import confidential

# Ids are 64-bit on SQLite and PostgreSQL alike: a larger number is refused (422), not sent to the
# database (where it would overflow into a 500).
MAX_ID = 2**63 - 1
Id = Annotated[int, Path(ge=1, le=MAX_ID, description="编号 / id")]
PageNumber = Annotated[int, Query(ge=1, le=1_000_000, description="页码，从 1 开始 / page, from 1")]
PageSize = Annotated[int, Query(ge=1, le=200, description="每页条数（≤200）/ page size (≤200)")]
BodyFilter = Annotated[schemas.BodyName | None, Query(description="会议类型 / body")]
MeetingStateFilter = Annotated[schemas.MeetingState | None, Query(description="状态 / state")]
ItemStateFilter = Annotated[schemas.ItemState | None, Query(description="状态 / state")]
CategoryFilter = Annotated[schemas.CategoryName | None, Query(description="类别 / category")]

CONFIDENTIAL_TITLE = confidential.CONFIDENTIAL_TITLE


def check(request) -> None:
    """meetings.view, as on the web; 403 with the Chinese reason otherwise."""
    problem = refusal(request)
    if problem is not None:
        raise HttpError(403, problem)


def scoped(queryset, request):
    return queryset.filter(township=request.township)


def get_or_404(queryset, request, pk: int):
    row = scoped(queryset, request).filter(pk=pk).first()
    if row is None:
        raise Http404
    return row


def sees_confidential(user) -> bool:
    # R1§9: one policy for the web and the API (zhidu.meetings.confidential, whose middleware also
    # rewrites every answer); here the API leaves the title out of its own fields as well.
    return confidential.sees(user)


def local(moment):
    return None if moment is None else timezone.localtime(moment)


def page_of(queryset, page: int, page_size: int) -> dict:
    """One page: a COUNT and a LIMIT/OFFSET query. A page past the end is empty, not an error."""
    count = queryset.count()
    start = (page - 1) * page_size
    rows = list(queryset[start : start + page_size]) if start < count else []
    return {
        "count": count,
        "page": page,
        "pages": max(1, math.ceil(count / page_size)),
        "page_size": page_size,
        "rows": rows,
    }


def redact_record(record: dict, confidential_ids: set[str]) -> dict:
    """The record with each confidential item's title replaced; everything judged stays intact."""
    if not confidential_ids:
        return record
    record = copy.deepcopy(record)
    for item in record.get("items", []):
        if item.get("id") in confidential_ids:
            item["title"] = CONFIDENTIAL_TITLE
    return record


def redact_evaluation(document: dict, titles: list[str]) -> dict:
    """The checks quote an item's title in their messages (“…”): replace a confidential one, so the
    evaluation says what `zhidu evaluate` says of the redacted record."""
    if not titles:
        return document
    document = copy.deepcopy(document)
    findings = list(document.get("findings", []))
    for item in document.get("items", []):
        findings.extend(item.get("findings", []))
    for finding in findings:
        for title in sorted(titles, key=len, reverse=True):
            finding["message"] = finding["message"].replace(f"“{title}”", f"“{CONFIDENTIAL_TITLE}”")
    return document
