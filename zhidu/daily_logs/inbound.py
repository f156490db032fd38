"""R18 第三 by message: the notifications kernel's webhooks hand a text starting with "日志" from a
registered number to `handle` (registered from apps.py), which files the member's log for the day
through the entry point `services.submit_by_message`."""

from __future__ import annotations

import datetime

from zhidu.core.chinese import cn_date
from zhidu.daily_logs import services
from zhidu.daily_logs.models import DailyLog
from zhidu.org.models import Person

WORD = "日志"
CHANNELS = {
    "sms": DailyLog.Channel.SMS,
    "wecom": DailyLog.Channel.WECHAT,
    "dingtalk": DailyLog.Channel.DINGTALK,
}


def handle(person: Person, text: str, channel: str, received_at: datetime.datetime) -> tuple[str, DailyLog]:
    log = services.submit_by_message(
        member=person, text=text, channel=CHANNELS.get(channel, channel), received_at=received_at
    )
    return f"已收到您{cn_date(log.day)}的工作日清，谢谢。", log
