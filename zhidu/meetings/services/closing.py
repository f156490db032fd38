"""Closing: minutes numbered in a gapless sequence per body per year (R1§9), the frozen archive and
its corrections as new versions (R1§10), and the obligations the outcome opens."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from zhidu.core import audit
from zhidu.meetings.checks import minutes_prefix, publication_deadline
from zhidu.meetings.exchange import judge
from zhidu.meetings.models import (
    ArchiveVersion,
    Meeting,
    Minutes,
    MinutesCounter,
)
from zhidu.meetings.rules import rules_for
from zhidu.meetings.services.common import (
    _refuse,
    actor_of,
    bump,
    not_before_the_day,
    require,
    require_person,
)
from zhidu.meetings.services.decisions import open_minutes_sending, record_reconsiderations
from zhidu.meetings.verdict import archive_fields, copied_fields
from zhidu.obligations.deadlines import DeadlineRule
from zhidu.obligations.services import complete_by_key, open_obligation
from zhidu.org.models import Person

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from zhidu.core.permissions import Actor
    from zhidu.meetings.checks import Evaluation
    from zhidu.org.models import Township


def next_minutes_number(township: Township, body: str, year: int) -> int:
    """The next number of the independent, gapless sequence per body per year (R1§9). Called inside
    the closing transaction: if closing fails, the increment rolls back with it, so no gap."""
    counter, _ = MinutesCounter.objects.get_or_create(township=township, body=body, year=year)
    MinutesCounter.objects.filter(pk=counter.pk).update(last=F("last") + 1)
    counter.refresh_from_db()
    return counter.last


def close_meeting(
    meeting: Meeting, *, version: int, emergency_reason: str = "", user: Actor | None = None
) -> Minutes:
    """Judge the record, number the minutes, freeze the archive and open what the outcome requires.
    Before the meeting's day only with an `emergency_reason` (R1§8)."""
    require(user, "meetings.manage", meeting)
    if meeting.state == Meeting.State.CLOSED:
        _refuse("meeting", "会议已结束", "R1§10")
    if meeting.state == Meeting.State.CANCELLED:
        _refuse("meeting", "会议已取消", "R1§10")
    early = not_before_the_day(meeting, emergency_reason)
    judged = judge(meeting)
    if judged.error is not None:
        _refuse("meeting", f"会议记录不完整：{judged.error}", "R1§9")
    evaluation = judged.evaluation
    assert evaluation is not None  # judge gives one whenever the record parses
    with transaction.atomic():
        bump(meeting, version)
        day = timezone.localtime(meeting.held_at).date()
        minutes = Minutes.objects.create(
            township=meeting.township,
            meeting=meeting,
            body=meeting.body,
            year=day.year,
            number=next_minutes_number(meeting.township, meeting.body, day.year),
            # R1§9: each body its own prefix, so the first team minutes and the first secretary's
            # office minutes never both print 柞党〔2026〕1号.
            prefix=minutes_prefix(
                meeting.body, meeting.township.doc_prefix, rules_for(meeting.township, day)
            ),
        )
        ArchiveVersion.objects.create(
            township=meeting.township,
            meeting=meeting,
            version=1,
            record=judged.record,
            minutes=minutes_texts(meeting),
            # The verdict in the same INSERT: the archive rows refuse UPDATE, and the trust chain
            # hashes the row as inserted, so the verdict is covered with the record it judged.
            **archive_fields(evaluation, judged.record),
            # `require` let only a logged-in user through (SYSTEM and anonymous hold no role here).
            created_by=cast("User | None", user),
            reason="会议结束归档",
        )
        Meeting.objects.filter(pk=meeting.pk).update(state=Meeting.State.CLOSED)
        _open_outcome_obligations(meeting, evaluation, user)
        _open_signing_and_superior(meeting, minutes, evaluation, user)
        # R1§12(4): a passed 复议 item changes the decision it names; R1§9: important minutes are
        # sent to the city-level leader in charge.
        record_reconsiderations(meeting, evaluation, user)
        open_minutes_sending(meeting, user)
        extra = {"emergency_reason": early} if early else {}
        audit.record(user, "meeting.close", meeting, summary=f"{meeting.title} {minutes}", **extra)
    meeting.refresh_from_db()
    return minutes


OBLIGATION_TITLES = {
    "publish": "公示决议事项：{title}",
    "re-deliberate": "纠正并复议无效决定：{title}",
    "report-emergency": "向党委会议报告紧急处置情况：{title}",
}


def _open_outcome_obligations(meeting: Meeting, evaluation: Evaluation, user: Actor | None) -> None:
    entries = {f"i{e.item_id}": e for e in meeting.entries.select_related("item__owner")}
    party_office_head = (
        meeting.township.department_set.filter(kind="party_office").select_related("head").first()
    )
    day = timezone.localtime(meeting.held_at).date()
    rules = rules_for(meeting.township, day)
    for ob in evaluation.obligations:
        entry = entries[ob.item]
        # Publication is the party office's; re-deliberation and reports are the leader in charge's.
        assignee = entry.item.owner
        if ob.code == "publish" and party_office_head is not None and party_office_head.head is not None:
            assignee = party_office_head.head
        # R1§7(6): the due day is the verdict's (the same `publication_deadline`); the obligation
        # keeps the rule so it moves if that year's holidays are confirmed later.
        rule = DeadlineRule(*publication_deadline(day, rules)) if ob.due else None
        open_obligation(
            township=meeting.township,
            kind=ob.code,
            article=ob.article,
            title=OBLIGATION_TITLES[ob.code].format(title=entry.item.title),
            key=f"{ob.code}:{meeting.pk}:{entry.item_id}",
            rule=rule,
            assignee=assignee,
            source=meeting,
            actor=user,
        )


