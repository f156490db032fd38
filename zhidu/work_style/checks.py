"""改进工作作风 (R17): the checks of paired support and zero reception, pure (no database, no clock).

Articles (the seed's numbering, 三、活动内容): R17§3(1) 结对帮扶 — each team member keeps at least one
village and one poor household, in touch at least monthly by visit, phone or SMS; R17§3(3) 零接待 — no
meals in villages unless reported and decided by the committee, discipline inspection checks quarterly;
R17§4(6) 强化监督落实 — findings rectified by a deadline (限期整改)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.dates import MONTHS
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from zhidu.rules import ADVICE, VIOLATION, Finding, RuleParameters, parameter

AREA = "work_style"
PAIRING, RECEPTION, RECTIFY = "R17§3(1)", "R17§3(3)", "R17§4(6)"


@dataclass(frozen=True)
class WorkStyleParameters(RuleParameters):
    """What a township may set of R17 (namespace "work_style"); the defaults are the seed's."""

    villages: int = parameter(1, _("villages each team member keeps at least"))
    households: int = parameter(1, _("poor households each team member keeps at least"))

    def __post_init__(self) -> None:
        if self.villages < 1 or self.households < 1:
            raise ValueError("至少联系 1 个村、1 户贫困户")


def _cn(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def month_label(day: datetime.date) -> str:
    return f"{day.year}-M{day.month:02d}"


def month_end(day: datetime.date) -> datetime.date:
    nxt = datetime.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return nxt - datetime.timedelta(days=1)


def quarter_label(day: datetime.date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


@dataclass(frozen=True)
class MemberPairs:
    name: str
    villages: int
    households: int


def pairing_findings(member: MemberPairs, params: WorkStyleParameters) -> list[Finding]:
    """R17§3(1) "镇党政班子成员至少每人联系1个村和1户贫困户"."""
    found = []
    if member.villages < params.villages:
        message = gettext("%(member)s has no contact village") % {"member": member.name}
        found.append(Finding("pair-village-missing", VIOLATION, PAIRING, message))
    if member.households < params.households:
        message = gettext("%(member)s has no poor household to support") % {"member": member.name}
        found.append(Finding("pair-household-missing", VIOLATION, PAIRING, message))
    return found


@dataclass(frozen=True)
class ContactDraft:
    contacted_on: datetime.date | None
    channel: str
    done: str
    today: datetime.date
    pair_starts_on: datetime.date
    month_due: datetime.date | None  # the month's duty due day (its last working day)


def contact_findings(d: ContactDraft) -> list[Finding]:
    """A contact as typed: it happened (not in the future, not before the pair), by one of the three
    ways the seed names, saying what was done; a contact logged after its month's due day is late."""
    found = []
    if d.channel not in ("visit", "phone", "sms"):
        found.append(Finding("contact-channel", VIOLATION, PAIRING, "联系方式须为走访、电话或短信"))
    if not d.done.strip():
        found.append(Finding("contact-empty", VIOLATION, PAIRING, "请写明本次联系做了什么、解决了什么困难"))
    if d.contacted_on is not None:
        if d.contacted_on > d.today:
            found.append(Finding("contact-future", VIOLATION, PAIRING, "联系日期晚于今天"))
        elif d.contacted_on < d.pair_starts_on:
            found.append(Finding("contact-before-pair", VIOLATION, PAIRING, "联系日期早于结对开始日期"))
        elif d.month_due is not None and d.today > d.month_due:
            found.append(Finding("contact-logged-late", ADVICE, PAIRING,
                                 f"{d.contacted_on.month}月的联系应于{_cn(d.month_due)}前登记"))  # fmt: skip
    return found


def month_findings(
    name: str, pair: str, contacted: bool, due: datetime.date, today: datetime.date
) -> list[Finding]:
    """R17§3(1) "每月…至少与帮扶对象联系一次": a month past its due day without a contact."""
    if contacted or today <= due:
        return []
    # 杨栋11月未与东沟村联系, or "杨栋 had no contact with 东沟村 in November".
    chinese = (get_language() or "zh-hans").startswith("zh")
    message = gettext("%(member)s had no contact with %(pair)s in %(month)s") % {
        "member": name, "pair": pair, "month": f"{due.month}月" if chinese else MONTHS[due.month]
    }  # fmt: skip
    return [Finding("contact-missing", VIOLATION, PAIRING, message)]


@dataclass(frozen=True)
class ReceptionDraft:
    meal_on: datetime.date | None
    guests: str
    reason: str
    today: datetime.date


def reception_findings(d: ReceptionDraft) -> list[Finding]:
    """R17§3(3) "特殊情况下确需在村就餐的，由村委会及时上报镇党委，由党委审议决定": before the meal."""
    found = []
    if not d.reason.strip():
        found.append(Finding("reception-no-reason", VIOLATION, RECEPTION, "请写明确需在村就餐的特殊情况"))
    if not d.guests.strip():
        found.append(Finding("reception-no-guests", VIOLATION, RECEPTION, "请写明就餐人员"))
    if d.meal_on is not None and d.meal_on < d.today:
        found.append(Finding("reception-after-meal", VIOLATION, RECEPTION,
                             f"就餐日期{_cn(d.meal_on)}已过：须事前上报镇党委审议"))  # fmt: skip
    return found


@dataclass(frozen=True)
class InspectionDraft:
    inspected_on: datetime.date | None
    findings: str
    rectify_by: datetime.date | None
    has_responsible: bool
    today: datetime.date


def inspection_findings(d: InspectionDraft) -> list[Finding]:
    """R17§3(3) quarterly checks; R17§4(6) "对监督检查中发现的问题，敦促限期整改": a finding needs a deadline."""
    found = []
    if d.inspected_on is not None and d.inspected_on > d.today:
        found.append(Finding("inspection-future", VIOLATION, RECEPTION, "检查日期晚于今天"))
    if d.findings.strip():
        if d.rectify_by is None:
            found.append(Finding("rectify-no-deadline", VIOLATION, RECTIFY, "发现问题的，须确定整改期限"))
        elif d.inspected_on is not None and d.rectify_by <= d.inspected_on:
            found.append(Finding("rectify-deadline-past", VIOLATION, RECTIFY, "整改期限须晚于检查日期"))
        if not d.has_responsible:
            found.append(Finding("rectify-no-owner", ADVICE, RECTIFY, "未指定整改责任人：由党政办跟踪整改"))
    return found
