"""The checks of a recorded meeting against the rulebook (R1–R4), as pure functions.

`evaluate(meeting, rules, calendar)` is what `zhidu evaluate`, the live meeting screen and the
compliance audit all call. Nothing here reads the database, the clock or a file: the township's rule
parameters and its working-day calendar come in as arguments, so a decision is judged by the rules
(and the holidays) that were in force for it.

Every finding code, its severity and its article are those of the spec table
(../shared/spec/meeting-record.md, "Finding codes"); each check below is one small function that
cites its article.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import NamedTuple, Protocol
from zoneinfo import ZoneInfo

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zhidu.core.chinese import cn_date
from zhidu.meetings.record import BODIES, CATEGORIES, METHODS, ROLES, Item, Meeting
from zhidu.rules import ADVICE, INVALID, VIOLATION, Finding, RuleParameters, parameter

# The rulebook: "Time zone Asia/Shanghai" — a meeting's day is its local day.
SHANGHAI = ZoneInfo("Asia/Shanghai")

OUTCOMES = ("invalid", "recommended", "deferred", "noted", "passed", "rejected")
OUTCOME_LABELS = {
    "invalid": "无效",
    "recommended": "建议（不作决定）",
    "deferred": "暂缓表决",
    "noted": "听取通报",
    "passed": "通过",
    "rejected": "未通过",
}

# R1§5(2): large projects and large sums need an expert evaluation report (论证/评估报告) attached;
# the item form, the proposal entry point and check_evaluation_report all read this one set.
NEEDS_EVALUATION = frozenset({"major_project", "large_funds"})

# The checks that can be judged before the meeting, from its preparation alone: the notice
# (R1§7(2)), the approval of the items (R1§7(1)), the evaluation reports (R1§5(2)) and ad-hoc items
# (R1§12(3)). The live screen shows only these until attendance is recorded.
PREPARATION_CODES = frozenset({"notice-late", "not-approved", "no-evaluation", "ad-hoc"})
# While a meeting is convened or changed (the live panel of its form), also what the members already
# known absent that day make of it: the quorum of the invited (R1§6, R2, R3), the personnel quorum
# and the leader in charge of an item away (R1§6).
CONVENING_CODES = PREPARATION_CODES | {"quorum", "personnel-quorum", "owner-absent"}

# This area's namespace in the township's rule set (zhidu.rules).
AREA = "meetings"

# R1§9: the mark each body's minutes add to the township's document prefix when the township has
# not set the prefix itself (会纪: team meeting minutes, 书纪: secretary's office, 五纪: the five).
MINUTES_MARKS = {"team": "会纪", "secretary_office": "书纪", "five_person_group": "五纪"}


@dataclass(frozen=True)
class MeetingParameters(RuleParameters):
    """The rulebook parameters these checks use. Each township may change them, versioned by the date
    they take effect (zhidu.rules.RuleSet, namespace "meetings"); the defaults are the rulebook's."""

    # R1§6, R2: at least half of the expected members present; "半数以上" includes exactly half.
    quorum_fraction: Fraction = parameter(Fraction(1, 2), _("quorum (share of the expected members)"))
    quorum_fraction_included: bool = parameter(True, _("exactly the quorum share is enough"))
    # R1§6: personnel items need at least two thirds present (two thirds itself is enough).
    personnel_quorum_fraction: Fraction = parameter(Fraction(2, 3), _("personnel item quorum (share)"))
    # R3: the five-person group needs at least 4 present.
    five_person_group_min_present: int = parameter(4, _("five-person group minimum"))
    # R1§7(5): an item passes when its for votes EXCEED this fraction of the expected members...
    pass_fraction: Fraction = parameter(Fraction(1, 2), _("for votes must exceed this share"))
    # ... and members recused from the item are taken out of that expected count.
    recused_removed_from_expected: bool = parameter(True, _("recused members leave the expected count"))
    # R1§7(4): for and against differing by at most this many votes is a close vote.
    close_vote_margin: int = parameter(1, _("close vote margin"))
    # R1§7(2): the notice is delivered at least this many working days before the meeting.
    notice_workdays: int = parameter(1, _("notice working days"))
    # R1§7(6): a passed important item is published within this many working days of the meeting.
    publication_workdays: int = parameter(5, _("publication working days"))
    # R1§9: each body's minutes are numbered in their own sequence, under their own prefix, so no two
    # bodies ever print the same number. Empty: the township's document prefix and the body's mark
    # (柞党 → 柞党会纪 / 柞党书纪 / 柞党五纪, MINUTES_MARKS).
    team_minutes_prefix: str = parameter("", _("prefix of the team meeting minutes' numbers"))
    secretary_office_minutes_prefix: str = parameter(
        "", _("prefix of the secretary's office minutes' numbers")
    )
    five_person_group_minutes_prefix: str = parameter(
        "", _("prefix of the five-person group minutes' numbers")
    )

    def __post_init__(self) -> None:
        # A share outside (0, 1] or a negative count cannot be what a township means.
        for name in ("quorum_fraction", "personnel_quorum_fraction", "pass_fraction"):
            if not 0 < getattr(self, name) <= 1:
                raise ValueError(f"{name}: 应在 0 与 1 之间")
        for name in (
            "five_person_group_min_present",
            "close_vote_margin",
            "notice_workdays",
            "publication_workdays",
        ):
            if getattr(self, name) < 0:
                raise ValueError(f"{name}: 不能为负数")
        # R1§9: two bodies under one prefix would print the same number twice.
        chosen = [getattr(self, f"{body}_minutes_prefix") for body in MINUTES_MARKS]
        for index, prefix in enumerate(chosen):
            if prefix and prefix in chosen[:index]:
                raise ValueError(
                    f"{tuple(MINUTES_MARKS)[index]}_minutes_prefix: 不能与其他会议的纪要编号前缀相同"
                )