def _open_signing_and_superior(
    meeting: Meeting, minutes: Minutes, evaluation: Evaluation, user: Actor | None
) -> None:
    """R1§9: the chair signs the minutes (a duty in 我的待办, done by signing). R4: a passed decision
    that needs the superior's approval or filing (审批/备案) opens its submission, for the leader in
    charge of the item."""
    open_obligation(
        township=meeting.township,
        kind="sign-minutes",
        article="R1§9",
        title=f"签发会议纪要：{meeting.title}（{minutes.label}）",
        key=f"sign-minutes:{meeting.pk}",
        rule=None,
        assignee=meeting.chair,
        source=meeting,
        actor=user,
    )
    passed = {r.id for r in evaluation.items if r.outcome == "passed"}
    for entry in meeting.entries.filter(withdrawn_at=None).select_related("item__owner"):
        item = entry.item
        if f"i{item.pk}" not in passed or not item.superior_action:
            continue
        what = "报上级审批" if item.superior_action == "approval" else "报上级备案"
        open_obligation(
            township=meeting.township,
            kind="superior-approval",
            article="R4",
            title=f"{what}：{item.title}",
            key=f"superior-approval:{meeting.pk}:{item.pk}",
            rule=None,
            assignee=item.owner,
            source=meeting,
            actor=user,
        )


def minutes_texts(meeting: Meeting) -> dict:
    return {
        f"i{e.item_id}": {
            "discussion": e.discussion,
            "resolution": e.resolution,
            "implementer": e.implementer,
            "basis": e.basis,
            "supervision": e.supervision,
            "referred": e.referred,
        }
        for e in meeting.entries.filter(withdrawn_at=None)
    }


# What a correction may change of an item's minutes (R1§9, R1§10).
CORRECTABLE = ("discussion", "resolution", "implementer", "basis", "supervision")


def sign_minutes(minutes: Minutes, *, by: Person, user: Actor | None = None) -> bool:
    """The chair signs the minutes off (R1§9); once, and only the chair, as themselves."""
    user = actor_of(user, by)
    require(user, "meetings.view", minutes.meeting)
    require_person(user, by, "minutes.sign")
    if by.pk != minutes.meeting.chair_id:
        _refuse("signed_by", "纪要须由会议主持人签发", "R1§9")
    with transaction.atomic():
        changed = Minutes.objects.filter(pk=minutes.pk, signed_at__isnull=True).update(
            signed_by=by, signed_at=timezone.now()
        )
        if changed:
            audit.record(user, "minutes.sign", minutes.meeting, summary=str(minutes))
            complete_by_key(minutes.township, f"sign-minutes:{minutes.meeting_id}", by=user)
    minutes.refresh_from_db()
    return bool(changed)


def correct_meeting(
    meeting: Meeting, *, texts: dict[int, dict], reason: str, version: int, user: Actor | None = None
) -> ArchiveVersion:
    """R1§10: the archive is never edited in place. A correction of what the minutes say changes the
    entries and adds an archive version with its reason; every earlier version stays."""
    require(user, "meetings.manage", meeting)
    if meeting.state != Meeting.State.CLOSED:
        _refuse("meeting", "会议尚未归档，直接修改记录即可", "R1§10")
    if not reason.strip():
        _refuse("reason", "更正须说明理由", "R1§10")
    entries = {e.pk: e for e in meeting.entries.all()}
    if not set(texts) <= set(entries):
        _refuse("texts", "只能更正本次会议的议题", "R1§10")
    with transaction.atomic():
        bump(meeting, version)
        for entry_id, fields in texts.items():
            entry = entries[entry_id]
            for name in CORRECTABLE:
                if name in fields:
                    setattr(entry, name, fields[name])
            entry.save(update_fields=list(CORRECTABLE))
        last = meeting.archive.order_by("-version").first()
        if last is not None:
            record, verdict = last.record, copied_fields(last)
        else:  # a closed meeting always has a version; judged anyway rather than archived unjudged
            judged = judge(meeting)
            if judged.error is not None:
                _refuse("meeting", f"会议记录不完整：{judged.error}", "R1§9")
            assert judged.evaluation is not None  # judge gives one whenever the record parses
            record, verdict = judged.record, archive_fields(judged.evaluation, judged.record)
        archived = ArchiveVersion.objects.create(
            township=meeting.township,
            meeting=meeting,
            version=(last.version if last else 0) + 1,
            record=record,
            minutes=minutes_texts(meeting),
            **verdict,
            reason=reason.strip(),
            # `require` let only a logged-in user through (SYSTEM and anonymous hold no role here).
            created_by=cast("User | None", user),
        )
        audit.record(user, "meeting.correct", meeting, summary=reason.strip(), version=archived.version)
    return archived
