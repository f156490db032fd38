"""The Friday briefing's record as a Word document in the official layout (zhidu.core.docx), kept
and printed like a meeting's minutes (R14§3)."""

from __future__ import annotations

from zhidu.coordination.models import Briefing
from zhidu.core.chinese import cn_date
from zhidu.core.docx import OfficialDocument


def briefing_docx(briefing: Briefing) -> bytes:
    entries = list(briefing.entries.select_related("person"))
    town = briefing.township.name
    doc = OfficialDocument(f"{town}党委", cn_date(briefing.held_on), "党政领导碰头会记录", township=town)
    present = "、".join(e.person.name for e in entries if e.present)
    away = "；".join(
        f"{e.person.name}（{e.absence_reason or '未注明原因'}）" for e in entries if not e.present
    )
    rows = [("时间", cn_date(briefing.held_on)), ("地点", briefing.place or "—"), ("到会", present or "—")]
    rows += [("未到会", away)] if away else []
    rows += [("记录人", briefing.recorder.name if briefing.recorder else "—")]
    doc.table(rows)
    for entry in entries:
        if not entry.present and not (entry.this_week or entry.next_week or entry.whole_team):
            continue
        doc.heading(entry.person.name)
        for label, text in (
            ("本周重点工作", entry.this_week),
            ("下周工作安排", entry.next_week),
            ("涉及全体班子成员的事项", entry.whole_team),
        ):
            doc.paragraph(f"{label}：{text.strip() or '无'}")
    if briefing.notes.strip():
        doc.heading("其他事项")
        doc.paragraph(briefing.notes.strip())
    doc.colophon(f"{town}党政办公室", briefing.held_on)
    return doc.to_bytes()
