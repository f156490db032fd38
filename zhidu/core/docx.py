"""Word documents in the layout of Party and government documents (党政机关公文格式, GB/T 9704-2012),
the one builder every Word document of Zhidu goes through (minutes, notices, supervision forms,
reports, declarations):

- A4, margins top 37 / bottom 35 / left 28 / right 26 mm (版心 156 × 225 mm, §5.2.1);
- body 仿宋_GB2312 三号 (16 pt) on a fixed grid of 22 lines × 28 characters (§5.2.2): the grid in the
  section properties and a fixed (exact) line spacing, so Word and LibreOffice break pages alike;
- East-Asian language zh-CN in the styles; title 方正小标宋简体 二号 (§7.3.1);
- the red masthead (发文机关标志) and red rule where the document has one, 发文字号 with 〔〕 (§7.2);
- page numbers "— 1 —" in 宋体 四号, odd pages right, even pages left, one character in (§7.5);
- the 版记 at the end: 抄送, 印发机关 and 印发日期 between rules (§7.4);
- signature and date blocks with room to sign or seal (§7.3.5);
- core properties: author the township, not the library.

Usage: ``OfficialDocument(masthead, number, title, township=...)``, then ``heading``,
``paragraph``, ``table`` and ``signature`` in order, ``colophon`` once, ``to_bytes``."""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Iterable, Sequence

from django.utils import timezone
from docx import Document
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor, Twips

WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
RED = RGBColor(0xC0, 0x00, 0x00)
TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
PAGE_NUMBER_FONT = "宋体"
BODY_SIZE = 16  # 三号
TITLE_SIZE = 22  # 二号
SMALL_SIZE = 14  # 四号: page numbers, the 版记, table cells
TEXT_WIDTH_MM = 210 - 28 - 26  # 156
TEXT_HEIGHT_MM = 297 - 37 - 35  # 225
LINES, CHARS = 22, 28
# The line pitch in twentieths of a point, rounded down so that 22 lines fit in 225 mm (28.95 pt).
LINE_PITCH = int(Mm(TEXT_HEIGHT_MM).pt * 20 / LINES)
# w:charSpace: how far the grid's character pitch (156 mm / 28) is from the body size, in 1/4096 pt.
CHAR_SPACE = round((Mm(TEXT_WIDTH_MM).pt / CHARS - BODY_SIZE) * 4096)
CHAR_SPACING = -5  # twentieths of a point
MASTHEAD_SIZE = 36
MASTHEAD_FROM_TOP_MM = 35  # the masthead's top edge under the text area's top edge (§7.2.2)
# In a single-spaced 36 pt line the ideographs' top edge sits this far under the line's top: the
# font's ascent above the em box, font-dependent (about 0.3 em for the WenQuanYi/Noto CJK fonts
# LibreOffice falls back to, 0.2 em for 方正小标宋): 0.25 em keeps both within 1 mm of 35 mm.
MASTHEAD_LEAD = 0.25 * MASTHEAD_SIZE
CHAR = Pt(BODY_SIZE)  # one character of the body: indents are counted in characters
_YEAR_IN_BRACKETS = re.compile(r"[\[［(（【〔]\s*(\d{4})\s*[\]］)）】〕]")


def official_number(text: str) -> str:
    """发文字号 encloses the year in 六角括号 〔〕 (GB/T 9704 §7.2.4), never [] or ()."""
    return _YEAR_IN_BRACKETS.sub(r"〔\1〕", text)


def _font(run, name: str, size: float, *, bold=False, color: RGBColor | None = None) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color
    # Word picks East Asian glyphs from w:eastAsia, not from the Latin font name.
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _set(element, **attributes: str) -> None:
    for key, value in attributes.items():
        element.set(qn(f"w:{key}"), value)


def _child(parent, tag: str, **attributes: str):
    """The first w:<tag> under parent, created (appended) when missing."""
    found = parent.find(qn(f"w:{tag}"))
    if found is None:
        found = OxmlElement(f"w:{tag}")
        parent.append(found)
    _set(found, **attributes)
    return found


def _border(paragraph, *sides: tuple[str, int, str]) -> None:
    """Rules drawn as paragraph borders: (side, width in eighths of a point, colour)."""
    borders = OxmlElement("w:pBdr")
    for side, eighths, color in sides:
        edge = OxmlElement(f"w:{side}")
        _set(edge, val="single", sz=str(eighths), space="1", color=color)
        borders.append(edge)
    paragraph._p.get_or_add_pPr().append(borders)


