"""Small builders of R10 tests."""

import datetime
from zoneinfo import ZoneInfo

from zhidu.self_reports import services

SH = ZoneInfo("Asia/Shanghai")
FULL = "本年度本人认真履行岗位职责，坚持民主集中制，按期完成各项工作任务，自觉接受监督，廉洁自律。" * 2


def at(year, month, day, hour=10, minute=0, second=0):
    return datetime.datetime(year, month, day, hour, minute, second, tzinfo=SH)


def end_of(year, month, day):
    return at(year, month, day, 23, 59, 59)


def full_points():
    return [f"第{n}项：{FULL}" for n in range(1, 8)]


def started(person, year=2026):
    return services.start_report(person=person, year=year, user=person.user)
