"""请示报告 (R15): the periods of the reports and the checks of a report as it is written, of a
period's reports received and missing. Pure: no database, no clock (today and the due day, the
period's last working day from the calendar, are passed in).

Articles (the seed's numbering): R15§2 what a member reports (学习、思想、工作情况); R15§3(1) every two
months, orally or in writing; R15§3(2) away over three months: every quarter, in writing; R15§8 each
branch every quarter to the committee."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from zhidu.rules import VIOLATION, Finding, RuleParameters, parameter

AREA = "periodic_reports"
MEMBER, AWAY, BRANCH = "member", "away", "branch"


@dataclass(frozen=True)
class ReportParameters(RuleParameters):
    """What a township may set of R15 (namespace "periodic_reports"); the defaults are the rulebook's."""

    # R15§3(1) "一般每两个月…汇报一次".
    member_months: int = parameter(2, _("members report every (months)"))
    # R15§3(2) "外出超过三个月的": 超过 excludes the number itself (民法典 第一千二百五十九条).
    away_months: int = parameter(3, _("away longer than (months) reports quarterly in writing"))

    def __post_init__(self) -> None:
        if self.member_months not in (1, 2, 3, 6, 12):
            raise ValueError("member_months: 须为 1、2、3、6 或 12")
        if self.away_months < 1:
            raise ValueError("away_months: 至少为 1 个月")


@dataclass(frozen=True)
class Period:
    label: str  # 2026-B6 (two months), 2026-Q4 (a quarter)
    start: datetime.date
    end: datetime.date

    @property
    def text(self) -> str:
        if self.start.month == self.end.month:
            return f"{self.start.year}年{self.start.month}月"
        return f"{self.start.year}年{self.start.month}—{self.end.month}月"


def _month_end(year: int, month: int) -> datetime.date:
    if month == 12:
        return datetime.date(year, 12, 31)
    return datetime.date(year, month + 1, 1) - datetime.timedelta(days=1)


def period_of(day: datetime.date, months: int) -> Period:
    """The calendar period of `months` months containing `day` (rulebook: "every two months",
    "quarterly" are calendar periods, Jan–Feb and Q1)."""
    first = ((day.month - 1) // months) * months + 1
    index = (day.month - 1) // months + 1
    prefix = {1: "M", 2: "B", 3: "Q", 6: "H", 12: "Y"}[months]
    return Period(
        f"{day.year}-{prefix}{index}",
        datetime.date(day.year, first, 1),
        _month_end(day.year, first + months - 1),
    )


def previous_period(period: Period, months: int) -> Period:
    return period_of(period.start - datetime.timedelta(days=1), months)


def parse_period(label: str) -> tuple[Period, int] | None:
    """The period and its length from a label ("2026-B6" → Nov–Dec 2026, 2), None when malformed."""
    try:
        year_text, code = label.split("-")
        year, index = int(year_text), int(code[1:])
        months = {"M": 1, "B": 2, "Q": 3, "H": 6}[code[0]]
    except (ValueError, KeyError, IndexError):
        return None
    if not 2000 <= year <= 2100 or not 1 <= index <= 12 // months:
        return None
    return period_of(datetime.date(year, (index - 1) * months + 1, 1), months), months


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return datetime.date(year, month, min(day.day, _month_end(year, month).day))


def away_over(away_since: datetime.date | None, day: datetime.date, params: ReportParameters) -> bool:
    """R15§3(2): away for more than three months on `day` (exactly three months is not "超过")."""
    return away_since is not None and day > add_months(away_since, params.away_months)


def member_duty(
    away_since: datetime.date | None, day: datetime.date, params: ReportParameters
) -> tuple[str, Period]:
    """What a member owes for the period containing `day`: the two-monthly report (R15§3(1)), or,
    away over three months, the quarterly written one instead (R15§3(2))."""
    if away_over(away_since, day, params):
        return AWAY, period_of(day, 3)
    return MEMBER, period_of(day, params.member_months)


ARTICLE = {MEMBER: "R15§3(1)", AWAY: "R15§3(2)", BRANCH: "R15§8"}


@dataclass(frozen=True)
class ReportDraft:
    """A report as typed (member's or branch's): `duty` one of MEMBER, AWAY, BRANCH; `due` the
    period's last working day; `today` the day it is recorded."""

    duty: str
    channel: str
    content: str
    reported_on: datetime.date | None
    period: Period
    due: datetime.date
    today: datetime.date


def check_report(draft: ReportDraft) -> list[Finding]:
    article = ARTICLE[draft.duty]
    found = []
    if not draft.content.strip():
        # R15§2 / §5: a report says what was studied, thought and done; an empty one is no report.
        found.append(Finding("report-content-missing", VIOLATION, "R15§2" if draft.duty != BRANCH else "R15§5",
                             "汇报内容为空：请写明学习、思想、工作情况" if draft.duty != BRANCH
                             else "汇报内容为空：请写明贯彻执行情况、经验问题、改进措施和打算"))  # fmt: skip
    if draft.duty == AWAY and draft.channel == "oral":
        found.append(Finding("report-not-written", VIOLATION, article,
                             "外出超过三个月的党员须以书面形式汇报"))  # fmt: skip
    if draft.reported_on is not None:
        if draft.reported_on > draft.today:
            found.append(Finding("report-in-future", VIOLATION, article, "汇报日期晚于今天"))
        elif draft.reported_on < draft.period.start:
            found.append(Finding("report-before-period", VIOLATION, article,
                                 f"汇报日期早于{draft.period.text}：不能算作本期汇报"))  # fmt: skip
        elif draft.reported_on > draft.due:
            found.append(Finding("report-late", VIOLATION, article,
                                 f"{draft.period.text}的汇报应于{_cn(draft.due)}前完成，已逾期"))  # fmt: skip
    return found


def _cn(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def status(reported_on: datetime.date | None, due: datetime.date, today: datetime.date) -> str:
    """A period's report: received (on time), late, missing (past its due day, none) or pending."""
    if reported_on is not None:
        return "late" if reported_on > due else "received"
    return "missing" if today > due else "pending"


@dataclass(frozen=True)
class Expected:
    """One report a period expects: whose (a member or a branch) and what was received."""

    name: str
    duty: str
    period: Period
    due: datetime.date
    reported_on: datetime.date | None


def period_findings(expected: list[Expected], today: datetime.date) -> list[Finding]:
    """The late and missing reports of a period, each citing its article (the committee's view and the
    branch secretary's list)."""
    found = []
    for e in expected:
        state = status(e.reported_on, e.due, today)
        who = e.name
        if state == "missing":
            found.append(Finding("report-missing", VIOLATION, ARTICLE[e.duty],
                                 f"{who}未报送{e.period.text}的汇报（应于{_cn(e.due)}前）"))  # fmt: skip
        elif state == "late":
            found.append(Finding("report-late", VIOLATION, ARTICLE[e.duty],
                                 f"{who}的{e.period.text}汇报逾期（{_cn(e.reported_on)}报送，应于{_cn(e.due)}前）"))  # type: ignore[arg-type]  # fmt: skip
    return found
