"""The entry points of daily work logs (R18 工作日清): a member submits their own log, the party office
enters one reported by SMS or WeChat, a member files the weekly review. Each checks the actor's
permission (MATRIX, the township, acting as the member or the office person), then its input
(refusals name the field, in Chinese), writes the rows in one transaction with the audit entry, and
completes the day's duty and opens or completes the duties of the unfinished tasks."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, NoReturn

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from zhidu.core import audit
from zhidu.core.chinese import cn_date
from zhidu.core.permissions import actor_of, require, require_person
from zhidu.daily_logs import checks
from zhidu.daily_logs.models import DailyLog, UnfinishedTask, WeeklyReview
from zhidu.obligations.deadlines import DeadlineRule
from zhidu.obligations.services import complete_by_key, open_obligation
from zhidu.org.models import Person, Township, team_on
from zhidu.rules import parameters_for
from zhidu.workdays.services import get_calendar

if TYPE_CHECKING:
    from django.http import HttpRequest

    from zhidu.core.permissions import Actor

MAX_TEXT = 2000
EARLIEST_DAYS_BACK = 31  # a forgotten log may be handed in late, within a month


@dataclass(frozen=True)
class TaskInput:
    task: str
    reason: str = ""
    owner: Person | None = None
    due: datetime.date | None = None
    origin_id: int | None = None  # the task carried forward from a previous log


def _refuse(field: str, message: str) -> NoReturn:
    raise ValidationError({field: message})


def parameters(township: Township | int, day: datetime.date) -> checks.DailyLogParameters:
    found = parameters_for(township, checks.AREA, day)
    assert isinstance(found, checks.DailyLogParameters)
    return found


def on_team(member: Person, day: datetime.date) -> bool:
    return team_on(member.township, day).filter(person=member).exists()


def day_key(member_id: int, day: datetime.date) -> str:
    # The key periodic.py used for the same duty, so rows opened before this area took it over match.
    return f"daily-log:{member_id}:{day.isoformat()}"


def task_key(root_id: int) -> str:
    return f"daily-log-task:{root_id}"


def open_day_duty(township: Township, member: Person, day: datetime.date) -> bool:
    """R18 第三: the member's log of a working day, due at the township's deadline. Idempotent."""
    if not get_calendar().is_workday(day):
        return False
    term = team_on(township, day).filter(person=member).first()
    _, created = open_obligation(
        township=township,
        kind="daily-log",
        article="R18",
        title=f"提交{cn_date(day)}工作日清（当日小结与次日计划）",
        key=day_key(member.pk, day),
        rule=DeadlineRule("fixed", day, 0, parameters(township, day).deadline),
        assignee=member,
        # The duty's page is the member's log form (zhidu.daily_logs.views.member.due), through the
        # term on the team that owes it.
        source=term,
        # Due the day it opens: no "due soon" reminder the day before.
        remind_before=False,
    )
    return created


def _text(value: str, field: str, label: str, *, required: bool = False) -> str:
    value = (value or "").strip()
    if required and not value:
        _refuse(field, f"{label}：请填写")
    if len(value) > MAX_TEXT:
        _refuse(field, f"{label}：不能超过{MAX_TEXT}字")
    return value


def _tasks(township: Township, day: datetime.date, tasks: list[TaskInput]) -> list[TaskInput]:
    found = []
    for number, t in enumerate(tasks, start=1):
        text = (t.task or "").strip()
        if not text:
            if (t.reason or "").strip() or t.owner is not None or t.due is not None:
                _refuse("unfinished", f"未完成事项第{number}项：请填写事项内容")
            continue
        if len(text) > 200 or len(t.reason or "") > 300:
            _refuse("unfinished", f"未完成事项第{number}项：内容过长")
        if t.owner is not None and (t.owner.township_id != township.pk or not t.owner.active):
            _refuse("unfinished", f"未完成事项第{number}项：责任人须为本镇在职干部")
        if t.due is not None and t.due < day:
            _refuse("unfinished", f"未完成事项第{number}项：完成时限不能早于日志日期")
        found.append(TaskInput(text, (t.reason or "").strip(), t.owner, t.due, t.origin_id))
    return found


def _save(
    *,
    member: Person,
    day: datetime.date,
    submitted_at: datetime.datetime,
    channel: str,
    received_at: datetime.datetime | None,
    entered_by: Person | None,
    summary: str,
    plan: str,
    support: str,
    tasks: list[TaskInput],
    user: Actor | None,
    request: HttpRequest | None,
    lists_tasks: bool | None = None,
) -> DailyLog:
    township = member.township
    # Only the member's own log on the web lists the tasks still open; one typed in by the office or
    # sent as a message may simply not mention them, so their duties stay open.
    lists_tasks = entered_by is None if lists_tasks is None else lists_tasks
    summary = _text(summary, "summary", "当日工作总结", required=True)
    plan = _text(plan, "plan", "次日工作计划", required=True)
    support = _text(support, "support", "需其他部门支持协调事项")
    tasks = _tasks(township, day, tasks)
    previous = DailyLog.objects.filter(township=township, member=member, day__lt=day).order_by("-day").first()
    carried = {t.pk: t for t in previous.unfinished.all()} if previous is not None else {}
    try:
        with transaction.atomic():
            log = DailyLog.objects.create(
                township=township, member=member, day=day, submitted_at=submitted_at, channel=channel,
                received_at=received_at, entered_by=entered_by, summary=summary, plan=plan, support=support,
            )  # fmt: skip
            kept: set[int] = set()
            for position, t in enumerate(tasks):
                origin = carried.get(t.origin_id) if t.origin_id is not None else None
                row = UnfinishedTask.objects.create(
                    township=township, log=log, task=t.task, reason=t.reason, owner=t.owner, due=t.due,
                    origin_id=origin.root_id if origin is not None else None, position=position,
                )  # fmt: skip
                kept.add(row.root_id)
                if row.due is not None:
                    # R18: an unfinished task stays on its owner's duties until its deadline.
                    open_obligation(
                        township=township, kind="daily-log-task", article="R18§2",
                        title=f"未完成事项：{row.task}（{member.name}{cn_date(day)}工作日清）",
                        key=task_key(row.root_id), rule=DeadlineRule("fixed", row.due),
                        assignee=row.owner or member, source=log, actor=user,
                    )  # fmt: skip
            for old in carried.values():
                # Only the member's own log reports a task done by leaving it out; an SMS the office
                # types in may simply not mention it, so its duty stays open.
                if old.root_id not in kept and lists_tasks:
                    # Not carried forward again: the member reports it done with this log.
                    complete_by_key(
                        township, task_key(old.root_id), by=user, at=submitted_at, request=request
                    )
            if on_team(member, day):
                open_day_duty(township, member, day)
            complete_by_key(township, day_key(member.pk, day), by=user, at=submitted_at, request=request)
            late = checks.is_late(checks.Entry(day, submitted_at), parameters(township, day))
            audit.record(
                user, "daily_logs.submit" if entered_by is None else "daily_logs.enter", log,
                summary=f"{member.name}{cn_date(day)}工作日清（{log.get_channel_display()}）",
                request=request, channel=channel, late=late,
            )  # fmt: skip
    except IntegrityError:
        _refuse("day", f"日期：{cn_date(day)}的工作日清已提交，每天一份")
    return log


def _check_day(day: datetime.date | None, today: datetime.date) -> datetime.date:
    if day is None:
        _refuse("day", "日期：请填写日期")
    if day > today:
        _refuse("day", "日期：不能晚于今天")
    if day < today - datetime.timedelta(days=EARLIEST_DAYS_BACK):
        _refuse("day", f"日期：只能补交{EARLIEST_DAYS_BACK}天以内的工作日清")
    return day


def submit(
    *,
    member: Person,
    day: datetime.date | None,
    summary: str,
    plan: str,
    support: str = "",
    tasks: list[TaskInput] | None = None,
    user: Actor | None = None,
    request: HttpRequest | None = None,
    at: datetime.datetime | None = None,
) -> DailyLog:
    """A team member hands in their own log (R18 第三), counted at the moment it is saved."""
    user = actor_of(user, member)
    require(user, "daily_logs.submit", member)
    require_person(user, member, "daily_logs.submit")
    now = at or timezone.now()
    day = _check_day(day, timezone.localdate(now))
    return _save(
        member=member, day=day, submitted_at=now, channel=DailyLog.Channel.WEB, received_at=None,
        entered_by=None, summary=summary, plan=plan, support=support, tasks=tasks or [], user=user,
        request=request,
    )  # fmt: skip


def enter(
    *,
    member: Person,
    by: Person,
    day: datetime.date | None,
    channel: str,
    received_at: datetime.datetime | None,
    summary: str,
    plan: str,
    support: str = "",
    tasks: list[TaskInput] | None = None,
    user: Actor | None = None,
    request: HttpRequest | None = None,
    at: datetime.datetime | None = None,
) -> DailyLog:
    """R18 第三: a member away on business or at a meeting reports by SMS or WeChat; the party office
    enters it with its channel and the time received, which counts against the deadline."""
    user = actor_of(user, by)
    require(user, "daily_logs.enter", member)
    require_person(user, by, "daily_logs.enter")
    now = at or timezone.now()
    if member.township_id != by.township_id or not member.active:
        _refuse("member", "班子成员：须为本镇在职班子成员")
    day = _check_day(day, timezone.localdate(now))
    if not on_team(member, day):
        _refuse("member", "班子成员：该干部当天不是班子成员")
    if channel not in (DailyLog.Channel.SMS, DailyLog.Channel.WECHAT):
        _refuse("channel", "汇报方式：请选择短信或微信")
    if received_at is None:
        _refuse("received_at", "收到时间：请填写收到短信或微信的时间")
    if received_at > now:
        _refuse("received_at", "收到时间：不能晚于现在")
    if timezone.localdate(received_at) < day:
        _refuse("received_at", "收到时间：不能早于日志所属当天")
    return _save(
        member=member, day=day, submitted_at=received_at, channel=channel, received_at=received_at,
        entered_by=by, summary=summary, plan=plan, support=support, tasks=tasks or [], user=user,
        request=request,
    )  # fmt: skip


# "日志 今日总结…… 计划：次日计划…… 协调：……": the markers of a daily log sent as a message.
PLAN_MARKERS = ("次日计划", "明日计划", "明天计划", "计划", "明日", "明天")
SUPPORT_MARKERS = ("需协调", "协调", "支持")
MESSAGE_FORMAT = "格式：日志 今日工作总结 计划：次日工作计划（可加“协调：需其他部门支持的事项”）"


def _split(text: str, markers: tuple[str, ...]) -> tuple[str, str]:
    for marker in markers:
        for colon in ("：", ":"):
            head, found, tail = text.partition(marker + colon)
            if found:
                return head, tail
    return text, ""


def parse_message(text: str) -> tuple[str, str, str]:
    """The summary, the plan and the support asked for, from the text after "日志"."""
    text = text.strip()
    for prefix in ("总结：", "总结:", "今日总结：", "今日总结:"):
        text = text.removeprefix(prefix)
    summary, rest = _split(text, PLAN_MARKERS)
    plan, support = _split(rest, SUPPORT_MARKERS)
    strip = " ；;，,。\n　"
    summary, plan, support = summary.strip(strip), plan.strip(strip), support.strip(strip)
    if not summary:
        _refuse("summary", f"当日工作总结：请写明今日工作总结。{MESSAGE_FORMAT}")
    if not plan:
        _refuse("plan", f"次日工作计划：请写明次日工作计划。{MESSAGE_FORMAT}")
    return summary, plan, support


def submit_by_message(
    *, member: Person, text: str, channel: str, received_at: datetime.datetime, user: Actor | None = None
) -> DailyLog:
    """R18 第三: a member away on business or at a meeting sends their log by SMS or WeChat
    ("日志 …", through the notifications kernel's webhook, which attributed it by the member's
    registered number). It is the member's own log for the day it arrived, counted at the moment
    it arrived, with its channel (the audit entry names it); DingTalk is the township's other
    messenger, its robot read like WeChat."""
    user = actor_of(user, member)
    require(user, "daily_logs.submit", member)
    require_person(user, member, "daily_logs.submit")
    if channel not in (DailyLog.Channel.SMS, DailyLog.Channel.WECHAT, DailyLog.Channel.DINGTALK):
        _refuse("channel", "汇报方式：请选择短信或微信")
    summary, plan, support = parse_message(text)
    return _save(
        member=member, day=timezone.localdate(received_at), submitted_at=received_at, channel=channel,
        received_at=received_at, entered_by=None, summary=summary, plan=plan, support=support, tasks=[],
        user=user, request=None, lists_tasks=False,
    )  # fmt: skip


def file_review(
    *,
    member: Person,
    review: str,
    problems: str = "",
    user: Actor | None = None,
    request: HttpRequest | None = None,
    at: datetime.datetime | None = None,
) -> WeeklyReview:
    """R18 第四: the member's review of the current week (Monday to Sunday), filed once."""
    user = actor_of(user, member)
    require(user, "daily_logs.review", member)
    require_person(user, member, "daily_logs.review")
    now = at or timezone.now()
    week = checks.monday_of(timezone.localdate(now))
    review = _text(review, "review", "本周工作总结", required=True)
    problems = _text(problems, "problems", "发现的问题及整改措施")
    try:
        with transaction.atomic():
            row = WeeklyReview.objects.create(
                township=member.township, member=member, week=week, review=review, problems=problems,
                filed_at=now,
            )  # fmt: skip
            audit.record(
                user, "daily_logs.review", row, summary=f"{member.name}{cn_date(week)}当周工作总结",
                request=request,
            )  # fmt: skip
    except IntegrityError:
        _refuse("review", "本周工作总结：本周已提交")
    return row
