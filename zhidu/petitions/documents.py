"""The monthly report on receptions as a Word document (zhidu.core.docx, the official layout), for
the committee meeting that hears it (R21). Counts only: no petitioner, no subject."""

from __future__ import annotations

import datetime

from zhidu.core.chinese import cn_date
from zhidu.core.docx import OfficialDocument
from zhidu.petitions.models import MonthlyReport
from zhidu.petitions.monthly import Row, Summary


def _counts(row: Row) -> str:
    return (
        f"受理{row.received}件，按期答复{row.answered_on_time}件，逾期答复{row.answered_late}件，"
        f"延期{row.extended}件，逾期未答复{row.overdue}件，办理中{row.open}件"
    )


def monthly_report(report: MonthlyReport, summary: Summary, today: datetime.date) -> bytes:
    month = f"{report.month.year}年{report.month.month}月"
    town = report.township.name
    doc = OfficialDocument(f"中共{town}委员会", "", f"{month}接待群众来访情况报告", township=town)
    doc.paragraph(
        f"{month}，全镇领导班子成员定点接访、重点约访、带案下访共{_counts(summary.total)}（截至{cn_date(today)}）。"
    )
    doc.heading("一、按承办单位")
    doc.table([(row.label, _counts(row)) for row in summary.by_department] or [("—", "本月无来访事项")])
    doc.heading("二、按接访方式")
    doc.table([(row.label, _counts(row)) for row in summary.by_mode])
    doc.paragraph(
        "能当场答复的当场答复，不能当场答复的60日内办结答复；情况复杂的延长一次，延长期限不超过30日，并告知来访人延期理由（R21）。"
    )
    doc.signature("党政办公室", cn_date(today))
    doc.colophon(f"{town}党政办公室", today)
    return doc.to_bytes()
