"""Demo daily logs for 柞村镇 (R18): the team's last five working days, through the entry points: most
logs handed in on time on the web, one late, one missing, one reported by SMS while away and entered
by the party office (张敏), an unfinished task carried forward, and last week's reviews."""

from __future__ import annotations

import datetime

from django.utils import timezone

from zhidu.daily_logs import periodic, services
from zhidu.daily_logs.models import DailyLog
from zhidu.obligations import services as obligations
from zhidu.org.models import Person, Township, team_on
from zhidu.workdays.services import get_calendar

SUMMARIES = [
    ("走访工业园区三家企业，了解用工和用电需求", "召开安全生产调度会"),
    ("组织村两委干部学习会议精神", "到东沟村调研人居环境整治"),
    ("督导秋冬季森林防火工作", "检查河口村防火物资储备"),
    ("协调园区道路征地补偿，两户未签字", "继续做两户群众工作"),
    ("参加县里项目推进会", "落实项目推进会部署"),
]


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def create(township: Township, people: dict[str, Person], today: datetime.date) -> None:
    cal = get_calendar()
    days = [cal.before_workdays(today, n).date for n in range(5, 0, -1)]
    office = people["zhangmin"]
    for index, day in enumerate(days):
        periodic.generate(township, day)
        members = list({t.person.pk: t.person for t in team_on(township, day)}.values())
        for number, member in enumerate(members):
            summary, plan = SUMMARIES[(index + number) % len(SUMMARIES)]
            if member.user is None or (index == 3 and number == 6):
                continue  # never handed in: overdue at the sweep
            if index == 2 and number == 5:
                services.enter(
                    member=member, by=office, day=day, channel=DailyLog.Channel.SMS,
                    received_at=_at(day, 17, 35), summary=f"（外出开会，短信报送）{summary}", plan=plan,
                    user=office.user, at=_at(day, 17, 50),
                )  # fmt: skip
                continue
            tasks = []
            if number == 5 and index in (0, 1):
                carried = DailyLog.objects.filter(township=township, member=member, day__lt=day).first()
                origin = carried.unfinished.first() if carried is not None else None
                tasks = [
                    services.TaskInput(
                        "园区道路征地协调",
                        "两户未签字",
                        member,
                        cal.after_workdays(day, 3).date,
                        origin.pk if origin is not None else None,
                    )
                ]
            late = index == 4 and number == 4
            services.submit(
                member=member, day=day, summary=summary, plan=plan, tasks=tasks, user=member.user,
                at=_at(day, 19, 10) if late else _at(day, 17, 20 + number * 4),
            )  # fmt: skip
    last_week = days[0] - datetime.timedelta(days=days[0].weekday())
    for member in list({t.person.pk: t.person for t in team_on(township, days[-1])}.values())[:5]:
        services.file_review(
            member=member, review="本周按计划推进重点工作，园区征地仍有两户未签字。", problems="加强与群众沟通",
            user=member.user, at=min(_at(last_week + datetime.timedelta(days=4), 17), timezone.now()),
        )  # fmt: skip
    obligations.sweep()
