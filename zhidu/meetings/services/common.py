"""Shared by the meeting entry points: refusing with the field named, the permission check, and
claiming a meeting for a write by its version (a conditional UPDATE, so it holds on SQLite and
PostgreSQL alike).

The actor of every entry point is `user`: the logged-in user of a view or an API call, a persona's
login in the demo, or `zhidu.core.permissions.SYSTEM` for the system's own jobs. An entry point that
names the acting member (`by`, or the member answering a notice) takes that member's login when no
user is passed. No actor is refused, as an anonymous request is on the web."""

from __future__ import annotations

from typing import NoReturn

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone

from zhidu.core.chinese import cn_date
from zhidu.core.permissions import actor_of, require, require_person
from zhidu.meetings.models import (
    Meeting,
)

__all__ = [
    "Conflicting",
    "_refuse",
    "actor_of",
    "bump",
    "not_before_the_day",
    "require",
    "require_person",
]


class Conflicting(Exception):
    """Someone else changed the meeting since this page was loaded."""


def _refuse(field: str, message: str, article: str = "") -> NoReturn:
    """Refuse with the field named; a refusal a rule makes cites its article: 票数合计…（R1§7(5)）."""
    raise ValidationError({field: f"{message}（{article}）" if article else message})


def not_before_the_day(meeting: Meeting, emergency_reason: str = "") -> str:
    """R1§8: a meeting is recorded and closed on or after its day; before it only for an emergency,
    with its reason given. Returns the stripped reason ("" on or after the day)."""
    day = timezone.localtime(meeting.held_at).date()
    if timezone.localdate() >= day:
        return ""
    reason = emergency_reason.strip()
    if not reason:
        _refuse(
            "emergency_reason",
            f"会议定于{cn_date(day)}召开，当日之前不能记录或结束会议；确属紧急情况的，须写明紧急事由",
            "R1§8",
        )
    return reason


def bump(meeting: Meeting, version: int | None = None) -> None:
    """Claim the meeting for a write: a conditional UPDATE on its version (both databases). Every
    write to a meeting or its rows bumps, so a form loaded before any change is refused as stale.

    `version=None` is for a write that comes from no loaded form: a member's own answer (receipt,
    absence, conflict) or a ballot's result. It increments unconditionally: it cannot be stale
    itself, but it makes the clerk's open attendance or item form stale, so the clerk's save is
    refused (409) instead of silently overwriting a registered absence."""
    rows = Meeting.objects.filter(pk=meeting.pk)
    if version is not None:
        rows = rows.filter(version=version)
    if not rows.update(version=F("version") + 1):
        raise Conflicting
    if version is None:
        meeting.version = Meeting.objects.values_list("version", flat=True).get(pk=meeting.pk)
    else:
        meeting.version = version + 1
