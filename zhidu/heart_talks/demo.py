"""Demo heart-to-heart talks for 柞村镇 (R20), through the entry points only: the generator opens this
year's quotas; 杨栋 talked with 邱维兴 twice (met) and with 胡新璐 once; 邱维兴 talked with 张敏; the
organization office (赵磊) entered a must-talk for 吴芳 (a difficulty)."""

from __future__ import annotations

import datetime

from zhidu.heart_talks import periodic, services
from zhidu.org.models import Person


def create(township, people: dict[str, Person], today: datetime.date) -> None:
    periodic.generate(township, today)
    yang, qiu = people["yangdong"], people["qiuweixing"]

    def talk(talker, others, days_back, manner, contents, notes):
        services.record_talk(
            talker=talker,
            participants=others,
            held_on=today - datetime.timedelta(days=days_back),
            mode="one_to_one" if len(others) == 1 else "group",
            manner=manner,
            contents=contents,
            notes=notes,
            user=talker.user,
        )

    start = (today - datetime.date(today.year, 1, 1)).days
    talk(yang, [qiu], min(start, 200), "inspiring", [1, 5], "交流上半年重点工作推进情况。")
    talk(yang, [qiu], min(start, 20), "inspiring", [2, 7], "谈年度目标完成情况和明年思路。")
    talk(yang, [people["huxinlu"]], min(start, 90), "encouraging", [5], "谈宣传工作创新。")
    talk(qiu, [people["zhangmin"]], min(start, 30), "inspiring", [4, 6], "谈党政办公室服务保障工作。")
    office = people["zhaolei"]
    services.enter_trigger(
        person=people["wufang"],
        kind="difficulty",
        occurred_on=today - datetime.timedelta(days=3),
        note="家中老人住院，工作压力较大。",
        by=office,
        user=office.user,
    )