# The rulebook's defaults, used until a township records its own parameters.
TOWNSHIP_DEFAULTS = MeetingParameters()


class Due(Protocol):
    @property
    def date(self) -> dt.date: ...

    @property
    def provisional(self) -> bool: ...


class Calendar(Protocol):
    """The working-day calendar (zhidu.workdays.arithmetic.WorkCalendar in production)."""

    def after_workdays(self, event: dt.date, n: int) -> Due: ...

    def before_workdays(self, day: dt.date, n: int) -> Due: ...


@dataclass(frozen=True)
class Quorum:
    expected: int
    present: int
    required: int
    met: bool


@dataclass(frozen=True)
class ItemResult:
    id: str
    outcome: str
    for_: int | None
    needed: int | None
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class Obligation:
    code: str
    item: str
    article: str
    due: dt.date | None
    provisional: bool = False


@dataclass(frozen=True)
class Evaluation:
    quorum: Quorum
    findings: tuple[Finding, ...]
    items: tuple[ItemResult, ...]
    obligations: tuple[Obligation, ...]


def evaluate(meeting: Meeting, rules: MeetingParameters, calendar: Calendar) -> Evaluation:
    """Judge a meeting: its quorum, the meeting-level findings, each item's findings and outcome, and
    the obligations the outcomes open."""
    quorum = compute_quorum(meeting, rules)
    findings = [f for check in MEETING_CHECKS for f in check(meeting, rules, calendar)]
    items = tuple(_judge_item(meeting, item, rules, quorum) for item in meeting.items)
    return Evaluation(
        quorum=quorum,
        findings=tuple(findings),
        items=items,
        obligations=tuple(obligations(meeting, items, rules, calendar)),
    )


def meeting_day(meeting: Meeting) -> dt.date:
    return meeting.held_at.astimezone(SHANGHAI).date()


def compute_quorum(meeting: Meeting, rules: MeetingParameters) -> Quorum:
    expected, present = len(meeting.members), len(meeting.present)
    if meeting.body == "five_person_group":
        required = rules.five_person_group_min_present  # R3: an absolute number, not a fraction.
    else:
        required = _at_least(expected, rules.quorum_fraction, rules.quorum_fraction_included)  # R1§6, R2
    return Quorum(expected=expected, present=present, required=required, met=present >= required)


def needed_for(meeting: Meeting, item: Item, rules: MeetingParameters) -> int:
    """R1§7(5): the for votes an item needs: more than half of the expected members, recused members
    taken out: (members − recused) // 2 + 1 with the default parameters."""
    expected = len(meeting.members)
    if rules.recused_removed_from_expected:
        expected -= len(item.recused)
    return math.floor(expected * rules.pass_fraction) + 1


