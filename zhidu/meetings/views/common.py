"""Shared pieces of the meeting views: loading a meeting of the user's township, the live
evaluation for the findings panel, and the conflict message."""

from __future__ import annotations

from django.utils.translation import gettext as _

from zhidu.core.access import get_scoped
from zhidu.meetings.exchange import judge
from zhidu.meetings.models import Meeting
from zhidu.meetings.record import BODIES, CATEGORIES

SEVERITY_LABELS = {"invalid": "无效", "violation": "违规", "advice": "提示"}
OUTCOME_LABELS = {
    "invalid": "无效",
    "recommended": "建议（不作决定）",
    "deferred": "暂缓表决",
    "noted": "听取通报",
    "passed": "通过",
    "rejected": "未通过",
}


def load_meeting(request, pk: int) -> Meeting:
    return get_scoped(Meeting.objects.select_related("chair", "recorder", "township"), request, pk=pk)


def findings_context(meeting: Meeting) -> dict:
    """The live evaluation of the meeting, by the same checks as `zhidu evaluate`."""
    judged = judge(meeting)
    titles = {f"i{e.item_id}": e.item.title for e in meeting.entries.select_related("item")}
    evaluation = judged.evaluation
    items = []
    if evaluation is not None:
        for result in evaluation.items:
            items.append(
                {
                    "title": titles.get(result.id, result.id),
                    "result": result,
                    "outcome": OUTCOME_LABELS[result.outcome],
                }
            )
    return {
        "evaluation": evaluation,
        "record_error": judged.error,
        "judged_items": items,
        "severity_labels": SEVERITY_LABELS,
    }


def conflict_message() -> str:
    return _(
        "Someone else changed this meeting meanwhile. Your entries are kept below: check them and save again."
    )


def body_label(body: str) -> str:
    return BODIES.get(body, body)


def category_label(category: str) -> str:
    return CATEGORIES.get(category, category)