def _at_the_foot(anchor, paragraphs) -> None:
    """GB/T 9704-2012 §7.4: the 版记 sits at the foot of the last page, its last rule on the text
    area's last line (the standard's 版记 "置于公文最后一页", its last element on the last line),
    however short the body. The paragraphs move into a text box (DrawingML, which Word and
    LibreOffice both place) anchored in the document's last paragraph, as wide as the text area,
    aligned to the bottom of the text area, its text at the box's bottom; the body never flows
    beside it (top-and-bottom wrapping). The box is half a line taller than its lines, so the
    rules' own height never pushes a line out."""
    height = Twips(LINE_PITCH * len(paragraphs) + LINE_PITCH // 2)
    width = Mm(TEXT_WIDTH_MM)
    drawing = parse_xml(
        f"""<w:drawing {nsdecls("w", "wp", "a")} xmlns:wps="{WPS}">
<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0"
 locked="1" layoutInCell="1" allowOverlap="0"><wp:simplePos x="0" y="0"/>
<wp:positionH relativeFrom="margin"><wp:align>center</wp:align></wp:positionH>
<wp:positionV relativeFrom="margin"><wp:align>bottom</wp:align></wp:positionV>
<wp:extent cx="{width.emu}" cy="{height.emu}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>
<wp:wrapTopAndBottom/><wp:docPr id="1025" name="版记"/><wp:cNvGraphicFramePr/>
<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/>
<a:ext cx="{width.emu}" cy="{height.emu}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>
<a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr><wps:txbx><w:txbxContent/></wps:txbx>
<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="b"
 anchorCtr="0"><a:noAutofit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>"""
    )
    content = drawing.find(".//" + qn("w:txbxContent"))
    for paragraph in paragraphs:
        content.append(paragraph._p)  # moved out of the body into the box
    anchor.add_run()._r.append(drawing)


def _natural_spacing(paragraph) -> None:
    """Lines larger than the body (masthead, title) leave the exact grid spacing, or they clip."""
    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE


def _page_field(paragraph) -> None:
    """ "— N —": the PAGE field between two em dashes, 宋体 四号 (§7.5)."""

    def run(text: str = ""):
        r = paragraph.add_run(text)
        _font(r, PAGE_NUMBER_FONT, SMALL_SIZE)
        return r

    run("— ")
    run()._r.append(_field_char("begin"))
    instruction = OxmlElement("w:instrText")
    instruction.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instruction.text = " PAGE "
    run()._r.append(instruction)
    run()._r.append(_field_char("separate"))
    run("1")
    run()._r.append(_field_char("end"))
    run(" —")


def _field_char(kind: str):
    element = OxmlElement("w:fldChar")
    _set(element, fldCharType=kind)
    return element


class OfficialDocument:
    def __init__(self, masthead: str, number: str, title: str, *, township: str):
        self.doc = Document()
        self._colophon = False
        self._layout()
        props = self.doc.core_properties
        props.title, props.author, props.last_modified_by = title, township, township
        props.comments = props.subject = props.keywords = props.category = ""
        props.created = props.modified = timezone.now()
        props.revision = 1
        number = official_number(number)
        if masthead:
            head = self.doc.add_paragraph()
            head.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _natural_spacing(head)
            # GB/T 9704-2012 §7.2.2: 发文机关标志 "上边缘至版心上边缘为35 mm" (the one value the 2012
            # standard gives for 下行文 and 上行文 alike; the 1999 edition's 25/80 mm are gone): the
            # space before the line, less the room above the glyphs inside a 36 pt line.
            head.paragraph_format.space_before = Mm(MASTHEAD_FROM_TOP_MM) - Pt(MASTHEAD_LEAD)
            _font(head.add_run(masthead), TITLE_FONT, MASTHEAD_SIZE, color=RED)
            for _ in range(2 if number else 0):  # 发文字号: 发文机关标志下空二行 (§7.2.4)
                self.doc.add_paragraph()
        if number or masthead:
            num = self.doc.add_paragraph()
            num.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _font(num.add_run(number), BODY_FONT, BODY_SIZE)
            if masthead:  # the red rule 4 mm under the number (§7.2.5)
                _border(num, ("bottom", 18, "C00000"))
        self.doc.add_paragraph()  # the title under the rule, after a blank line (§7.3.1)
        heading = self.doc.add_paragraph()
        heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
        heading.paragraph_format.line_spacing = Twips(LINE_PITCH * 3 // 2)
        _font(heading.add_run(title), TITLE_FONT, TITLE_SIZE)
        self.doc.add_paragraph()

    def _layout(self) -> None:
        doc = self.doc
        section = doc.sections[0]
        section.page_height, section.page_width = Mm(297), Mm(210)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
        section.header_distance, section.footer_distance = Mm(15), Mm(21)
        # The 22 × 28 grid (§5.2.2) as Word stores it: lines and characters.
        _child(
            section._sectPr,
            "docGrid",
            type="linesAndChars",
            linePitch=str(LINE_PITCH),
            charSpace=str(CHAR_SPACE),
        )
        normal = doc.styles["Normal"]
        _font(normal, BODY_FONT, BODY_SIZE)
        normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        normal.paragraph_format.line_spacing = Twips(LINE_PITCH)
        normal.paragraph_format.space_before = normal.paragraph_format.space_after = Pt(0)
        normal.paragraph_format.widow_control = False  # the grid, not widow control, breaks pages
        defaults = doc.styles.element.find(qn("w:docDefaults"))
        rpr = _child(_child(defaults, "rPrDefault"), "rPr")
        for props in (rpr, normal.element.get_or_add_rPr()):
            _child(props, "lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA")
            # Each character 0.25 pt narrower (15.75 pt): no wider than the grid's pitch (15.79 pt),
            # so a renderer that lays out by the glyphs' own width (LibreOffice, see zhidu.core.pdf)
            # also puts 28 on a line; Word, laying out by the grid, still fits 28, never 29.
            _child(props, "spacing", val=str(CHAR_SPACING))
        _child(rpr, "rFonts", eastAsia=BODY_FONT, ascii=BODY_FONT, hAnsi=BODY_FONT)
        # Page numbers outside: odd pages right, even pages left, one character in (§7.5).
        doc.settings.odd_and_even_pages_header_footer = True
        for footer, align, side in (
            (section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right"),
            (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left"),
        ):
            footer.is_linked_to_previous = False
            p = footer.paragraphs[0]
            p.alignment = align
            _natural_spacing(p)
            setattr(p.paragraph_format, f"{side}_indent", Pt(SMALL_SIZE))
            _page_field(p)
        section.even_page_header.is_linked_to_previous = False

    def heading(self, text: str) -> None:
        p = self.doc.add_paragraph()
        p.paragraph_format.first_line_indent = 2 * CHAR  # 一级标题 黑体, indented two characters
        _font(p.add_run(text), HEADING_FONT, BODY_SIZE)

    def paragraph(self, text: str, *, indent: bool = True) -> None:
        p = self.doc.add_paragraph()
        if indent:
            p.paragraph_format.first_line_indent = 2 * CHAR
        _font(p.add_run(text), BODY_FONT, BODY_SIZE)

    def table(
        self,
        rows: Sequence[tuple[str, str]],
        *,
        widths: tuple[int, int] = (35, TEXT_WIDTH_MM - 35),
        signing: Iterable[str] = (),
    ) -> None:
        """A two-column form, label and value, its columns in millimetres (together the text width);
        rows whose label is in `signing` get 40 mm of room for a hand-written instruction and signature."""
        signing = set(signing)
        table = self.doc.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Mm(width)
        for label, value in rows:
            row = table.add_row()
            if label in signing:
                row.height, row.height_rule = Mm(40), WD_ROW_HEIGHT_RULE.AT_LEAST
            cells = row.cells
            for cell, width in zip(cells, widths, strict=True):
                cell.width = Mm(width)
            _font(cells[0].paragraphs[0].add_run(label), HEADING_FONT, SMALL_SIZE)
            for index, text in enumerate((value or "").split("\n")):
                paragraph = cells[1].paragraphs[0] if index == 0 else cells[1].add_paragraph()
                _font(paragraph.add_run(text), BODY_FONT, SMALL_SIZE)
        self.doc.add_paragraph()

    def signature(self, who: str, date_text: str, *, room: bool = True) -> None:
        """署名 and 成文日期 right, four characters in (§7.3.5.1), after two blank lines for the
        signature or the seal (room=False for a block that is not signed by hand)."""
        for _ in range(2 if room else 0):
            self.doc.add_paragraph()
        for text in (who, date_text):
            p = self.doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            p.paragraph_format.right_indent = 4 * CHAR
            _font(p.add_run(text), BODY_FONT, BODY_SIZE)

    def colophon(self, issuer: str, issued_on: datetime.date | None, *, cc: str = "") -> None:
        """版记 (§7.4): 抄送 (when the document is copied to anyone), then 印发机关 left and
        印发日期 right, between a rule above and below (thick) and one between (thin); 四号, one
        character in. An unknown date prints blank, to be filled in by hand, never a made-up day."""
        self.doc.add_paragraph()
        day = (
            f"{issued_on.year}年{issued_on.month}月{issued_on.day}日印发"
            if issued_on
            else "　　年　月　日印发"
        )
        thick, thin = ("top", 8, "000000"), ("bottom", 4, "000000")
        box = []
        if cc:
            p = self._small(f"抄送：{cc.rstrip('。')}。")
            _border(p, thick, thin)
            box.append(p)
        p = self._small(f"{issuer}\t{day}")
        p.paragraph_format.tab_stops.add_tab_stop(
            Mm(TEXT_WIDTH_MM) - 2 * Pt(SMALL_SIZE), WD_TAB_ALIGNMENT.RIGHT
        )
        _border(p, *(() if cc else (thick,)), ("bottom", 8, "000000"))
        box.append(p)
        _at_the_foot(self.doc.add_paragraph(), box)
        self._colophon = True

    def _small(self, text: str):
        p = self.doc.add_paragraph()
        p.paragraph_format.left_indent = p.paragraph_format.right_indent = Pt(SMALL_SIZE)
        _font(p.add_run(text), BODY_FONT, SMALL_SIZE)
        return p

    def to_bytes(self) -> bytes:
        if not self._colophon:  # every document ends with its 版记 (§7.4)
            raise ValueError("an official document needs its colophon (版记): call colophon() first")
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()
