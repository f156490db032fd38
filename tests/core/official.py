"""Checks of the GB/T 9704-2012 layout that every Word document of Zhidu must pass, shared by
tests/core/test_docx.py and the areas' document tests: the XML (page, grid, language, footers,
版记, author) and the PDF LibreOffice renders from it (pages, page numbers, text positions)."""

from __future__ import annotations

import io
import shutil
import zipfile
from dataclasses import dataclass

from lxml import etree
from pypdf import PdfReader

from zhidu.core.pdf import docx_to_pdf

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}
MM = 72 / 25.4  # points per millimetre
PAGE_HEIGHT = 297 * MM


def parts(docx: bytes) -> dict[str, etree._Element]:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return {n: etree.fromstring(archive.read(n)) for n in archive.namelist() if n.endswith(".xml")}


def twips_mm(value: str) -> float:
    return int(value) / 20 / MM


def paragraphs(root) -> list[str]:
    """Each paragraph's text as Word shows it (a w:tab is a tab), in document order; a paragraph
    anchoring a text box (the 版记) has its own runs only, the box's paragraphs follow it."""
    return [
        "".join(_run_text(r) for r in p.iter(f"{W}r") if next(r.iterancestors(f"{W}p")) is p)
        for p in root.iter(f"{W}p")
    ]


def _run_text(run) -> str:
    return "".join("\t" if e.tag == f"{W}tab" else e.text or "" for e in run if e.tag in (f"{W}t", f"{W}tab"))


def check_xml(docx: bytes, *, township: str) -> dict[str, etree._Element]:
    """The layout in the file itself, as Word reads it."""
    xml = parts(docx)
    body = xml["word/document.xml"]
    sect = body.find(".//w:body/w:sectPr", NS)
    size, margins = sect.find("w:pgSz", NS), sect.find("w:pgMar", NS)
    assert [round(twips_mm(size.get(f"{W}{k}"))) for k in ("w", "h")] == [210, 297]
    assert {k: round(twips_mm(margins.get(f"{W}{k}"))) for k in ("top", "bottom", "left", "right")} == {
        "top": 37, "bottom": 35, "left": 28, "right": 26
    }  # fmt: skip
    grid = sect.find("w:docGrid", NS)
    assert grid.get(f"{W}type") == "linesAndChars"
    assert grid.get(f"{W}linePitch") == "579"  # 225 mm / 22 lines, rounded down (28.95 pt)
    assert grid.get(f"{W}charSpace") == "-848"  # 156 mm / 28 characters = 15.79 pt, 16 pt type
    styles = xml["word/styles.xml"]
    lang = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    assert lang.get(f"{W}eastAsia") == "zh-CN"
    normal = styles.find("w:style[@w:styleId='Normal']", NS)
    spacing = normal.find("w:pPr/w:spacing", NS)
    assert (spacing.get(f"{W}lineRule"), spacing.get(f"{W}line")) == ("exact", "579")
    assert normal.find("w:rPr/w:rFonts", NS).get(f"{W}eastAsia") == "仿宋_GB2312"
    assert normal.find("w:rPr/w:sz", NS).get(f"{W}val") == "32"  # 三号
    assert normal.find("w:rPr/w:lang", NS).get(f"{W}eastAsia") == "zh-CN"
    assert xml["word/settings.xml"].find("w:evenAndOddHeaders", NS) is not None
    rels = parts_rels(docx)
    footers = {
        ref.get(f"{W}type"): rels[ref.get(f"{{{R}}}id")] for ref in sect.findall("w:footerReference", NS)
    }
    for kind, side in (("default", "right"), ("even", "left")):
        footer = xml[f"word/{footers[kind]}"]
        assert footer.find(".//w:jc", NS).get(f"{W}val") == side
        assert " PAGE " in [t.text for t in footer.iter(f"{W}instrText")]
        text = "".join(footer.itertext())
        assert text.startswith("— ") and text.endswith(" —")
        size = footer.find(".//w:r/w:rPr/w:sz", NS).get(f"{W}val")
        assert size == "28"  # 四号
        assert footer.find(".//w:r/w:rPr/w:rFonts", NS).get(f"{W}eastAsia") == "宋体"
    core = xml["docProps/core.xml"]
    author = core.find("{http://purl.org/dc/elements/1.1/}creator").text
    assert author == township and "python-docx" not in etree.tostring(core, encoding=str)
    assert core.find("{http://purl.org/dc/elements/1.1/}title").text
    texts = [t for t in paragraphs(body) if t]
    assert texts[-1].endswith("印发") and "\t" in texts[-1]  # 版记: 印发机关 … 印发日期
    # The 版记 at the foot of the last page (§7.4): in a box aligned to the text area's bottom.
    box = body.findall(".//wp:anchor", {"wp": WP})[-1]
    assert box.find("wp:positionV", {"wp": WP}).get("relativeFrom") == "margin"
    assert box.findtext("wp:positionV/wp:align", namespaces={"wp": WP}) == "bottom"
    assert paragraphs(box)[-1] == texts[-1]
    return xml


WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


def colophon_text(docx: bytes) -> str:
    """The 版记's lines (the text box at the document's end), one a line."""
    body = parts(docx)["word/document.xml"]
    box = body.findall(".//wp:anchor", {"wp": WP})[-1]
    return "\n".join(t for t in paragraphs(box) if t)


R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def parts_rels(docx: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        rels = etree.fromstring(archive.read("word/_rels/document.xml.rels"))
    return {r.get("Id"): r.get("Target") for r in rels}


@dataclass
class Text:
    page: int
    x: float  # points from the left edge
    top: float  # points from the top edge (the baseline)
    size: float
    text: str


def render(docx: bytes) -> tuple[int, list[Text]]:
    """The PDF LibreOffice makes (never skipped: `dev.py test` installs libreoffice-writer)."""
    assert shutil.which("soffice"), (
        "LibreOffice (soffice) is missing: run `python3 dev.py test`, which installs it"
    )
    reader = PdfReader(io.BytesIO(docx_to_pdf(docx)))
    found: list[Text] = []
    for number, page in enumerate(reader.pages, start=1):

        def visit(text, cm, tm, font, size, number=number):
            if text.strip():
                x, y = tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]
                found.append(Text(number, x, PAGE_HEIGHT - y, size, text.strip()))

        page.extract_text(visitor_text=visit)
    return len(reader.pages), found


def check_pdf(docx: bytes) -> tuple[int, list[Text]]:
    """What every rendered document shows: A4 text inside the margins, "— n —" on every page, on
    the right of odd pages and the left of even ones, 14 pt, under the text area."""
    pages, texts = render(docx)
    for n in range(1, pages + 1):
        on_page = [t for t in texts if t.page == n]
        numbers = [t for t in on_page if t.top > PAGE_HEIGHT - 35 * MM]
        assert "".join(t.text for t in numbers).replace(" ", "") == f"—{n}—", (n, numbers)
        assert {t.size for t in numbers} == {14}
        if n % 2:
            assert min(t.x for t in numbers) > 210 * MM / 2  # odd pages: right
        else:
            assert max(t.x for t in numbers) < 210 * MM / 2  # even pages: left
        body = [t for t in on_page if t not in numbers]
        assert all(t.x >= 28 * MM - 1 and t.top >= 37 * MM for t in body), n
    return pages, texts


def check_ledger(sheet, *, title: str, headers: list[str]) -> list[tuple]:
    """What every Excel ledger of Zhidu carries (zhidu.core.xlsx), opened as the clerk's office
    software opens it: the title row merged over the table, bold; the header row (`headers`, in
    order, at the start) frozen, filtered and printed on every page; landscape A4, one page wide.
    Returns the data rows (values)."""
    last = sheet.cell(2, sheet.max_column).column_letter
    assert sheet.cell(1, 1).value == title and sheet.cell(1, 1).font.b
    assert f"A1:{last}1" in {str(r) for r in sheet.merged_cells.ranges}
    assert [c.value for c in sheet[2]][: len(headers)] == headers
    assert all(c.font.b for c in sheet[2])
    assert sheet.freeze_panes == "A3"
    assert sheet.auto_filter.ref == f"A2:{last}{max(sheet.max_row, 2)}"
    assert sheet.print_title_rows == "$2:$2"
    setup = sheet.page_setup
    assert setup.orientation == "landscape" and int(setup.paperSize) == 9  # A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert int(setup.fitToWidth) == 1 and int(setup.fitToHeight) == 0
    widths = [
        sheet.column_dimensions[sheet.cell(2, i).column_letter].width for i in range(1, sheet.max_column + 1)
    ]
    assert all(6 <= w <= 60 for w in widths), widths
    return list(sheet.iter_rows(min_row=3, values_only=True))
