"""The Word documents of an item, for whoever may see it."""

from __future__ import annotations

from io import BytesIO

from django.http import FileResponse

from zhidu.core.access import requires
from zhidu.supervision import documents
from zhidu.supervision.views.common import load_item

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _file(content: bytes, name: str) -> FileResponse:
    return FileResponse(BytesIO(content), as_attachment=True, filename=name, content_type=DOCX)


@requires("supervision.view")
def approval_form(request, pk: int):
    item = load_item(request, pk)
    return _file(documents.approval_form(item), f"{item.doc_number}{documents.APPROVAL_TITLE}.docx")


@requires("supervision.view")
def supervision_notice(request, pk: int):
    item = load_item(request, pk)
    return _file(documents.supervision_notice(item), f"{item.doc_number}{documents.NOTICE_TITLE}.docx")
