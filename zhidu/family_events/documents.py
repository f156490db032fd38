"""The 《领导干部婚丧嫁娶等事宜报告单》 as a Word document in the official layout (zhidu.core.docx),
and the township's register of declarations as an Excel workbook. Chinese throughout: they are
printed and filed, whatever the interface language."""

from __future__ import annotations

import datetime

from django.utils import timezone

from zhidu.core.chinese import cn_date
from zhidu.core.docx import OfficialDocument
from zhidu.family_events import records
from zhidu.family_events.models import Declaration, prohibitions_for
from zhidu.family_events.year import KIND_CN

TITLE = "领导干部婚丧嫁娶等事宜报告单"
WHOSE_CN = {
    "self": "本人",
    "spouse": "配偶",
    "child": "子女",
    "parent": "父母",
    "grandparent": "祖父母、外祖父母",
}
WHOSE_CN |= {"grandchild": "孙子女、外孙子女"}
# R9§1, the seed's words, one line each as the declarant attests them.
PROHIBITION_CN = {
    "no_extravagance": "不大操大办、奢侈浪费",
    "no_managed_units": "不邀请现在及曾经工作单位的管理和服务对象、主管范围内的下属单位和个人、其他与行使职权有关的单位和个人参加",
    "no_businessmen": "不邀请外商和私营企业主参加",
    "no_gifts": "不收受亲戚以外人员的礼品和礼金",
    "no_profiteering": "不借机敛财",
    "no_public_resources": "不用公款、公车或占用其他公共资源操办",
    "local_standard": "不明显超出本地一般消费标准或规模",
    "no_motorcade": "不使用豪华车队，不干扰居民正常生活",
    "no_splitting": "不以分批次、多地点或化整为零分别宴请等方式大操大办",
    "relatives_only": "操办“升学宴”“满月宴”“生日宴”不邀请亲戚以外的人员参加",
}
STATE_CN = {"draft": "未提交", "oral": "已口头报告，待补报", "submitted": "待审核", "correction": "退回补正"}
STATE_CN |= {"accepted": "审核通过"}


def _day(value: datetime.date | None) -> str:
    return cn_date(value) if value else ""


def declaration_form(d: Declaration, content: dict) -> bytes:
    """The form as R9§2 names its contents (事由、时间、地点、人数和标准), the attestations of part 一
    one by one, the report's channel and day, and the review of discipline inspection."""
    who = d.declarant
    doc = OfficialDocument(
        f"中共{d.township.name}纪律检查委员会",
        f"编号：{d.event_on:%Y}-{d.pk:04d}",
        TITLE,
        township=d.township.name,
    )
    channel = "口头报告" if d.channel == "oral" else "书面报告" if d.channel else "未报告"
    received = ""
    if d.received_at:
        received = f"（{timezone.localtime(d.received_at):%Y年%-m月%-d日%H:%M}接报，{d.received_by.name if d.received_by else ''}）"
    doc.table(
        [
            ("姓名", who.name),
            (
                "单位及职务",
                "，".join(x for x in (who.department.name if who.department else "", who.title) if x),
            ),
            ("事宜类别", f"{KIND_CN[d.kind]}（{WHOSE_CN.get(d.whose, '')}）"),
            ("涉及亲属", content.get("relatives", "")),
            ("办理事由", d.purpose),
            ("办理日期", _day(d.event_on)),
            ("办理时间", d.time),
            ("办理地点", d.place),
            ("参加人数", "" if d.guests is None else f"{d.guests}人"),
            ("办理标准", d.standard),
            ("邀请人员", content.get("guest_list", "")),
            ("报告方式及日期", f"{channel} {_day(d.report_on)}{received}"),
            ("补报报告单日期", _day(d.written_on)),
        ]
    )
    doc.heading("本人承诺（严守纪律规定）")
    for p in prohibitions_for(d.kind):
        mark = "☑" if p.value in d.attested else "☐"
        doc.paragraph(f"{mark} {PROHIBITION_CN[p.value]}")
    doc.signature(
        f"报告人（签字）：{who.name}", _day(timezone.localdate(d.submitted_at) if d.submitted_at else None)
    )
    doc.heading("镇纪委审核意见")
    reviews = content.get("reviews") or []
    if reviews:
        for r in reviews:
            word = "审核通过" if r["review"].decision == "accept" else "退回补正"
            doc.paragraph(
                f"{_day(timezone.localdate(r['review'].at))} {word}{'：' + r['note'] if r['note'] else ''}"
            )
    else:
        doc.paragraph("（待审核）")
    doc.signature("审核人（签字）：", "　　年　月　日")
    doc.colophon(f"{d.township.name}纪委办公室", _last_review_day(reviews))
    return doc.to_bytes()


def _last_review_day(reviews) -> datetime.date | None:
    return timezone.localdate(reviews[-1]["review"].at) if reviews else None


COLUMNS = [("序号", 6), ("报告人", 10), ("职务", 18), ("事宜类别", 8), ("办理日期", 12), ("办理事由", 20),
           ("地点", 20), ("人数", 8), ("标准", 14), ("报告方式", 8), ("报告日期", 12), ("应报日期", 12),
           ("补报日期", 12), ("状态", 14), ("制度检查", 40)]  # fmt: skip
HEADERS = [header for header, _ in COLUMNS]


def register_workbook(rows, year_start: datetime.date, *, township: str) -> bytes:
    """登记表: one line per declaration of the year (no sealed content), with the rule check of
    each, as a ledger (zhidu.core.xlsx)."""
    from openpyxl import Workbook

    from zhidu.core.xlsx import ledger_sheet, workbook_bytes

    book = Workbook()
    sheet = book.active
    sheet.title = f"{year_start.year}年婚丧嫁娶等事宜报告"
    lines = []
    for n, d in enumerate(rows, start=1):
        evaluation = records.evaluate(d)
        problems = "；".join(f.finding.message for f in evaluation.findings) or "无问题"
        lines.append(
            [
                n,
                d.declarant.name,
                d.declarant.title,
                KIND_CN[d.kind],
                d.event_on,
                d.purpose,
                d.place,
                d.guests,
                d.standard,
                {"oral": "口头", "written": "书面"}.get(d.channel, "未报告"),
                d.report_on,
                evaluation.due,
                d.written_on,
                STATE_CN[d.state],
                problems,
            ]
        )
    ledger_sheet(
        sheet,
        title="领导干部婚丧嫁娶等事宜报告登记表",
        township=township,
        period=f"{year_start.year}年",
        columns=COLUMNS,
        rows=lines,
        wrap={"职务", "办理事由", "地点", "标准", "制度检查"},
    )
    return workbook_bytes(book)