def counted_votes(item: Item) -> tuple[int, int, int]:
    """(for, against, abstain) as counted: R1§7(4)/R4 — a recused member's named ballot does not count."""
    assert item.vote is not None
    return item.vote.tally(excluded=item.recused)


def _at_least(total: int, fraction: Fraction, included: bool) -> int:
    """The smallest count that is "at least `fraction` of total" (or "more than" when not included)."""
    share = total * fraction
    return math.ceil(share) if included else math.floor(share) + 1


# ---------------------------------------------------------------------------------------------------
# Meeting-level checks: (meeting, rules, calendar) -> findings


def check_quorum(meeting: Meeting, rules: MeetingParameters, calendar: Calendar) -> list[Finding]:
    # R1§6 (team), R2 (secretary's office): at least half present; R3: the five-person group at least 4.
    # Without a quorum nothing the meeting did stands: every item is invalid (see outcome_of).
    quorum = compute_quorum(meeting, rules)
    if quorum.met:
        return []
    article = {"team": "R1§6", "secretary_office": "R2", "five_person_group": "R3"}[meeting.body]
    return [
        Finding(
            "quorum",
            INVALID,
            article,
            f"{BODIES[meeting.body]}应到 {quorum.expected} 人，实到 {quorum.present} 人，"
            f"不足法定到会人数 {quorum.required} 人，会议所议事项均无效",
        )
    ]


def check_absence_reasons(meeting: Meeting, rules: MeetingParameters, calendar: Calendar) -> list[Finding]:
    # R1§12(5): every absence needs a recorded reason (请假理由).
    return [
        Finding("absence-reason", VIOLATION, "R1§12(5)", f"{meeting.name(a.member)}缺席，未记录缺席理由")
        for a in meeting.absent
        if not a.has_reason
    ]


def check_notice(meeting: Meeting, rules: MeetingParameters, calendar: Calendar) -> list[Finding]:
    # R1§7(2): a team meeting's written notice (with items and materials) is delivered at least one
    # working day ahead; personnel items are exempt, so a meeting of only personnel items needs none.
    # "On or before the N-th working day counted back from the meeting day" is on time (rulebook,
    # "Dates and deadlines"); the send time is judged by its Asia/Shanghai date.
    if meeting.body != "team" or all(item.category == "personnel" for item in meeting.items):
        return []
    last = notice_deadline(meeting_day(meeting), rules, calendar)
    note = "（按暂定节假日计算）" if last.provisional else ""
    rule = f"须至少提前 {rules.notice_workdays} 个工作日送达，最迟 {cn_date(last.date)}{note}"
    if meeting.notice is None:
        return [Finding("notice-late", VIOLATION, "R1§7(2)", f"会议没有发出通知（{rule}）")]
    sent = meeting.notice.sent_at.astimezone(SHANGHAI).date()
    if sent <= last.date:
        return []
    return [
        Finding("notice-late", VIOLATION, "R1§7(2)", f"会议通知于 {cn_date(sent)} 发出，晚于规定（{rule}）")
    ]


MEETING_CHECKS: tuple[Callable[[Meeting, MeetingParameters, Calendar], list[Finding]], ...] = (
    check_quorum,
    check_absence_reasons,
    check_notice,
)


# ---------------------------------------------------------------------------------------------------
# The recorder (R1§9, R2, R3). The zhidu.meeting/1 record does not carry the recorder, so this check
# is not one of `evaluate`'s (the spec's findings stay as they are): the live check panel, the meeting
# page and the minutes call it beside `evaluate`.

# R2: the deputy secretary keeps the secretary's office minutes; R3: the organization member keeps the
# five-person group's. A team meeting (R1§9) only needs a named recorder.
RECORDER_ROLES = {
    "secretary_office": ("deputy_secretary", "R2"),
    "five_person_group": ("organization_member", "R3"),
}


