"""The department report of R7: per owner department, how many items, how many closed, how many are
past their deadline without feedback, the share of written reports made on time and the average
delay of the late ones; and the Excel ledger (督查台账) with the same figures."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Count
from django.db.models.functions import ExtractMonth
from django.utils import translation
from django.utils.dates import MONTHS_AP
from django.utils.translation import gettext as _

from zhidu.core.chinese import punctuated
from zhidu.supervision.models import FeedbackRound, SupervisionItem

if TYPE_CHECKING:
    from zhidu.org.models import Department

State = SupervisionItem.State
DATE_FORMAT = 'yyyy"年"m"月"d"日"'


@dataclass
class DepartmentRow:
    department: Department
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


# --- charts: server-rendered inline SVG, no script; each has a text alternative -----------------


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None  # None: nothing to measure (no written report yet)
    text: str  # the value as read aloud and printed beside the bar
    share: float  # 0..1 of the chart's scale
    current: bool = False


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    bars: list[Bar]

    @property
    def summary(self) -> str:
        """The whole chart as one sentence: the SVG's accessible name."""
        return f"{self.title}{punctuated('：')}" + punctuated("；").join(
            f"{b.label} {b.text}" for b in self.bars
        )


CHART_LABEL_WIDTH = 170
CHART_BAR_WIDTH = 330
CHART_ROW = 32


def _scaled(values: Sequence[float | None]) -> float:
    return max([v for v in values if v is not None] + [0]) or 1


def department_charts(rows: list[DepartmentRow]) -> list[Chart]:
    """Per owner department: the share of written reports made on time, and the average delay of
    the late ones in days."""
    if not rows:
        return []
    no_reports = _("no written reports")
    on_time = [
        Bar(
            r.department.name,
            r.on_time_rate,
            f"{round(r.on_time_rate * 100)}%" if r.on_time_rate is not None else no_reports,
            r.on_time_rate or 0,
        )
        for r in rows
    ]
    scale = _scaled([r.average_delay for r in rows])
    delay = [
        Bar(
            r.department.name,
            r.average_delay,
            # All reports on time: no delay; no report at all: nothing to measure.
            _("%(days)s days") % {"days": f"{r.average_delay or 0:.1f}"} if r.reports else no_reports,
            (r.average_delay or 0) / scale,
        )
        for r in rows
    ]
    return [
        Chart("on-time", _("On-time rate of written reports by owner department"), on_time),
        Chart("delay", _("Average delay of late reports by owner department"), delay),
    ]


def monthly_counts(township, year: int) -> list[int]:
    """Supervision items registered in each month of the year (one grouped query, on the
    township-leading index)."""
    counts = dict(
        SupervisionItem.objects.filter(township=township, year=year)
        .annotate(m=ExtractMonth("registered_on"))
        .values_list("m")
        .annotate(n=Count("id"))
        .order_by()
    )
    return [counts.get(month, 0) for month in range(1, 13)]


def monthly_chart(counts: list[int], year: int, month: int | None) -> Chart:
    scale = _scaled(counts)
    bars = [
        Bar(str(MONTHS_AP[m]), n, str(n), n / scale, current=m == month)
        for m, n in enumerate(counts, start=1)
    ]
    return Chart("monthly", _("Supervision items registered per month in %(year)s") % {"year": year}, bars)


def bar_geometry(chart: Chart) -> dict:
    """Coordinates of a horizontal bar chart in a 600-wide viewBox: label, bar, value text."""
    rows = []
    for index, bar in enumerate(chart.bars):
        y = index * CHART_ROW
        width = round(bar.share * CHART_BAR_WIDTH, 1)
        rows.append(
            {
                "bar": bar,
                "y": y + 6,
                "text_y": y + 22,
                "width": width,
                "value_x": CHART_LABEL_WIDTH + width + 8,
            }
        )
    return {"chart": chart, "rows": rows, "height": len(rows) * CHART_ROW + 8, "x": CHART_LABEL_WIDTH}


