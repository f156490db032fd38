"""R13 党委民主生活会制度 and R1§13 as pure functions: the yearly meeting and its postponement, the
one-month rectification deadline, the measures, the written report. No Django, no database: plain
data in, `Finding`s and days out.

R13 三: "一般每年召开一次…遇有特殊情况需延期召开的，必须报告上级党组织同意"; 五: speeches prepared,
opinions of activists and the public gathered, leave asked beforehand; 六: "一般应在一个月内制订好整改
措施，并明确具体人员负责落实"; 七: "会后，要及时向上级组织、纪检部门写出书面报告"; 八: feedback to the
public. R1§13(二): the compliance with the rules checked at the meeting at least once a year."""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zhidu.rules.findings import ADVICE, VIOLATION, Finding
from zhidu.rules.parameters import RuleParameters, parameter

AREA = "life_meetings"


@dataclass(frozen=True)
class LifeMeetingParameters(RuleParameters):
    """What a township may set of R13 (namespace "life_meetings"). R13 七 says "及时" for the written
    report; Zhidu's default is 15 calendar days after the meeting (issue 14)."""

    report_days: int = parameter(15, _("days to send the written report (calendar days)"))

    def __post_init__(self) -> None:
        if self.report_days < 1:
            raise ValueError("report_days: 至少为 1 天")


def one_month_after(day: datetime.date) -> datetime.date:
    """R13 六 "一个月内": the same day of the next month; a month without that day ends the period on
    its last day (民法典 第二百零二条). Moving past holidays is the calendar's (after_days)."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def one_month_days(day: datetime.date) -> int:
    """The one calendar month of R13 六 as "N days after E", so the obligation's rule (after_days)
    moves a holiday end to the next working day and is recomputed when a holiday notice is entered."""
    return (one_month_after(day) - day).days


@dataclass(frozen=True)
class Postponement:
    requested_on: datetime.date
    hold_by: datetime.date
    approved: bool


@dataclass(frozen=True)
class YearState:
    """A year of R13 三: the day a meeting was held (None if not), its postponements, today."""

    year: int
    held_on: datetime.date | None
    postponements: tuple[Postponement, ...]
    today: datetime.date


def approved_until(state: YearState) -> datetime.date | None:
    """The latest day the superior approved to hold the year's meeting by, if any."""
    days = [p.hold_by for p in state.postponements if p.approved]
    return max(days) if days else None


def check_year(state: YearState) -> list[Finding]:
    """R13 三: a year without a meeting by its end is overdue, unless the superior approved a
    postponement (then it is overdue after the approved day). A postponement asked but not approved
    postpones nothing."""
    found: list[Finding] = []
    if state.held_on is not None and state.held_on.year == state.year:
        return found
    until = approved_until(state)
    pending = [p for p in state.postponements if not p.approved]
    if pending and until is None:
        found.append(
            Finding(
                "postponement-unapproved",
                VIOLATION,
                "R13§3",
                gettext(
                    "Postponement: the superior Party organization has not agreed, so it cannot be postponed"
                ),
            )
        )
    deadline = until or datetime.date(state.year, 12, 31)
    done = state.held_on is not None and state.held_on <= deadline
    if not done and state.today > deadline:
        found.append(Finding("meeting-overdue", VIOLATION, "R13§3", f"{state.year}年度民主生活会逾期未召开"))
    return found


@dataclass(frozen=True)
class PostponementDraft:
    year: int | None
    hold_by: datetime.date | None
    reason: str
    today: datetime.date


def check_postponement(draft: PostponementDraft) -> list[Finding]:
    found: list[Finding] = []
    if not draft.reason.strip():
        found.append(Finding("no-reason", VIOLATION, "R13§3", "延期理由：请写明需延期召开的特殊情况"))
    if draft.year is not None and draft.hold_by is not None and draft.hold_by.year <= draft.year:
        found.append(Finding("not-later", VIOLATION, "R13§3", "延期至：应晚于本年度（本年内召开无需延期）"))
    if draft.hold_by is not None and draft.hold_by < draft.today:
        found.append(Finding("hold-by-past", VIOLATION, "R13§3", "延期至：不能早于今天"))
    found.append(Finding("needs-approval", ADVICE, "R13§3", "延期须报上级党组织同意；同意前仍按原期限计算"))
    return found