def check_recorder(body: str, recorder: str | None, recorder_roles: tuple[str, ...] = ()) -> list[Finding]:
    """R1§9: the minutes are kept by a named recorder → `no-recorder` (violation) when none is named;
    R2/R3: the body's recorder is the deputy secretary / the organization member → `recorder-role`
    (advice) when another person records. `recorder` is the recorder's name, `recorder_roles` their
    roles at the meeting (none when they are not an expected member, e.g. the party office clerk)."""
    expected = RECORDER_ROLES.get(body)
    if not recorder:
        who = f"，应由{ROLES[expected[0]]}记录（{expected[1]}）" if expected else ""
        article = f"R1§9, {expected[1]}" if expected else "R1§9"
        return [Finding("no-recorder", VIOLATION, article, f"{BODIES[body]}没有指定记录人{who}")]
    if expected is None or expected[0] in recorder_roles:
        return []
    return [
        Finding(
            "recorder-role",
            ADVICE,
            expected[1],
            f"{BODIES[body]}一般由{ROLES[expected[0]]}记录，本次记录人为{recorder}",
        )
    ]


# ---------------------------------------------------------------------------------------------------
# Item-level checks: (meeting, item, rules) -> findings


def check_personnel_quorum(meeting: Meeting, item: Item, rules: MeetingParameters) -> list[Finding]:
    # R1§6: a personnel item can be decided only with at least two thirds of the members present.
    if item.category != "personnel":
        return []
    required = _at_least(len(meeting.members), rules.personnel_quorum_fraction, included=True)
    if len(meeting.present) >= required:
        return []
    return [
        Finding(
            "personnel-quorum",
            INVALID,
            "R1§6",
            f"干部人事议题“{item.title}”须 {_fraction(rules.personnel_quorum_fraction)}以上成员到会："
            f"应到 {len(meeting.members)} 人，实到 {len(meeting.present)} 人，至少需要 {required} 人",
        )
    ]


def check_owner_present(meeting: Meeting, item: Item, rules: MeetingParameters) -> list[Finding]:
    # R1§6: the leader in charge of an item (分管领导) must attend when it is discussed. An owner
    # invited to attend (列席, R2) is there by the invitation, and is no member to be absent.
    if item.owner in meeting.present or item.owner in meeting.observer_ids:
        return []
    return [
        Finding(
            "owner-absent",
            VIOLATION,
            "R1§6",
            f"议题“{item.title}”的分管领导{meeting.name(item.owner)}缺席",
        )
    ]


def check_approved(meeting: Meeting, item: Item, rules: MeetingParameters) -> list[Finding]:
    # R1§7(1): an item reaches the agenda only after pre-coordination and approval.
    if item.approved:
        return []
    return [
        Finding(
            "not-approved",
            VIOLATION,
            "R1§7(1)",
            f"议题“{item.title}”未经书记办公会或主要负责人审定即提交会议",
        )
    ]


def check_ad_hoc(meeting: Meeting, item: Item, rules: MeetingParameters) -> list[Finding]:
    # R1§12(3): an important item that was not in the notice (临时动议) cannot be decided at a team
    # meeting; personnel items are outside the notice rule (R1§7(2)), emergencies are exempt.
    if meeting.body != "team" or meeting.emergency or not item.important or item.category == "personnel":
        return []
    if meeting.notice is not None and item.id in meeting.notice.items:
        return []
    return [
        Finding(
            "ad-hoc",
            INVALID,
            "R1§12(3)",
            f"重大事项议题“{item.title}”未列入会议通知，属临时动议，不能作出决定",
        )
    ]


def check_evaluation_report(meeting: Meeting, item: Item, rules: MeetingParameters) -> list[Finding]:
    # R1§5(2): large projects and large sums need an expert evaluation report (论证/评估报告).
    if item.category not in NEEDS_EVALUATION or item.evaluation_report:
        return []
    return [
        Finding(
            "no-evaluation",
            VIOLATION,
            "R1§5(2)",
            f"{CATEGORIES[item.category]}议题“{item.title}”没有论证或评估报告",
        )
    ]


