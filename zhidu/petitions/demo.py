"""Demo rows of petition reception (R21): the leaders' reception days of this month and the next,
and cases in every state — answered at once, routed, extended and told, overdue."""

from __future__ import annotations

import datetime

from django.utils import timezone

from zhidu.org.models import Department, Person, Township
from zhidu.petitions import monthly, office, services


def create(township: Township, people: dict[str, Person], today: datetime.date) -> None:
    clerk = people["zhangmin"]
    leaders = [people["yangdong"], people["qiuweixing"], people["linping"]]
    places = ["镇政府一楼群众接待室", "镇政府一楼群众接待室", "柞村村委会"]
    start = today - datetime.timedelta(days=today.weekday())  # this week's Monday
    for week in range(2):
        for leader, place in zip(leaders, places, strict=True):
            day = start + datetime.timedelta(days=7 * week + leaders.index(leader) * 2)
            office.schedule(
                township=township, day=day, starts_at=datetime.time(9), ends_at=datetime.time(11, 30),
                place=place, leader=leader, by=clerk,
            )  # fmt: skip
    social = Department.objects.get(township=township, name="社会事务办公室")
    economy = Department.objects.get(township=township, name="经济发展办公室")

    def case(days_ago, mode, subject, name, issue, leader="qiuweixing", **extra):
        return services.register(
            township=township, mode=mode, received_on=today - datetime.timedelta(days=days_ago),
            leader=people[leader], subject=subject, petitioner_name=name, petitioner_phone="13800000000",
            petitioner_address="柞村镇东沟村", issue=issue, by=clerk,
            **extra,
        )  # fmt: skip

    # 综治办 first: its head answers its cases (the form fuzzer finds a department member that way).
    peace = Department.objects.get(township=township, name="综治办公室")
    dispute = case(2, "appointment", "邻里纠纷调解", "孙某", "与邻居因排水沟多次争吵。", leader="xuwen",
                   appointment_at=timezone.now() - datetime.timedelta(days=2))  # fmt: skip
    services.route(dispute, department=peace, by=clerk)
    case(
        3,
        "scheduled",
        "低保申请咨询",
        "王大爷",
        "询问低保申请条件。",
        answer_now="已当场告知低保申请条件和所需材料。",
    )
    for days_ago, subject, issue in (
        (20, "村道积水", "东沟村村道雨后积水，出行困难。"),
        (12, "农田灌溉渠堵塞", "西岭村灌溉渠淤堵，影响春灌。"),
        (9, "土地流转租金拖欠", "流转土地的租金半年未付。"),
        (5, "企业噪声扰民", "工业园区企业夜间噪声大。"),
    ):
        routed = case(days_ago, "scheduled", subject, "李某", issue, leader="linping")
        services.route(routed, department=economy, by=clerk)
    old = case(75, "on_site", "宅基地边界纠纷", "赵某", "与邻居宅基地边界有争议。", leader="yangdong")
    services.route(old, department=social, by=clerk)
    services.extend(
        old, decided_on=today - datetime.timedelta(days=20), days=30, reason="涉及多个部门，需现场核实",
        told_on=today - datetime.timedelta(days=19), told_how="phone", by=clerk,
    )  # fmt: skip
    late = case(70, "scheduled", "养老保险补缴", "钱某", "养老保险补缴手续未办完。")
    services.route(late, department=social, by=clerk)
    monthly.generate(township, today)  # last month's report, owed to the committee this month
