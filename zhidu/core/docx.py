"""Word documents in the layout of Party and government documents (党政机关公文格式, GB/T 9704): a
red masthead, the document number under it, a red rule, the title in 小标宋 and the body in 仿宋
三号. Shared by every area that prints (minutes, supervision notices)."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

RED = RGBColor(0xC0, 0x00, 0x00)
TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"


def _font(run, name: str, size: float, *, bold=False, color: RGBColor | None = None) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color
    # Word picks East Asian glyphs from w:eastAsia, not from the Latin font name.
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _red_rule(paragraph) -> None:
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in {"w:val": "single", "w:sz": "18", "w:space": "1", "w:color": "C00000"}.items():
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


class OfficialDocument:
    def __init__(self, masthead: str, number: str, title: str):
        self.doc = Document()
        section = self.doc.sections[0]
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
        section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
        section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
        self.doc.core_properties.title = title
        head = self.doc.add_paragraph()
        head.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(head.add_run(masthead), TITLE_FONT, 36, color=RED)
        num = self.doc.add_paragraph()
        num.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(num.add_run(number), BODY_FONT, 16)
        _red_rule(num)
        heading = self.doc.add_paragraph()
        heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(heading.add_run(title), TITLE_FONT, 22)

    def heading(self, text: str) -> None:
        _font(self.doc.add_paragraph().add_run(text), HEADING_FONT, 16)

    def paragraph(self, text: str, *, indent: bool = True) -> None:
        p = self.doc.add_paragraph()
        if indent:
            p.paragraph_format.first_line_indent = Pt(32)  # two characters of 三号
        _font(p.add_run(text), BODY_FONT, 16)

    def table(self, rows: list[tuple[str, str]]) -> None:
        table = self.doc.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        for label, value in rows:
            cells = table.add_row().cells
            _font(cells[0].paragraphs[0].add_run(label), HEADING_FONT, 14)
            _font(cells[1].paragraphs[0].add_run(value), BODY_FONT, 14)

    def signature(self, who: str, date_text: str) -> None:
        for text in (who, date_text):
            p = self.doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _font(p.add_run(text), BODY_FONT, 16)

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()
