"""What a decision leads to beyond its meeting: 复议 of an earlier decision (R1§12(4)), emergency action
taken without a meeting and its report to the next team meeting (R1§8), and important minutes sent
to the city-level leader in charge (R1§9)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, cast

from django.db import transaction
from django.utils import timezone

from zhidu.core import audit
from zhidu.meetings.checks import (
    Decision,
    check_reconsideration,
    emergency_report_deadline,
    minutes_sending_deadline,
)
from zhidu.meetings.models import AgendaEntry, EmergencyAction, Item, Meeting, Minutes, Reconsideration
from zhidu.meetings.services.common import _refuse, bump, require
from zhidu.meetings.services.convene import _add
from zhidu.meetings.verdict import Verdict, latest_verdict
from zhidu.meetings.vocabulary import Body, Category
from zhidu.obligations.deadlines import DeadlineRule
from zhidu.obligations.services import complete_by_key, open_obligation
from zhidu.org.models import Person, team_on

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from zhidu.core.permissions import Actor
    from zhidu.meetings.checks import Evaluation
    from zhidu.org.models import Township


# --- R1§12(4) 复议 ----------------------------------------------------------------------------------


def decision_of(entry: AgendaEntry) -> Decision:
    """The facts check_reconsideration judges of an earlier decision: its body, township and the
    outcome its archived verdict gave it ("" while its meeting is not closed)."""
    meeting = entry.meeting
    verdict = latest_verdict(meeting) if meeting.state == Meeting.State.CLOSED else None
    outcome = (verdict.outcome(f"i{entry.item_id}") if verdict is not None else None) or ""
    if entry.withdrawn_at is not None:
        outcome = ""
    return Decision(entry.item.title, meeting.body, meeting.township_id, outcome)


def refuse_bad_reconsideration(title: str, body: str, township_id: int, changed: AgendaEntry | None) -> None:
    """Refuse, citing R1§12(4), an item naming something that is not a passed decision of the body."""
    if changed is None:
        return
    for finding in check_reconsideration(title, body, township_id, decision_of(changed)):
        _refuse("reconsiders", finding.message, finding.article)


def passed_decisions(township: Township, body: str = Body.TEAM) -> list[AgendaEntry]:
    """The passed decisions of a body a 复议 item may name, newest first (R1§12(4))."""
    entries = (
        AgendaEntry.objects.filter(
            township=township, meeting__body=body, meeting__state=Meeting.State.CLOSED, withdrawn_at=None
        )
        .select_related("item", "meeting__minutes", "meeting__township")
        .order_by("-meeting__held_at", "position")[:200]
    )
    verdicts: dict[int, Verdict | None] = {}
    found = []
    for entry in entries:  # one verdict read per meeting, not per item
        if entry.meeting_id not in verdicts:
            verdicts[entry.meeting_id] = latest_verdict(entry.meeting)
        verdict = verdicts[entry.meeting_id]
        if verdict is not None and verdict.outcome(f"i{entry.item_id}") == "passed":
            found.append(entry)
    return found


def record_reconsiderations(meeting: Meeting, evaluation: Evaluation, user: Actor | None) -> None:
    """At closing (inside its transaction): each passed item of this meeting that names an earlier
    decision changes it (R1§12(4)); the old meeting's minutes then show "已被…复议变更". The old
    archive is not touched (R1§10)."""
    outcomes = {result.id: result.outcome for result in evaluation.items}
    entries = meeting.entries.filter(withdrawn_at=None, item__reconsiders__isnull=False).select_related(
        "item__reconsiders__meeting"
    )
    for entry in entries:
        changed = cast(AgendaEntry, entry.item.reconsiders)
        if outcomes.get(f"i{entry.item_id}") != "passed":
            continue
        if check_reconsideration(entry.item.title, meeting.body, meeting.township_id, decision_of(changed)):
            continue  # it claims to change what is no passed decision of the body: it changes nothing
        Reconsideration.objects.get_or_create(
            township=meeting.township, by=entry, defaults={"changed": changed}
        )
        audit.record(
            user,
            "meeting.reconsidered",
            changed.meeting,
            summary=f"{changed.item.title} ← {entry.item.title}",
            changed_entry=changed.pk,
            by_entry=entry.pk,
        )


# --- R1§8 emergency action without a meeting -------------------------------------------------------


def emergency_key(action: EmergencyAction) -> str:
    return f"emergency-report:{action.pk}"


def record_emergency_action(
    *,
    township: Township,
    taken_by: Person,
    action: str,
    reason: str,
    taken_at: datetime.datetime,
    user: Actor | None = None,
) -> EmergencyAction:
    """R1§8: the party office records an emergency action taken without a meeting (who, what, why,
    when); it opens the report to the next team meeting."""
    require(user, "meetings.record_emergency", township)
    if not action.strip():
        _refuse("action", "请写明采取的紧急处置措施", "R1§8")
    if not reason.strip():
        _refuse("reason", "请写明来不及召开会议的紧急事由", "R1§8")
    if taken_at > timezone.now():
        _refuse("taken_at", "处置时间不能晚于现在", "R1§8")
    if not team_on(township, timezone.localtime(taken_at).date()).filter(person=taken_by).exists():
        _refuse("taken_by", "紧急处置人须为当时的班子成员", "R1§8")
    day = timezone.localtime(taken_at).date()
    with transaction.atomic():
        emergency = EmergencyAction.objects.create(
            township=township,
            taken_by=taken_by,
            action=action.strip(),
            reason=reason.strip(),
            taken_at=taken_at,
            # `require` let only a logged-in user through (SYSTEM and anonymous hold no role here).
            recorded_by=cast("User | None", user),
        )
        audit.record(user, "meeting.emergency_action", emergency, summary=emergency.action[:80])
        open_obligation(
            township=township,
            kind="emergency-report",
            article="R1§8",
            title=f"向下次党委会议报告紧急处置情况：{emergency.action[:60]}",
            key=emergency_key(emergency),
            rule=DeadlineRule(*emergency_report_deadline(day)),
            assignee=_party_office_head(township) or taken_by,
            department=township.department_set.filter(kind="party_office").first(),
            source=emergency,
            actor=user,
        )
    return emergency


def unreported_emergencies(township: Township) -> list[EmergencyAction]:
    """Emergency actions not yet on a team meeting's agenda (R1§8)."""
    return list(
        EmergencyAction.objects.filter(township=township, report_item=None).select_related("taken_by")
    )


