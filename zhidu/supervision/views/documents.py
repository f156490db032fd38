"""The Word documents of an item (and their PDF, zhidu.core.pdf), for whoever may see it."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from zhidu.core.access import requires
from zhidu.core.pdf import document_response
from zhidu.supervision import documents
from zhidu.supervision.views.common import load_item


@requires("supervision.view")
def approval_form(request, pk: int, pdf: bool = False):
    item = load_item(request, pk)
    name = f"{item.doc_number}{documents.APPROVAL_TITLE}.docx"
    return document_response(documents.approval_form(item), name, pdf=pdf)


@requires("supervision.view")
def supervision_notice(request, pk: int, pdf: bool = False):
    item = load_item(request, pk)
    try:
        content = documents.supervision_notice(item)
    except documents.NotApproved:
        # The notice states the approval (R7): before it, it would print something untrue.
        messages.error(request, _("The supervision notice is issued only after the item is approved."))
        return redirect("supervision:item-detail", pk)
    return document_response(content, f"{item.doc_number}{documents.NOTICE_TITLE}.docx", pdf=pdf)
