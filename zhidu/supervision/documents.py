"""The two documents of R7 as Word files, in the official layout (GB/T 9704: A4, title in 方正小标宋,
body in 仿宋): the 《督查事项拟办呈批表》 the principal signs, and the 《督查通报》 to the owner."""

from __future__ import annotations

from io import BytesIO
from typing import cast

from django.utils import timezone, translation

from zhidu.org.models import Person
from zhidu.supervision.models import SupervisionItem
from zhidu.supervision.services import cn_day

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
APPROVAL_TITLE = "督查事项拟办呈批表"
NOTICE_TITLE = "督查通报"


def _font(run, name: str, size: float, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = name
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)
    run.font.size = Pt(size)
    run.font.bold = bold


def _document(title: str, number: str):
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    heading = doc.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(heading.add_run(title), TITLE_FONT, 22)
    line = doc.add_paragraph()
    line.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(line.add_run(number), BODY_FONT, 16)
    return doc


def _paragraph(doc, text: str, *, indent: bool = True, align=None):
    from docx.shared import Pt

    p = doc.add_paragraph()
    if indent:
        p.paragraph_format.first_line_indent = Pt(32)
    if align is not None:
        p.alignment = align
    _font(p.add_run(text), BODY_FONT, 16)
    return p


def _table(doc, rows: list[tuple[str, str]]) -> None:
    from docx.shared import Mm

    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].width, cells[1].width = Mm(35), Mm(121)
        _font(cells[0].paragraphs[0].add_run(label), BODY_FONT, 14, bold=True)
        for index, text in enumerate((value or "").split("\n")):
            paragraph = cells[1].paragraphs[0] if index == 0 else cells[1].add_paragraph()
            _font(paragraph.add_run(text), BODY_FONT, 14)


def _fields(item: SupervisionItem) -> list[tuple[str, str]]:
    with translation.override("zh-hans"):
        source = str(item.get_source_display())
    return [
        ("督查事项", item.matter),
        ("事项来源", source),
        ("督查依据", item.basis),
        ("督查要求", item.requirements),
        ("承办单位", item.owner_department.name),
        ("责任人", item.owner_person.name),
        ("协办单位", "、".join(d.name for d in item.other_departments.all()) or "无"),
        ("反馈期限", cn_day(item.deadline)),
    ]


def _save(doc) -> bytes:
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def approval_form(item: SupervisionItem) -> bytes:
    doc = _document(APPROVAL_TITLE, item.doc_number)
    instruction = ""
    if item.approved_at:
        # approved_at and approved_by are set together, by the approval (supervision.approve).
        instruction = f"{item.approval_note or '同意。'}\n{cast(Person, item.approved_by).name}  {cn_day(timezone.localtime(item.approved_at).date())}"
    _table(
        doc,
        [
            *_fields(item),
            ("登记人", f"{item.registered_by.name}  {cn_day(item.registered_on)}"),
            ("拟办意见", f"拟交{item.owner_department.name}办理，{cn_day(item.deadline)}前书面反馈。"),
            ("领导批示", instruction),
        ],
    )
    return _save(doc)


def supervision_notice(item: SupervisionItem) -> bytes:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc = _document(NOTICE_TITLE, item.doc_number)
    _paragraph(doc, f"{item.owner_department.name}：", indent=False)
    _paragraph(
        doc,
        f"经督查督办工作领导小组组长审批，现将下列督查事项交你单位办理。请于{cn_day(item.deadline)}前将办理情况"
        "书面反馈纪委办公室；未能按期办结的，应书面说明原因并定期报告进展，直至办结。",
    )
    _table(doc, _fields(item))
    day = timezone.localtime(item.assigned_at).date() if item.assigned_at else timezone.localdate()
    _paragraph(doc, f"{item.township.name}纪委办公室", indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _paragraph(doc, cn_day(day), indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
    return _save(doc)