def report_emergency_action(
    meeting: Meeting, emergency: EmergencyAction | None, *, version: int, user: Actor | None = None
) -> AgendaEntry:
    """R1§8, one click on the next team meeting's agenda: an item reporting the emergency action (a
    report heard, general category) is added, and the report obligation is done. The report is what
    R1§8 itself requires, so it needs no separate approval (R1§7(1)): the item is approved with that
    note."""
    require(user, "meetings.manage", meeting)
    if emergency is None:
        _refuse("emergency", "请选择要报告的紧急处置", "R1§8")
    if meeting.body != Body.TEAM:
        _refuse("emergency", "紧急处置须向党委会议报告", "R1§8")
    if meeting.state in (Meeting.State.CLOSED, Meeting.State.CANCELLED):
        _refuse("emergency", "会议已结束或已取消，不能再添加议题", "R1§10")
    if emergency.township_id != meeting.township_id:
        _refuse("emergency", "紧急处置不属于本镇")
    if emergency.report_item_id is not None:
        _refuse("emergency", "该紧急处置已列入会议议程", "R1§8")
    owner = emergency.taken_by if _on_team(meeting, emergency.taken_by) else meeting.chair
    with transaction.atomic():
        bump(meeting, version)
        item = Item.objects.create(
            township=meeting.township,
            title=f"报告紧急处置情况：{emergency.action[:80]}",
            category=Category.GENERAL,
            description=f"{emergency.taken_by.name}于{timezone.localtime(emergency.taken_at):%Y-%m-%d %H:%M}"
            f"紧急处置：{emergency.action}\n事由：{emergency.reason}",
            owner=owner,
            proposed_by=owner,
            state=Item.State.APPROVED,
            decided_at=timezone.now(),
            decision_note="R1§8：紧急处置须向下次会议报告，无须另行审定",
        )
        if not EmergencyAction.objects.filter(pk=emergency.pk, report_item=None).update(report_item=item):
            _refuse("emergency", "该紧急处置已列入会议议程", "R1§8")
        position = (meeting.entries.order_by("-position").values_list("position", flat=True).first() or 0) + 1
        entry = _add(meeting, item, position, user)
        audit.record(user, "meeting.report_emergency", meeting, summary=item.title, emergency=emergency.pk)
        complete_by_key(meeting.township, emergency_key(emergency), by=user)
    emergency.report_item = item
    return entry


