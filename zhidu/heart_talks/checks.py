"""R20 领导干部谈心谈话制度 as pure functions: the quotas of part 二.1 per pair and period, their
proration, the 七必谈 talker, and the checks of a talk record. No Django, no database: plain data in,
`Finding`s and numbers out.

Part 二.1: 党委主要领导每年至少与班子成员谈心谈话二次; 领导班子成员每年与分管的部门负责人谈心谈话
二至三次; 各部门负责人每季度与工作人员谈心谈话一至二次."""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zhidu.rules.findings import VIOLATION, Finding
from zhidu.rules.parameters import RuleParameters, parameter

AREA = "heart_talks"

# The three levels of part 二.1: (months of the period, the minimum, the "up to" of 二至三/一至二).
PRINCIPAL_MEMBER, MEMBER_HEAD, HEAD_STAFF = "principal_member", "member_head", "head_staff"
LEVELS = {
    PRINCIPAL_MEMBER: (12, 2, 2),  # 每年至少二次
    MEMBER_HEAD: (12, 2, 3),  # 每年二至三次
    HEAD_STAFF: (3, 1, 2),  # 每季度一至二次
}
LEVEL_CN = {
    PRINCIPAL_MEMBER: "主要领导与班子成员",
    MEMBER_HEAD: "班子成员与分管部门负责人",
    HEAD_STAFF: "部门负责人与工作人员",
}

# Part 二.3 七必谈.
TRIGGERS = {
    "job_change": "工作变动",
    "award_or_punishment": "受到表彰或处分",
    "difficulty": "遇到困难或挫折",
    "dispute": "出现矛盾和意见分歧",
    "integrity_complaint": "群众对廉政有不良反映",
    "own_request": "干部主动要求",
    "retirement": "退休",
}
# Part 四.1 the four manners, and part 三's eight contents (shown in the reader's language: the
# catalogue holds the rulebook's words, 1. 贯彻执行党风廉政建设责任制情况 … 8. 开展批评与自我批评，化解分歧).
MANNERS = {
    "inspiring": "启发式",
    "encouraging": "鼓励式",
    "admonishing": "诫勉式",
    "comforting": "慰问式",
}
CONTENTS = {
    1: _("Carrying out the responsibility system for Party conduct and clean government"),
    2: _("Integrity and self-discipline, reporting important matters, managing those close to one"),
    3: _(
        "Setting the requirements of clean government, passing on what the public reports, requiring corrections"
    ),
    4: _("Opinions on the unit's work on Party conduct, clean government and anti-corruption"),
    5: _("Learning about thinking, work, work style, study and family"),
    6: _("Asking for opinions, suggestions and requests about oneself"),
    7: _("Exchanging thoughts, listening to concerns"),
    8: _("Criticism and self-criticism, resolving disagreements"),
}


@dataclass(frozen=True)
class HeartTalkParameters(RuleParameters):
    """What a township may set of R20 (namespace "heart_talks"); the defaults are the rulebook's
    where it has one, Zhidu's otherwise (the 七必谈 deadline: the rule says "必谈", not when)."""

    trigger_days: int = parameter(30, _("days to hold a must-talk (calendar days)"))

    def __post_init__(self) -> None:
        if self.trigger_days < 1:
            raise ValueError("trigger_days: 至少为 1 天")


@dataclass(frozen=True)
class Period:
    label: str  # 2026, 2026-Q4
    start: datetime.date
    end: datetime.date


def period_of(level: str, day: datetime.date) -> Period:
    """The calendar year or quarter of a level that contains `day` (rulebook: calendar periods)."""
    months = LEVELS[level][0]
    if months == 12:
        return Period(str(day.year), datetime.date(day.year, 1, 1), datetime.date(day.year, 12, 31))
    q = (day.month - 1) // 3
    start = datetime.date(day.year, q * 3 + 1, 1)
    end = (
        datetime.date(day.year, 12, 31)
        if q == 3
        else datetime.date(day.year, q * 3 + 4, 1) - datetime.timedelta(days=1)
    )
    return Period(f"{day.year}-Q{q + 1}", start, end)


def quota(level: str, period: Period, pair_start: datetime.date) -> int:
    """R20§2: the minimum number of talks of a pair in a period. A pair that starts inside the period
    (a new term, a new department head) owes the minimum prorated by the calendar days it exists in
    the period, rounded up: every pair that exists in a period talks at least once in it."""
    minimum = LEVELS[level][1]
    start = max(pair_start, period.start)
    if start > period.end:
        return 0
    whole = (period.end - period.start).days + 1
    covered = (period.end - start).days + 1
    return max(1, math.ceil(minimum * covered / whole - 1e-9))


@dataclass(frozen=True)
class QuotaState:
    required: int
    held: int
    period_end: datetime.date

    def status(self, today: datetime.date) -> str:
        """met / missed (the period is over) / due (still open)."""
        if self.held >= self.required:
            return "met"
        return "missed" if today > self.period_end else "due"


@dataclass(frozen=True)
class TalkDraft:
    talker_id: int | None
    participant_ids: tuple[int, ...]
    held_on: datetime.date | None
    mode: str  # one_to_one / group
    manner: str
    contents: tuple[int, ...]
    today: datetime.date


def check_talk(draft: TalkDraft) -> list[Finding]:
    """The findings of a talk record before it is saved (the live panel and the service)."""
    found = []
    if not draft.participant_ids:
        found.append(
            Finding("no-participant", VIOLATION, "R20§1", gettext("Talked with: choose at least one person"))
        )
    if draft.talker_id is not None and draft.talker_id in draft.participant_ids:
        found.append(
            Finding("talks-to-self", VIOLATION, "R20§1", gettext("Talked with: cannot include the talker"))
        )
    if draft.mode == "one_to_one" and len(draft.participant_ids) > 1:
        found.append(
            Finding(
                "one-to-one-many",
                VIOLATION,
                "R20§2",
                gettext("Form: a one-to-one talk has one person talked with"),
            )
        )
    if draft.held_on is not None and draft.held_on > draft.today:
        found.append(
            Finding(
                "held-in-future", VIOLATION, "R20§2", gettext("Date of the talk: cannot be later than today")
            )
        )
    if draft.manner not in MANNERS:
        found.append(
            Finding(
                "no-manner",
                VIOLATION,
                "R20§4",
                gettext("Manner: choose inspiring, encouraging, admonishing or comforting"),
            )
        )
    if not draft.contents:
        found.append(
            Finding("no-contents", VIOLATION, "R20§3", gettext("Contents of part 3: tick at least one"))
        )
    return found
