"""Shared by the meeting entry points: refusing with the field named, and claiming a meeting for a
write by its version (a conditional UPDATE, so it holds on SQLite and PostgreSQL alike)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import F

from zhidu.meetings.models import (
    Meeting,
)


class Conflicting(Exception):
    """Someone else changed the meeting since this page was loaded."""


def _refuse(field: str, message: str):
    raise ValidationError({field: message})


def bump(meeting: Meeting, version: int) -> None:
    """Claim the meeting for a write: a conditional UPDATE on its version (both databases)."""
    if not Meeting.objects.filter(pk=meeting.pk, version=version).update(version=F("version") + 1):
        raise Conflicting
    meeting.version = version + 1
