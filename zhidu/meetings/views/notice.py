"""The meeting's notice on paper (R1§7(2)): a printable page, and the Word document in the official
layout with its PDF (zhidu.meetings.notice_document). Thin: load, build, answer."""

from __future__ import annotations

from django.shortcuts import render

from zhidu.core.access import requires
from zhidu.core.pdf import document_response
from zhidu.meetings.notice_document import ITEMS_HEADING, NUMBERS, item_line, notice_docx, notice_text
from zhidu.meetings.views.common import load_meeting


@requires("meetings.notice")
def notice_print(request, pk: int):
    meeting = load_meeting(request, pk)
    text = notice_text(meeting)
    items = [item_line(n, item) for n, item in enumerate(text.items, start=1)]
    sections = [
        (f"{NUMBERS[n - 1]}、{heading}", paragraphs, heading == ITEMS_HEADING)
        for n, (heading, paragraphs) in enumerate(text.sections, start=1)
    ]
    context = {"meeting": meeting, "text": text, "items": items, "sections": sections}
    return render(request, "meetings/notice_print.html", context)


@requires("meetings.notice")
def notice_document(request, pk: int, pdf: bool = False):
    meeting = load_meeting(request, pk)
    return document_response(notice_docx(meeting), f"meeting-notice-{meeting.pk}.docx", pdf=pdf)