def check_principal_speaks_last(meeting: Meeting, item: Item, rules: MeetingParameters) -> list[Finding]:
    # R1§7(3): the principal (the chair) states a position only after hearing the other members; a
    # member's first speech is what counts, so a later second word of the chair is fine.
    first: dict[str, int] = {}
    for position, speaker in enumerate(item.speakers):
        first.setdefault(speaker, position)
    if meeting.chair not in first:
        return []
    later = [m for m, position in first.items() if position > first[meeting.chair]]
    if not later:
        return []
    names = "、".join(meeting.name(m) for m in later)
    return [
        Finding(
            "principal-first",
            VIOLATION,
            "R1§7(3)",
            f"议题“{item.title}”中主持人{meeting.name(meeting.chair)}先于{names}发言，主要负责人应最后表态",
        )
    ]


def check_vote_held(meeting: Meeting, item: Item, rules: MeetingParameters) -> list[Finding]:
    # R1§2, R4: an important matter is decided only by a vote in the meeting; a deferred vote has not
    # decided anything yet.
    if not item.important or not item.decision or item.vote is not None or item.deferred:
        return []
    return [
        Finding(
            "no-vote",
            INVALID,
            "R1§2, R4",
            f"重大事项议题“{item.title}”作出决定但没有表决",
        )
    ]


def check_not_circulation(meeting: Meeting, item: Item, rules: MeetingParameters) -> list[Finding]:
    # R1§2: circulation for signature (传阅会签) never replaces a vote on an important matter.
    if not item.important or item.vote is None or item.vote.method != "circulation":
        return []
    return [
        Finding(
            "circulation",
            INVALID,
            "R1§2",
            f"重大事项议题“{item.title}”以传阅会签代替会议表决",
        )
    ]


def check_vote_count(meeting: Meeting, item: Item, rules: MeetingParameters) -> list[Finding]:
    # R1§7(5): no more votes than members present and not recused — otherwise the count is wrong and
    # the result cannot be trusted.
    if item.vote is None:
        return []
    voters = len(set(meeting.present) - set(item.recused))
    for_, against, abstain = counted_votes(item)
    total = for_ + against + abstain
    if total <= voters:
        return []
    return [
        Finding(
            "vote-count",
            INVALID,
            "R1§7(5)",
            f"议题“{item.title}”共计 {total} 票（同意 {for_}、反对 {against}、弃权 {abstain}），"
            f"超过到会且未回避的成员数 {voters}",
        )
    ]


def check_recusal(meeting: Meeting, item: Item, rules: MeetingParameters) -> list[Finding]:
    # R1§7(4), R4: a member with a declared interest recuses; a recused member's named ballot is not
    # counted (counted_votes leaves it out) and is recorded as a breach. The contract
    # (spec/meeting-record.md) flags every member of `conflicts` not in `recused`; the web app's
    # record lists an absent declared member as recused, since they took no part (exchange.py).
    findings = [
        Finding(
            "recusal",
            VIOLATION,
            "R1§7(4), R4",
            f"{meeting.name(m)}与议题“{item.title}”有利害关系，未回避",
        )
        for m in item.conflicts
        if m not in item.recused
    ]
    if item.vote is not None and item.vote.ballots is not None:
        findings += [
            Finding(
                "recusal",
                VIOLATION,
                "R1§7(4), R4",
                f"{meeting.name(b.member)}已回避议题“{item.title}”却投了记名票，该票不计入",
            )
            for b in item.vote.ballots
            if b.member in item.recused
        ]
    return findings


def check_decision_body(meeting: Meeting, item: Item, rules: MeetingParameters) -> list[Finding]:
    # R2, R3: the secretary's office (except for emergency disposal) and the five-person group prepare
    # and recommend; an important matter "decided" there is void.
    if not item.important or not item.decision:
        return []
    if meeting.body == "five_person_group":
        article = "R3"
    elif meeting.body == "secretary_office" and not meeting.emergency:
        article = "R2"
    else:
        return []
    return [
        Finding(
            "not-decision-body",
            INVALID,
            article,
            f"{BODIES[meeting.body]}不是决策机构，不能对重大事项议题“{item.title}”作出决定",
        )
    ]


