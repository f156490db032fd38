"""Demo R15 rows for 柞村镇, through the entry points: the organs' branch (机关党支部, secretary 曲坚强)
and 柞村党支部 on the organization office's roster, one member away for five months; reports of the
last period, an oral one recorded by the secretary; the organs' branch's and 柞村's report of the last
quarter, 东沟村's missing."""

from __future__ import annotations

import datetime

from zhidu.org.models import Branch, Person
from zhidu.periodic_reports import checks, services
from zhidu.periodic_reports.models import Channel


def create(township, people: dict[str, Person], today: datetime.date) -> None:
    office = people["zhaolei"]
    organs = Branch.objects.get(township=township, name="柞村镇机关党支部")
    village = Branch.objects.get(township=township, name="柞村党支部")

    def add(branch, name, person=None, secretary=False, away=None):
        return services.add_member(
            township=township, branch=branch, name=name, person=person, is_secretary=secretary,
            away_since=away, by=office, user=office.user,
        )  # fmt: skip

    add(organs, "曲坚强", people["qujianqiang"], secretary=True)
    members = {
        u: add(organs, people[u].name, people[u]) for u in ("zhangmin", "zhouqiang", "wufang", "chengang")
    }
    add(organs, "刘海", away=checks.add_months(today, -5))
    add(village, "王建国", secretary=True)
    for name in ("李秀英", "张德明", "赵春生"):
        add(village, name)
    secretary = people["qujianqiang"]
    _, periods = services.member_periods(members["zhouqiang"], today)
    services.record_member_report(
        members["zhouqiang"], period=periods[1].label, channel=Channel.WRITTEN,
        reported_on=services.due_of(periods[1]) - datetime.timedelta(days=3),
        content="两个月来学习党的二十届四中全会精神，牵头推进工业园区企业走访，需要支部协调用地指标问题。",
        by=people["zhouqiang"], user=people["zhouqiang"].user,
    )  # fmt: skip
    services.record_member_report(
        members["chengang"], period=periods[0].label, channel=Channel.ORAL, reported_on=today,
        content="口头汇报：近期参与矛盾纠纷排查，思想稳定；反映河口村群众对道路维修的意见。",
        by=secretary, user=secretary.user,
    )  # fmt: skip
    last = services.quarters_open(today)[1]
    services.record_branch_report(
        organs, quarter=last.label, channel=Channel.WRITTEN, reporter_name="曲坚强",
        reported_on=services.due_of(last) - datetime.timedelta(days=5),
        content="本季度组织党员学习3次，开展主题党日1次；发现的问题：个别党员汇报不及时；下季度加强督促。",
        by=secretary, user=secretary.user,
    )  # fmt: skip
    services.record_branch_report(
        village, quarter=last.label, channel=Channel.ORAL, reporter_name="王建国",
        reported_on=services.due_of(last) - datetime.timedelta(days=2),
        content="口头汇报：秋收期间组织党员志愿服务，村级道路硬化项目进展顺利，需镇党委协调资金。",
        by=office, user=office.user,
    )  # fmt: skip
