"""Demo personal-matter reports for 柞村镇 (R8), through the entry points only: 周强 reported a private
trip on time; 陈刚 reported a house purchase after the 30 days with an explanation, and the
organization office (赵磊) flagged it; 林平, newly a leading cadre, has been asked to report."""

from __future__ import annotations

import datetime

from django.utils import timezone

from zhidu.org.models import Person
from zhidu.personal import services
from zhidu.personal.models import Flag, Item, Occasion


def create(township, people: dict[str, Person], today: datetime.date) -> None:
    def moment(days_back: int, hour: int = 10) -> datetime.datetime:
        day = today - datetime.timedelta(days=days_back)
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))

    office = people["zhaolei"]
    zhou, chen = people["zhouqiang"], people["chengang"]
    services.file(
        reporter=zhou,
        occasion=Occasion.EVENT,
        item=Item.PRIVATE_TRAVEL,
        event_on=today - datetime.timedelta(days=12),
        details="2026年国庆假期因私赴香港探亲，持本人往来港澳通行证，5天，已按规定交回证件。",
        user=zhou.user,
        at=moment(8),
    )
    late = services.file(
        reporter=chen,
        occasion=Occasion.EVENT,
        item=Item.HOUSING,
        event_on=today - datetime.timedelta(days=50),
        details="配偶在县城购买商品房一套，面积98平方米，价款62万元，按揭贷款40万元。",
        explanation="房产证办理延迟，取得不动产权证书后即行补报。",
        user=chen.user,
        at=moment(3),
    )
    services.flag(
        late,
        code=Flag.Code.LATE,
        note="补报理由可以说明，已提醒今后按期报告。",
        by=office,
        user=office.user,
        at=moment(2, 15),
    )
    services.request_report(
        reporter=people["linping"],
        occasion=Occasion.NEW_LEADER,
        event_on=today - datetime.timedelta(days=5),
        by=office,
        user=office.user,
    )
