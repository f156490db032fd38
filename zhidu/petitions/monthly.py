"""R21: the committee hears a monthly report on receptions. The daily job opens, for each month,
the party office's duty to report the month before (due the last working day of the month), and
the report is generated from the cases: received, answered on time, extended, overdue, by handling
department and by kind of reception. The aging dashboard groups the open cases by days left."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext

from zhidu.obligations.deadlines import DeadlineRule
from zhidu.obligations.services import open_obligation
from zhidu.org.models import Department, Township
from zhidu.petitions.models import Case, Mode, MonthlyReport


def previous_month(day: datetime.date) -> datetime.date:
    first = day.replace(day=1)
    return (first - datetime.timedelta(days=1)).replace(day=1)


def month_end(month: datetime.date) -> datetime.date:
    following = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return following - datetime.timedelta(days=1)


def generate(township: Township, day: datetime.date) -> int:
    """Open this month's duty to report last month's receptions (idempotent by key)."""
    office = Department.objects.filter(township=township, kind=Department.Kind.PARTY_OFFICE).first()
    if office is None:
        return 0
    month = previous_month(day)
    report, _ = MonthlyReport.objects.get_or_create(township=township, month=month)
    if report.heard_on is not None:
        return 0
    _, created = open_obligation(
        township=township,
        kind="petition-monthly-report",
        article="R21",
        title=f"向党委报告{month.year}年{month.month}月接待群众来访情况",
        key=f"petition-monthly-report:{month:%Y-%m}",
        rule=DeadlineRule("last_workday_by", month_end(day)),
        department=office,
        source=report,
    )
    return int(created)


@dataclass
class Row:
    label: str
    received: int = 0
    answered_on_time: int = 0
    answered_late: int = 0
    extended: int = 0
    overdue: int = 0
    open: int = 0


@dataclass
class Summary:
    month: datetime.date
    total: Row
    by_department: list[Row] = field(default_factory=list)
    by_mode: list[Row] = field(default_factory=list)


def _count(row: Row, case: Case, as_of: datetime.date) -> None:
    row.received += 1
    row.extended += case.extended
    if case.answered_on is not None and case.answered_on <= as_of:
        if case.answered_on <= case.due_on:
            row.answered_on_time += 1
        else:
            row.answered_late += 1
    elif case.due_on < as_of:
        row.overdue += 1
    else:
        row.open += 1


def summary(township: Township, month: datetime.date, as_of: datetime.date) -> Summary:
    """The cases received in `month`, as they stand on `as_of` (one query)."""
    end = month_end(month)
    cases = Case.objects.filter(township=township, received_on__range=(month, end)).select_related(
        "department"
    )
    # The labels in the language active now: the reader's on a page, Chinese for the Word document
    # (documents.monthly_report is given a summary made in Chinese).
    total = Row(gettext("Total"))
    departments: dict[str, Row] = {}
    modes = {value: Row(str(label)) for value, label in Mode.choices}
    unassigned = gettext("Not assigned")
    for case in cases:
        name = case.department.name if case.department else unassigned
        for row in (total, departments.setdefault(name, Row(name)), modes[case.mode]):
            _count(row, case, as_of)
    return Summary(month, total, sorted(departments.values(), key=lambda r: r.label), list(modes.values()))


BANDS = (("overdue", None, -1), ("week", 0, 7), ("month", 8, 30), ("later", 31, None))


def aging(township: Township, today: datetime.date) -> dict:
    """The open cases by days left to their due day (overdue, within a week, a month, later), and
    by department, oldest first."""
    open_cases = list(
        Case.objects.filter(township=township)
        .exclude(state=Case.State.ANSWERED)
        .select_related("department", "leader")
        .order_by("due_on", "id")
    )
    bands: dict[str, list[Case]] = defaultdict(list)
    per_department: Counter[str] = Counter()
    for case in open_cases:
        left = (case.due_on - today).days
        for name, low, high in BANDS:
            if (low is None or left >= low) and (high is None or left <= high):
                bands[name].append(case)
                break
        per_department[case.department.name if case.department else gettext("Not assigned")] += 1
    return {
        "bands": {name: bands.get(name, []) for name, *_ in BANDS},
        "departments": per_department.most_common(),
    }
