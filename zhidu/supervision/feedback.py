"""反馈 and 办结归档 (R7): the owner's written reports, the office's acceptance or rejection (a failed
check, with its rectification report and the accountability rule), closing and reopening. Reached
through zhidu.supervision.services."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Max
from django.utils import translation
from django.utils.translation import gettext

from zhidu.core import audit
from zhidu.obligations.deadlines import DeadlineRule
from zhidu.obligations.services import complete as complete_obligation
from zhidu.obligations.services import open_obligation
from zhidu.org.models import Person
from zhidu.supervision import notify
from zhidu.supervision.accountability import failure_streaks
from zhidu.supervision.models import FeedbackRound, ReopenRecord, SupervisionItem
from zhidu.supervision.progress import open_progress_duty
from zhidu.supervision.transitions import (
    RECTIFICATION_DAYS,
    Decision,
    State,
    _claim,
    _feedback_duty,
    _moment,
    _open_obligations,
    _refuse,
    _text,
    cn_day,
    permit,
    require_answers_for,
)

if TYPE_CHECKING:
    from django.http import HttpRequest

    from zhidu.core.permissions import Actor


def submit_feedback(
    item: SupervisionItem,
    *,
    by: Person,
    text: str,
    completed: bool = True,
    user: Actor | None = None,
    request: HttpRequest | None = None,
    at: datetime.datetime | None = None,
) -> FeedbackRound:
    """反馈: a written report by the deadline. When the work is not done the owner explains why and
    keeps reporting (a progress report); the item stays with the owner and the duty stays open."""
    user = permit(user, by, "supervision.feedback", item)
    require_answers_for(by, item)
    if item.state in {State.ACCEPTED, State.CLOSED}:
        _refuse("text", "反馈报告：该督查事项已办结，不能再反馈")
    if item.state == State.FEEDBACK_SUBMITTED:
        _refuse("text", "反馈报告：上一次反馈正在等待督查室审核，请待审核后再反馈")
    text = _text(text, "text", "反馈报告：请填写反馈报告")
    now, _ = _moment(at)
    with transaction.atomic():
        target = State.FEEDBACK_SUBMITTED if completed else State.ASSIGNED
        _claim(item, {State.ASSIGNED}, None, "text", "反馈", state=target)
        number = (item.rounds.aggregate(n=Max("number"))["n"] or 0) + 1
        feedback = FeedbackRound.objects.create(
            township=item.township,
            item=item,
            number=number,
            text=text,
            completed=completed,
            deadline=item.deadline,
            owner_person=item.owner_person,
            owner_department=item.owner_department,
            submitted_at=now,
            submitted_by=by,
            decision=Decision.PENDING if completed else Decision.PROGRESS,
        )
        # The report after a failed check is the rectification report (R7).
        # Any report answers the periodic progress duty (定期续报); a progress report opens the next.
        for duty in _open_obligations(item, "rectify", "progress"):
            complete_obligation(duty, by=user, at=now, request=request)
        if completed:
            for duty in _open_obligations(item, "feedback"):
                complete_obligation(duty, by=user, at=now, request=request)
        else:
            open_progress_duty(item, feedback, user)
        audit.record(
            user,
            "supervision.feedback",
            item,
            summary=f"{item.doc_number} 第{number}次反馈",
            request=request,
            completed=completed,
            on_time=feedback.on_time,
        )
    return feedback


def _pending_round(item: SupervisionItem) -> FeedbackRound:
    feedback = item.rounds.filter(decision=Decision.PENDING).order_by("-number").first()
    if feedback is None:
        _refuse("state", "没有待审核的反馈")
    return feedback


def accept(
    item: SupervisionItem,
    *,
    by: Person,
    note: str = "",
    version: int | None = None,
    user: Actor | None = None,
    request: HttpRequest | None = None,
    at: datetime.datetime | None = None,
) -> None:
    """The office accepts the report; a second acceptance is refused by the state claim."""
    user = permit(user, by, "supervision.accept", item)
    now, _ = _moment(at)
    if item.state == State.ACCEPTED or item.state == State.CLOSED:
        _refuse("state", "该督查事项的反馈已验收，不能重复验收")
    with transaction.atomic():
        _claim(item, {State.FEEDBACK_SUBMITTED}, version, "state", "验收", state=State.ACCEPTED)
        feedback = _pending_round(item)
        FeedbackRound.objects.filter(pk=feedback.pk, decision=Decision.PENDING).update(
            decision=Decision.ACCEPTED,
            decision_note=(note or "").strip(),
            decided_by=by,
            decided_at=now,
        )
        audit.record(
            user,
            "supervision.accept",
            item,
            summary=f"{item.doc_number} 第{feedback.number}次反馈验收通过",
            request=request,
        )
        notify.tell_owner(item, "accepted", key=f"accepted:{feedback.number}", at=now)


def reject(
    item: SupervisionItem,
    *,
    by: Person,
    requirements: str,
    new_deadline: datetime.date,
    note: str = "",
    version: int | None = None,
    user: Actor | None = None,
    request: HttpRequest | None = None,
    at: datetime.datetime | None = None,
) -> FeedbackRound:
    """A failed check (R7): the report goes back with requirements and a new deadline; a
    rectification report is due 7 days after the rejection ("N days after E", moved to the next
    working day); two failed checks in a row of a person or department cost the year's awards."""
    user = permit(user, by, "supervision.reject", item)
    requirements = _text(requirements, "requirements", "整改要求：请写明整改要求")
    now, today = _moment(at)
    if new_deadline is None or new_deadline < today:
        _refuse("new_deadline", f"新的反馈期限：不能早于今天（{cn_day(today)}）")
    with transaction.atomic():
        _claim(
            item,
            {State.FEEDBACK_SUBMITTED},
            version,
            "state",
            "退回",
            state=State.ASSIGNED,
            deadline=new_deadline,
        )
        feedback = _pending_round(item)
        FeedbackRound.objects.filter(pk=feedback.pk, decision=Decision.PENDING).update(
            decision=Decision.REJECTED,
            decision_note=(note or "").strip(),
            requirements=requirements,
            new_deadline=new_deadline,
            decided_by=by,
            decided_at=now,
        )
        feedback.refresh_from_db()
        _feedback_duty(item, user)
        open_obligation(
            township=item.township,
            kind="supervision-rectification",
            article="R7",
            title=f"提交整改报告：{item.doc_number} {item.matter}",
            key=f"supervision:{item.pk}:rectify:{feedback.number}",
            rule=DeadlineRule("after_days", today, RECTIFICATION_DAYS),
            assignee=feedback.owner_person,
            source=item,
            actor=user,
        )
        audit.record(
            user,
            "supervision.reject",
            item,
            summary=f"{item.doc_number} 第{feedback.number}次反馈未通过：{requirements}"[:300],
            request=request,
            new_deadline=new_deadline.isoformat(),
        )
        with translation.override("zh-hans"):
            extra = gettext("Rectification requirements: %(text)s") % {"text": requirements}
        notify.tell_owner(item, "rejected", key=f"rejected:{feedback.number}", extra=extra, at=now)
        for streak in failure_streaks(item.township, today.year, feedback):
            audit.record(
                user,
                "supervision.ineligible",
                item,
                summary=f"{streak.name} 连续{len(streak.rounds)}次督查未通过，取消{today.year}年度评优资格",
                request=request,
                subject=streak.kind,
                rounds=[r.pk for r in streak.rounds],
            )
    return feedback


