"""The annual self-report as a Word document (zhidu.core.docx, the official layout): the seven
points under their headings, then the annex. A draft prints marked as a draft."""

from __future__ import annotations

from django.utils import timezone

from zhidu.core.chinese import cn_date
from zhidu.core.docx import OfficialDocument
from zhidu.self_reports.checks import POINT_TITLES_CN, POINTS
from zhidu.self_reports.models import SelfReport

NUMERALS = "一二三四五六七八九十"


def report(row: SelfReport) -> bytes:
    person = row.person
    draft = row.state == SelfReport.State.DRAFT
    doc = OfficialDocument(
        masthead=f"中共{row.township.name}委员会",
        number=f"{row.year}年度述德述职述廉" + ("（草稿）" if draft else ""),
        title=f"{person.name}同志{row.year}年度述德述职述廉报告",
        township=row.township.name,
    )
    texts = row.point_texts()
    for point in POINTS:
        doc.heading(f"{NUMERALS[point.number - 1]}、{POINT_TITLES_CN[point.number]}")
        for line in (texts[point.number - 1] or "（未填写）").splitlines():
            if line.strip():
                doc.paragraph(line.strip())
    sections = [s for s in row.annex if isinstance(s, dict) and str(s.get("text", "")).strip()]
    if sections:
        doc.heading("附件：年度履职情况")
        for section in sections:
            doc.paragraph(f"{section.get('heading', '')}", indent=False)
            for line in str(section.get("text", "")).splitlines():
                if line.strip():
                    doc.paragraph(line.strip())
    when = row.submitted_at or timezone.now()
    doc.signature(f"报告人：{person.name}", cn_date(timezone.localtime(when).date()))
    # A draft is not issued: its 版记 leaves the date blank.
    issued = None if draft or row.submitted_at is None else timezone.localtime(row.submitted_at).date()
    doc.colophon(f"{row.township.name}党政办公室", issued)
    return doc.to_bytes()