def _on_team(meeting: Meeting, person: Person) -> bool:
    return meeting.attendance.filter(person=person).exists()


def _party_office_head(township: Township) -> Person | None:
    office = township.department_set.filter(kind="party_office").select_related("head").first()
    return office.head if office is not None else None


# --- R1§9 important minutes sent to the city-level leader in charge --------------------------------


def minutes_key(meeting: Meeting) -> str:
    return f"send-minutes:{meeting.pk}"


def has_important_items(meeting: Meeting) -> bool:
    """A team meeting with an important item: its minutes go to the city-level leader (R1§9)."""
    important = meeting.entries.filter(withdrawn_at=None).exclude(item__category=Category.GENERAL)
    return meeting.body == Body.TEAM and important.exists()


def must_send_minutes(meeting: Meeting) -> bool:
    """The closed meeting's important minutes are not yet recorded as sent (R1§9)."""
    return (
        meeting.state == Meeting.State.CLOSED
        and meeting.minutes.sent_at is None
        and has_important_items(meeting)
    )


def open_minutes_sending(meeting: Meeting, user: Actor | None) -> None:
    """At closing (inside its transaction): minutes with an important item are sent to the
    city-level leader in charge (R1§9), an obligation of the party office."""
    if not has_important_items(meeting):
        return
    day = timezone.localtime(meeting.held_at).date()
    open_obligation(
        township=meeting.township,
        kind="send-minutes",
        article="R1§9",
        title=f"向市级分管领导报送重要会议纪要：{meeting.title}",
        key=minutes_key(meeting),
        rule=DeadlineRule(*minutes_sending_deadline(day)),
        assignee=_party_office_head(meeting.township),
        department=meeting.township.department_set.filter(kind="party_office").first(),
        source=meeting,
        actor=user,
    )


def record_minutes_sent(
    minutes: Minutes, *, sent_at: datetime.datetime, how: str, user: Actor | None = None
) -> bool:
    """R1§9: record when and how the minutes were sent to the city-level leader in charge; once.
    Completes the obligation opened at closing."""
    meeting = minutes.meeting
    require(user, "meetings.manage", meeting)
    if not how.strip():
        _refuse("sent_how", "请写明报送方式（如机要交换、OA 系统）", "R1§9")
    if sent_at > timezone.now():
        _refuse("sent_at", "报送时间不能晚于现在", "R1§9")
    if sent_at < meeting.held_at:
        _refuse("sent_at", "报送时间不能早于会议召开时间", "R1§9")
    with transaction.atomic():
        changed = Minutes.objects.filter(pk=minutes.pk, sent_at__isnull=True).update(
            sent_at=sent_at, sent_how=how.strip()[:200]
        )
        if changed:
            audit.record(user, "minutes.sent", meeting, summary=f"{minutes} {how.strip()}")
            complete_by_key(meeting.township, minutes_key(meeting), by=user, at=sent_at)
    minutes.refresh_from_db()
    return bool(changed)
