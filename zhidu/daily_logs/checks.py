"""Daily work logs (R18 工作日清): the parameters of the rule and the checks of a member's logs, for one
log as it is typed (the live check panel), for a day of the team (the party office's board) and for a
period (`zhidu evaluate`, the `zhidu.daily-log/1` contract of ../shared/spec/case-records.md).
Pure: no database, no clock (the moment "now" and the working-day calendar are passed in)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zhidu.core.chinese import cn_date, punctuated, reader_date
from zhidu.rules import RuleParameters, parameter
from zhidu.rules.case_records import CaseEvaluation, CaseFinding
from zhidu.rules.findings import VIOLATION, Finding

if TYPE_CHECKING:
    from zhidu.workdays.arithmetic import WorkCalendar

# This area's namespace in the township's rule set (zhidu.rules).
AREA = "daily_logs"
FORMAT = "zhidu.daily-log/1"
SHANGHAI = ZoneInfo("Asia/Shanghai")
CHANNELS = ("web", "sms", "wechat", "dingtalk")  # R18 第三: SMS or WeChat (or DingTalk) when away


@dataclass(frozen=True)
class DailyLogParameters(RuleParameters):
    """What a township may set of R18; the default is the rulebook's "before the end of the working
    day" (Dates and deadlines: 18:00 local time)."""

    deadline_hour: int = parameter(18, _("daily log deadline (hour)"))
    deadline_minute: int = parameter(0, _("daily log deadline (minute)"))

    def __post_init__(self) -> None:
        if not 0 <= self.deadline_hour <= 23:
            raise ValueError("deadline_hour: 应为 0 至 23 之间的整点")
        if not 0 <= self.deadline_minute <= 59:
            raise ValueError("deadline_minute: 应为 0 至 59 之间的分钟")

    @property
    def deadline(self) -> datetime.time:
        return datetime.time(self.deadline_hour, self.deadline_minute)

    @property
    def deadline_text(self) -> str:
        return f"{self.deadline_hour:02d}:{self.deadline_minute:02d}"


DEFAULTS = DailyLogParameters()


@dataclass(frozen=True)
class Task:
    """An unfinished task (R18 第二: 原因分析、责任落实、明确最终完成时限)."""

    task: str
    reason: str = ""
    owner: str = ""
    due: datetime.date | None = None


@dataclass(frozen=True)
class Entry:
    """One day's log. `submitted_at` is the moment that counts: the web submission, or the time the
    party office received an SMS or WeChat report (R18 第三)."""

    day: datetime.date
    submitted_at: datetime.datetime | None
    channel: str = "web"
    summary: str = ""
    plan: str = ""
    unfinished: tuple[Task, ...] = ()
    support: str = ""  # 需要其他部门支持协调的资源 (R18 第二); not judged


@dataclass(frozen=True)
class Period:
    """A member's logs from `start` to `end` inclusive, and the days their weekly reviews were filed."""

    member: str
    start: datetime.date
    end: datetime.date
    entries: tuple[Entry, ...] = ()
    reviews: tuple[datetime.date, ...] = field(default_factory=tuple)


def deadline_of(day: datetime.date, params: DailyLogParameters = DEFAULTS) -> datetime.datetime:
    """R18 第三 "每天下午下班之前": the aware moment of that day's deadline in Asia/Shanghai."""
    return datetime.datetime.combine(day, params.deadline, tzinfo=SHANGHAI)


def is_late(entry: Entry, params: DailyLogParameters = DEFAULTS) -> bool:
    # "after 18:00" (case-records.md): 18:00:00 itself is still on time.
    return entry.submitted_at is not None and entry.submitted_at > deadline_of(entry.day, params)


def _violation(code: str, article: str, message: str) -> Finding:
    return Finding(code, VIOLATION, article, message)


# The messages of `zhidu evaluate` are the contract's fixed Chinese (case-records.md), made with no
# Django set up; a page asks for them in the reader's language (`reader=True`): each English msgid is
# translated in the catalogue back to the very same Chinese (tests/daily_logs/test_checks.py pins it).


def gettext_noop(message: str) -> str:
    """Marks an English msgid for makemessages without touching Django's settings (the CLI's start)."""
    return message


INCOMPLETE = {
    ("当日工作总结",): gettext_noop("The day's summary is not filled in"),
    ("次日工作计划",): gettext_noop("The next day's plan is not filled in"),
    ("当日工作总结", "次日工作计划"): gettext_noop(
        "The day's summary and the next day's plan are not filled in"
    ),
}
# An unfinished task's fields by their names in the form (the msgids of DailyLogTask's fields).
TASK_PARTS = {
    "原因": gettext_noop("reason"),
    "责任人": gettext_noop("owner"),
    "完成时限": gettext_noop("new deadline"),
}


def _say(reader: bool, chinese: str, english: str, **values: str) -> str:
    return gettext(english) % values if reader else chinese % values


