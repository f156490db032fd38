"""The one job (zhidu.obligations.jobs): `zhidu sweep` under cron settings opens the recurring
duties exactly as the embedded scheduler does, a dry run writes nothing, a second run and a lost race
open nothing twice, and the daily log follows the working-day calendar across National Day."""

import datetime
from collections import Counter
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import IntegrityError, transaction

from zhidu.core.models import AuditEntry
from zhidu.obligations import jobs, scheduler, services
from zhidu.obligations.models import Obligation
from zhidu.trust.models import ChainEntry

SH = ZoneInfo("Asia/Shanghai")
# R18 daily log, R20 talks, R10 self-report, R13 life meeting, R5/R6 letters.
RECURRING = {
    "daily-log",
    "heart-talk-quota",
    "annual-self-report",
    "democratic-life-meeting",
    "responsibility-letter",
}


def at(*args):
    return datetime.datetime(*args, tzinfo=SH)


def sweep(capsys, *args) -> str:
    capsys.readouterr()
    call_command("sweep", *args)
    return capsys.readouterr().out.strip().splitlines()[-1]


def test_every_area_registers_its_generator_with_the_one_job():
    names = set(jobs.generators())
    assert {"obligations.periodic", "supervision"} <= names


@pytest.mark.django_db
def test_sweep_with_cron_settings_opens_the_recurring_duties(town, people, settings, capsys):
    settings.ZHIDU_SWEEP_SECONDS = 0  # cron: no scheduler thread, only `zhidu sweep`
    assert scheduler.start(settings.ZHIDU_SWEEP_SECONDS) is None
    with time_machine.travel(at(2026, 11, 26, 9, 0), tick=False):
        line = sweep(capsys)
    opened = Obligation.objects.filter(township=town)
    assert RECURRING <= set(opened.values_list("kind", flat=True))
    assert f"新开事项 {opened.count()} 项" in line
    # Each duty opened once, audited once.
    assert AuditEntry.objects.filter(action="obligation.open").count() == opened.count()


@pytest.mark.django_db
def test_a_second_run_opens_nothing_and_nothing_twice(town, people, capsys):
    with time_machine.travel(at(2026, 11, 26, 9, 0), tick=False):
        sweep(capsys)
        count = Obligation.objects.count()
        assert sweep(capsys).startswith("新开事项 0 项")
        assert jobs.run().opened_total == 0
    assert Obligation.objects.count() == count
    keys = Counter(Obligation.objects.values_list("township_id", "key"))
    assert max(keys.values()) == 1


@pytest.mark.django_db
def test_the_scheduler_runs_the_same_job(town, people):
    with time_machine.travel(at(2026, 11, 26, 9, 0), tick=False):
        scheduler.run_once()
    assert RECURRING <= set(Obligation.objects.values_list("kind", flat=True))


@pytest.mark.django_db
def test_dry_run_reports_what_it_would_open_and_writes_nothing(town, people, capsys):
    audit, chain = AuditEntry.objects.count(), ChainEntry.objects.count()
    with time_machine.travel(at(2026, 11, 26, 9, 0), tick=False):
        line = sweep(capsys, "--dry-run")
        assert line.startswith("（试运行）新开事项 ")
        assert not line.startswith("（试运行）新开事项 0 项")
        assert not Obligation.objects.exists()
        assert (AuditEntry.objects.count(), ChainEntry.objects.count()) == (audit, chain)
        # The real run then opens what the dry run announced.
        would = jobs.run(dry_run=True).opened_total
        assert jobs.run().opened_total == would == Obligation.objects.count()


@pytest.mark.django_db
def test_the_daily_log_opens_on_working_days_only_across_national_day(town, people, capsys):
    """National Day 2026: 10-01..10-07 off, Saturday 10-10 an adjusted working day, Sunday 10-11 off
    (State Council notice; zhidu.workdays). The job runs every morning from 09-30 to 10-12."""
    day = datetime.date(2026, 9, 30)
    while day <= datetime.date(2026, 10, 12):
        with time_machine.travel(at(day.year, day.month, day.day, 9, 0), tick=False):
            sweep(capsys)
        day += datetime.timedelta(days=1)
    logs = Obligation.objects.filter(kind="daily-log")
    days = sorted({o.key.rsplit(":", 1)[1] for o in logs})
    assert days == ["2026-09-30", "2026-10-08", "2026-10-09", "2026-10-10", "2026-10-12"]
    assert logs.count() == 2 * len(days)  # the secretary and the deputy; the clerk is not on the team
    # Each is due at 18:00 its own day; the runs after it marked the missed ones overdue.
    log = logs.get(assignee=people["deputy"], key__endswith="2026-10-10")
    assert log.due_at == at(2026, 10, 10, 18, 0)
    assert log.state == Obligation.State.OVERDUE


@pytest.mark.django_db
def test_the_database_refuses_a_second_row_with_the_same_key(town, people):
    fields = {
        "township": town,
        "kind": "daily-log",
        "article": "R18",
        "title": "x",
        "key": "daily-log:1:2026-10-08",
        "assignee": people["deputy"],
    }
    Obligation.objects.create(**fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        Obligation.objects.create(**fields)


@pytest.mark.django_db
def test_opening_after_losing_the_race_returns_the_winners_row(town, people, monkeypatch):
    """Two servers both look, find no row, and both insert: the second insert is refused by the
    constraint, rolled back with its audit entry, and the winner's row returned."""
    kwargs = {
        "township": town,
        "kind": "daily-log",
        "article": "R18",
        "title": "提交工作日清",
        "key": "daily-log:race",
        "rule": None,
        "assignee": people["deputy"],
    }
    winner, created = services.open_obligation(**kwargs)
    assert created
    looked = []

    def missed_it(township, key, _real=services._keyed):
        looked.append(key)
        return None if len(looked) == 1 else _real(township, key)  # the first look misses the row

    monkeypatch.setattr(services, "_keyed", missed_it)
    again, created = services.open_obligation(**kwargs)
    assert (again.pk, created) == (winner.pk, False)
    assert len(looked) == 2  # looked, inserted, was refused, looked again
    assert AuditEntry.objects.filter(action="obligation.open").count() == 1


@pytest.mark.django_db
def test_complete_by_key(town, people):
    duty, _ = services.open_obligation(
        township=town,
        kind="notice-receipt",
        article="R1",
        title="确认收到会议通知",
        key="notice:1:2",
        rule=None,
        assignee=people["deputy"],
    )
    user = people["deputy"].user
    assert services.complete_by_key(town, "notice:1:2", by=user)
    assert not services.complete_by_key(town, "notice:1:2", by=user)  # already done
    assert not services.complete_by_key(town, "notice:9:9", by=user)  # never opened
    duty.refresh_from_db()
    assert duty.state == Obligation.State.DONE and duty.completed_by == user


def test_only_the_system_runs_the_job(town, people):
    """The job's actions belong to SYSTEM alone: a person's account, even an administrator's or the
    party office's, is refused, and no actor at all is refused too; nothing is opened."""
    from django.contrib.auth.models import User
    from django.core.exceptions import PermissionDenied

    admin = User.objects.create_superuser("root-job", password="x")
    for actor in (admin, None):
        with pytest.raises(PermissionDenied):
            jobs.run(actor=actor)
    assert not Obligation.objects.exists()
    assert jobs.run().opened_total > 0
