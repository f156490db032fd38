"""R1§7(6) in one click: a passed important item of a closed team meeting is published (公示) on
the township's portal, its title and text proposed from the archived minutes, and the "publish"
obligation opened at closing completes with the page's address.

What may be published is what the verdict stored at closing says must be: the items its "publish"
obligations name (passed, important, not personnel: R1§7(6) "不含需保密的人事事项"), and never an
item marked confidential (R1§9). The text comes from the minutes of the latest archive version
(R1§10: a correction is a new version): the resolution and who implements it, never the discussion,
which records what each member said."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from zhidu.core import audit
from zhidu.core.chinese import cn_date
from zhidu.core.permissions import require
from zhidu.meetings.models import AgendaEntry, Meeting
from zhidu.meetings.verdict import latest_version, verdict_of
from zhidu.obligations.services import complete_by_key
from zhidu.portal import services as portal
from zhidu.portal.models import Article, Category, Subcategory

if TYPE_CHECKING:
    from django.http import HttpRequest

    from zhidu.core.permissions import Actor

SOURCE_TYPE = "meetings.agendaentry"
CATEGORY = Category.PARTY_AFFAIRS  # 党务公开 …
SUBCATEGORY = Subcategory.DECISIONS  # … 党组织决议、决定及执行情况 (R11 第八条(一)1)


@dataclass(frozen=True)
class Candidate:
    entry: AgendaEntry
    title: str  # proposed
    body: str  # proposed
    article: Article | None  # the page already published, if any

    @property
    def duty_key(self) -> str:
        return duty_key(self.entry)


def duty_key(entry: AgendaEntry) -> str:
    """The key closing opened the publication duty with (zhidu.meetings.services.closing)."""
    return f"publish:{entry.meeting_id}:{entry.item_id}"


def _proposal(meeting: Meeting, entry: AgendaEntry, minutes: dict) -> tuple[str, str]:
    texts = minutes.get(f"i{entry.item_id}", {})
    resolution = (texts.get("resolution") or entry.resolution or "").strip()
    implementer = (texts.get("implementer") or entry.implementer or "").strip()
    day = cn_date(timezone.localtime(meeting.held_at).date())
    township = meeting.township.name
    title = f"关于{entry.item.title}的决定公示"
    paragraphs = [f"{day}，{township}党委召开{meeting.title}，研究了“{entry.item.title}”事项，经表决通过。"]
    if resolution:
        paragraphs.append(f"会议决定：{resolution}")
    if implementer:
        paragraphs.append(f"责任单位（人）：{implementer}")
    number = getattr(getattr(meeting, "minutes", None), "label", "")
    paragraphs.append(f"依据：{number}会议纪要。" if number else "依据：会议纪要。")
    paragraphs.append("如有意见建议，请在公示期内向镇党政办公室反映。")
    return title, "\n\n".join(paragraphs)


def candidates(meeting: Meeting) -> list[Candidate]:
    """The items of a closed team meeting the rule says to publish, in agenda order, each with its
    proposed title and text and the page already published (if any)."""
    if meeting.state != Meeting.State.CLOSED or meeting.body != "team":
        return []
    version = latest_version(meeting)
    if version is None:
        return []
    owed = {o["item"] for o in verdict_of(version).document.get("obligations", []) if o["code"] == "publish"}
    found = []
    entries = meeting.entries.filter(withdrawn_at=None).select_related("item").order_by("position", "id")
    for entry in entries:
        item = entry.item
        if f"i{entry.item_id}" not in owed or item.confidential or item.category == "personnel":
            continue
        title, body = _proposal(meeting, entry, version.minutes or {})
        found.append(
            Candidate(entry, title, body, portal.published_for(meeting.township, SOURCE_TYPE, entry.pk))
        )
    return found


def publish_decision(
    user: Actor | None,
    entry: AgendaEntry,
    *,
    title: str,
    body: str,
    request: HttpRequest | None = None,
) -> Article:
    """The party office publishes one passed decision: the portal's page (党务公开 · 决议决定) and
    the R1§7(6) duty completed, in one transaction; the audit entry names the page's address."""
    meeting = entry.meeting
    require(user, "portal.publish", meeting)
    if not any(c.entry.pk == entry.pk for c in candidates(meeting)):
        # A confidential personnel item, one that did not pass or a meeting not closed: not offered.
        raise PermissionDenied("meetings.publish: this item is not to be published")
    with transaction.atomic():
        article = portal.publish(
            user,
            township=meeting.township,
            category=CATEGORY,
            subcategory=SUBCATEGORY,
            title=title,
            body=body,
            tags=("党委决定",),
            source_type=SOURCE_TYPE,
            source_id=entry.pk,
            request=request,
        )
        url = article.get_absolute_url()
        done = complete_by_key(meeting.township, duty_key(entry), by=user, request=request)
        audit.record(
            user,
            "meeting.publish",
            meeting,
            summary=f"{entry.item.title} → {url}",
            request=request,
            url=url,
            item=entry.item_id,
            duty_completed=done,
        )
    return article
