"""Meetings (R1–R4) for other systems: the list, one meeting with its attendance and agenda, its
`zhidu.meeting/1` record and its `zhidu.evaluation/1` evaluation by the same checks as the web and
`zhidu evaluate`."""

from __future__ import annotations

import copy
import json
from typing import cast

from django.http import HttpResponse
from ninja import Router
from ninja.errors import HttpError

from zhidu.api import schemas
from zhidu.api.common import (
    CONFIDENTIAL_TITLE,
    BodyFilter,
    Id,
    MeetingStateFilter,
    PageNumber,
    PageSize,
    check,
    get_or_404,
    local,
    page_of,
    redact_evaluation,
    redact_record,
    scoped,
    sees_confidential,
)
from zhidu.meetings.checks import Evaluation
from zhidu.meetings.evaluation_json import to_json
from zhidu.meetings.exchange import judge, meeting_record, member_id
from zhidu.meetings.models import Meeting
from zhidu.meetings.record import BODIES, CATEGORIES
from zhidu.meetings.verdict import latest_verdict

router = Router(tags=["会议 Meetings"])
ERRORS = {401: schemas.Error, 403: schemas.Error, 404: schemas.Error, 422: schemas.InvalidInput}


def _minutes(meeting: Meeting) -> dict | None:
    minutes = getattr(meeting, "minutes", None) if meeting.state == Meeting.State.CLOSED else None
    if minutes is None:
        return None
    return {
        "year": minutes.year,
        "number": minutes.number,
        "label": minutes.label,
    }


def _summary(meeting: Meeting) -> dict:
    return {
        "id": meeting.pk,
        "body": meeting.body,
        "body_label": BODIES.get(meeting.body, meeting.body),
        "title": meeting.title,
        "held_at": local(meeting.held_at),
        "state": meeting.state,
        "emergency": meeting.emergency,
        "chair": meeting.chair.name,
        "minutes": _minutes(meeting),
    }


def _meetings(request):
    return scoped(Meeting.objects, request).select_related("chair", "township", "minutes")


@router.get(
    "meetings",
    response={200: schemas.MeetingPage, **ERRORS},
    by_alias=True,
    operation_id="listMeetings",
    summary="会议列表",
    description=(
        "本镇的会议，按会议时间倒序，分页。可按会议类型（body）和状态（state）筛选。\n\n"
        "The township's meetings, latest first, paginated; filter by `body` and `state`."
    ),
)
def list_meetings(
    request,
    page: PageNumber = 1,
    page_size: PageSize = 50,
    body: BodyFilter = None,
    state: MeetingStateFilter = None,
):
    check(request)
    meetings = _meetings(request).order_by("-held_at", "-id")
    if body:
        meetings = meetings.filter(body=body)
    if state:
        meetings = meetings.filter(state=state)
    result = page_of(meetings, page, page_size)
    result["items"] = [_summary(m) for m in result.pop("rows")]
    return result


@router.get(
    "meetings/{meeting_id}",
    response={200: schemas.MeetingDetail, **ERRORS},
    by_alias=True,
    operation_id="getMeeting",
    summary="会议详情：出席、议程与表决",
    description=(
        "一次会议：应到会成员及到会情况、议程各议题的表决票数与决议。保密的干部人事议题（R1§9），"
        "对主要负责人、组织办、纪委以外的角色只显示“保密议题”，讨论与决议留空。\n\n"
        "One meeting: attendance, and each agenda entry with its vote counts and resolution. A "
        "confidential personnel item reads “保密议题” (no discussion or resolution) for every role "
        "but the principal, the organization office and discipline inspection."
    ),
)
def get_meeting(request, meeting_id: Id):
    check(request)
    meeting = get_or_404(_meetings(request).select_related("recorder"), request, meeting_id)
    attendance = meeting.attendance.select_related("person").order_by("id")
    entries = meeting.entries.filter(withdrawn_at=None).select_related("item").order_by("position", "id")
    secret = not sees_confidential(request.user)
    # A closed meeting's counts are those its stored verdict counted (R1§7(4): a recused member's
    # named ballot is recorded, not counted), as in the minutes.
    verdict = latest_verdict(meeting) if meeting.state == Meeting.State.CLOSED else None
    return {
        **_summary(meeting),
        "place": meeting.place,
        "recorder": meeting.recorder.name if meeting.recorder else None,
        "notice_sent_at": local(meeting.notice_sent_at),
        "notice_channel": meeting.notice_channel,
        "attendance": [
            {
                "person_id": a.person_id,
                "member": member_id(a.person_id),
                "name": a.person.name,
                "role": a.role,
                "status": a.status,
                "reason": a.reason,
            }
            for a in attendance
        ],
        "entries": [_entry(e, hide=secret and e.item.confidential, verdict=verdict) for e in entries],
    }


