"""R17's recurring duties, opened by the one job (zhidu.obligations.jobs): one contact per pair per
month (R17§3(1) 每月…至少联系一次), due at the end of the month's last working day and completed by
logging a contact; one zero-reception check per village per quarter for discipline inspection
(R17§3(3) 按季度检查), completed by recording the inspection."""

from __future__ import annotations

import datetime

from zhidu.obligations.deadlines import DeadlineRule
from zhidu.obligations.services import open_obligation
from zhidu.org.models import Department, Township, Village
from zhidu.work_style import checks
from zhidu.work_style.services import active_pairs, contact_key, inspection_key, target


def generate(township: Township, day: datetime.date) -> int:
    created = 0
    month_end = checks.month_end(day)
    for pair in active_pairs(township, day).select_related("member", "village").order_by("pk"):
        _, was = open_obligation(
            township=township, kind="contact-visit", article=checks.PAIRING, key=contact_key(pair, day),
            title=f"{day.year}年{day.month}月与{target(pair)}联系（走访、电话或短信）",
            rule=DeadlineRule("last_workday_by", month_end), assignee=pair.member, source=pair,
        )  # fmt: skip
        created += was
    discipline = Department.objects.filter(
        township=township, kind=Department.Kind.DISCIPLINE_INSPECTION
    ).first()
    if discipline is None:
        return created
    quarter_end = checks.month_end(datetime.date(day.year, ((day.month - 1) // 3) * 3 + 3, 1))
    label = checks.quarter_label(day)
    for village in Village.objects.filter(township=township).order_by("pk"):
        _, was = open_obligation(
            township=township, kind="zero-reception-inspection", article=checks.RECEPTION,
            key=inspection_key(village, day), title=f"检查{village.name}{label[:4]}年第{label[-1]}季度村级公务“零接待”执行情况",
            rule=DeadlineRule("last_workday_by", quarter_end), department=discipline, source=village,
        )  # fmt: skip
        created += was
    return created