def check_close_vote(meeting: Meeting, item: Item, rules: MeetingParameters) -> list[Finding]:
    # R1§7(4): when for and against (absent members' written opinions included) are this close, the
    # vote should be deferred, unless the meeting is an emergency. Recused members weigh in neither way.
    if item.vote is None or meeting.emergency:
        return []
    for_, against, _ = counted_votes(item)
    opinions = [o.position for o in item.written_opinions if o.member not in item.recused]
    for_ += opinions.count("for")
    against += opinions.count("against")
    if abs(for_ - against) > rules.close_vote_margin:
        return []
    return [
        Finding(
            "close-vote",
            ADVICE,
            "R1§7(4)",
            f"议题“{item.title}”同意 {for_}、反对 {against}（含书面意见），相差不超过 {rules.close_vote_margin}，"
            "一般应暂缓表决",
        )
    ]


# R1§7(4): the method each category should generally be voted by.
_EXPECTED_METHOD: dict[str, str] = {
    "major_decision": "named_ballot",
    "major_project": "named_ballot",
    "large_funds": "named_ballot",
    "personnel": "anonymous_ballot",
}


def check_method(meeting: Meeting, item: Item, rules: MeetingParameters) -> list[Finding]:
    # R1§7(4): major decisions, projects and funds generally by named ballot; personnel generally by
    # anonymous ballot.
    expected = _EXPECTED_METHOD.get(item.category)
    if item.vote is None or expected is None or item.vote.method == expected:
        return []
    return [
        Finding(
            "method",
            ADVICE,
            "R1§7(4)",
            f"{CATEGORIES[item.category]}议题“{item.title}”一般应采用{METHODS[expected]}，"
            f"实际为{METHODS[item.vote.method]}",
        )
    ]


ITEM_CHECKS: tuple[Callable[[Meeting, Item, MeetingParameters], list[Finding]], ...] = (
    check_personnel_quorum,
    check_owner_present,
    check_approved,
    check_ad_hoc,
    check_evaluation_report,
    check_principal_speaks_last,
    check_vote_held,
    check_not_circulation,
    check_vote_count,
    check_recusal,
    check_decision_body,
    check_close_vote,
    check_method,
)


# ---------------------------------------------------------------------------------------------------
# Outcomes and obligations


def _judge_item(meeting: Meeting, item: Item, rules: MeetingParameters, quorum: Quorum) -> ItemResult:
    findings = tuple(f for check in ITEM_CHECKS for f in check(meeting, item, rules))
    for_ = needed = None
    if item.vote is not None:
        for_ = counted_votes(item)[0]
        needed = needed_for(meeting, item, rules)
    return ItemResult(
        id=item.id,
        outcome=outcome_of(meeting, item, findings, quorum, for_, needed),
        for_=for_,
        needed=needed,
        findings=findings,
    )


def is_recommendation(meeting: Meeting, item: Item) -> bool:
    """R2, R3: what the five-person group or a non-emergency secretary's office settles is a
    recommendation, as is any item the meeting did not claim to decide."""
    return (
        not item.decision
        or meeting.body == "five_person_group"
        or (meeting.body == "secretary_office" and not meeting.emergency)
    )


def outcome_of(
    meeting: Meeting,
    item: Item,
    findings: tuple[Finding, ...],
    quorum: Quorum,
    for_: int | None,
    needed: int | None,
) -> str:
    """The spec's outcome order, first that applies: invalid > recommended > deferred > noted >
    passed / rejected."""
    if not quorum.met or any(f.severity == INVALID for f in findings):
        return "invalid"
    if is_recommendation(meeting, item):
        return "recommended"
    if item.vote is None:
        return "deferred" if item.deferred else "noted"
    assert for_ is not None and needed is not None
    return "passed" if for_ >= needed else "rejected"


def obligations(
    meeting: Meeting, results: tuple[ItemResult, ...], rules: MeetingParameters, calendar: Calendar
) -> list[Obligation]:
    """The obligations the outcomes open, item by item in agenda order."""
    found: list[Obligation] = []
    for item, result in zip(meeting.items, results, strict=True):
        # R1§7(6): a passed important item is published (personnel items stay confidential).
        if result.outcome == "passed" and item.important and item.category != "personnel":
            due = publication_due(meeting_day(meeting), rules, calendar)
            article = OBLIGATION_ARTICLES["publish"]
            found.append(Obligation("publish", item.id, article, due.date, bool(due.provisional)))
        # R1§14(1): an invalid decision of the team must be corrected and re-deliberated (复议).
        if result.outcome == "invalid" and meeting.body == "team":
            found.append(Obligation("re-deliberate", item.id, OBLIGATION_ARTICLES["re-deliberate"], None))
        # R2, R1§8: emergency disposal at the secretary's office is reported to the next team meeting.
        if (
            meeting.body == "secretary_office"
            and meeting.emergency
            and result.outcome in ("passed", "rejected")
        ):
            article = OBLIGATION_ARTICLES["report-emergency"]
            found.append(Obligation("report-emergency", item.id, article, None))
    return found


