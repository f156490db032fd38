"""R14 党委领导班子沟通协调制度: the parameters of its rules and the checks of its records, as plain
data. Pure: no database, no clock (the moment judged at is passed in), no request. The live panels
of the forms, the record pages and the services call the same functions.

Articles cited (the seed's numbered paragraphs): R14§3 the Friday briefing (每周五党政领导碰头会),
R14§4 matter reports to the principals (大事请示汇报), R14§5 leave (请销假)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zhidu.core.chinese import reader_date
from zhidu.rules import RuleParameters, parameter
from zhidu.rules.findings import ADVICE, VIOLATION, Finding

# This area's namespace in the township's rule set (zhidu.rules).
AREA = "coordination"
SHANGHAI = ZoneInfo("Asia/Shanghai")


@dataclass(frozen=True)
class CoordinationParameters(RuleParameters):
    """What a township may set of R14 (namespace "coordination"); the defaults are this area's
    reading of the rulebook, which gives no number for them."""

    # R14§4 says "及时" (promptly) and no number: the principal replies within this many working days.
    reply_workdays: int = parameter(5, _("reply to a matter report within (working days)"))
    # R14§5 "回来后…销假": the leave is cancelled by the end of this many working days after the last
    # day away (1: the first working day back).
    return_workdays: int = parameter(1, _("cancel the leave within (working days after the return)"))
    # R14§5: the principals acknowledge a reported leave within this many working days of the report.
    acknowledge_workdays: int = parameter(1, _("acknowledge a leave within (working days)"))

    def __post_init__(self) -> None:
        for name in ("reply_workdays", "return_workdays", "acknowledge_workdays"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name}: 至少为 1 个工作日")


TOWNSHIP_DEFAULTS = CoordinationParameters()


# --- R14§3: the Friday briefing ----------------------------------------------------------------


def monday_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def briefing_day(monday: datetime.date, is_workday: Callable[[datetime.date], bool]) -> datetime.date | None:
    """The day of the week's briefing (R14§3 "每周五"; the rulebook: the week's last working day when
    Friday is a holiday): Friday when it is a working day, else the last working day before it in
    that week; a week whose Monday to Friday are all holidays but with a 调休 weekend day holds it on
    that day; a week without any working day has none."""
    weekdays = [monday + datetime.timedelta(days=n) for n in range(5)]
    for day in reversed(weekdays):
        if is_workday(day):
            return day
    weekend = [monday + datetime.timedelta(days=n) for n in (6, 5)]
    return next((day for day in weekend if is_workday(day)), None)


@dataclass(frozen=True)
class LeaderFacts:
    name: str
    present: bool
    absence_reason: str = ""
    this_week: str = ""
    next_week: str = ""


@dataclass(frozen=True)
class BriefingFacts:
    week_of: datetime.date
    held_on: datetime.date | None
    due_day: datetime.date | None  # briefing_day() of the week
    leaders: tuple[LeaderFacts, ...] = ()


def check_briefing(facts: BriefingFacts) -> list[Finding]:
    found: list[Finding] = []
    if facts.held_on is not None and facts.due_day is not None and facts.held_on != facts.due_day:
        # R14§3: every Friday, the week's last working day when Friday is a holiday.
        found.append(
            Finding(
                "briefing-wrong-day",
                VIOLATION,
                "R14§3",
                f"碰头会应在本周最后一个工作日（{_cn(facts.due_day)}）召开，记录的日期为{_cn(facts.held_on)}",
            )
        )
    for leader in facts.leaders:
        if leader.present and not (leader.this_week.strip() and leader.next_week.strip()):
            # R14§3: each leader in charge states this week's key work and next week's plan.
            found.append(
                Finding(
                    "briefing-leader-silent",
                    ADVICE,
                    "R14§3",
                    gettext("%(leader)s: should report this week's key work and next week's plan")
                    % {"leader": leader.name},
                )
            )
        if not leader.present and not leader.absence_reason.strip():
            found.append(
                Finding(
                    "briefing-absence-reason",
                    ADVICE,
                    "R14§3",
                    gettext("%(leader)s: absent, say why") % {"leader": leader.name},
                )
            )
    return found


# --- R14§5: leave ------------------------------------------------------------------------------


@dataclass(frozen=True)
class LeaveFacts:
    starts_at: datetime.datetime | None
    ends_on: datetime.date | None
    reported_at: datetime.datetime  # on the unsaved form: the moment the panel judges at
    now: datetime.datetime
    return_due_at: datetime.datetime | None = None
    returned_at: datetime.datetime | None = None
    acknowledged: bool = False


def check_leave(facts: LeaveFacts) -> list[Finding]:
    found: list[Finding] = []
    if facts.starts_at is not None and facts.reported_at > facts.starts_at:
        # R14§5 "外出…要报告党政主要领导": reported beforehand, not after leaving.
        found.append(
            Finding(
                "leave-reported-late",
                VIOLATION,
                "R14§5",
                "外出后才报告：外出办事、开会或参加培训1天以上，应在外出前报告党政主要领导",
            )
        )
    if facts.starts_at is not None and facts.ends_on is not None and facts.ends_on < facts.starts_at.date():
        found.append(Finding("leave-dates", ADVICE, "R14§5", "外出截止日期早于外出日期，请核对"))
    due = facts.return_due_at
    if due is not None:
        if facts.returned_at is None and facts.now > due:
            # R14§5 "回来后…销假": the return date passed without the leave being cancelled.
            found.append(
                Finding(
                    "leave-not-cancelled",
                    VIOLATION,
                    "R14§5",
                    gettext("Leave not cancelled on return (due by %(day)s)")
                    % {"day": reader_date(due.astimezone(SHANGHAI).date())},
                )
            )
        elif facts.returned_at is not None and facts.returned_at > due:
            found.append(
                Finding("leave-cancelled-late", VIOLATION, "R14§5", f"销假逾期（应于{_cn_at(due)}前销假）")
            )
    if not facts.acknowledged and facts.returned_at is None:
        found.append(Finding("leave-unacknowledged", ADVICE, "R14§5", "党政主要领导尚未知悉此次外出"))
    return found


# --- R14§4: matter reports ---------------------------------------------------------------------


@dataclass(frozen=True)
class MatterFacts:
    reply_due_at: datetime.datetime
    now: datetime.datetime
    replied_at: datetime.datetime | None = None


def check_matter(facts: MatterFacts) -> list[Finding]:
    due = facts.reply_due_at
    if facts.replied_at is None and facts.now > due:
        return [
            Finding(
                "matter-reply-overdue", VIOLATION, "R14§4", f"请示汇报未按时答复（应于{_cn_at(due)}前答复）"
            )
        ]
    if facts.replied_at is not None and facts.replied_at > due:
        return [
            Finding("matter-reply-late", VIOLATION, "R14§4", f"请示汇报答复逾期（应于{_cn_at(due)}前答复）")
        ]
    return []


def _cn(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _cn_at(moment: datetime.datetime) -> str:
    return _cn(moment.astimezone(SHANGHAI).date())