def entry_findings(
    entry: Entry, params: DailyLogParameters = DEFAULTS, *, reader: bool = False
) -> list[Finding]:
    """The findings of one working day's log: late (R18§3), summary or plan empty (R18§2), an
    unfinished task without its reason, owner or new deadline (R18§2). The live form passes the
    moment it would be saved as `submitted_at`. In the contract's Chinese, or with `reader` in the
    reader's language."""
    found: list[Finding] = []
    if is_late(entry, params):
        # R18 第三: submitted after the end of the working day.
        at = entry.submitted_at.astimezone(SHANGHAI) if entry.submitted_at else None
        if at is not None and at.date() == entry.day:
            day = reader_date(entry.day) if reader else cn_date(entry.day)
            message = _say(
                reader,
                "已过%(deadline)s：逾期提交（%(day)s%(time)s提交）",
                gettext_noop("After %(deadline)s: handed in late (%(day)s %(time)s)"),
                deadline=params.deadline_text, day=day, time=f"{at:%H:%M}",
            )  # fmt: skip
        else:
            message = _say(
                reader,
                "已过%(deadline)s：逾期提交",
                gettext_noop("After %(deadline)s: handed in late"),
                deadline=params.deadline_text,
            )
        found.append(_violation("log-late", "R18§3", message))
    missing = tuple(name for name, value in (("当日工作总结", entry.summary), ("次日工作计划", entry.plan))
                    if not value.strip())  # fmt: skip
    if missing:
        # R18 第二: 每天均应做好当日的工作总结和次日工作计划.
        message = _say(reader, f"{'、'.join(missing)}未填写", INCOMPLETE[missing])
        found.append(_violation("log-incomplete", "R18§2", message))
    for number, task in enumerate(entry.unfinished, start=1):
        lacking = [name for name, value in (("原因", task.reason.strip()), ("责任人", task.owner.strip()),
                                            ("完成时限", task.due)) if not value]  # fmt: skip
        if lacking:
            # R18 第二: 对未完成的工作进行原因分析、责任落实……并明确最终完成时限.
            label = task.task.strip() or _say(
                reader, "第%(number)s项", gettext_noop("task %(number)s"), number=str(number)
            )
            if reader:
                parts = punctuated("、").join(gettext(TASK_PARTS[name]) for name in lacking)
            else:
                parts = "、".join(lacking)
            message = _say(
                reader,
                "未完成事项“%(task)s”缺少%(parts)s",
                gettext_noop("Unfinished task “%(task)s” lacks: %(parts)s"),
                task=label, parts=parts,
            )  # fmt: skip
            found.append(_violation("unfinished-incomplete", "R18§2", message))
    return found


def missing_finding(day: datetime.date, *, reader: bool = False) -> Finding:
    # R18 第三: every team member hands in each working day's log.
    shown = reader_date(day) if reader else cn_date(day)
    message = _say(
        reader, "%(day)s未提交工作日清", gettext_noop("%(day)s: no daily log handed in"), day=shown
    )
    return _violation("log-missing", "R18§3", message)


def review_finding(last_workday: datetime.date) -> Finding:
    # R18 第四: 领导班子成员每周对工作情况进行总结梳理.
    return _violation("review-missing", "R18§4", f"{cn_date(last_workday)}所在周未作每周工作总结")


def monday_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def week_last_workday(monday: datetime.date, calendar: WorkCalendar) -> datetime.date | None:
    """The last working day of the calendar week (Monday to Sunday) starting `monday`, or None."""
    last = calendar.last_workday_on_or_before(monday + datetime.timedelta(days=6))
    return last if last >= monday else None


def judge_period(
    period: Period, calendar: WorkCalendar, params: DailyLogParameters = DEFAULTS
) -> CaseEvaluation:
    """`zhidu.daily-log/1` judged (case-records.md): every working day of the period needs one entry
    (missing, late, incomplete, unfinished task incomplete: each with its day), every calendar week
    with a working day in the period whose last working day is on or before the end needs a review
    dated within it. Entries on days off need nothing and are not judged."""
    by_day = {e.day: e for e in period.entries}
    findings: list[CaseFinding] = []
    day = period.start
    while day <= period.end:
        if calendar.is_workday(day):
            entry = by_day.get(day)
            if entry is None:
                findings.append(CaseFinding(missing_finding(day), day))
            else:
                findings += [CaseFinding(f, day) for f in entry_findings(entry, params)]
        day += datetime.timedelta(days=1)
    monday = monday_of(period.start)
    while monday <= period.end:
        sunday = monday + datetime.timedelta(days=6)
        last = week_last_workday(monday, calendar)
        has_workday_in_period = last is not None and any(
            calendar.is_workday(d) for d in _days(max(monday, period.start), min(sunday, period.end))
        )
        if last is not None and has_workday_in_period and last <= period.end:
            if not any(monday <= r <= sunday for r in period.reviews):
                findings.append(CaseFinding(review_finding(last), last))
        monday += datetime.timedelta(days=7)
    findings.sort(key=lambda f: (f.day or period.start, f.finding.code))
    provisional = any(
        calendar.is_provisional_year(year) for year in range(period.start.year, period.end.year + 1)
    )
    return CaseEvaluation(FORMAT, None, provisional, findings, [])


def _days(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    return [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]


# --- the board of a day (R18 第三, the party office's view) ----------------------------------------

SUBMITTED, LATE, PENDING, MISSING = "submitted", "late", "pending", "missing"


def day_status(
    day: datetime.date, entry: Entry | None, now: datetime.datetime, params: DailyLogParameters = DEFAULTS
) -> str:
    """One member's state on the board: submitted on time, late, not yet due, or missing (the
    deadline passed without a log)."""
    if entry is not None:
        return LATE if is_late(entry, params) else SUBMITTED
    return MISSING if now > deadline_of(day, params) else PENDING