@dataclass(frozen=True)
class MeetingDraft:
    year: int | None
    theme: str
    planned_on: datetime.date | None
    today: datetime.date


def check_meeting(draft: MeetingDraft) -> list[Finding]:
    found: list[Finding] = []
    if not draft.theme.strip():
        found.append(Finding("no-theme", VIOLATION, "R13§2", "会议主题：民主生活会应紧密围绕主题，请填写"))
    if draft.year is not None and draft.planned_on is not None and draft.planned_on.year != draft.year:
        found.append(
            Finding(
                "planned-other-year", ADVICE, "R13§3", "计划召开日期：不在所属年度内，须经上级党组织同意延期"
            )
        )
    return found


@dataclass(frozen=True)
class MeasureDraft:
    text: str
    owner_id: int | None
    due_on: datetime.date | None
    held_on: datetime.date | None
    today: datetime.date


def check_measure(draft: MeasureDraft) -> list[Finding]:
    """R13 六: each measure names who carries it out and by when."""
    found: list[Finding] = []
    if not draft.text.strip():
        found.append(Finding("no-text", VIOLATION, "R13§6", "整改措施：请填写措施内容"))
    if draft.owner_id is None:
        found.append(Finding("no-owner", VIOLATION, "R13§6", "责任人：每项整改措施须明确具体人员负责落实"))
    if draft.due_on is None:
        found.append(Finding("no-due", VIOLATION, "R13§6", "完成时限：每项整改措施须明确完成时限"))
    elif draft.due_on < draft.today:
        found.append(Finding("due-past", VIOLATION, "R13§6", "完成时限：不能早于今天"))
    if draft.held_on is not None and draft.today > one_month_after(draft.held_on):
        found.append(
            Finding("measures-late", ADVICE, "R13§6", "整改措施一般应在会后一个月内制订，现已超过一个月")
        )
    return found


@dataclass(frozen=True)
class AfterState:
    """What was done after a meeting held on `held_on`, by `today`."""

    held_on: datetime.date
    measures_set_on: datetime.date | None
    measures_due: datetime.date  # the rectification deadline (calendar applied)
    report_sent_on: datetime.date | None
    report_due: datetime.date
    today: datetime.date


def check_after(state: AfterState) -> list[Finding]:
    found: list[Finding] = []
    set_on = state.measures_set_on
    if (set_on or state.today) > state.measures_due:
        found.append(Finding("measures-late", VIOLATION, "R13§6", "整改措施未在会后一个月内制订"))
    sent = state.report_sent_on
    if (sent or state.today) > state.report_due:
        found.append(Finding("report-late", VIOLATION, "R13§7", "书面报告未及时报送上级组织和纪检部门"))
    return found


@dataclass(frozen=True)
class Tally:
    """R1§13: one article's obligations of the year."""

    article: str
    on_time: int = 0
    late: int = 0
    missing: int = 0
    open: int = 0

    @property
    def total(self) -> int:
        return self.on_time + self.late + self.missing + self.open


def tally(rows: list[tuple[str, str]]) -> list[Tally]:
    """(article, outcome) pairs → one Tally per article in article order; outcome is on_time, late,
    missing (overdue and still not done) or open (not yet due)."""
    counts: dict[str, dict[str, int]] = {}
    for article, outcome in rows:
        counts.setdefault(article, {"on_time": 0, "late": 0, "missing": 0, "open": 0})[outcome] += 1
    return [Tally(article, **counts[article]) for article in sorted(counts, key=article_order)]


def article_order(article: str) -> tuple:
    """R1 < R1§7 < R1§13 < R2 … by the numbers, not the letters."""
    return tuple(int(n) for n in re.findall(r"\d+", article)) or (999,)
