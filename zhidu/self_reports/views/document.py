"""The report as a Word document (zhidu.core.docx), for its author and its readers."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from zhidu.core.access import requires
from zhidu.core.pdf import document_response
from zhidu.self_reports import documents, services
from zhidu.self_reports.views.common import load_report

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@requires("self_reports.view")
def report_document(request, pk: int, pdf: bool = False):
    report = load_report(request, pk)
    if not services.may_read_text(request.user, report):
        raise PermissionDenied("self_reports.read_all")
    name = f"{report.year}年度述德述职述廉报告（{report.person.name}）.docx"
    return document_response(documents.report(report), name, pdf=pdf)
