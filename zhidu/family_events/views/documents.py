"""The printed 《领导干部婚丧嫁娶等事宜报告单》 (Word), the register (Excel) and the
`zhidu.family-event/1` export of a declaration: for whoever may read it."""

from __future__ import annotations

import datetime
import json
from io import BytesIO

from django.http import FileResponse, HttpResponse
from django.utils import timezone

from zhidu.core.access import requires, scoped
from zhidu.core.pdf import document_response
from zhidu.family_events import documents, records, services
from zhidu.family_events.models import Declaration
from zhidu.family_events.views.common import load, reviewer

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@requires("family_events.declare")
def declaration_docx(request, pk: int, pdf: bool = False):
    d = load(request, pk)
    content = services.read(d, user=request.user, request=request, reason="打印报告单")
    data = documents.declaration_form(d, content)
    name = f"{documents.TITLE}_{d.declarant.name}_{d.event_on:%Y%m%d}.docx"
    return document_response(data, name, pdf=pdf)


@requires("family_events.declare")
def declaration_record(request, pk: int):
    """The declaration as `zhidu.family-event/1` (no sealed content), for `zhidu evaluate`."""
    d = load(request, pk)
    body = json.dumps(records.export(d), ensure_ascii=False, indent=1)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="family-event-{d.pk}.json"'
    return response


@requires("family_events.review")
def register(request):
    from django.core.exceptions import PermissionDenied

    if not reviewer(request):
        raise PermissionDenied("family_events.review")
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = timezone.localdate().year
    year = min(max(year, 2000), 2100)
    rows = (
        scoped(Declaration.objects, request)
        .filter(event_on__year=year)
        .select_related("declarant", "received_by")
    )
    data = documents.register_workbook(
        rows.order_by("event_on", "id"), datetime.date(year, 1, 1), township=request.township.name
    )
    return FileResponse(
        BytesIO(data),
        as_attachment=True,
        filename=f"婚丧嫁娶等事宜报告登记表{year}年.xlsx",
        content_type=XLSX,
    )
