"""The obligations engine: due times from the calendar, the sweep just before, at and after a
deadline, reminders to the person then their leader, completion races, recomputation."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from zhidu.core.models import AuditEntry
from zhidu.obligations import services
from zhidu.obligations.deadlines import DeadlineRule, RuleError
from zhidu.obligations.models import Obligation, Reminder
from zhidu.workdays.services import enter_notice

SH = ZoneInfo("Asia/Shanghai")
State = Obligation.State


def at(*args):
    return datetime.datetime(*args, tzinfo=SH)


def open_one(town, person, rule, key="k1"):
    return services.open_obligation(
        township=town,
        kind="periodic-report",
        article="R15",
        title="两个月工作报告",
        key=key,
        rule=rule,
        assignee=person,
    )[0]


@pytest.mark.django_db
def test_due_time_follows_the_calendar_across_national_day(town, people):
    # "the next working day" after 2026-09-30 is 2026-10-08 (National Day 10-01..10-07).
    ob = open_one(town, people["deputy"], DeadlineRule("after_workdays", datetime.date(2026, 9, 30), 1))
    assert ob.due_at == at(2026, 10, 8, 23, 59, 59)
    assert ob.provisional is False
    # The leader is reminded at the end of the following working day (10-09, a Friday).
    assert ob.escalate_at == at(2026, 10, 9, 23, 59, 59)
    assert ob.escalate_to == people["secretary"]
    assert AuditEntry.objects.filter(action="obligation.open", target_id=str(ob.pk)).count() == 1


@pytest.mark.django_db
def test_opening_twice_is_idempotent(town, people):
    rule = DeadlineRule("after_days", datetime.date(2026, 9, 10), 30)
    first = open_one(town, people["deputy"], rule)
    again, created = services.open_obligation(
        township=town,
        kind="periodic-report",
        article="R15",
        title="x",
        key="k1",
        rule=rule,
        assignee=people["deputy"],
    )
    assert (again.pk, created) == (first.pk, False)
    assert first.due_at == at(2026, 10, 10, 23, 59, 59)  # 10-10 is an adjusted working Saturday


def test_a_rule_with_both_units_is_refused():
    with pytest.raises(RuleError, match="单位"):
        DeadlineRule.from_units(after=datetime.date(2026, 1, 1), days=3, workdays=3)
    with pytest.raises(RuleError, match="之后"):
        DeadlineRule.from_units(days=3)
    with pytest.raises(RuleError):
        DeadlineRule("after_days", datetime.date(2026, 1, 1), -1)


@pytest.mark.django_db
def test_sweep_just_before_at_and_after_the_deadline(town, people):
    ob = open_one(town, people["deputy"], DeadlineRule("after_workdays", datetime.date(2026, 9, 30), 1))
    with time_machine.travel(at(2026, 10, 8, 23, 59, 58), tick=False):
        assert services.sweep().marked_overdue == 0
    with time_machine.travel(ob.due_at, tick=False):
        assert services.sweep().marked_overdue == 0  # the deadline is the end of that day, inclusive
    with time_machine.travel(at(2026, 10, 9, 0, 0, 1), tick=False):
        assert services.sweep().marked_overdue == 1
        assert services.sweep().marked_overdue == 0  # safe to run twice
    ob.refresh_from_db()
    assert (ob.state, ob.reminder_level) == (State.OVERDUE, 1)
    # The "due soon" reminder (queued by the first sweep, the day before) and the overdue one.
    assert services.deliver_reminders() == 2
    assert services.deliver_reminders() == 0
    assert Reminder.objects.get(level=1).recipient == people["deputy"]
    with time_machine.travel(at(2026, 10, 10, 0, 0, 1), tick=False):
        result = services.sweep()
    assert (result.marked_overdue, result.escalated) == (0, 1)
    assert services.deliver_reminders() == 1
    assert Reminder.objects.get(level=2).recipient == people["secretary"]
    # The bulk writes are audited once per run that changed something (issue 6), not per row.
    sweeps = AuditEntry.objects.filter(action="obligations.sweep").order_by("pk")
    assert [e.detail["overdue"] for e in sweeps] == [0, 1, 0]  # the day-before reminder, then overdue
    assert AuditEntry.objects.filter(action="obligations.remind").count() == 2


@pytest.mark.django_db
def test_sweep_dry_run_changes_nothing(town, people):
    open_one(town, people["deputy"], DeadlineRule("after_days", datetime.date(2026, 1, 5), 1))
    with time_machine.travel(at(2026, 3, 1, 9), tick=False):
        assert services.sweep(dry_run=True).marked_overdue == 1
        assert Obligation.objects.get().state == State.OPEN


@pytest.mark.django_db
def test_complete_on_time_late_and_twice(town, people):
    rule = DeadlineRule("after_days", datetime.date(2026, 6, 1), 3)
    on_time = open_one(town, people["deputy"], rule, key="a")
    late = open_one(town, people["deputy"], rule, key="b")
    user = people["deputy"].user
    assert services.complete(on_time, by=user, at=at(2026, 6, 4, 23, 0))
    assert on_time.state == State.DONE
    assert services.complete(late, by=user, at=at(2026, 6, 5, 0, 0, 1))
    assert late.state == State.DONE_LATE
    # A second click (or a second clerk) records nothing and keeps the first completion time.
    assert not services.complete(on_time, by=user, at=at(2026, 6, 9))
    on_time.refresh_from_db()
    assert on_time.completed_at == at(2026, 6, 4, 23, 0)
    assert AuditEntry.objects.filter(action="obligation.complete").count() == 2


@pytest.mark.django_db
def test_an_overdue_obligation_completed_is_done_late(town, people):
    ob = open_one(town, people["deputy"], DeadlineRule("after_days", datetime.date(2026, 6, 1), 3))
    with time_machine.travel(at(2026, 6, 10), tick=False):
        services.sweep()
        ob.refresh_from_db()
        assert services.complete(ob, by=people["deputy"].user)
    assert ob.state == State.DONE_LATE


@pytest.mark.django_db(transaction=True)
def test_entering_the_notice_recomputes_provisional_deadlines(town, people):
    # 2027 has no official data yet: the deadline is provisional and ignores 调休.
    ob = open_one(town, people["deputy"], DeadlineRule("after_workdays", datetime.date(2027, 2, 5), 3))
    assert ob.provisional is True
    provisional_due = ob.due_at
    # A notice making Sunday 2027-02-07 a working day moves "3 working days after 02-05" earlier.
    enter_notice(
        2027,
        "国务院办公厅关于2027年部分节假日安排的通知",
        datetime.date(2026, 11, 20),
        holidays=[(datetime.date(2027, 2, 5), datetime.date(2027, 2, 13), "春节")],
        adjusted_workdays=[datetime.date(2027, 2, 14)],
    )
    ob.refresh_from_db()
    assert ob.provisional is False
    assert ob.due_at != provisional_due
    assert ob.due_at == at(2027, 2, 16, 23, 59, 59)  # 02-14 (adjusted), 02-15, 02-16


@pytest.mark.django_db
def test_due_soon_reminder_the_working_day_before(town, people):
    # Due 2026-10-08 (after National Day): the person is reminded at 09:00 on 09-30, the working day before.
    ob = open_one(town, people["deputy"], DeadlineRule("after_workdays", datetime.date(2026, 9, 30), 1))
    assert ob.remind_at == at(2026, 9, 30, 9, 0)
    with time_machine.travel(at(2026, 9, 30, 8, 59), tick=False):
        assert services.sweep().due_soon == 0
    with time_machine.travel(at(2026, 9, 30, 9, 0), tick=False):
        assert services.sweep().due_soon == 1
        assert services.sweep().due_soon == 0
    assert services.deliver_reminders() == 1
    assert services.deliver_reminders() == 0
    reminder = Reminder.objects.get()
    assert (reminder.level, reminder.recipient) == (Obligation.Reminder.SOON, people["deputy"])


@pytest.mark.django_db
def test_no_due_soon_reminder_once_overdue_or_when_not_wanted(town, people):
    late = open_one(
        town, people["deputy"], DeadlineRule("after_days", datetime.date(2026, 6, 1), 3), key="late"
    )
    quiet, _ = services.open_obligation(
        township=town,
        kind="daily-log",
        article="R18",
        title="日清",
        key="quiet",
        rule=DeadlineRule("after_days", datetime.date(2026, 6, 1), 3),
        assignee=people["deputy"],
        remind_before=False,
    )
    assert quiet.remind_at is None
    with time_machine.travel(at(2026, 6, 10, 9), tick=False):
        result = services.sweep()
    assert (result.marked_overdue, result.due_soon) == (2, 0)
    late.refresh_from_db()
    assert late.state == Obligation.State.OVERDUE and not late.soon_reminded
