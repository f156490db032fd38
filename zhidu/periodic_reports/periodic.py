"""R15's recurring duties, opened by the one job (zhidu.obligations.jobs): for the period containing
the day, each active member of a branch's roster owes a report to the branch (two-monthly, or
quarterly in writing when away over three months), and each branch with a roster owes the committee
its quarterly report. A member without an account's duty falls on the branch secretary, who records
it (R15§3(1) 个别向党支部书记口头汇报); a branch without a secretary's falls on the organization office."""

from __future__ import annotations

import datetime

from zhidu.obligations.deadlines import DeadlineRule
from zhidu.obligations.services import open_obligation
from zhidu.org.models import Branch, Department, Person, Township
from zhidu.periodic_reports import checks
from zhidu.periodic_reports.models import BranchMember
from zhidu.periodic_reports.services import branch_key, member_key, parameters


def generate(township: Township, day: datetime.date) -> int:
    params = parameters(township, day)
    members = list(
        BranchMember.objects.filter(township=township, active=True).select_related("branch", "person")
    )
    branches = list(Branch.objects.filter(township=township).order_by("pk"))
    if not members and not branches:
        return 0
    secretaries: dict[int, Person] = {}
    for m in members:
        if m.is_secretary and m.person is not None:
            secretaries.setdefault(m.branch_id, m.person)
    office = Department.objects.filter(township=township, kind=Department.Kind.ORGANIZATION_OFFICE).first()
    created = 0
    for m in members:
        duty, period = checks.member_duty(m.away_since, day, params)
        assignee = m.person or secretaries.get(m.branch_id)
        if assignee is None and office is None:
            continue
        how = "书面" if duty == checks.AWAY else ""
        _, was = open_obligation(
            township=township, kind="periodic-report-away" if duty == checks.AWAY else "member-report",
            article=checks.ARTICLE[duty], key=member_key(m, period),
            title=f"{m.name}向{m.branch.name}{how}汇报{period.text}学习、思想、工作情况",
            rule=DeadlineRule("last_workday_by", period.end),
            assignee=assignee, department=None if assignee else office, source=m,
        )  # fmt: skip
        created += was
    quarter = checks.period_of(day, 3)
    for branch in branches:
        assignee = secretaries.get(branch.pk)
        if assignee is None and office is None:
            continue
        _, was = open_obligation(
            township=township, kind="branch-report", article=checks.ARTICLE[checks.BRANCH],
            key=branch_key(branch, quarter), title=f"{branch.name}向镇党委汇报{quarter.text}工作",
            rule=DeadlineRule("last_workday_by", quarter.end),
            assignee=assignee, department=None if assignee else office, source=branch,
        )  # fmt: skip
        created += was
    return created
