"""述德述职述廉 (R10): the parameters of the annual self-report and the checks of a report as it is
written and of the report meeting's participants. Pure: no database, no clock (the moment is
passed in), no request. Articles: R10§2 (who reports), R10§3(1)–(7) (the seven points),
R10§4(1) (once a year, at year end), R10§4(2) (who attends), R10§4(3) (the anonymous assessment)."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from zhidu.rules import ADVICE, VIOLATION, Finding, RuleParameters, parameter

# This area's namespace in the township's rule set (zhidu.rules).
AREA = "self_reports"


@dataclass(frozen=True)
class Point:
    number: int
    title: str | Promise  # a short English msgid, translated on screen
    prompt: str  # the seed's own wording of the point (rule text, quoted as written)


# R10§3 "主要报告本人及领导班子以下情况": the seven points, in the seed's order and words.
POINTS = (
    Point(
        1,
        _("Carrying out the Party's theory, line, principles and policies"),
        "贯彻落实邓小平理论、“三个代表”重要思想和科学发展观以及党的路线方针政策情况。主要是贯彻执行党的路线、"
        "方针、政策、决议以及上级党委、政府工作部署，履行职责，干事创业情况。",
    ),
    Point(
        2,
        _("Practising democratic centralism"),
        "执行民主集中制情况。主要是执行民主集中制各项制度，发扬党内民主，在重大问题决策、重要干部任免、重大项目"
        "投资和大额资金使用方面，实行民主决策情况。",
    ),
    Point(
        3,
        _("The responsibility system for Party conduct and integrity"),
        "落实党风廉政建设责任制情况。主要是落实责任制的组织领导、责任分工、检查考核、责任追究以及履行反腐倡廉"
        "领导职责以及组织开展党风廉政建设和反腐败工作情况。",
    ),
    Point(
        4,
        _("The Party's policies on cadre work"),
        "贯彻执行党的干部工作方针政策情况。主要是落实《党政领导干部选拔任用工作条例》以及遵守组织人事工作纪律。",
    ),
    Point(
        5,
        _("Integrity in office"),
        "廉洁从政情况。主要是遵守《中国共产党党员领导干部廉洁从政若干准则》和中央、省委有关领导干部廉洁自律各项"
        "规定的情况。",
    ),
    Point(
        6,
        _("Moral conduct"),
        "德的情况。主要包括政治品质和道德品行两方面。政治品质方面主要包括政治方向、政治立场、政治态度、政治纪律"
        "等方面的表现；道德品行方面主要包括遵守社会公德、职业道德、家庭美德、个人品德情况，践行社会主义核心价值"
        "体系情况等。",
    ),
    Point(7, _("Outstanding problems and corrective measures"), "存在的突出问题和改正措施。"),
)
# The short titles as Chinese data, for findings and documents (their screen labels are translated).
POINT_TITLES_CN = {
    1: "贯彻落实党的理论和路线方针政策情况",
    2: "执行民主集中制情况",
    3: "落实党风廉政建设责任制情况",
    4: "贯彻执行党的干部工作方针政策情况",
    5: "廉洁从政情况",
    6: "德的情况",
    7: "存在的突出问题和改正措施",
}
MIN_LENGTH = 50  # below this a point reads as a heading, not a report: advice only


@dataclass(frozen=True)
class SelfReportParameters(RuleParameters):
    """What a township may set of R10, versioned by the day it takes effect (namespace
    "self_reports"). R10§4(1) says only "一般安排在年底": the committee sets the day the reports are due.
    The default is the last working day of December."""

    # The month and day of the due date; day 0 is the month's last working day. A day that is not a
    # working day moves back to the working day before it: the report must be in before the meeting.
    due_month: int = parameter(12, _("month the annual self-report is due"))
    due_day: int = parameter(0, _("day the annual self-report is due (0: the last working day)"))

    def __post_init__(self) -> None:
        if not 1 <= self.due_month <= 12:
            raise ValueError("due_month: 月份须为 1 至 12")
        if not 0 <= self.due_day <= 31:
            raise ValueError("due_day: 日期须为 0 至 31（0 表示当月最后一个工作日）")
        # A fixed year with 29 February: the day must exist in every year, so February stops at 28.
        longest = 28 if self.due_month == 2 else calendar.monthrange(2025, self.due_month)[1]
        if self.due_day > longest:
            raise ValueError(f"due_day: {self.due_month}月没有{self.due_day}日")


TOWNSHIP_DEFAULTS = SelfReportParameters()


def due_anchor(year: int, parameters: SelfReportParameters) -> datetime.date:
    """The day the committee set for `year` (R10§4(1)), before moving back to a working day: the
    last day of the month when `due_day` is 0."""
    day = parameters.due_day or calendar.monthrange(year, parameters.due_month)[1]
    return datetime.date(year, parameters.due_month, day)


@dataclass(frozen=True)
class ReportDraft:
    """A report as written, saved or not: the seven points' text in order, when it was submitted
    (None while a draft), the moment judged and the due time."""

    points: tuple[str, ...]
    due_at: datetime.datetime
    now: datetime.datetime
    submitted_at: datetime.datetime | None = None
    annex_sections: int = 0


def check_report(report: ReportDraft) -> list[Finding]:
    """The findings on one annual self-report, in the order of the form."""
    found: list[Finding] = []
    for point in POINTS:
        text = report.points[point.number - 1].strip() if point.number <= len(report.points) else ""
        article = f"R10§3({point.number})"
        title = POINT_TITLES_CN[point.number]
        chinese = (get_language() or "zh-hans").startswith("zh")
        if not text:
            # R10§3: the report covers each of the seven points; an empty one cannot be submitted.
            found.append(Finding("point-empty", VIOLATION, article, f"第{point.number}项“{title}”尚未填写"))
        elif len(text) < MIN_LENGTH:
            found.append(
                Finding(
                    "point-short",
                    ADVICE,
                    article,
                    gettext(
                        "Point %(number)s (%(title)s) has only %(count)s characters: write what you and "
                        "the team actually did"
                    )
                    % {
                        "number": point.number,
                        "title": title if chinese else point.title,
                        "count": len(text),
                    },
                )
            )
    # R10§4(1): once a year at year end, by the day the committee set.
    moment = report.submitted_at or report.now
    if moment > report.due_at:
        due = f"{report.due_at.year}年{report.due_at.month}月{report.due_at.day}日"
        verb = "提交" if report.submitted_at else "尚未提交"
        found.append(Finding("late", VIOLATION, "R10§4(1)", f"报告{verb}时已超过{due}的提交期限"))
    if report.annex_sections == 0:
        message = gettext(
            "Annex: no account of the year generated from the records of each rule yet; click "
            "“Refresh from records”"
        )
        found.append(Finding("annex-empty", ADVICE, "R10§3", message))
    return found


def blocking(findings: list[Finding]) -> list[Finding]:
    """What keeps a report from being submitted: an empty point. Lateness does not: a late report
    is still received, and marked late."""
    return [f for f in findings if f.code == "point-empty"]


# R10§4(2): 领导班子成员、中层干部、村居主要负责人、部分双管单位及企业负责人.
PARTICIPANT_GROUPS = ("team", "middle_cadre", "village_head", "unit_head")
PARTICIPANT_GROUPS_CN = {
    "team": "领导班子成员",
    "middle_cadre": "中层干部",
    "village_head": "村居主要负责人",
    "unit_head": "双管单位及企业负责人",
}


def check_participants(counts: dict[str, int]) -> list[Finding]:
    """The report meeting's attendance list against R10§4(2): each of its four groups present.
    `counts`: group -> number of participants listed (enterprise heads count with the units)."""
    found = []
    for group in PARTICIPANT_GROUPS:
        if counts.get(group, 0) == 0:
            found.append(
                Finding(
                    "participants-missing",
                    ADVICE if group == "unit_head" else VIOLATION,  # "部分双管单位": some, not all
                    "R10§4(2)",
                    f"参加人员中尚无{PARTICIPANT_GROUPS_CN[group]}",
                )
            )
    return found
