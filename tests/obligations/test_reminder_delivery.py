"""Reminder delivery at scale (issue 18): each batch reads the next undelivered rows in key order
from a partial index (no scan of the whole table per tick), and one call keeps going batch after
batch, so a backlog is not stuck at one batch per tick."""

import datetime

import pytest
from django.db import connection

from tests.obligations.test_engine import SH, open_one
from zhidu.obligations import services
from zhidu.obligations.deadlines import DeadlineRule
from zhidu.obligations.models import Obligation, Reminder

pytestmark = pytest.mark.django_db
AFTER = datetime.datetime(2026, 12, 20, 9, 0, tzinfo=SH)


def _overdue(town, person, n):
    for i in range(n):
        open_one(town, person, DeadlineRule("after_workdays", datetime.date(2026, 11, 2), 1), key=f"k{i}")
    services.sweep(AFTER)


def test_one_call_delivers_the_whole_backlog_batch_after_batch(town, people, django_assert_max_num_queries):
    _overdue(town, people["deputy"], 7)
    queued = Obligation.objects.filter(state="overdue").count()
    assert queued == 7
    with django_assert_max_num_queries(60):
        delivered = services.deliver_reminders(batch=3)
    assert delivered == Reminder.objects.count() >= 7
    assert services.deliver_reminders(batch=3) == 0


def test_a_capped_call_leaves_the_rest_for_the_next(town, people):
    _overdue(town, people["deputy"], 5)
    first = services.deliver_reminders(batch=2, max_batches=1)
    assert first >= 2 and Obligation.objects.filter(delivered_level=0, reminder_level__gt=0).count() == 3
    assert services.deliver_reminders(batch=2) + first == Reminder.objects.count()


def _plan(queryset) -> str:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # A test table is tiny, so the planner would rightly read it whole: forbid that, and
            # see which index it can use instead (none usable → it still scans).
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_bitmapscan = off")
    return queryset.explain()


def test_the_pending_queues_are_read_through_their_partial_indexes(town, people):
    from django.db import transaction
    from django.db.models import F

    _overdue(town, people["deputy"], 3)
    with transaction.atomic():
        pending = Obligation.objects.filter(delivered_level__lt=F("reminder_level"), pk__gt=0).order_by("pk")
        plan = _plan(pending.values("pk")[:1000])
        soon = Obligation.objects.filter(soon_reminded=True, soon_delivered=False, pk__gt=0).order_by("pk")
        soon_plan = _plan(soon.values("pk")[:1000])
    assert "obligation_to_deliver" in plan, plan
    assert "obligation_soon_to_deliver" in soon_plan, soon_plan
