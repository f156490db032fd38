"""Demo R17 rows for 柞村镇, through the entry points: each team member's contact village and poor
household (徐文 has no household yet: a finding on the party office's view), contacts of this month
and last, a village meal awaiting the committee and one refused, a quarterly inspection with a finding
and its rectification deadline."""

from __future__ import annotations

import datetime

from zhidu.org.models import Person, Village
from zhidu.work_style import services

PAIRS = [
    ("yangdong", "柞村", "王德福"),
    ("qiuweixing", "东沟村", "李桂兰"),
    ("guoaifeng", "西岭村", "张守成"),
    ("qujianqiang", "石门村", "刘玉芬"),
    ("huxinlu", "杨家坪村", "赵长河"),
    ("linping", "河口村", "孙秀梅"),
    ("xuwen", "东沟村", ""),
]


def create(township, people: dict[str, Person], today: datetime.date) -> None:
    office = people["zhangmin"]
    villages = {v.name: v for v in Village.objects.filter(township=township)}
    last_month = today.replace(day=1) - datetime.timedelta(days=1)
    start = min(datetime.date(today.year, 1, 1), last_month.replace(day=1))
    for username, village, household in PAIRS:
        member = people[username]
        pairs = [services.add_pair(township=township, member=member, kind="village", village=villages[village],
                                   household="", starts_on=start, by=office, user=office.user)]  # fmt: skip
        if household:
            pairs.append(services.add_pair(township=township, member=member, kind="household",
                                           village=villages[village], household=household, starts_on=start,
                                           by=office, user=office.user))  # fmt: skip
        for pair in pairs:
            services.log_contact(pair, contacted_on=last_month.replace(day=15), channel="visit",
                                 done="入户走访，了解生产生活情况，协调解决饮水管道维修。",
                                 by=member, user=member.user)  # fmt: skip
        if username in ("yangdong", "huxinlu"):
            services.log_contact(pairs[-1], contacted_on=today, channel="phone",
                                 done="电话询问冬季取暖准备情况，已落实取暖煤补助。", by=member, user=member.user)  # fmt: skip
    reporter = people["linping"]
    services.report_reception(
        township=township, village=villages["东沟村"], meal_on=today + datetime.timedelta(days=3),
        guests="县农业农村局调研组4人", reason="调研点位于山区，往返镇区需2小时，确需在村简餐。",
        by=reporter, user=reporter.user,
    )  # fmt: skip
    refused = services.report_reception(
        township=township, village=villages["河口村"], meal_on=today + datetime.timedelta(days=5),
        guests="镇包村干部2人", reason="村里想招待帮扶干部。", by=reporter, user=reporter.user,
    )  # fmt: skip
    secretary = people["yangdong"]
    services.decide_reception(refused, approve=False, note="不属于特殊情况，一律不安排接待。",
                              by=secretary, user=secretary.user)  # fmt: skip
    inspector = people["sunli"]
    quarter_start = datetime.date(today.year, ((today.month - 1) // 3) * 3 + 1, 1)
    inspected = max(quarter_start, today - datetime.timedelta(days=10))
    services.inspect(
        township=township, village=villages["西岭村"], inspected_on=inspected,
        findings="村委会账目中有一笔招待费用支出未经镇党委批准。", rectify_by=today + datetime.timedelta(days=20),
        responsible=people["guoaifeng"], by=inspector, user=inspector.user,
    )  # fmt: skip
    services.inspect(township=township, village=villages["柞村"], inspected_on=inspected, findings="",
                     rectify_by=None, responsible=None, by=inspector, user=inspector.user)  # fmt: skip
