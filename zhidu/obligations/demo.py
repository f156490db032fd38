"""The demo township's obligations (zhidu demo, zhidu.org.demo): a fortnight of history."""

from __future__ import annotations

import datetime

from django.utils import timezone

from zhidu.obligations import periodic, services
from zhidu.obligations.models import Obligation
from zhidu.org.models import Person, Township


def create(township: Township, people: dict[str, Person], today: datetime.date) -> None:
    """A fortnight of history: most daily logs filed on time, a few late or missing, then a sweep."""
    for back in range(14, -1, -1):
        periodic.generate(township, today - datetime.timedelta(days=back))
    history = Obligation.objects.filter(township=township, kind="daily-log", due_at__lt=timezone.now())
    for index, obligation in enumerate(history.order_by("due_at", "assignee_id")):
        if index % 7 == 3:
            continue  # never filed: becomes overdue at the sweep
        late = index % 11 == 5
        assert obligation.due_at is not None and obligation.assignee is not None  # a daily log's
        at = obligation.due_at + datetime.timedelta(hours=2 if late else -1)
        services.complete(obligation, by=obligation.assignee.user, at=at)
    services.sweep()
    services.deliver_reminders()
