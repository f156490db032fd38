"""The department report of R7: per owner department, how many items, how many closed, how many are
past their deadline without feedback, the share of written reports made on time and the average
delay of the late ones; and the Excel ledger (督查台账) with the same figures."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from io import BytesIO

from django.utils import translation

from zhidu.supervision.models import FeedbackRound, SupervisionItem

State = SupervisionItem.State
DATE_FORMAT = 'yyyy"年"m"月"d"日"'


@dataclass
class DepartmentRow:
    department: object
    items: int = 0
    closed: int = 0
    overdue: int = 0
    reports: int = 0
    on_time: int = 0
    delays: list[int] = field(default_factory=list)

    @property
    def open(self) -> int:
        return self.items - self.closed

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.reports if self.reports else None

    @property
    def average_delay(self) -> float | None:
        return sum(self.delays) / len(self.delays) if self.delays else None


def period_items(township, year: int, month: int | None = None):
    items = SupervisionItem.objects.filter(township=township, year=year)
    if month:
        items = items.filter(registered_on__month=month)
    return (
        items.select_related("owner_department", "owner_person")
        .prefetch_related("other_departments", "rounds")
        .order_by("number")
    )


def _reports(item: SupervisionItem) -> list[FeedbackRound]:
    """Written reports that answered a deadline (progress reports do not end the duty)."""
    return [r for r in item.rounds.all() if r.completed]


def delay_days(r: FeedbackRound) -> int:
    from django.utils import timezone

    return max(0, (timezone.localtime(r.submitted_at).date() - r.deadline).days)


def department_rows(items, today: datetime.date) -> list[DepartmentRow]:
    rows: dict[int, DepartmentRow] = {}
    for item in items:
        row = rows.setdefault(item.owner_department_id, DepartmentRow(item.owner_department))
        row.items += 1
        row.closed += item.state == State.CLOSED
        row.overdue += item.state == State.ASSIGNED and item.deadline < today
        for r in _reports(item):
            row.reports += 1
            late = delay_days(r)
            row.on_time += late == 0
            if late:
                row.delays.append(late)
    return sorted(rows.values(), key=lambda r: r.department.name)


LEDGER_HEADERS = [
    "编号",
    "事项来源",
    "督查事项",
    "承办单位",
    "责任人",
    "协办单位",
    "立项日期",
    "反馈期限",
    "状态",
    "反馈次数",
    "未通过次数",
    "最近反馈日期",
    "是否按期",
    "办结日期",
]
SUMMARY_HEADERS = [
    "承办单位",
    "事项数",
    "已办结",
    "办理中",
    "逾期未反馈",
    "书面反馈",
    "按期反馈",
    "按期率",
    "平均逾期天数",
]


def ledger_workbook(items, today: datetime.date) -> bytes:
    from django.utils import timezone
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from zhidu.supervision.services import STATE_CN

    items = list(items)
    book = Workbook()
    sheet = book.active
    sheet.title = "督查台账"
    sheet.append(LEDGER_HEADERS)
    with translation.override("zh-hans"):
        for item in items:
            reports = _reports(item)
            last = reports[-1] if reports else None
            sheet.append(
                [
                    item.doc_number,
                    str(item.get_source_display()),
                    item.matter,
                    item.owner_department.name,
                    item.owner_person.name,
                    "、".join(d.name for d in item.other_departments.all()),
                    item.registered_on,
                    item.deadline,
                    STATE_CN[item.state],
                    len(reports),
                    sum(r.decision == FeedbackRound.Decision.REJECTED for r in reports),
                    timezone.localtime(last.submitted_at).date() if last else None,
                    ("是" if delay_days(last) == 0 else "否") if last else "",
                    timezone.localtime(item.closed_at).date() if item.closed_at else None,
                ]
            )
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, datetime.date):
                cell.number_format = DATE_FORMAT
    summary = book.create_sheet("部门统计")
    summary.append(SUMMARY_HEADERS)
    for row in department_rows(items, today):
        summary.append(
            [
                row.department.name,
                row.items,
                row.closed,
                row.open,
                row.overdue,
                row.reports,
                row.on_time,
                row.on_time_rate,
                round(row.average_delay, 1) if row.average_delay is not None else None,
            ]
        )
        summary.cell(summary.max_row, 8).number_format = "0%"
    for ws, widths in (
        (sheet, [16, 14, 36, 16, 10, 20, 16, 16, 16, 10, 10, 16, 10, 16]),
        (summary, [16] + [12] * 8),
    ):
        for index, width in enumerate(widths, start=1):
            ws.column_dimensions[ws.cell(1, index).column_letter].width = width
        for cell in ws[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal="center")
        ws.freeze_panes = "A2"
    out = BytesIO()
    book.save(out)
    return out.getvalue()
