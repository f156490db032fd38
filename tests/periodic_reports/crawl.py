"""R15 rows for the access crawl (tests/core/test_access_crawl.py): in each township a branch whose
secretary is the first owner and whose member is the second, a member's report and the branch's
quarterly report, each content carrying a marker. A member's report is read by the member, the branch
secretary and the organization office; a branch's by the committee's readers and its secretary."""

from __future__ import annotations

from django.utils import timezone

from tests.core import crawl_support
from tests.core.crawl_support import Secret, rows
from zhidu.org.models import Branch
from zhidu.periodic_reports import checks
from zhidu.periodic_reports.models import BranchMember, BranchReport, MemberReport


def marker(tag: str, kind: str, n: int = 1) -> str:
    # crawl_support imports this module before it defines `marker`: look it up when called.
    return crawl_support.marker(tag, kind, n)


SOURCES = {
    "periodic-reports/members/<pk>": rows("pr_member"),
    "periodic-reports/reports/<pk>": rows("pr_report"),
    "periodic-reports/branches/<pk>": rows("pr_branch"),
    "periodic-reports/branch-reports/<pk>": rows("pr_branch_report"),
}


def populate(t, *, team, clerk, discipline, owners, reporters) -> None:
    town, today = t.township, timezone.localdate()
    branch = Branch.objects.create(township=town, name=f"抽查党支部{t.tag}")
    secretary = BranchMember.objects.create(township=town, branch=branch, name="支书", person=owners[0][0],
                                            is_secretary=True)  # fmt: skip
    member = BranchMember.objects.create(township=town, branch=branch, name="党员", person=owners[1][0])
    t.rows.update(pr_branch=branch, pr_secretary=secretary, pr_member=member)
    t.rows["pr_report"] = MemberReport.objects.create(
        township=town, member=member, period=checks.period_of(today, 2).label, channel="written",
        reported_on=today, content=f"思想汇报{marker(t.tag, 'PRM')}", recorded_by=owners[1][0],
    )  # fmt: skip
    t.rows["pr_branch_report"] = BranchReport.objects.create(
        township=town, branch=branch, quarter=checks.period_of(today, 3).label, channel="written",
        reported_on=today, reporter_name="支书", content=f"季度汇报{marker(t.tag, 'PRB')}", recorded_by=owners[0][0],
    )  # fmt: skip


def _secretary(p, branch_id) -> bool:
    return (
        p.person is not None
        and BranchMember.objects.filter(
            branch_id=branch_id, person=p.person, is_secretary=True, active=True
        ).exists()
    )


def _may(p, name):
    from tests.core.test_access_crawl import may

    return may(p, name)


def _records(p, member) -> bool:
    """zhidu.periodic_reports.services.may_record_for."""
    own = p.person is not None and member.person_id == p.person.pk
    return own or _secretary(p, member.branch_id) or _may(p, "periodic_reports.roster")


def _reports_for(p, branch) -> bool:
    return _secretary(p, branch.pk) or _may(p, "periodic_reports.roster")


def _owner(p, row, name):
    if name in ("periodic_reports:record", "periodic_reports:check"):
        return None if _records(p, row) else 403
    if name == "periodic_reports:report":
        return None if _records(p, row.member) else 403
    if name == "periodic_reports:branch-report":
        return None if _reports_for(p, row) else 403
    if name == "periodic_reports:branch-detail":
        return None if _may(p, "periodic_reports.committee") or _secretary(p, row.branch_id) else 403
    return None


OWNERSHIP = {"periodic_reports": _owner}


def secrets(world, may) -> list[Secret]:
    found = []
    for t in world.values():
        pk, report, branch_report = t.township.pk, t.rows["pr_report"], t.rows["pr_branch_report"]
        found.append(Secret(marker(t.tag, "PRM"), pk, lambda p, u, r=report: _records(p, r.member)))
        found.append(Secret(marker(t.tag, "PRB"), pk, lambda p, u, r=branch_report: (
            may(p, "periodic_reports.committee") or _secretary(p, r.branch_id))))  # fmt: skip
    return found
