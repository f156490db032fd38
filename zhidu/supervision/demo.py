"""Demo supervision for 柞村镇 (R7), built through the entry points only, with the seed's leading group:
组长 杨栋 approves; the office (主任 郭爱峰, 副主任 曲坚强) and the discipline officer 孙丽 register,
assign, chase and decide. Six items, one per state a user should meet on first log-in: awaiting
approval, a passed team decision being carried out, overdue, rejected once and reported again, not
done yet (progress reports), closed. Also the R5/R6 responsibility matrix, contact points and the
year's target-responsibility letters."""

from __future__ import annotations

import datetime

from zhidu.org.models import Department, Person, Village
from zhidu.supervision import responsibility, services
from zhidu.supervision.models import ContactPoint, ResponsibilityArea
from zhidu.workdays.services import get_calendar


def create(township, people: dict[str, Person], today: datetime.date) -> None:
    from django.utils import timezone

    from zhidu.meetings.models import AgendaEntry
    from zhidu.obligations import services as obligations

    cal = get_calendar()
    office, principal = people["sunli"], people["yangdong"]
    departments = {d.name: d for d in Department.objects.filter(township=township)}

    def back(n: int) -> datetime.date:
        return cal.before_workdays(today, n).date

    def ahead(n: int) -> datetime.date:
        return cal.after_workdays(today, n).date

    def moment(day: datetime.date, hour: int = 10) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))

    def item(day, matter, source, owner, deadline, *, basis, requirements, **extra):
        return services.register(
            township=township,
            by=office,
            user=office.user,
            source=source,
            matter=matter,
            basis=basis,
            requirements=requirements,
            owner_department=people[owner].department,
            owner_person=people[owner],
            deadline=deadline,
            at=moment(day, 9) if day else None,
            **extra,
        )

    def approve_and_assign(it, day):
        services.approve(it, by=principal, user=principal.user, note="同意，按期办结。", at=moment(day, 11))
        services.assign(it, by=office, user=office.user, at=moment(day, 15))

    # 1. Waiting for the principal (组长 杨栋).
    item(
        None,
        "推进农村人居环境整治“回头看”",
        "media",
        "wufang",
        ahead(15),
        basis="市电视台《问政》栏目反映部分村垃圾清运不及时",
        requirements="逐村排查垃圾清运情况，建立问题清单，限期整改到位",
    )

    # 2. The decision the demo's closed team meeting passed, registered the next working day.
    entry = next(
        (
            e
            for e in AgendaEntry.objects.filter(township=township).select_related("meeting", "item")
            if services.passed_decision(e)
        ),
        None,
    )
    if entry is not None:
        day = cal.after_workdays(timezone.localtime(entry.meeting.held_at).date(), 1).date
        decided = item(
            day,
            entry.item.title,
            "team_decision",
            "zhouqiang",
            ahead(10),
            basis=f"{entry.meeting.title}：{entry.resolution}",
            requirements=entry.resolution or entry.item.title,
            source_entry=entry,
        )
        approve_and_assign(decided, day)
        # The chase is discipline inspection's (supervision.chase), as on the web.
        chaser = office
        services.log_chase(
            decided,
            by=chaser,
            user=chaser.user,
            kind="visit",
            note="到经济发展办公室了解资金拨付进度",
            at=moment(back(1), 16),
        )

    # 3. Overdue: assigned, chased, no report by the deadline.
    late = item(
        back(25),
        "整治集镇占道经营",
        "superior",
        "chengang",
        back(5),
        basis="县委督查室交办单（县督〔2026〕12号）",
        requirements="清理集镇主街占道经营，建立长效管理机制，书面报告整治情况",
    )
    approve_and_assign(late, back(24))
    services.log_chase(
        late,
        by=office,
        user=office.user,
        kind="call",
        note="电话催办陈刚，答复本周内报送",
        at=moment(back(3), 9),
    )

    # 4. Rejected once, the rectification report now waits for review.
    relief = item(
        back(20),
        "落实困难群众临时救助",
        "mailbox",
        "wufang",
        back(8),
        basis="民情信箱来信反映临时救助审批慢",
        requirements="核查来信反映情况，规范临时救助审批流程，报送办理结果",
    )
    approve_and_assign(relief, back(19))
    wufang = people["wufang"]
    services.submit_feedback(
        relief, by=wufang, user=wufang.user, text="已核查来信反映情况，救助已发放。", at=moment(back(9), 16)
    )
    services.reject(
        relief,
        by=office,
        user=office.user,
        requirements="补充救助对象名单、审批表和发放凭证",
        new_deadline=ahead(5),
        note="报告未附救助对象名单和发放凭证",
        at=moment(back(7), 10),
    )
    services.submit_feedback(
        relief,
        by=wufang,
        user=wufang.user,
        text="已补充救助对象名单、审批表和发放凭证，并修订临时救助审批流程。",
        at=moment(back(2), 16),
    )

    # 5. Not done yet: a progress report, the next one due N working days later.
    fields = item(
        back(20),
        "推进高标准农田建设",
        "superior",
        "zhouqiang",
        back(4),
        basis="县农业农村局工作部署",
        requirements="按期完成土地平整和灌溉设施建设，每两周报告进展",
    )
    approve_and_assign(fields, back(19))
    zhouqiang = people["zhouqiang"]
    services.submit_feedback(
        fields,
        by=zhouqiang,
        user=zhouqiang.user,
        completed=False,
        text="尚有两个村未完成土地平整，原因是连续降雨无法进场施工；天气转好后两周内完成。",
        at=moment(back(4), 15),
    )

    # 6. Closed and archived.
    cars = item(
        back(40),
        "机关公务用车专项检查整改",
        "rule_execution",
        "zhangmin",
        back(30),
        basis="《改进工作作风》制度执行检查",
        requirements="对照公务用车管理规定自查，建立用车登记台账",
    )
    approve_and_assign(cars, back(39))
    zhangmin = people["zhangmin"]
    services.submit_feedback(
        cars, by=zhangmin, user=zhangmin.user, text="已完成自查，建立用车登记台账。", at=moment(back(31), 16)
    )
    services.accept(cars, by=office, user=office.user, note="台账规范，同意办结", at=moment(back(29), 10))
    services.close(cars, by=office, user=office.user, at=moment(back(28), 10))  # discipline inspection closes

    _responsibility(township, people, departments, today)
    obligations.sweep()
    obligations.deliver_reminders()


