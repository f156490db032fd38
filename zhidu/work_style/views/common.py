"""Shared by the R17 pages: the acting person, a day from the form, the live check panel."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from zhidu.rules import SEVERITY_LABELS


def person_of(request):
    if request.person is None:
        raise PermissionDenied("no person")
    return request.person


def day(text: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat((text or "").strip())
    except ValueError:
        return None


def panel(request, found, note: str = ""):
    """The 制度检查 panel on the unsaved form: the same pure check the record is judged by."""
    context = {"findings": found, "note": note, "severity_labels": SEVERITY_LABELS}
    return render(request, "work_style/_findings.html", context)


def status_for(form) -> int:
    return 400 if form.errors else 200
