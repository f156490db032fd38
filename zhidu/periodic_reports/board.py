"""What the R15 pages show: each expected report of a period with its status, judged by the same
pure checks (checks.status, checks.period_findings). Queries bounded by the township's branches and
members, one per table."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from zhidu.org.models import Branch, Township
from zhidu.periodic_reports import checks
from zhidu.periodic_reports.models import BranchMember, BranchReport, MemberReport
from zhidu.periodic_reports.services import due_of, parameters


@dataclass(frozen=True)
class Row:
    name: str
    duty: str
    period: checks.Period
    due: datetime.date
    status: str
    report: object | None  # MemberReport | BranchReport
    subject: object  # BranchMember | Branch


def member_rows(township: Township, members: list[BranchMember], today: datetime.date) -> list[Row]:
    """Each member's report of the period containing today."""
    params = parameters(township, today)
    duties = {m.pk: checks.member_duty(m.away_since, today, params) for m in members}
    labels = {period.label for _duty, period in duties.values()}
    reports = {
        (r.member_id, r.period): r
        for r in MemberReport.objects.filter(township=township, member__in=members, period__in=labels)
    }
    rows = []
    dues: dict[str, datetime.date] = {}  # one calendar look-up per period, not per member
    for m in members:
        duty, period = duties[m.pk]
        due = dues[period.label] if period.label in dues else dues.setdefault(period.label, due_of(period))
        report = reports.get((m.pk, period.label))
        state = checks.status(report.reported_on if report else None, due, today)
        rows.append(Row(m.name, duty, period, due, state, report, m))
    return rows


def branch_rows(township: Township, quarter: checks.Period, today: datetime.date) -> list[Row]:
    """Each branch's report to the committee for `quarter` (R15§8)."""
    reports = {r.branch_id: r for r in BranchReport.objects.filter(township=township, quarter=quarter.label)}
    due = due_of(quarter)
    rows = []
    for branch in Branch.objects.filter(township=township).order_by("name"):
        report = reports.get(branch.pk)
        state = checks.status(report.reported_on if report else None, due, today)
        rows.append(Row(branch.name, checks.BRANCH, quarter, due, state, report, branch))
    return rows


def findings(rows: list[Row], today: datetime.date):
    expected = [
        checks.Expected(r.name, r.duty, r.period, r.due, r.report.reported_on if r.report else None)  # type: ignore[attr-defined]
        for r in rows
    ]
    return checks.period_findings(expected, today)
