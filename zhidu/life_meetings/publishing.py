"""R13 八 in one click: the feedback of a democratic life meeting to members and the public, once the
convener has recorded it ready (zhidu.life_meetings.aftercare.record_feedback), is published by the
party office on the township's portal (党务公开 · 领导班子建设), as R1§7(6)'s decisions are
(zhidu.meetings.publishing). The title and text are proposed from the recorded feedback, editable;
the page's address goes into the audit entry, and the feedback duty, if the township has one open
under `feedback_key`, completes with it. Never the speeches, opinions or measures' reports: only
the text the convener wrote for the public."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from zhidu.core import audit
from zhidu.core.chinese import cn_date
from zhidu.core.permissions import require
from zhidu.life_meetings.models import LifeMeeting
from zhidu.obligations.services import complete_by_key
from zhidu.portal import services as portal
from zhidu.portal.models import Article, Category, Subcategory

if TYPE_CHECKING:
    from django.http import HttpRequest

    from zhidu.core.permissions import Actor

SOURCE_TYPE = "life_meetings.lifemeeting"
CATEGORY = Category.PARTY_AFFAIRS  # 党务公开 …
SUBCATEGORY = Subcategory.LEADERSHIP  # … 领导班子建设 (R11 第八条(一)4)


def feedback_key(meeting_pk: int) -> str:
    return f"life-meeting-feedback:{meeting_pk}"


def proposal(meeting: LifeMeeting) -> tuple[str, str]:
    """The proposed title and text: the township, the year, the day held and the feedback."""
    township = meeting.township.name
    title = f"关于{township}党委领导班子{meeting.year}年度民主生活会情况的通报"
    held = cn_date(meeting.held_on) if meeting.held_on else ""
    intro = f"{held}，{township}党委领导班子召开{meeting.year}年度民主生活会，主题为“{meeting.theme}”。"
    return title, "\n\n".join(
        [intro, meeting.feedback.strip(), "欢迎党员群众监督，如有意见建议，请向镇党政办公室反映。"]
    )


def published(meeting: LifeMeeting) -> Article | None:
    return portal.published_for(meeting.township, SOURCE_TYPE, meeting.pk)


NOT_READY = "反馈内容：召集人尚未登记待公开的反馈（R13§8）"


def publishable(meeting: LifeMeeting) -> bool:
    return meeting.feedback_ready_at is not None and bool(meeting.feedback.strip())


def publish_feedback(
    user: Actor | None,
    meeting: LifeMeeting,
    *,
    title: str,
    body: str,
    request: HttpRequest | None = None,
) -> Article:
    """The party office publishes the meeting's feedback (once: a second call returns the page)."""
    require(user, "portal.publish", meeting)
    if not publishable(meeting):
        raise ValidationError({"__all__": NOT_READY})
    with transaction.atomic():
        article = portal.publish(
            user,
            township=meeting.township,
            category=CATEGORY,
            subcategory=SUBCATEGORY,
            title=title,
            body=body,
            tags=("民主生活会",),
            source_type=SOURCE_TYPE,
            source_id=meeting.pk,
            request=request,
        )
        url = article.get_absolute_url()
        done = complete_by_key(meeting.township, feedback_key(meeting.pk), by=user, request=request)
        audit.record(
            user,
            "life_meetings.publish_feedback",
            meeting,
            summary=f"{meeting}：反馈已公开 → {url}",
            request=request,
            url=url,
            duty_completed=done,
        )
    return article
