"""The meeting's notice (会议通知, R1§7(2): delivered in writing, with the items and their materials)
as a printed paper: one text (`notice_text`) for the printable page and the Word document in the
official layout (zhidu.core.docx, GB/T 9704-2012), whose PDF LibreOffice makes (zhidu.core.pdf).

The notice leaves the meeting page (printed, handed out, sent on): a confidential personnel item
is named only as 保密的干部人事议题, its owner and materials left out (R1§9, the same words as the
notice's messages, zhidu.meetings.notify). A notice re-sent after the meeting changed says so in
its title and says what changed first. Before the notice is sent, the date stays blank for the
hand: the paper does not claim a day it was not issued."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from zhidu.core.chinese import cn_date
from zhidu.core.docx import OfficialDocument
from zhidu.meetings.models import AgendaEntry, Meeting
from zhidu.meetings.record import BODIES

CONFIDENTIAL = "保密的干部人事议题"
WEEKDAYS = "一二三四五六日"
NUMBERS = "一二三四五六七八九十"
ITEMS_HEADING = "会议议题"


@dataclass
class NoticeItem:
    title: str
    owner: str = ""
    materials: list[str] = field(default_factory=list)


@dataclass
class NoticeText:
    masthead: str
    title: str
    addressees: str
    opening: str
    changes: list[str]
    sections: list[tuple[str, list[str]]]  # heading, paragraphs
    items: list[NoticeItem]
    signer: str
    issued_on: datetime.date | None
    issuer: str
    revision: int

    @property
    def date_text(self) -> str:
        return cn_date(self.issued_on) if self.issued_on else "　　年　月　日"


def _entries(meeting: Meeting) -> list[AgendaEntry]:
    return list(
        meeting.entries.filter(withdrawn_at=None)
        .select_related("item__owner")
        .prefetch_related("item__materials")
        .order_by("position", "pk")
    )


def notice_text(meeting: Meeting) -> NoticeText:
    township = meeting.township.name
    held = timezone.localtime(meeting.held_at)
    body = BODIES[meeting.body]
    last = meeting.notice_sends.order_by("-revision").first()
    revision = last.revision if last is not None else 0
    sent = timezone.localtime(last.sent_at).date() if last is not None else None
    items = [
        NoticeItem(CONFIDENTIAL)
        if e.item.confidential
        else NoticeItem(
            e.item.title,
            e.item.owner.name if e.item.owner_id else "",
            [m.name for m in sorted(e.item.materials.all(), key=lambda m: m.pk)],
        )
        for e in _entries(meeting)
    ]
    names = "、".join(a.person.name for a in meeting.attendance.select_related("person").order_by("pk"))
    when = f"{cn_date(held.date())}（星期{WEEKDAYS[held.weekday()]}）{held:%H:%M}"
    place = meeting.place or "镇机关会议室"
    changes = [c for c in (last.summary.split("；") if last is not None and revision > 1 else []) if c]
    opening = (
        f"原定召开的{body}有变更，现重新通知如下（以本通知为准）："
        if changes
        else f"经研究，定于{when}在{place}召开{body}。现将有关事项通知如下："
    )
    materials = [
        f"{n}. 《{name}》（议题{NUMBERS[i] if i < 10 else i + 1}）"
        for n, (i, name) in enumerate(
            ((i, name) for i, item in enumerate(items) for name in item.materials), start=1
        )
    ]
    sections = [
        ("会议时间", [when]),
        ("会议地点", [place]),
        ("主持人", [meeting.chair.name]),
        ("参会人员", [names or "（无）"]),
        (ITEMS_HEADING, []),  # the items, listed under this heading
        ("会议材料", materials or ["本次会议无书面材料。"]),
        (
            "有关要求",
            [
                "请参会人员提前阅研会议材料，准时参会。",
                "因故不能参会的，请于会前向会议主持人请假并说明理由；对议题有利害关系需要回避的，请于会前提出。",
                "收到本通知后，请在智督系统中确认收到。",
            ],
        ),
    ]
    return NoticeText(
        masthead=f"中共{township}委员会",
        title=f"关于召开{meeting.title}的通知" + ("（变更）" if revision > 1 else ""),
        addressees=f"{names}同志：" if names else "各位参会人员：",
        opening=opening,
        changes=changes,
        sections=sections,
        items=items,
        signer=f"中共{township}委员会办公室",
        issued_on=sent,
        issuer=f"{township}党政办公室",
        revision=revision,
    )


def item_line(n: int, item: NoticeItem) -> str:
    owner = f"（汇报人：{item.owner}）" if item.owner else ""
    return f"（{NUMBERS[n - 1] if n <= 10 else n}）{item.title}{owner}"


def notice_docx(meeting: Meeting) -> bytes:
    text = notice_text(meeting)
    doc = OfficialDocument(text.masthead, "", text.title, township=meeting.township.name)
    doc.paragraph(text.addressees, indent=False)
    doc.paragraph(text.opening)
    for change in text.changes:
        doc.paragraph(f"{change}。")
    for n, (heading, paragraphs) in enumerate(text.sections, start=1):
        doc.heading(f"{NUMBERS[n - 1]}、{heading}")
        if heading == ITEMS_HEADING:
            for index, item in enumerate(text.items, start=1):
                doc.paragraph(item_line(index, item))
        for paragraph in paragraphs:
            doc.paragraph(paragraph)
    doc.signature(text.signer, text.date_text)
    doc.colophon(text.issuer, text.issued_on)
    return doc.to_bytes()
