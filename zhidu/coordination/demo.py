"""Demo R14 records for 柞村镇, through the entry points only: 胡新璐 is away at a training at the
county party school (reported beforehand, acknowledged by 杨栋); 林平 came back from a county meeting
and cancelled his leave with its report; last week's Friday briefing is closed, this week's prepared
from the daily logs; 邱维兴 reported a matter to 杨栋, who replied."""

from __future__ import annotations

import datetime

from django.utils import timezone

from zhidu.coordination import services
from zhidu.coordination.checks import monday_of
from zhidu.coordination.services.briefing import day_of_week
from zhidu.org.models import Person


def create(township, people: dict[str, Person], today: datetime.date) -> None:
    def moment(days: int, hour: int = 9) -> datetime.datetime:
        return timezone.make_aware(
            datetime.datetime.combine(today + datetime.timedelta(days=days), datetime.time(hour))
        )

    secretary, clerk = people["yangdong"], people["zhangmin"]
    hu, lin, qiu = people["huxinlu"], people["linping"], people["qiuweixing"]
    # Away the whole week, so this week's briefing shows the absence on whatever weekday it is.
    away = services.report_leave(
        person=hu,
        purpose="training",
        destination="县委党校中青年干部培训班",
        starts_at=moment(-1, 8),
        ends_on=max(today + datetime.timedelta(days=2), monday_of(today) + datetime.timedelta(days=6)),
        user=hu.user,
        at=moment(-3, 16),
    )
    services.acknowledge(away, by=secretary, user=secretary.user, at=moment(-3, 17))
    back = services.report_leave(
        person=lin, purpose="meeting", destination="县安全生产工作会议", starts_at=moment(-9, 8),
        ends_on=today - datetime.timedelta(days=8), user=lin.user, at=moment(-10, 15),
    )  # fmt: skip
    services.acknowledge(back, by=secretary, user=secretary.user, at=moment(-10, 16))
    services.cancel_leave(
        back, person=lin, report="会议传达了省安委会冬春安全生产部署，要求各乡镇开展燃气、消防隐患排查，月底前上报。",
        user=lin.user, at=moment(-7, 9),
    )  # fmt: skip
    last_week = monday_of(today) - datetime.timedelta(days=7)
    last = None
    if day_of_week(last_week) is not None:  # a week without working days holds none
        last = services.prepare_week(township, last_week, by=clerk, user=clerk.user)
    if last is not None and last.state == last.State.DRAFT:
        entries = {
            e.person_id: services.EntryInput(
                e.present, e.absence_reason, e.this_week or "按分工推进分管工作", e.next_week or "继续抓好分管工作落实",
                "下周三全体班子成员参加县委经济工作会议" if e.person_id == secretary.pk else "",
            )
            for e in last.entries.all()
        }  # fmt: skip
        services.save(last, version=last.version, held_on=last.held_on, place="镇政府三楼会议室", notes="",
                      entries=entries, by=clerk, user=clerk.user)  # fmt: skip
        at = timezone.make_aware(datetime.datetime.combine(last.held_on, datetime.time(17)))
        services.close(last, version=last.version, by=clerk, user=clerk.user, at=at)
    if day_of_week(monday_of(today)) is not None:
        services.prepare_week(township, today, by=clerk, user=clerk.user)
    report = services.submit(
        author=qiu, principal=secretary, kind="request", subject="关于冬季供暖应急保障的请示",
        content="拟启用镇应急储备资金5万元，用于困难户冬季取暖补助，请示书记。", user=qiu.user, at=moment(-4, 10),
    )  # fmt: skip
    services.reply(
        report,
        by=secretary,
        answer="同意，提交下次党委会研究后执行。",
        user=secretary.user,
        at=moment(-3, 11),
    )
