"""The demo township's obligations (zhidu demo, zhidu.org.demo): the sweep and the reminders over
what the steps before opened. Each area's demo makes its own history (the daily logs' fortnight is
zhidu.daily_logs.demo)."""

from __future__ import annotations

import datetime

from zhidu.obligations import services
from zhidu.org.models import Person, Township


def create(township: Township, people: dict[str, Person], today: datetime.date) -> None:
    services.sweep()
    services.deliver_reminders()
