"""Demo annual self-reports of 柞村镇 (R10), through the entry points only: 邱维兴 has submitted his
report, 林平 has a draft with two points written, the others have their empty report and duty; the
organization office (赵磊) has added two village heads and a head of a dual-managed unit to the
report meeting's list."""

from __future__ import annotations

import datetime

from zhidu.org.models import Person
from zhidu.self_reports import checks, services

TEXT = "一年来，本人认真履行岗位职责，{point}方面做了以下工作：坚持学习，按照镇党委的统一部署推进各项工作，按期完成年度目标任务，"
TEXT += "在工作中注重调查研究，主动听取群众意见，做到重大事项集体研究、按程序办理，并接受党员群众监督。"


def create(township, people: dict[str, Person], today: datetime.date) -> None:
    year = today.year
    for person in services.team_in_year(township, year):
        services.ensure_report(person, year, actor=None)
    qiu, lin = people["qiuweixing"], people["linping"]
    done = services.start_report(person=qiu, year=year, user=qiu.user)
    points = [TEXT.format(point=checks.POINT_TITLES_CN[p.number]) for p in checks.POINTS]
    annex = services.fresh_annex(qiu, year)
    services.save_draft(done, points=points, annex=annex, user=qiu.user)
    services.submit(done, points=points, annex=annex, user=qiu.user)
    draft = services.start_report(person=lin, year=year, user=lin.user)
    services.save_draft(draft, points=[*points[:2], "", "", "", "", ""], user=lin.user)
    office = people["zhaolei"]
    for group, name, unit in [
        ("village_head", "王建国", "柞村党支部书记"),
        ("village_head", "刘秀英", "东沟村党支部书记、村委会主任"),
        ("unit_head", "陈立新", "镇供电所所长"),
    ]:
        services.add_participant(
            township=township, year=year, group=group, name=name, unit=unit, by=office, user=office.user
        )
