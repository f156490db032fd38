"""The meetings' records in the staff archive search (zhidu.search.archive, issue 15): the minutes
of each closed meeting and each decision it passed, as archived (the latest archive version, R1§10).

A confidential personnel item (R1§9) is never indexed, neither its title nor its minuted text: the
index is plain text and its snippets are shown to whoever matches, so the item is left out rather
than filtered later (those who may read it open the meeting). Who finds the rest is who may open
the meeting's pages: MATRIX `meetings.view`, in the request's township."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhidu.core.permissions import allowed
from zhidu.meetings.models import ArchiveVersion, Item, Meeting
from zhidu.meetings.record import RecordError
from zhidu.meetings.verdict import latest_version, verdict_of
from zhidu.search.archive import ArchiveSource, Record, register_source, sync_many

MINUTES = "meetings.minutes"
DECISION = "meetings.decision"
# The minuted texts searched, in the minutes' order (never the basis of a personnel item: none is).
TEXTS = ("discussion", "resolution", "implementer", "basis", "supervision")


def _records(
    meeting: Meeting, version: ArchiveVersion | None = None
) -> tuple[list[Record], list[Record], list[str]]:
    """(the minutes, the passed decisions, the decision ids to drop) of one meeting, as its latest
    archive version has them (`version`: the one just archived, its meeting still being closed)."""
    entries = list(meeting.entries.select_related("item").order_by("position", "id"))
    drop = [str(e.pk) for e in entries]
    if version is None and meeting.state == Meeting.State.CLOSED:
        version = latest_version(meeting)
    if version is None:
        return [], [], drop
    texts = version.minutes or {}
    outcome: Callable[[str], str | None]
    try:
        outcome = verdict_of(version).outcome
    except RecordError:
        # A version that cannot be judged (a hand-made or damaged record): its minutes are still
        # found, but nothing in it is indexed as a passed decision.
        def outcome(_key: str) -> str | None:
            return None

    url = reverse("meetings:minutes", args=[meeting.pk])
    minutes = getattr(meeting, "minutes", None)
    number = minutes.label if minutes is not None else ""
    parts: list[str] = []
    decisions: list[Record] = []
    for e in entries:
        if e.withdrawn_at is not None or e.item.confidential:
            continue
        t = texts.get(f"i{e.item_id}", {})
        said = [str(t.get(k) or "").strip() for k in TEXTS]
        parts.append("\n".join([e.item.title, *[s for s in said if s]]))
        if outcome(f"i{e.item_id}") == "passed":
            body = "\n".join(
                s for s in (str(t.get("resolution") or ""), str(t.get("implementer") or "")) if s
            )
            decisions.append(
                Record(
                    str(e.pk),
                    f"{e.item.title}（{meeting.title}）",
                    body or e.item.title,
                    meeting.held_at,
                    url,
                )
            )
    title = f"{number} {meeting.title}".strip()
    record = Record(str(meeting.pk), title, "\n\n".join(parts) or meeting.title, meeting.held_at, url)
    kept = {d.source_id for d in decisions}
    return [record], decisions, [d for d in drop if d not in kept]


def sync_meeting(meeting: Meeting, version: ArchiveVersion | None = None) -> None:
    minutes, decisions, drop = _records(meeting, version)
    sync_many(MINUTES, meeting.township_id, minutes, drop=[] if minutes else [str(meeting.pk)])
    sync_many(DECISION, meeting.township_id, decisions, drop=drop)


def _closed(township) -> Iterable[Meeting]:
    return (
        Meeting.objects.filter(township=township, state=Meeting.State.CLOSED)
        .select_related("township", "minutes")
        .order_by("pk")
    )


def minutes_of(township) -> Iterable[Record]:
    for meeting in _closed(township):
        yield from _records(meeting)[0]


def decisions_of(township) -> Iterable[Record]:
    for meeting in _closed(township):
        yield from _records(meeting)[1]


def readable(request: Any, source_ids: list[str]) -> set[str]:
    """The meeting pages' rule: `meetings.view` (the documents are the request's township's)."""
    return set(source_ids) if allowed(request.user, "meetings.view") else set()


def on_archived(
    sender: Any, instance: ArchiveVersion, created: bool = False, raw: bool = False, **kw: Any
) -> None:
    if created and not raw:
        meeting = Meeting.objects.select_related("township", "minutes").get(pk=instance.meeting_id)
        sync_meeting(meeting, instance)


def on_item_saved(sender: Any, instance: Item, raw: bool = False, **kw: Any) -> None:
    """An item made confidential (or no longer) after its meeting closed: its meetings again."""
    if raw or instance.pk is None:
        return
    meetings = Meeting.objects.filter(entries__item=instance, state=Meeting.State.CLOSED).distinct()
    for meeting in meetings.select_related("township", "minutes"):
        sync_meeting(meeting)


def register() -> None:
    from django.db.models.signals import post_save

    register_source(ArchiveSource(MINUTES, _("Minutes"), minutes_of, readable))
    register_source(ArchiveSource(DECISION, _("Decisions"), decisions_of, readable))
    post_save.connect(on_archived, sender=ArchiveVersion, dispatch_uid="search-meeting-archived")
    post_save.connect(on_item_saved, sender=Item, dispatch_uid="search-meeting-item")
