"""R12 党委中心组学习制度: the checks of the study plan, its sessions and the members' self-study, as
plain data. Pure: no database, no clock (the day judged at is passed in). The live panel of the
session form, the plan page and the principal's overview call the same functions.

Articles cited (the seed's numbered paragraphs): R12§1 the group (副科级以上领导干部, others invited,
组长负责制), R12§2 the contents of each period set by the committee (根据党委的统一部署予以安排),
R12§3 self-study with notes (读书笔记、心得、体会), concentrated study, seminars and lectures."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from zhidu.rules import RuleParameters, parameter
from zhidu.rules.findings import ADVICE, VIOLATION, Finding

AREA = "central_study"


@dataclass(frozen=True)
class CentralStudyParameters(RuleParameters):
    """What a township may set of R12 (namespace "central_study"). The seed gives no number: these
    are this area's reading."""

    # R12§3 "自学要有读书笔记、心得、体会": the notes each member keeps in a plan's period.
    notes_per_period: int = parameter(1, _("self-study notes per member and period (at least)"))

    def __post_init__(self) -> None:
        if self.notes_per_period < 0:
            raise ValueError("notes_per_period: 不能为负数")


@dataclass(frozen=True)
class TopicFacts:
    title: str
    sessions: int  # sessions held on it


@dataclass(frozen=True)
class PlanFacts:
    title: str
    starts_on: datetime.date
    ends_on: datetime.date
    topics: tuple[TopicFacts, ...]


def check_plan(plan: PlanFacts, today: datetime.date) -> list[Finding]:
    """R12§2: each topic the committee set for the period is studied in a session of the group by the
    period's end; a topic without one after the end is a violation, one still open an advice."""
    found = []
    if not plan.topics:
        found.append(Finding("study-plan-empty", ADVICE, "R12§2", "学习计划尚未列出学习专题"))
    for topic in plan.topics:
        if topic.sessions:
            continue
        if today > plan.ends_on:
            found.append(
                Finding(
                    "topic-without-session", VIOLATION, "R12§2", f"专题“{topic.title}”到期末仍未组织集中学习"
                )
            )
        elif (plan.ends_on - today).days <= 30:
            found.append(
                Finding("topic-due-soon", ADVICE, "R12§2", f"专题“{topic.title}”尚未安排学习，计划期即将结束")
            )
    return found


@dataclass(frozen=True)
class AttendanceFacts:
    name: str
    status: str  # "present", "leave", "absent"
    leave_reason: str = ""


@dataclass(frozen=True)
class SessionFacts:
    held_on: datetime.date | None
    plan_starts_on: datetime.date | None
    plan_ends_on: datetime.date | None
    topic_chosen: bool
    attendance: tuple[AttendanceFacts, ...]


def check_session(session: SessionFacts) -> list[Finding]:
    """A session of the group (R12§3 集中学习、座谈讨论、专题讲座): its members attend or ask leave with
    a reason; a member absent without leave is a violation of the group's discipline (R12§1
    组长负责制: the leader answers for the group's attendance)."""
    found = []
    if (
        session.held_on is not None
        and session.plan_starts_on is not None
        and session.plan_ends_on is not None
    ):
        if not session.plan_starts_on <= session.held_on <= session.plan_ends_on:
            found.append(Finding("session-outside-period", ADVICE, "R12§2", "学习日期不在该学习计划的期间内"))
    if not session.topic_chosen:
        found.append(Finding("session-without-topic", ADVICE, "R12§2", "本次学习未对应学习计划中的专题"))
    for a in session.attendance:
        if a.status == "absent":
            found.append(Finding("absent-without-leave", VIOLATION, "R12§1", f"{a.name}未请假缺席中心组学习"))
        elif a.status == "leave" and not a.leave_reason.strip():
            found.append(Finding("leave-without-reason", ADVICE, "R12§1", f"{a.name}请假未注明事由"))
    return found


def check_member_notes(name: str, notes: int, ends_on: datetime.date, today: datetime.date,
                       rules: CentralStudyParameters) -> list[Finding]:  # fmt: skip
    """R12§3 "自学要有读书笔记、心得、体会": by the period's end each member has kept their notes."""
    if notes >= rules.notes_per_period or today <= ends_on:
        return []
    return [Finding("no-study-notes", VIOLATION, "R12§3", f"{name}本期未记读书笔记或心得体会")]
