"""The R13 and R1§13 generator, run by the one job (zhidu.obligations.jobs) every day for every
township: the year's democratic life meeting, convened by the principal (R13 三, at least once a
year), and the party office's yearly rule-compliance report (R1§13). Idempotent by key. The meeting's
own duties (measures, the written report, each measure) are opened by the services when it is held."""

from __future__ import annotations

import datetime

from zhidu.obligations.deadlines import DeadlineRule
from zhidu.obligations.services import open_obligation
from zhidu.org.models import Department, Person, TeamMembership, Township, team_on

MEETING_KIND = "democratic-life-meeting"
COMPLIANCE_KIND = "rule-compliance-report"
MEASURES_KIND = "life-meeting-measures"
REPORT_KIND = "life-meeting-report"
MEASURE_KIND = "life-meeting-measure"


def meeting_key(year: int) -> str:
    return f"life-meeting:{year}"


def compliance_key(year: int) -> str:
    return f"compliance-report:{year}"


def measures_key(meeting_pk: int) -> str:
    return f"life-meeting-measures:{meeting_pk}"


def report_key(meeting_pk: int) -> str:
    return f"life-meeting-report:{meeting_pk}"


def measure_key(measure_pk: int) -> str:
    return f"life-meeting-measure:{measure_pk}"


def principal_on(township: Township, day: datetime.date) -> Person | None:
    """The principal who convenes (the secretary first, the rule's 主要负责人)."""
    terms = [t for t in team_on(township, day) if t.is_principal]
    terms.sort(key=lambda t: (t.role != TeamMembership.Role.SECRETARY, t.starts_on))
    return terms[0].person if terms else None


def party_office(township: Township) -> Department | None:
    return Department.objects.filter(township=township, kind="party_office").order_by("pk").first()


def year_rule(year: int) -> DeadlineRule:
    """A yearly duty: due at the end of the year's last working day (rulebook, "yearly")."""
    return DeadlineRule("last_workday_by", datetime.date(year, 12, 31))


def generate(township: Township, day: datetime.date) -> int:
    created = 0
    principal = principal_on(township, day)
    if principal is not None:
        _, new = open_obligation(
            township=township,
            kind=MEETING_KIND,
            article="R13§3",
            title=f"召开{day.year}年度民主生活会",
            key=meeting_key(day.year),
            rule=year_rule(day.year),
            assignee=principal,
        )
        created += new
    office = party_office(township)
    if office is not None:
        _, new = open_obligation(
            township=township,
            kind=COMPLIANCE_KIND,
            article="R1§13",
            title=f"提交{day.year}年度执行议事规则情况报告（民主生活会检查、向党代会报告）",
            key=compliance_key(day.year),
            rule=year_rule(day.year),
            department=office,
        )
        created += new
    return created
