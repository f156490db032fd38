"""Demo R12 records for 柞村镇, through the entry points only: the organization office's study plan
for the half-year with three topics set by the committee, one concentrated study held (胡新璐 on
leave, with the reason) and notes kept by 杨栋 and 林平."""

from __future__ import annotations

import datetime

from django.utils import timezone

from zhidu.central_study import services
from zhidu.org.models import Person


def create(township, people: dict[str, Person], today: datetime.date) -> None:
    office, secretary, lin, hu = people["zhaolei"], people["yangdong"], people["linping"], people["huxinlu"]
    first = datetime.date(today.year, 1 if today.month <= 6 else 7, 1)
    last = datetime.date(today.year, 6, 30) if today.month <= 6 else datetime.date(today.year, 12, 31)
    at = timezone.make_aware(datetime.datetime.combine(first, datetime.time(10)))
    plan = services.create_plan(
        township=township, by=office, title=f"{today.year}年{'上' if today.month <= 6 else '下'}半年党委中心组学习计划",
        starts_on=first, ends_on=last, decided="党委会研究确定",
        topics=["学习贯彻党的二十届四中全会精神", "乡村振兴与基层治理", "党风廉政建设和作风纪律"],
        user=office.user, at=at,
    )  # fmt: skip
    topic = plan.topics.first()
    held = max(first, today - datetime.timedelta(days=20))
    services.record_session(
        plan, by=office, kind="concentrated", held_on=held, subject="集中学习党的二十届四中全会公报", topic=topic,
        attendance={hu.pk: ("leave", "参加县委党校培训")}, place="镇党委会议室", speaker=secretary.name,
        summary="书记领学公报全文，班子成员结合分管工作交流发言。", user=office.user,
        at=timezone.make_aware(datetime.datetime.combine(held, datetime.time(16))),
    )  # fmt: skip
    for person, title in ((secretary, "学习四中全会公报的体会"), (lin, "读《习近平谈治国理政》第四卷笔记")):
        services.write_note(
            person=person, kind="reflection" if person is secretary else "reading", title=title,
            body="围绕推动高质量发展、加强基层治理，结合本镇实际记下学习要点和工作思路。", written_on=held,
            topic=topic, user=person.user, at=timezone.make_aware(datetime.datetime.combine(held, datetime.time(20))),
        )  # fmt: skip
