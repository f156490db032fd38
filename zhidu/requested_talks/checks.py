"""R19 领导干部接受约谈制度 as pure functions: who receives a cadre's talk (二, "按照干部管理权限"),
the talk days (三, "约谈一般每月安排1-2天，遇到重大问题或工作需要可随时约谈"), and the parameters a
township may set. No Django models, no database: plain data in, `Finding`s out."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from zhidu.rules.findings import ADVICE, VIOLATION, Finding
from zhidu.rules.parameters import RuleParameters, parameter

AREA = "requested_talks"
# The roles part 二 names for an ordinary cadre's talk: 党委副书记、组织委员 (beside the leader in charge).
CADRE_TALKERS = {"deputy_secretary", "organization_member"}


@dataclass(frozen=True)
class RequestedTalkParameters(RuleParameters):
    """What a township may set of R19 (namespace "requested_talks"). The rule gives no deadline for
    a card: Zhidu's defaults are 3 working days for the leader's review and 15 days for the unit's
    answer (counted from the day it is handed over, moved past holidays)."""

    talk_days_per_month: int = parameter(2, _("talk days a leader publishes a month (at most)"))
    card_review_workdays: int = parameter(3, _("working days to review a follow-up card"))
    card_answer_days: int = parameter(15, _("days for the unit to answer a follow-up card"))

    def __post_init__(self) -> None:
        if self.talk_days_per_month < 1:
            raise ValueError("talk_days_per_month: 至少为 1 天")
        if self.card_review_workdays < 1 or self.card_answer_days < 1:
            raise ValueError("card_answer_days: 至少为 1 天")


@dataclass(frozen=True)
class Standing:
    """What the organization says of one person on the day (zhidu.org: terms, Person.leader)."""

    person_id: int
    member: bool  # on the team that day
    principal: bool
    roles: frozenset[str] = frozenset()


@dataclass(frozen=True)
class BookingDraft:
    cadre: Standing
    talker: Standing | None
    cadre_leader_id: int | None  # Person.leader: the leader in charge
    designated: bool
    day: datetime.date | None
    urgent: bool
    talk_days: tuple[datetime.date, ...]  # the talker's published days
    today: datetime.date


def hierarchy_findings(d: BookingDraft) -> list[Finding]:
    """二: 班子成员一般由党委主要领导接受约谈，一般机关干部一般由党委副书记、组织委员或分管领导接受约谈。
    必要时也可由党委主要领导接受约谈。干部指定谈话人的，条件允许时由被指定人接受约谈."""
    t = d.talker
    if t is None:
        return [Finding("no-talker", VIOLATION, "R19§2", "接谈领导：请选择接受约谈的领导")]
    if t.person_id == d.cadre.person_id:
        return [Finding("self-talk", VIOLATION, "R19§2", "接谈领导：不能约谈本人")]
    if d.cadre.principal:
        return [
            Finding(
                "principal-books", VIOLATION, "R19§2", "约谈人：党委主要领导的约谈由上级安排，不在本镇预约"
            )
        ]
    if not t.member:
        return [Finding("talker-not-leader", VIOLATION, "R19§2", "接谈领导：须为党委班子成员")]
    if d.designated:
        # The cadre designated the talker: they receive it when they can, else explain (二).
        return [
            Finding(
                "designated-talker", ADVICE, "R19§2",
                "接谈领导：您指定的谈话人条件允许时接受约谈，条件不具备时将向您作出说明",
            )
        ]  # fmt: skip
    if d.cadre.member:
        if not t.principal:
            return [
                Finding("wrong-talker", VIOLATION, "R19§2", "接谈领导：班子成员一般由党委主要领导接受约谈（如另有指定请勾选“指定谈话人”）")
            ]  # fmt: skip
        return []
    if t.principal or t.roles & CADRE_TALKERS or t.person_id == d.cadre_leader_id:
        return []
    return [
        Finding(
            "wrong-talker", VIOLATION, "R19§2",
            "接谈领导：一般机关干部由党委副书记、组织委员或分管领导接受约谈（如另有指定请勾选“指定谈话人”）",
        )
    ]  # fmt: skip


def day_findings(d: BookingDraft) -> list[Finding]:
    """三: talks on the leader's published talk days; urgent ones on any day."""
    if d.day is None:
        return [Finding("no-day", VIOLATION, "R19§3", "约谈日期：请选择日期")]
    if d.day < d.today:
        return [Finding("day-past", VIOLATION, "R19§3", "约谈日期：不能早于今天")]
    if d.urgent or d.day in d.talk_days:
        return []
    days = "、".join(f"{x.month}月{x.day}日" for x in sorted(d.talk_days) if x >= d.today)
    hint = f"该领导已公布的约谈日：{days}" if days else "该领导尚未公布约谈日"
    return [
        Finding(
            "not-talk-day", VIOLATION, "R19§3",
            f"约谈日期：不是该领导的约谈日（{hint}）；遇重大问题或工作需要请勾选“急事随时约谈”",
        )
    ]  # fmt: skip


def check_booking(d: BookingDraft) -> list[Finding]:
    return hierarchy_findings(d) + day_findings(d)


def check_talk_day(
    day: datetime.date, published: tuple[datetime.date, ...], today: datetime.date, most: int
) -> list[Finding]:
    """三 "约谈一般每月安排1-2天": a leader publishes at most `most` days in a month."""
    if day < today:
        return [Finding("day-past", VIOLATION, "R19§3", "约谈日：不能早于今天")]
    if day in published:
        return [Finding("day-twice", VIOLATION, "R19§3", "约谈日：该日已公布")]
    same_month = [x for x in published if (x.year, x.month) == (day.year, day.month)]
    if len(same_month) >= most:
        return [
            Finding(
                "too-many-days",
                VIOLATION,
                "R19§3",
                f"约谈日：每月一般安排1-{most}天，本月已公布{len(same_month)}天",
            )
        ]
    return []
