"""Demo rows of R16 public opinion: opinions of the villages and a unit in every state — just
submitted on the portal, a group opinion with its representatives, a letter verified and reported,
analysed, adopted and done, not adopted, published — and last month's analysis owed."""

from __future__ import annotations

import datetime

from zhidu.opinions import monthly, services
from zhidu.org.models import Department, Person, Township, Village


def create(township: Township, people: dict[str, Person], today: datetime.date) -> None:
    clerk = people["zhangmin"]
    villages = {v.name: v for v in Village.objects.filter(township=township)}
    social = Department.objects.get(township=township, name="社会事务办公室")

    def opinion(topic, title, content, place, intake="portal", **extra):
        where = {"department": place} if isinstance(place, Department) else {"village": villages[place]}
        by = None if intake == "portal" else clerk
        return services.submit(
            township=township, topic=topic, title=title, content=content, intake=intake,
            submitter_phone="13800000000", by=by, **where, **extra,
        )  # fmt: skip

    opinion(
        "livelihood",
        "村道路灯损坏",
        "东沟村主干道路灯坏了三盏，夜间出行不便。",
        "东沟村",
        submitter_name="刘某",
    )
    opinion(
        "group_interest", "合作社土地流转分红标准", "西岭村合作社分红标准不清楚，希望公开计算办法。", "西岭村",
        submitter_name="王某", representatives="王某 13800000001\n李某 13800000002\n张某 13800000003",
        supporter_count=28,
    )  # fmt: skip
    reported = opinion("development", "农产品销售渠道", "苹果滞销，建议镇里组织电商培训。", "柞村",
                       intake="letter", submitter_name="赵某")  # fmt: skip
    services.verify(
        reported, verification="经村委走访核实，全村约40户存在滞销问题。", emerging=True, by=clerk
    )
    adopted = opinion("livelihood", "老年人就医不便", "石门村到镇卫生院没有公交，老人就医困难。", "石门村",
                      intake="phone", submitter_name="孙某")  # fmt: skip
    services.verify(adopted, verification="情况属实，涉及60岁以上老人约120人。", by=clerk)
    services.analyse(
        adopted,
        analysis="偏远村老人就医出行是普遍问题。",
        proposal="协调开通每周两次的村镇就医专线。",
        by=clerk,
    )
    services.decide(adopted, adopted=True, note="协调开通村镇就医专线。", by=clerk)
    services.complete(
        adopted, note="已开通每周二、五往返石门村至镇卫生院的就医专线。", done_on=today, by=clerk
    )
    declined = opinion("other", "建议新建广场", "希望在社会事务办附近新建文化广场。", social, intake="visit",
                       submitter_name="周某")  # fmt: skip
    services.verify(declined, verification="核实：附近已有文化广场。", by=clerk)
    services.analyse(
        declined, analysis="附近500米内已有广场。", proposal="暂不新建，改善现有广场照明。", by=clerk
    )
    services.decide(declined, adopted=False, note="附近已有文化广场，将改善其照明设施。", by=clerk)
    monthly.generate(township, today)  # last month's analysis, owed this month