# The article each obligation is opened under (the zhidu.evaluation/1 document does not carry it).
OBLIGATION_ARTICLES = {"publish": "R1§7(6)", "re-deliberate": "R1§14(1)", "report-emergency": "R2"}


# ---------------------------------------------------------------------------------------------------
# Deadlines, each computed here once: the checks above and the services (the notice screen, the
# obligations opened at closing) call these, so they cannot drift apart.


class Deadline(NamedTuple):
    """A deadline as data, the shape of zhidu.obligations.deadlines.DeadlineRule: an obligation stores
    it so its due day is recomputed when a year's holidays are confirmed."""

    semantic: str
    anchor: dt.date
    n: int


def notice_deadline(day: dt.date, rules: MeetingParameters, calendar: Calendar) -> Due:
    """R1§7(2): the last day a team meeting's notice is on time, the `notice_workdays`-th working day
    counted back from the meeting day (on or before it is on time)."""
    return calendar.before_workdays(day, rules.notice_workdays)


def notice_pending(notice_sent: bool, today: dt.date, last: Due) -> Due | None:
    """R1§7(2): before its last on-time day (`last`, from notice_deadline), a notice not yet sent is
    no violation yet but a pending deadline (the live screens show it instead of `notice-late`).
    None once the notice is sent or the day has passed (then `check_notice` speaks)."""
    if notice_sent or today > last.date:
        return None
    return last


def publication_deadline(day: dt.date, rules: MeetingParameters) -> Deadline:
    """R1§7(6): a passed important item is published within `publication_workdays` working days of
    the meeting day."""
    return Deadline("after_workdays", day, rules.publication_workdays)


def publication_due(day: dt.date, rules: MeetingParameters, calendar: Calendar) -> Due:
    """The due day of `publication_deadline` on the working-day calendar."""
    deadline = publication_deadline(day, rules)
    return calendar.after_workdays(deadline.anchor, deadline.n)


def minutes_prefix(body: str, township_prefix: str, rules: MeetingParameters) -> str:
    """R1§9: the prefix of a body's minutes numbers (柞党会纪 in 柞党会纪〔2026〕7号): the township's
    parameter for the body, else the township's document prefix and the body's mark. Distinct per
    body, so the independent sequences never print the same number."""
    chosen: str = getattr(rules, f"{body}_minutes_prefix")
    return chosen or f"{township_prefix}{MINUTES_MARKS[body]}"


def _fraction(value: Fraction) -> str:
    names = {Fraction(1, 2): "半数", Fraction(2, 3): "三分之二"}
    return names.get(value, f"{value.numerator}/{value.denominator}")


# ---------------------------------------------------------------------------------------------------
# Checks beside the record: what the minutes say of an item and what it changes, which the
# zhidu.meeting/1 exchange format does not carry (so `zhidu evaluate` is unchanged by them).


class Decision(NamedTuple):
    """An earlier decision a 复议 item names: its meeting's body and township, and the outcome its
    archived verdict gave it ("" when its meeting is not closed)."""

    title: str
    body: str
    township_id: int
    outcome: str


def check_reconsideration(title: str, body: str, township_id: int, changed: Decision | None) -> list[Finding]:
    """R1§12(4): a resolution is changed only by a new collective decision of the same body that
    names it (复议). An item claiming to change something that is not a passed decision of the same
    body and township changes nothing → `reconsiders-not-decision` (violation)."""
    if changed is None:
        return []
    if changed.township_id != township_id:
        why = "不是本镇的决定"
    elif changed.outcome != "passed":
        why = "不是已通过的决定"
    elif changed.body != body:
        why = f"是{BODIES[changed.body]}的决定，只能由{BODIES[changed.body]}复议"
    else:
        return []
    return [
        Finding(
            "reconsiders-not-decision",
            VIOLATION,
            "R1§12(4)",
            f"议题“{title}”声称复议变更“{changed.title}”，但后者{why}",
        )
    ]