def column_geometry(chart: Chart, height: int = 160) -> list[dict]:
    """Coordinates of a 12-column chart in a 600-wide viewBox (value above, month below)."""
    columns = []
    step = 600 / len(chart.bars)
    for index, bar in enumerate(chart.bars):
        h = round(bar.share * (height - 30), 1)
        x = round(index * step + step * 0.2, 1)
        columns.append(
            {
                "bar": bar,
                "x": x,
                "center": round(index * step + step / 2, 1),
                "width": round(step * 0.6, 1),
                "y": round(height - h, 1),
                "height": h,
                "value_y": round(height - h - 6, 1),
            }
        )
    return columns


# The ledger's columns and widths (characters): what the office files and chases by, with the
# requirements and every written feedback in words (督查要求, 反馈内容), not only counts.
LEDGER_COLUMNS = [
    ("编号", 16),
    ("事项来源", 12),
    ("督查事项", 28),
    ("督查要求", 36),
    ("承办单位", 16),
    ("责任人", 10),
    ("协办单位", 18),
    ("立项日期", 14),
    ("反馈期限", 14),
    ("状态", 14),
    ("反馈次数", 8),
    ("未通过次数", 8),
    ("最近反馈日期", 14),
    ("是否按期", 8),
    ("反馈内容", 44),
    ("办结日期", 14),
]
LEDGER_HEADERS = [header for header, _ in LEDGER_COLUMNS]
SUMMARY_COLUMNS = [
    ("承办单位", 18),
    ("事项数", 10),
    ("已办结", 10),
    ("办理中", 10),
    ("逾期未反馈", 12),
    ("书面反馈", 10),
    ("按期反馈", 10),
    ("按期率", 10),
    ("平均逾期天数", 12),
]
SUMMARY_HEADERS = [header for header, _ in SUMMARY_COLUMNS]


def _feedback_text(rounds: list[FeedbackRound]) -> str:
    """Each feedback (progress reports too), dated, with the review's opinion when not accepted."""
    from django.utils import timezone

    lines = []
    for r in rounds:
        day = timezone.localtime(r.submitted_at).date()
        line = f"第{r.number}次（{day.month}月{day.day}日）：{r.text.strip()}"
        if r.decision == FeedbackRound.Decision.REJECTED:
            note = r.decision_note.strip()
            line += f"〔未通过{'：' + note if note else ''}〕"
        lines.append(line)
    return "\n".join(lines)


def ledger_workbook(items, today: datetime.date, *, township: str, period: str) -> bytes:
    """督查台账 (the items of the period) and 部门统计 (by owner department), as a clerk prints them
    (zhidu.core.xlsx: title row, header on every page, autofilter, landscape A4 one page wide)."""
    from django.utils import timezone
    from openpyxl import Workbook

    from zhidu.core.xlsx import ledger_sheet, workbook_bytes
    from zhidu.supervision.services import STATE_CN

    items = list(items)
    rows = []
    with translation.override("zh-hans"):
        for item in items:
            reports = _reports(item)
            last = reports[-1] if reports else None
            rows.append(
                [
                    item.doc_number,
                    str(item.get_source_display()),
                    item.matter,
                    item.requirements,
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
                    _feedback_text(sorted(item.rounds.all(), key=lambda r: (r.number, r.pk))),
                    timezone.localtime(item.closed_at).date() if item.closed_at else None,
                ]
            )
    book = Workbook()
    sheet = book.active
    sheet.title = "督查台账"
    ledger_sheet(
        sheet,
        title="督查台账",
        township=township,
        period=period,
        columns=LEDGER_COLUMNS,
        rows=rows,
        wrap={"督查事项", "督查要求", "协办单位", "反馈内容"},
        date_format=DATE_FORMAT,
    )
    summary = ledger_sheet(
        book.create_sheet("部门统计"),
        title="督查事项部门统计",
        township=township,
        period=period,
        columns=SUMMARY_COLUMNS,
        rows=[
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
            for row in department_rows(items, today)
        ],
    )
    for (cell,) in summary.iter_rows(min_row=3, min_col=8, max_col=8):
        cell.number_format = "0%"
    return workbook_bytes(book)
