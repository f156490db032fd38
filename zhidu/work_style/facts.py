"""The R10 annex's paired-support section (zhidu.rules.year_facts): a member's pairs and contacts of
the year, counted by channel, and the months without a contact."""

from __future__ import annotations

import datetime
from collections import Counter

from django.db.models import Q

from zhidu.org.models import Person
from zhidu.rules.year_facts import YearFacts
from zhidu.work_style.models import SupportContact, SupportPair
from zhidu.work_style.services import target


def year_facts(person: Person, year: int) -> YearFacts:
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    pairs = list(
        SupportPair.objects.filter(township_id=person.township_id, member=person, starts_on__lte=end)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=start))
        .select_related("village")
    )
    heading = "结对帮扶（R17）"
    if not pairs:
        return YearFacts("work_style", heading, [f"{year}年未确定联系村和帮扶贫困户。"], "R17")
    contacts = list(
        SupportContact.objects.filter(township_id=person.township_id, pair__in=pairs,
                                      contacted_on__range=(start, end)).values_list("pair_id", "channel", "contacted_on")
    )  # fmt: skip
    by_channel = Counter(channel for _pair, channel, _day in contacts)
    names = {"visit": "走访", "phone": "电话", "sms": "短信"}
    lines = ["联系对象：" + "；".join(target(p) for p in pairs)]
    lines.append(
        f"全年联系{len(contacts)}次（" + "、".join(f"{names[c]}{by_channel[c]}次" for c in names) + "）"
    )
    months = {(pair, day.month) for pair, _channel, day in contacts}
    for p in pairs:
        first = max(p.starts_on, start).month
        last = min(p.ends_on or end, end).month
        missed = [m for m in range(first, last + 1) if (p.pk, m) not in months]
        if missed:
            lines.append(f"{target(p)}未联系的月份：" + "、".join(f"{m}月" for m in missed))
    return YearFacts("work_style", heading, lines, "R17")
