"""The two documents of R7 through the official builder (zhidu.core.docx, GB/T 9704): the
《督查事项拟办呈批表》 the principal signs (room for the instruction and the signature), and the
《督查通报》 to the owner, which states the item was approved and so exists only once it was."""

from __future__ import annotations

from typing import cast

from django.utils import timezone, translation

from zhidu.core.docx import OfficialDocument
from zhidu.org.models import Person
from zhidu.supervision.models import SupervisionItem
from zhidu.supervision.services import cn_day

APPROVAL_TITLE = "督查事项拟办呈批表"
NOTICE_TITLE = "督查通报"
WIDTHS = (32, 124)  # millimetres: a four-character label, the rest of the 156 mm text width


class NotApproved(Exception):
    """The 督查通报 says the item was approved (R7): refused for an item not yet approved."""


def _masthead(item: SupervisionItem) -> str:
    return f"中共{item.township.name}纪律检查委员会"


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
        ("协办单位", _others(item) or "无"),
        ("反馈期限", cn_day(item.deadline)),
    ]


def _others(item: SupervisionItem) -> str:
    return "、".join(d.name for d in item.other_departments.all())


def approval_form(item: SupervisionItem) -> bytes:
    doc = OfficialDocument(_masthead(item), item.doc_number, APPROVAL_TITLE, township=item.township.name)
    instruction = ""
    if item.approved_at:
        # approved_at and approved_by are set together, by the approval (supervision.approve).
        instruction = f"{item.approval_note or '同意。'}\n{cast(Person, item.approved_by).name}  {cn_day(timezone.localtime(item.approved_at).date())}"
    doc.table(
        [
            *_fields(item),
            ("登记人", f"{item.registered_by.name}  {cn_day(item.registered_on)}"),
            ("拟办意见", f"拟交{item.owner_department.name}办理，{cn_day(item.deadline)}前书面反馈。"),
            ("领导批示", instruction),
        ],
        widths=WIDTHS,
        signing=("领导批示",),  # the principal writes and signs here (R7)
    )
    doc.colophon(f"{item.township.name}纪委办公室", item.registered_on)
    return doc.to_bytes()


def supervision_notice(item: SupervisionItem) -> bytes:
    if item.approved_at is None:
        raise NotApproved(item.pk)
    doc = OfficialDocument(_masthead(item), item.doc_number, NOTICE_TITLE, township=item.township.name)
    doc.paragraph(f"{item.owner_department.name}：", indent=False)
    doc.paragraph(
        f"经督查督办工作领导小组组长审批，现将下列督查事项交你单位办理。请于{cn_day(item.deadline)}前将办理情况"
        "书面反馈纪委办公室；未能按期办结的，应书面说明原因并定期报告进展，直至办结。"
    )
    doc.table(_fields(item), widths=WIDTHS)
    day = timezone.localtime(item.assigned_at).date() if item.assigned_at else None
    doc.signature(f"{item.township.name}纪委办公室", cn_day(day) if day else "　　年　月　日")
    doc.colophon(f"{item.township.name}纪委办公室", day, cc=_others(item))
    return doc.to_bytes()
