"""Printed R11 papers: the scoring sheet and the notified result as Word documents in the official
layout (zhidu.core.docx), the scores as an Excel workbook (openpyxl)."""

from __future__ import annotations

from zhidu.core.chinese import cn_date
from zhidu.core.docx import OfficialDocument
from zhidu.openness.checks import ADJUSTMENT, TIER_CN
from zhidu.openness.models import OpennessAssessment, ScoringSheet

SECTIONS = ("公开内容是否全面、真实", "党务公开领导体系以及各项制度是否健全", "宣传是否到位，公开是否及时，形式是否规范实用",
            "监督制度是否落实，群众是否满意", "领导小组办公室规定的其它考核内容是否得到落实")  # fmt: skip


def sheet_docx(sheet: ScoringSheet) -> bytes:
    doc = OfficialDocument(
        f"{sheet.township.name}党务公开工作领导小组办公室",
        f"{sheet.year}年 第{sheet.version}版",
        "党务公开工作考核评分标准",
        township=sheet.township.name,
    )
    criteria = list(sheet.criteria.all())
    for n, title in enumerate(SECTIONS, start=1):
        doc.heading(f"{'一二三四五'[n - 1]}、{title}")
        doc.table([(c.label, f"{c.text}（{c.points}分）") for c in criteria if c.section == n])
    doc.paragraph(f"合计：{sum(c.points for c in criteria)}分。")
    doc.colophon(f"{sheet.township.name}党务公开工作领导小组办公室", None)
    return doc.to_bytes()


def result_docx(a: OpennessAssessment) -> bytes:
    doc = OfficialDocument(
        f"中共{a.township.name}委员会",
        cn_date(a.notified_on) if a.notified_on else "",
        f"关于{a.title}结果的通报",
        township=a.township.name,
    )
    doc.paragraph(
        f"根据《党委党务公开制度》，经镇党务公开工作领导小组确定（{a.decided_note}），镇党委审定（{a.approved_note}），现将{a.title}结果通报如下："
    )
    units = list(a.units.select_related("branch"))
    doc.table([(u.branch.name, f"{u.score}分 · {TIER_CN.get(u.tier, '—')}") for u in units])
    for tier in ("excellent", "fail"):
        names = "、".join(u.branch.name for u in units if u.tier == tier)
        if names and tier == "excellent":
            doc.paragraph(f"对评为优秀档次的{names}给予表彰，年度考核成绩提高{ADJUSTMENT[tier]}%。")
        elif names:
            doc.paragraph(
                f"对评为不合格档次的{names}通报批评，责令限期整改，年度考核成绩降低{-ADJUSTMENT[tier]}%；不认真整改的，主要责任人当年不得评先受奖。"
            )
    doc.signature(f"中共{a.township.name}委员会", cn_date(a.notified_on) if a.notified_on else "")
    doc.colophon(f"{a.township.name}党务公开工作领导小组办公室", a.notified_on)
    return doc.to_bytes()


def scores_xlsx(a: OpennessAssessment) -> bytes:
    """党务公开考核得分: one row per branch, each criterion's points, the total, the tier and the
    adjustment of the annual assessment, as a ledger (zhidu.core.xlsx)."""
    from openpyxl import Workbook

    from zhidu.core.xlsx import ledger_sheet, workbook_bytes

    criteria = list(a.sheet.criteria.all())
    book = Workbook()
    sheet = book.active
    sheet.title = "党务公开考核得分"
    rows = []
    for u in a.units.select_related("branch").prefetch_related("scores"):
        given = {s.criterion_id: s.points for s in u.scores.all()}
        rows.append([u.branch.name, *(given.get(c.pk) for c in criteria), u.score, TIER_CN.get(u.tier, ""),
                     ADJUSTMENT.get(u.tier) if u.tier else None])  # fmt: skip
    ledger_sheet(
        sheet,
        title="党务公开考核得分表",
        township=a.township.name,
        period=a.title or f"{a.year}年",
        columns=[
            ("党支部", 18),
            *((f"{c.label}（{c.points}）", 12) for c in criteria),
            ("总分", 8),
            ("档次", 8),
            ("年度考核调整(%)", 12),
        ],
        rows=rows,
        wrap={f"{c.label}（{c.points}）" for c in criteria},
    )
    return workbook_bytes(book)