def _entry(entry, *, hide: bool, verdict=None) -> dict:
    item = entry.item
    vote = None
    if entry.vote_method:
        counts = (entry.votes_for, entry.votes_against, entry.votes_abstain)
        if verdict is not None:
            counts = verdict.counted(f"i{item.pk}") or counts
        vote = {"method": entry.vote_method, "for": counts[0], "against": counts[1], "abstain": counts[2]}
    return {
        "position": entry.position,
        "item_id": item.pk,
        "record_id": f"i{item.pk}",
        "title": CONFIDENTIAL_TITLE if hide else item.title,
        "category": item.category,
        "category_label": CATEGORIES.get(item.category, item.category),
        "important": item.important,
        "confidential": item.confidential,
        "in_notice": entry.in_notice,
        "decision": entry.decision,
        "deferred": entry.deferred,
        "vote": vote,
        "discussion": "" if hide else entry.discussion,
        "resolution": "" if hide else entry.resolution,
        "implementer": "" if hide else entry.implementer,
    }


def _confidential(request, meeting: Meeting) -> dict[str, str]:
    """Record id -> title of the meeting's confidential items the caller may not read."""
    if sees_confidential(request.user):
        return {}
    rows = meeting.entries.filter(item__confidential=True).values_list("item_id", "item__title")
    return {f"i{pk}": title for pk, title in rows}


def _document(data: dict) -> HttpResponse:
    return HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )


@router.get(
    "meetings/{meeting_id}/record",
    response={200: schemas.MeetingRecord, **ERRORS},
    by_alias=True,
    operation_id="getMeetingRecord",
    summary="会议记录（zhidu.meeting/1）",
    description=(
        "会议记录交换格式 zhidu.meeting/1：已结束的会议为最新归档版本，其余为当前记录。"
        "可直接交给 `zhidu evaluate` 审核。保密议题的标题按上述规则替换为“保密议题”。\n\n"
        "The `zhidu.meeting/1` record: the latest archive version of a closed meeting, else the live "
        "record. Feed it to `zhidu evaluate`. Confidential titles are replaced as above."
    ),
)
def get_meeting_record(request, meeting_id: Id):
    check(request)
    meeting = get_or_404(Meeting.objects, request, meeting_id)
    version = meeting.archive.order_by("-version").first()
    record = version.record if version is not None else meeting_record(meeting)
    return _document(redact_record(record, set(_confidential(request, meeting))))


@router.get(
    "meetings/{meeting_id}/evaluation",
    response={200: schemas.EvaluationDoc, 409: schemas.Error, **ERRORS},
    by_alias=True,
    operation_id="getMeetingEvaluation",
    summary="规则审核结果（zhidu.evaluation/1）",
    description=(
        "按制度审核会议记录：法定人数、各议题结果（通过、未通过、无效……）、违规与提示、应办事项。"
        "与网页和 `zhidu evaluate` 用同一套检查。记录尚不完整、无法审核时返回 409 并说明哪个字段。\n\n"
        "The meeting judged against the rulebook by the same checks as the web and `zhidu evaluate`: "
        "quorum, each item's outcome, findings and obligations. 409 names the field when the live "
        "record cannot be judged yet."
    ),
)
def get_meeting_evaluation(request, meeting_id: Id):
    check(request)
    meeting = get_or_404(Meeting.objects.select_related("township"), request, meeting_id)
    # A closed meeting: the verdict stored with its latest archive version at closing.
    verdict = latest_verdict(meeting) if meeting.state == Meeting.State.CLOSED else None
    if verdict is not None:
        document = copy.deepcopy(verdict.document)
    else:
        judged = judge(meeting)
        if judged.error is not None:
            raise HttpError(409, f"会议记录不完整，无法审核：{judged.error}")
        # judge gives an evaluation whenever the record parses (no error).
        document = to_json(cast(Evaluation, judged.evaluation))
    hidden = _confidential(request, meeting)
    return _document(redact_evaluation(document, list(hidden.values())))