# area, leader in charge, members responsible within their division, departments
AREAS = [
    ("基层党建", "qujianqiang", ["huxinlu", "linping", "xuwen"], ["组织办公室", "党政办公室"]),
    ("党风廉政建设", "guoaifeng", ["qiuweixing", "qujianqiang", "huxinlu"], ["纪委办公室"]),
    ("经济发展", "linping", ["qiuweixing"], ["经济发展办公室"]),
    ("社会事务", "huxinlu", [], ["社会事务办公室"]),
    ("综治维稳", "xuwen", [], ["综治办公室"]),
]
CONTACTS = [
    ("yangdong", "柞村", "党支部力量薄弱，重点抓班子建设"),
    ("qiuweixing", "东沟村", "产业发展"),
    ("guoaifeng", "西岭村", "村务公开"),
    ("qujianqiang", "石门村", "软弱涣散党组织整顿"),
    ("huxinlu", "杨家坪村", ""),
    ("linping", "河口村", "人居环境整治"),
    ("xuwen", "综治办公室", "矛盾纠纷排查"),
]


def _responsibility(township, people, departments, today) -> None:
    start = datetime.date(today.year, 1, 1)
    for name, leader, members, depts in AREAS:
        area = ResponsibilityArea.objects.create(
            township=township,
            name=name,
            principal=people["yangdong"],
            leader_in_charge=people[leader],
            starts_on=start,
        )
        area.members.set([people[m] for m in members])
        area.departments.set([departments[d] for d in depts])
    villages = {v.name: v for v in Village.objects.filter(township=township)}
    for username, place, note in CONTACTS:
        ContactPoint.objects.create(
            township=township,
            person=people[username],
            village=villages.get(place),
            department=None if place in villages else departments[place],
            note=note,
            starts_on=start,
        )
    responsibility.generate_letters(township, today)