# --- close and reopen --------------------------------------------------------------------------


def close(
    item: SupervisionItem,
    *,
    by: Person,
    version: int | None = None,
    user: Actor | None = None,
    request: HttpRequest | None = None,
    at: datetime.datetime | None = None,
) -> None:
    """办结归档 after an accepted report."""
    user = permit(user, by, "supervision.close", item)
    now, _ = _moment(at)
    with transaction.atomic():
        _claim(
            item,
            {State.ACCEPTED},
            version,
            "state",
            "办结归档",
            state=State.CLOSED,
            closed_by=by,
            closed_at=now,
        )
        audit.record(user, "supervision.close", item, summary=str(item), request=request)
        notify.tell_owner(item, "closed", key=f"closed:{item.reopenings.count()}", at=now)


def reopen(
    item: SupervisionItem,
    *,
    by: Person,
    reason: str,
    new_deadline: datetime.date,
    version: int | None = None,
    user: Actor | None = None,
    request: HttpRequest | None = None,
    at: datetime.datetime | None = None,
) -> ReopenRecord:
    """A closed item goes back to the owner only with a recorded reason and a new deadline; the
    closing it undoes stays in the history."""
    user = permit(user, by, "supervision.reopen", item)
    reason = _text(reason, "reason", "重新启动理由：请说明重新启动的理由")
    now, today = _moment(at)
    if new_deadline is None or new_deadline < today:
        _refuse("new_deadline", f"新的反馈期限：不能早于今天（{cn_day(today)}）")
    previous_at, previous_by = item.closed_at, item.closed_by
    with transaction.atomic():
        _claim(
            item,
            {State.CLOSED},
            version,
            "reason",
            "重新启动",
            state=State.ASSIGNED,
            deadline=new_deadline,
            closed_at=None,
            closed_by=None,
        )
        record = ReopenRecord.objects.create(
            township=item.township,
            item=item,
            reason=reason,
            new_deadline=new_deadline,
            previous_closed_at=previous_at,
            previous_closed_by=previous_by,
            at=now,
            by=by,
        )
        _feedback_duty(item, user)
        audit.record(
            user, "supervision.reopen", item, summary=f"{item.doc_number} {reason}"[:300], request=request
        )
        with translation.override("zh-hans"):
            extra = gettext("Reason: %(text)s") % {"text": reason}
        notify.tell_owner(item, "reopened", key=f"reopened:{record.pk}", extra=extra, at=now)
    return record
