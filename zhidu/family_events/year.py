"""R9 in the member's year (the R10 annex, zhidu.rules.year_facts): the declarations of events held in
the year, and the flags of discipline inspection. Plain facts, no sealed content."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from zhidu.family_events.models import Declaration, Flag, Kind
from zhidu.family_events.oversight import FLAG_CN
from zhidu.org.models import Person
from zhidu.rules.year_facts import YearFacts

KIND_CN = {"wedding": "婚", "funeral": "丧", "birth": "生育", "birthday": "祝寿", "housewarming": "乔迁"}
KIND_CN |= {"promotion": "升迁", "school": "升学"}


def facts(person: Person, year: int) -> YearFacts:
    rows = Declaration.objects.filter(
        township_id=person.township_id, declarant=person, event_on__year=year
    ).exclude(state=Declaration.State.DRAFT)
    lines = []
    for d in rows.order_by("event_on", "id"):
        lines.append(
            f"{d.event_on:%Y年%-m月%-d日}操办{KIND_CN.get(d.kind, Kind(d.kind).label)}事宜，"
            f"于{d.report_on:%-m月%-d日}报告（{'口头' if d.channel == 'oral' else '书面'}）"
            if d.report_on
            else f"{d.event_on:%Y年%-m月%-d日}操办{KIND_CN.get(d.kind, d.kind)}事宜"
        )
    if not lines:
        lines.append("本年度未申报婚丧嫁娶等事宜")
    flags = Flag.objects.filter(township_id=person.township_id, subject=person, at__year=year)
    for f in flags.order_by("at", "id"):
        lines.append(f"纪委标记：{FLAG_CN[f.code]}（{f.at:%Y年%-m月%-d日}）")
    return YearFacts("family_events", str(_("Family-event declarations (R9)")), lines, "R9")
