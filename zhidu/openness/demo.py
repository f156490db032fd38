"""Demo R11 records for 柞村镇, through the entry points only: the committee's and two branches'
publications this period; the year's first random check (平时考核) of two branches run to the
notified tiers (one 不合格, so its rectification is a duty); the year's sheet from the defaults."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from zhidu.openness import services
from zhidu.org.models import Branch, Person


def create(township, people: dict[str, Person], today: datetime.date) -> None:
    office, clerk, secretary = people["zhaolei"], people["zhangmin"], people["yangdong"]
    branches = list(Branch.objects.filter(township=township).order_by("name")[:2])
    day = max(today.replace(day=1), today - datetime.timedelta(days=10))
    services.record_publication(township=township, by=clerk, branch=None, category="decisions", published_on=day,
                                where="镇政府党务公开栏", content="党委会决定事项及执行情况", user=clerk.user)  # fmt: skip
    for branch in branches:
        services.record_publication(township=township, by=clerk, branch=branch, category="organization",
                                    published_on=day, where=f"{branch.name}党务公开栏", content="党费收缴情况",
                                    user=clerk.user)  # fmt: skip
    started = datetime.datetime(today.year, 5, 10, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
    a = services.create_assessment(
        township=township, by=office, year=today.year, kind="random", title=f"{today.year}年第一次党务公开平时考核",
        plan="随机抽取两个村党支部，按评分标准现场考核。", units=list(zip(branches, (people["wufang"], people["zhouqiang"]), strict=False)),
        inspectors=[people["sunli"], office], user=office.user, at=started,
    )  # fmt: skip
    services.approve_plan(a, by=clerk, note="5月12日党委会审定", user=clerk.user)
    for unit, full in zip(a.units.order_by("pk"), (True, False), strict=False):
        services.file_self_check(unit, by=unit.reporter, report="对照八类公开内容逐项自查，公开栏按季度更新。",
                                 user=unit.reporter.user, at=started + datetime.timedelta(days=5))  # fmt: skip
        services.record_steps(
            unit, by=office, notes={"look": "公开栏内容齐全", "examine": "会议记录完整"}, user=office.user
        )
        given = {c.pk: str(c.points if full else c.points / 2) for c in a.sheet.criteria.all()}
        services.score_unit(unit, by=office, given=given, user=office.user)
    services.propose(a, by=office, user=office.user)
    services.decide(a, by=secretary, note="5月25日领导小组会议", user=secretary.user)
    services.approve_result(a, by=clerk, note="5月28日党委会审定", user=clerk.user)
    services.notify(a, by=office, on=datetime.date(today.year, 5, 29), user=office.user)
