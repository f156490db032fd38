"""Demo family-event declarations for 柞村镇 (R9), through the entry points only: 林平 declared his
son's wedding on time and discipline inspection (孙丽) accepted it; 陈刚's father's funeral was
reported by phone to the party office (张敏) and the written form is owed; 周强 has started a
declaration of his mother's 70th birthday; 孙丽 recorded a spot check of the wedding banquet."""

from __future__ import annotations

import datetime

from django.utils import timezone

from zhidu.family_events import oversight, services
from zhidu.family_events.models import Prohibition, Whose, prohibitions_for
from zhidu.org.models import Person


def create(township, people: dict[str, Person], today: datetime.date) -> None:
    def moment(days: int, hour: int = 10) -> datetime.datetime:
        return timezone.make_aware(
            datetime.datetime.combine(today + datetime.timedelta(days=days), datetime.time(hour, 0))
        )

    lin, chen, zhou = people["linping"], people["chengang"], people["zhouqiang"]
    office, discipline = people["zhangmin"], people["sunli"]
    wedding_on = today - datetime.timedelta(days=8)
    wedding = services.declare(
        declarant=lin,
        content=services.Content(
            kind="wedding",
            whose=Whose.CHILD,
            event_on=wedding_on,
            purpose="儿子结婚",
            time="中午",
            place="柞村镇东沟村村民家中",
            guests=80,
            standard="每桌500元，共8桌",
            relatives="儿子林晓峰与李婷婷",
            guest_list="双方亲属约70人，本人同学10人",
            attested=[p.value for p in prohibitions_for("wedding")],
        ),
        submit=True,
        user=lin.user,
        at=moment(-25),
    )
    oversight.review(wedding, decision="accept", note="", by=discipline, user=discipline.user, at=moment(-23))
    oversight.record_spot_check(
        subject=lin,
        declaration=wedding,
        checked_at=moment(-8, 12),
        place="东沟村林家",
        found="实到约75人，均为亲属和同学，未见公车、豪华车队，与报告一致。",
        by=discipline,
        user=discipline.user,
    )
    services.enter_oral(
        declarant=chen,
        event_on=today - datetime.timedelta(days=2),
        received_at=moment(-3, 8),
        by=office,
        content=services.Content(purpose="父亲去世", place="石门村", guests=60, standard="从简办理"),
        user=office.user,
    )
    services.declare(
        declarant=zhou,
        content=services.Content(
            kind="birthday",
            whose=Whose.PARENT,
            event_on=today + datetime.timedelta(days=20),
            purpose="母亲七十岁生日",
            attested=[Prohibition.NO_GIFTS.value],
        ),
        submit=False,
        user=zhou.user,
    )