def check_basis_and_supervision(
    title: str, important: bool, outcome: str, basis: str, supervision: str
) -> list[Finding]:
    """R1§9: the minutes record for each item its basis and reasons (依据和理由) and how its execution
    is supervised (监督办法). A passed important item without them is minuted short → `no-basis`
    (advice: the decision stands, the minutes should be completed by a correction)."""
    if not important or outcome != "passed":
        return []
    # Not a finding of `zhidu evaluate` (the exchange format does not carry the minutes' text): it
    # reads in the reader's language, the catalogue holding the Chinese ("…但纪要未记录依据和理由").
    no_basis, no_supervision = not basis.strip(), not supervision.strip()
    if no_basis and no_supervision:
        message = gettext(
            "Important item “%(title)s” was passed, but the minutes record neither its basis and reasons "
            "nor how its execution is supervised"
        )
    elif no_basis:
        message = gettext(
            "Important item “%(title)s” was passed, but the minutes do not record its basis and reasons"
        )
    elif no_supervision:
        message = gettext(
            "Important item “%(title)s” was passed, but the minutes do not record how its execution is supervised"
        )
    else:
        return []
    return [Finding("no-basis", ADVICE, "R1§9", message % {"title": title})]


# R1§8: emergency action is reported "to the team at its next meeting"; the rulebook names no days,
# so the duty is due after this many working days (the team meets at least monthly) and reminds.
EMERGENCY_REPORT_WORKDAYS = 10
# R1§9: important minutes are sent to the city-level leader in charge; the rulebook names no days.
MINUTES_SENDING_WORKDAYS = 5


def emergency_report_deadline(day: dt.date) -> Deadline:
    """R1§8: the report of an emergency action taken on `day` to the next team meeting."""
    return Deadline("after_workdays", day, EMERGENCY_REPORT_WORKDAYS)


def minutes_sending_deadline(day: dt.date) -> Deadline:
    """R1§9: important minutes of a meeting held on `day` are sent to the city-level leader."""
    return Deadline("after_workdays", day, MINUTES_SENDING_WORKDAYS)


# ---------------------------------------------------------------------------------------------------
# R2: who may sit at a secretary's office meeting besides its expected members, and who may chair it.
# Each returns None, or the refusal's Chinese message and its article.


def observer_problem(
    body: str, *, same_township: bool, active: bool, expected: bool
) -> tuple[str, str] | None:
    """R2§8: "党委书记、副书记是书记办公会出席人员，其他列席人员根据会议议题需要确定": an observer
    (列席) attends without a vote, so an expected member is never one; R3 is confidential, attended
    by its five only (R3)."""
    if body == "five_person_group":
        return "“五人小组”会议保密，只由组成人员参加，不邀请列席人员", "R3"
    if not same_township or not active:
        return "列席人员须为本镇在职干部", "R2"
    if expected:
        return "该成员是本次会议的应到会成员，不能再列为列席人员", "R2"
    return None


def entrusted_chair_problem(body: str, role: str | None, *, absent: bool) -> tuple[str, str] | None:
    """R2§10: "书记办公会由党委书记主持，也可由受党委书记委托的副书记主持": only at a secretary's
    office meeting, only a deputy secretary expected at it, and one who attends."""
    if body != "secretary_office":
        return "只有书记办公会可由书记委托副书记主持", "R2"
    if role != "deputy_secretary":
        return "书记只能委托党委副书记主持书记办公会", "R2"
    if absent:
        return "该副书记已登记缺席，不能受托主持会议", "R2"
    return None


def needs_leader_approval(*, from_department: bool, proposer_on_team: bool, proposer_is_owner: bool) -> bool:
    """R4: "由班子成员提出，或由部门提出经分管领导同意": a department's proposal (made for a department
    by someone outside the team) goes to its leader in charge before the party office collates it;
    a team member's own proposal, or the leader's own, does not."""
    return from_department and not proposer_on_team and not proposer_is_owner
