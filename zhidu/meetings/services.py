"""The entry points of the meetings area: one function per state change. Each checks the state,
changes the rows in one transaction, writes the audit entry and opens the obligations the rules
attach. Views, admin, API and commands call these and nothing else."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from zhidu.core import audit
from zhidu.meetings.exchange import judge
from zhidu.meetings.models import (
    AgendaEntry,
    ArchiveVersion,
    Attendance,
    Body,
    Conflict,
    Item,
    Material,
    Meeting,
    Minutes,
    MinutesCounter,
    NamedBallot,
    WrittenOpinion,
)
from zhidu.meetings.rules import rules_for
from zhidu.obligations.deadlines import DeadlineRule
from zhidu.obligations.services import complete as complete_obligation
from zhidu.obligations.services import open_obligation
from zhidu.org.models import Person, TeamMembership, team_on
from zhidu.workdays.services import get_calendar

ROLE = TeamMembership.Role
REPORT_REQUIRED = {"major_project", "large_funds"}
# Who is expected at each body (R1: the whole team; R2: secretary and deputies; R3: the five).
COMPOSITION = {
    Body.TEAM: None,
    Body.SECRETARY_OFFICE: {ROLE.SECRETARY, ROLE.DEPUTY_SECRETARY},
    Body.FIVE_PERSON_GROUP: {
        ROLE.SECRETARY,
        ROLE.DEPUTY_SECRETARY,
        ROLE.ORGANIZATION_MEMBER,
        ROLE.DISCIPLINE_SECRETARY,
    },
}


class Conflicting(Exception):
    """Someone else changed the meeting since this page was loaded."""


def _refuse(field: str, message: str):
    raise ValidationError({field: message})


# --- items -------------------------------------------------------------------------------------


def propose_item(
    *,
    township,
    proposer: Person,
    title: str,
    category: str,
    owner: Person,
    description="",
    department=None,
    confidential=False,
    evaluation_report=None,
    user=None,
) -> Item:
    if not team_on(township, timezone.localdate()).filter(person=owner).exists():
        _refuse("owner", "分管领导须为本镇现任班子成员")
    if category in REPORT_REQUIRED and not evaluation_report:
        # R1§5(2): large projects and funds are decided only on an expert evaluation report.
        _refuse("evaluation_report", "大额资金、重大项目议题须附专家论证或评估报告（R1§5(2)）")
    if confidential and category != "personnel":
        _refuse("confidential", "只有干部人事议题可以保密")
    item = Item.objects.create(
        township=township,
        title=title,
        category=category,
        owner=owner,
        proposed_by=proposer,
        description=description,
        department=department,
        confidential=confidential,
        evaluation_report=evaluation_report or "",
    )
    audit.record(user, "item.propose", item, summary=title)
    return item


def attach_materials(item: Item, uploads, *, user=None, request=None) -> None:
    """Materials go with the item to the notice (R1§7(2)); one audit entry for the batch."""
    if not uploads:
        return
    for upload in uploads:
        Material.objects.create(
            township=item.township, item=item, file=upload, name=upload.name[:200], uploaded_by=user
        )
    audit.record(
        user,
        "item.materials",
        item,
        summary=item.title,
        request=request,
        files=[upload.name for upload in uploads],
    )


def decide_item(item: Item, *, by: Person, approve: bool, note: str = "", user=None) -> bool:
    """R1§7(1): the principal approves an item for an agenda, or returns it with a note."""
    state = Item.State.APPROVED if approve else Item.State.RETURNED
    with transaction.atomic():
        changed = Item.objects.filter(pk=item.pk, state=Item.State.PROPOSED).update(
            state=state, decided_by=by, decided_at=timezone.now(), decision_note=note
        )
        if changed:
            audit.record(
                user, "item.approve" if approve else "item.return", item, summary=item.title, note=note
            )
    item.refresh_from_db()
    return bool(changed)


# --- meetings ----------------------------------------------------------------------------------


def expected_members(township, body: str, day: datetime.date) -> list[TeamMembership]:
    allowed = COMPOSITION[body]
    terms = [
        t
        for t in team_on(township, day).order_by("-is_principal", "starts_on", "id")
        if allowed is None or t.role in allowed
    ]
    seen, unique = set(), []
    for term in terms:
        if term.person_id not in seen:
            seen.add(term.person_id)
            unique.append(term)
    return unique


def create_meeting(
    *,
    township,
    body: str,
    title: str,
    held_at: datetime.datetime,
    chair: Person,
    place="",
    recorder: Person | None = None,
    emergency=False,
    items=(),
    user=None,
) -> Meeting:
    if timezone.is_naive(held_at):
        _refuse("held_at", "会议时间缺少时区")
    terms = expected_members(township, body, timezone.localtime(held_at).date())
    if not terms:
        _refuse("held_at", "会议当日该会议的应到会成员为空：请先维护班子任职")
    if chair.pk not in {t.person_id for t in terms}:
        _refuse("chair", "主持人须为本次会议的应到会成员")
    with transaction.atomic():
        meeting = Meeting.objects.create(
            township=township,
            body=body,
            title=title,
            held_at=held_at,
            chair=chair,
            place=place,
            recorder=recorder,
            emergency=emergency,
            created_by=user,
        )
        Attendance.objects.bulk_create(
            [
                Attendance(township=township, meeting=meeting, person_id=t.person_id, role=t.role)
                for t in terms
            ]
        )
        for position, item in enumerate(items, start=1):
            _add(meeting, item, position)
        audit.record(user, "meeting.create", meeting, summary=title)
    return meeting


def _add(meeting: Meeting, item: Item, position: int) -> AgendaEntry:
    if item.township_id != meeting.township_id:
        _refuse("items", "议题不属于本镇")
    return AgendaEntry.objects.create(
        township=meeting.township,
        meeting=meeting,
        item=item,
        position=position,
        decision=meeting.body == Body.TEAM or meeting.emergency,
        # An item added after the notice went out is an ad-hoc motion (R1§12(3)).
        in_notice=False,
    )


def bump(meeting: Meeting, version: int) -> None:
    """Claim the meeting for a write: a conditional UPDATE on its version (both databases)."""
    if not Meeting.objects.filter(pk=meeting.pk, version=version).update(version=F("version") + 1):
        raise Conflicting
    meeting.version = version + 1


def add_item(meeting: Meeting, item: Item, *, version: int, user=None) -> AgendaEntry:
    if meeting.state == Meeting.State.CLOSED:
        _refuse("items", "会议已结束，不能再添加议题")
    with transaction.atomic():
        bump(meeting, version)
        position = (meeting.entries.order_by("-position").values_list("position", flat=True).first() or 0) + 1
        entry = _add(meeting, item, position)
        audit.record(
            user, "meeting.add_item", meeting, summary=item.title, notice_sent=bool(meeting.notice_sent_at)
        )
    return entry


def latest_notice_day(meeting: Meeting):
    """R1§7(2): the last day a written notice is on time (1 working day before the meeting day)."""
    day = timezone.localtime(meeting.held_at).date()
    return get_calendar().before_workdays(day, rules_for(meeting.township, day).notice_workdays)


def send_notice(meeting: Meeting, *, version: int, channel="written", at=None, user=None) -> None:
    at = at or timezone.now()
    if meeting.state != Meeting.State.DRAFT:
        _refuse("notice", "会议通知已发出")
    if not meeting.entries.exists():
        _refuse("notice", "议程为空：请先添加议题")
    with transaction.atomic():
        bump(meeting, version)
        Meeting.objects.filter(pk=meeting.pk).update(
            notice_sent_at=at, notice_channel=channel, state=Meeting.State.NOTIFIED
        )
        meeting.entries.update(in_notice=True)
        local_day = timezone.localtime(meeting.held_at).date()
        for attendance in meeting.attendance.select_related("person"):
            # Each member confirms receipt before the meeting (R1§7(2)); the confirmation is the duty.
            open_obligation(
                township=meeting.township,
                kind="notice-receipt",
                article="R1§7(2)",
                title=f"确认收到会议通知：{meeting.title}",
                key=f"notice:{meeting.pk}:{attendance.person_id}",
                rule=DeadlineRule("fixed", local_day, 0, timezone.localtime(meeting.held_at).time()),
                assignee=attendance.person,
                source=meeting,
                actor=user,
            )
        audit.record(user, "meeting.notice", meeting, summary=meeting.title, channel=channel)
    meeting.refresh_from_db()


def confirm_notice(meeting: Meeting, person: Person, *, user=None) -> None:
    with transaction.atomic():
        Attendance.objects.filter(meeting=meeting, person=person, notice_confirmed_at__isnull=True).update(
            notice_confirmed_at=timezone.now()
        )
        obligation = meeting.township.obligation_set.filter(key=f"notice:{meeting.pk}:{person.pk}").first()
        if obligation is not None:
            complete_obligation(obligation, by=user)
        audit.record(user, "meeting.confirm_notice", meeting, summary=person.name)


def request_absence(meeting: Meeting, person: Person, reason: str, *, user=None) -> None:
    """R1§12(5): an absence needs a recorded reason."""
    if not reason.strip():
        _refuse("reason", "请假须说明理由")
    if meeting.state == Meeting.State.CLOSED:
        _refuse("reason", "会议已结束")
    with transaction.atomic():
        Attendance.objects.filter(meeting=meeting, person=person).update(
            status=Attendance.Status.ABSENT, reason=reason.strip()
        )
        audit.record(user, "meeting.absence", meeting, summary=f"{person.name}：{reason.strip()}")


def declare_conflict(entry: AgendaEntry, person: Person, note: str = "", *, user=None) -> None:
    with transaction.atomic():
        Conflict.objects.get_or_create(
            township=entry.township, entry=entry, person=person, defaults={"note": note}
        )
        audit.record(user, "meeting.conflict", entry.meeting, summary=f"{person.name}：{entry.item.title}")


# --- the record, live ----------------------------------------------------------------------------


def record_attendance(
    meeting: Meeting, *, version: int, statuses: dict[int, tuple[str, str]], user=None
) -> None:
    """statuses: person id -> (status, reason). A member cannot be both present and absent: one row."""
    _open_for_record(meeting)
    known = set(meeting.attendance.values_list("person_id", flat=True))
    for person_id, (status, _reason) in statuses.items():
        if person_id not in known:
            _refuse("attendance", "只能登记本次会议的应到会成员")
        if status not in Attendance.Status.values:
            _refuse("attendance", f"未知的到会状态“{status}”")
    with transaction.atomic():
        bump(meeting, version)
        for person_id, (status, reason) in statuses.items():
            Attendance.objects.filter(meeting=meeting, person_id=person_id).update(
                status=status, reason=reason.strip() if status == Attendance.Status.ABSENT else ""
            )
        audit.record(user, "meeting.attendance", meeting, summary=meeting.title)


def record_entry(
    entry: AgendaEntry,
    *,
    version: int,
    speakers: list[int],
    recused: set[int],
    vote_method: str,
    counts: tuple[int, int, int] | None,
    ballots: dict[int, str] | None,
    opinions: dict[int, str],
    deferred: bool,
    discussion="",
    resolution="",
    implementer="",
    user=None,
) -> None:
    """Record one item: speaking order, recusals, absent members' written opinions and the vote.
    Impossible records are refused with the field named; nothing already saved is lost."""
    meeting = entry.meeting
    _open_for_record(meeting)
    statuses = dict(meeting.attendance.values_list("person_id", "status"))
    present = {p for p, s in statuses.items() if s == Attendance.Status.PRESENT}
    for person_id in speakers:
        if person_id not in present:
            _refuse("speakers", "发言人须为到会成员")
    for person_id in opinions:
        if person_id not in statuses or person_id in present:
            _refuse("opinions", "书面意见只能来自缺席的应到会成员")
    voters = present - recused
    if vote_method == "named_ballot" and ballots is not None:
        if not set(ballots) <= present:
            _refuse("ballots", "记名投票只能由到会成员投出")
    elif vote_method and counts is not None:
        if any(c < 0 for c in counts):
            _refuse("votes_for", "票数不能为负数")
        if sum(counts) > len(voters):
            _refuse("votes_for", f"票数合计 {sum(counts)} 超过可投票的到会成员 {len(voters)} 人")
    with transaction.atomic():
        bump(meeting, version)
        entry.speakers = [str(p) for p in speakers]
        entry.vote_method = vote_method
        entry.deferred = deferred
        entry.discussion, entry.resolution, entry.implementer = discussion, resolution, implementer
        named = vote_method == "named_ballot" and ballots is not None
        if named:
            choices = list(ballots.values())
            entry.votes_for, entry.votes_against, entry.votes_abstain = (
                choices.count("for"),
                choices.count("against"),
                choices.count("abstain"),
            )
        elif vote_method and counts is not None:
            entry.votes_for, entry.votes_against, entry.votes_abstain = counts
        else:
            entry.votes_for = entry.votes_against = entry.votes_abstain = None
        entry.save()
        entry.conflicts.update(recused=False)
        for person_id in recused:
            Conflict.objects.update_or_create(
                township=entry.township, entry=entry, person_id=person_id, defaults={"recused": True}
            )
        # Until the meeting closes the record is a draft: a corrected ballot list replaces the old one.
        entry.named_ballots.exclude(person_id__in=list(ballots or {}) if named else []).delete()
        entry.written_opinions.exclude(person_id__in=list(opinions)).delete()
        if named:
            for person_id, choice in ballots.items():
                NamedBallot.objects.update_or_create(
                    township=entry.township, entry=entry, person_id=person_id, defaults={"choice": choice}
                )
        for person_id, position in opinions.items():
            WrittenOpinion.objects.update_or_create(
                township=entry.township, entry=entry, person_id=person_id, defaults={"position": position}
            )
        audit.record(user, "meeting.record_item", meeting, summary=entry.item.title)


def _open_for_record(meeting: Meeting) -> None:
    if meeting.state == Meeting.State.CLOSED:
        _refuse("meeting", "会议已结束并归档：更正请使用“更正”")


# --- closing: minutes, archive, obligations -----------------------------------------------------


def next_minutes_number(township, body: str, year: int) -> int:
    """The next number of the independent, gapless sequence per body per year (R1§9). Called inside
    the closing transaction: if closing fails, the increment rolls back with it, so no gap."""
    counter, _ = MinutesCounter.objects.get_or_create(township=township, body=body, year=year)
    MinutesCounter.objects.filter(pk=counter.pk).update(last=F("last") + 1)
    counter.refresh_from_db()
    return counter.last


def close_meeting(meeting: Meeting, *, version: int, user=None) -> Minutes:
    """Judge the record, number the minutes, freeze the archive and open what the outcome requires."""
    if meeting.state == Meeting.State.CLOSED:
        _refuse("meeting", "会议已结束")
    judged = judge(meeting)
    if judged.error is not None:
        _refuse("meeting", f"会议记录不完整：{judged.error}")
    with transaction.atomic():
        bump(meeting, version)
        year = timezone.localtime(meeting.held_at).year
        minutes = Minutes.objects.create(
            township=meeting.township,
            meeting=meeting,
            body=meeting.body,
            year=year,
            number=next_minutes_number(meeting.township, meeting.body, year),
        )
        ArchiveVersion.objects.create(
            township=meeting.township,
            meeting=meeting,
            version=1,
            record=judged.record,
            minutes=minutes_texts(meeting),
            created_by=user,
            reason="会议结束归档",
        )
        Meeting.objects.filter(pk=meeting.pk).update(state=Meeting.State.CLOSED)
        _open_outcome_obligations(meeting, judged.evaluation, user)
        audit.record(user, "meeting.close", meeting, summary=f"{meeting.title} {minutes}")
    meeting.refresh_from_db()
    return minutes


OBLIGATION_TITLES = {
    "publish": "公示决议事项：{title}",
    "re-deliberate": "纠正并复议无效决定：{title}",
    "report-emergency": "向党委会议报告紧急处置情况：{title}",
}


def _open_outcome_obligations(meeting: Meeting, evaluation, user) -> None:
    entries = {f"i{e.item_id}": e for e in meeting.entries.select_related("item__owner")}
    party_office_head = (
        meeting.township.department_set.filter(kind="party_office").select_related("head").first()
    )
    day = timezone.localtime(meeting.held_at).date()
    for ob in evaluation.obligations:
        entry = entries[ob.item]
        # Publication is the party office's; re-deliberation and reports are the leader in charge's.
        assignee = entry.item.owner
        if ob.code == "publish" and party_office_head is not None and party_office_head.head is not None:
            assignee = party_office_head.head
        rule = (
            DeadlineRule("after_workdays", day, rules_for(meeting.township, day).publication_workdays)
            if ob.due
            else None
        )
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


def open_meetings(township) -> Q:
    return Q(township=township) & ~Q(state=Meeting.State.CLOSED)


def minutes_texts(meeting: Meeting) -> dict:
    return {
        f"i{e.item_id}": {
            "discussion": e.discussion,
            "resolution": e.resolution,
            "implementer": e.implementer,
        }
        for e in meeting.entries.all()
    }


def sign_minutes(minutes: Minutes, *, by: Person, user=None) -> bool:
    """The chair signs the minutes off (R1§9); once, and only the chair."""
    if by.pk != minutes.meeting.chair_id:
        _refuse("signed_by", "纪要须由会议主持人签发")
    with transaction.atomic():
        changed = Minutes.objects.filter(pk=minutes.pk, signed_at__isnull=True).update(
            signed_by=by, signed_at=timezone.now()
        )
        if changed:
            audit.record(user, "minutes.sign", minutes.meeting, summary=str(minutes))
    minutes.refresh_from_db()
    return bool(changed)


def correct_meeting(
    meeting: Meeting, *, texts: dict[int, dict], reason: str, version: int, user=None
) -> ArchiveVersion:
    """R1§10: the archive is never edited in place. A correction of what the minutes say changes the
    entries and adds an archive version with its reason; every earlier version stays."""
    if meeting.state != Meeting.State.CLOSED:
        _refuse("meeting", "会议尚未归档，直接修改记录即可")
    if not reason.strip():
        _refuse("reason", "更正须说明理由")
    entries = {e.pk: e for e in meeting.entries.all()}
    if not set(texts) <= set(entries):
        _refuse("texts", "只能更正本次会议的议题")
    with transaction.atomic():
        bump(meeting, version)
        for entry_id, fields in texts.items():
            entry = entries[entry_id]
            for name in ("discussion", "resolution", "implementer"):
                if name in fields:
                    setattr(entry, name, fields[name])
            entry.save(update_fields=["discussion", "resolution", "implementer"])
        last = meeting.archive.order_by("-version").first()
        archived = ArchiveVersion.objects.create(
            township=meeting.township,
            meeting=meeting,
            version=(last.version if last else 0) + 1,
            record=last.record if last else judge(meeting).record,
            minutes=minutes_texts(meeting),
            reason=reason.strip(),
            created_by=user,
        )
        audit.record(user, "meeting.correct", meeting, summary=reason.strip(), version=archived.version)
    return archived
