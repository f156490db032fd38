"""The one document builder (zhidu.core.docx) against GB/T 9704-2012: the XML Word reads, and the
PDF LibreOffice renders from it (zhidu.core.pdf): page count, the 22 × 28 grid, the page numbers
outside, the 版记 at the end."""

import datetime
import statistics

import pytest

from tests.core.official import MM, PAGE_HEIGHT, check_pdf, check_xml, paragraphs, render
from zhidu.core.docx import OfficialDocument, official_number
from zhidu.core.pdf import PDF, PdfUnavailable, document_response, docx_to_pdf

LINE = "一二三四五六七八九十" * 4  # 40 characters: one full line of 28 and part of the next


def sample(lines: int = 56) -> bytes:
    doc = OfficialDocument(
        "中共柞水镇委员会", "柞党[2026]3号", "关于做好秸秆禁烧工作的通知", township="柞水镇"
    )
    doc.heading("一、总体要求")
    doc.paragraph(LINE, indent=False)
    for n in range(1, lines + 1):
        doc.paragraph(f"第{n}行。")
    doc.table([("督查事项", "秸秆禁烧"), ("领导批示", "")], signing=["领导批示"])
    doc.signature("中共柞水镇委员会", "2026年12月4日")
    doc.colophon("柞水镇党政办公室", datetime.date(2026, 12, 4), cc="县委办公室，县纪委")
    return doc.to_bytes()


def test_the_number_takes_hexagonal_brackets():
    assert official_number("柞党[2026]3号") == "柞党〔2026〕3号"
    assert official_number("柞党（2026）3号") == official_number("柞党〔2026〕3号") == "柞党〔2026〕3号"
    assert official_number("编号：2026-0001") == "编号：2026-0001"


def test_the_xml_word_reads():
    xml = check_xml(sample(), township="柞水镇")
    texts = [t for t in paragraphs(xml["word/document.xml"]) if t]
    assert texts[:3] == ["中共柞水镇委员会", "柞党〔2026〕3号", "关于做好秸秆禁烧工作的通知"]
    # The 版记 last: 抄送 over 印发机关 and date, each between rules.
    assert texts[-2:] == ["抄送：县委办公室，县纪委。", "柞水镇党政办公室\t2026年12月4日印发"]
    body = xml["word/document.xml"]
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    last = [p for p in body.iter(f"{w}p") if "".join(p.itertext())][-2:]  # (the tab is no text)
    sides = [[e.tag.removeprefix(w) for e in p.find(f"{w}pPr/{w}pBdr")] for p in last]
    assert sides == [["top", "bottom"], ["bottom"]]


def test_the_masthead_and_the_colophon_where_the_standard_puts_them():
    """§7.2.2: the 发文机关标志's top edge 35 mm under the text area's top edge (37 mm margin);
    §7.4: the 版记 at the foot of the last page, its last line on the text area's last line,
    whether the body fills one line or several pages."""
    for lines, pages_expected in ((1, 2), (56, 4)):
        pages, texts = render(sample(lines))
        assert pages == pages_expected
        mast = next(t for t in texts if t.text.replace(" ", "") == "中共柞水镇委员会" and t.page == 1)
        # The ideographs' em box stands 0.88 em over the baseline the PDF gives.
        top_edge = mast.top - 0.88 * mast.size
        assert top_edge == pytest.approx((37 + 35) * MM, abs=1.5 * MM), top_edge / MM
        issued = next(t for t in texts if t.text.endswith("印发"))
        cc = next(t for t in texts if t.text.startswith("抄送"))
        assert issued.page == cc.page == pages
        text_bottom = PAGE_HEIGHT - 35 * MM
        # The last line's baseline inside the text area's last line (28.95 pt), 抄送 one line over.
        assert text_bottom - 28.95 < issued.top <= text_bottom, issued.top / MM
        assert issued.top - cc.top == pytest.approx(28.95, abs=3)
        colophon = [t for t in texts if t.page == pages and cc.top - 3 < t.top <= issued.top + 3]
        assert "".join(t.text for t in colophon).replace(" ", "") == (
            "抄送：县委办公室，县纪委。柞水镇党政办公室2026年12月4日印发"
        )  # nothing of the body beside it
        body = [t for t in texts if t.page == pages and t.top < cc.top - 3]
        assert body and max(t.top for t in body) < cc.top - 10


def test_a_document_without_its_colophon_is_refused():
    doc = OfficialDocument("", "", "标题", township="柞水镇")
    with pytest.raises(ValueError, match="colophon"):
        doc.to_bytes()


def test_an_unknown_issue_date_is_left_blank():
    doc = OfficialDocument("", "", "标题", township="柞水镇")
    doc.colophon("柞水镇党政办公室", None)
    texts = [t for t in paragraphs(check_xml(doc.to_bytes(), township="柞水镇")["word/document.xml"]) if t]
    assert texts[-1] == "柞水镇党政办公室\t　　年　月　日印发"


def test_libreoffice_renders_the_grid_and_the_page_numbers():
    pages, texts = check_pdf(sample())
    assert pages == 4
    # A full page holds 22 lines, 28.95 pt apart (the fixed grid): page 2 is all body lines.
    lines = sorted({round(t.top, 1) for t in texts if t.page == 2 and t.text.startswith("第")})
    assert len(lines) == 22
    assert statistics.mean(b - a for a, b in zip(lines, lines[1:], strict=False)) == pytest.approx(
        28.95, abs=0.05
    )
    assert lines[0] < 37 * MM + 28.95  # the first line sits on the text area's top edge
    # 28 characters on a line: the 40-character paragraph breaks after 28, at the left margin.
    long = [
        t
        for t in texts
        if t.page == 1 and t.text and t.text[0] in "一二三四五六七八九十" and len(t.text) > 10
    ]
    assert [len(t.text.replace(" ", "")) for t in long[:2]] == [28, 12]
    assert long[0].x == pytest.approx(28 * MM, abs=1.5)
    # Body 16 pt, title 22 pt, 版记 14 pt on the last page under the signature.
    assert {t.size for t in texts if t.text.startswith("第")} == {16}
    assert [t.size for t in texts if t.text == "关于做好秸秆禁烧工作的通知"] == [22]
    signed = next(t for t in texts if t.text.replace(" ", "") == "中共柞水镇委员会" and t.page == pages)
    issued = [t for t in texts if t.page == pages and t.text.endswith("印发")]
    assert issued and issued[0].size == 14 and issued[0].top > signed.top


def test_the_pdf_download_and_its_refusal_in_words(monkeypatch):
    response = document_response(sample(lines=1), "通知.docx", pdf=True)
    assert response.status_code == 200 and response["Content-Type"] == PDF
    assert (
        response.content.startswith(b"%PDF")
        and "filename*=utf-8''%E9%80%9A%E7%9F%A5.pdf" in response["Content-Disposition"]
    )
    monkeypatch.setattr("zhidu.core.pdf.soffice", lambda: None)
    with pytest.raises(PdfUnavailable, match="LibreOffice"):
        docx_to_pdf(sample(lines=1))
    refused = document_response(sample(lines=1), "通知.docx", pdf=True)
    assert refused.status_code == 503 and "LibreOffice" in refused.content.decode()
