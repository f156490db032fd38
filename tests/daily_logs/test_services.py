"""R18 entry points by persona and by time: a team member hands in at 17:50 (on time) and 18:20 (late),
the party office enters an SMS report received before 18:00 (on time), the duty of the day follows
the log, unfinished tasks carry forward and stay on their owner's duties, the weekly review, refusals."""

import datetime
import json

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from tests.daily_logs.helpers import at, submit
from zhidu.core.models import AuditEntry
from zhidu.daily_logs import checks, exchange, facts, periodic, queries, services
from zhidu.daily_logs.models import DailyLog
from zhidu.obligations.models import Obligation
from zhidu.workdays.services import get_calendar

D = datetime.date
pytestmark = pytest.mark.django_db
DAY = D(2026, 10, 13)  # a Tuesday


def duty(member, day):
    return Obligation.objects.get(key=services.day_key(member.pk, day))


def test_on_time_at_1750_late_at_1820_and_the_duty_follows(people):
    deputy, secretary = people["deputy"], people["secretary"]
    periodic.generate(deputy.township, DAY)
    submit(deputy, DAY, 17, 50)
    submit(secretary, DAY, 18, 20)
    assert duty(deputy, DAY).state == "done" and duty(secretary, DAY).state == "done_late"
    entry = AuditEntry.objects.get(
        action="daily_logs.submit", target_id=str(DailyLog.objects.get(member=secretary).pk)
    )
    assert entry.detail["late"] is True and entry.actor == secretary.user


def test_one_log_per_member_per_day(people):
    submit(people["deputy"], DAY)
    with pytest.raises(ValidationError) as error:
        submit(people["deputy"], DAY, 17, 55)
    assert "day" in error.value.message_dict


def test_only_the_member_submits_their_own_and_only_team_members(people):
    with pytest.raises(PermissionDenied):
        services.submit(member=people["deputy"], day=DAY, summary="x", plan="y", user=people["secretary"].user,
                        at=at(DAY, 17))  # fmt: skip
    with time_machine.travel(at(DAY, 17), tick=False), pytest.raises(PermissionDenied):
        services.submit(member=people["cadre"], day=DAY, summary="x", plan="y", user=people["cadre"].user)


def test_the_summary_and_the_plan_are_required_naming_the_field(people):
    with time_machine.travel(at(DAY, 17), tick=False), pytest.raises(ValidationError) as error:
        services.submit(member=people["deputy"], day=DAY, summary=" ", plan="y", user=people["deputy"].user)
    assert error.value.message_dict["summary"] == ["当日工作总结：请填写"]


def test_the_office_enters_an_sms_report_on_time_when_received_by_1800(people):
    deputy, clerk = people["deputy"], people["clerk"]
    periodic.generate(deputy.township, DAY)
    with time_machine.travel(at(DAY, 19), tick=False):
        log = services.enter(member=deputy, by=clerk, day=DAY, channel="sms", received_at=at(DAY, 17, 40),
                             summary="县里开会", plan="落实会议精神", user=clerk.user)  # fmt: skip
    assert log.channel == "sms" and log.entered_by == clerk and log.submitted_at == at(DAY, 17, 40)
    assert duty(deputy, DAY).state == "done"
    assert AuditEntry.objects.filter(action="daily_logs.enter", actor=clerk.user).exists()
    with time_machine.travel(at(DAY, 19), tick=False), pytest.raises(PermissionDenied):
        services.enter(member=deputy, by=deputy, day=DAY, channel="sms", received_at=at(DAY, 17),
                       summary="x", plan="y", user=deputy.user)  # fmt: skip


def test_an_sms_report_needs_its_time_received_and_no_web_channel(people):
    deputy, clerk = people["deputy"], people["clerk"]
    with time_machine.travel(at(DAY, 19), tick=False):
        for channel, received, field in [("web", at(DAY, 17), "channel"), ("sms", None, "received_at"),
                                         ("sms", at(DAY, 20), "received_at")]:  # fmt: skip
            with pytest.raises(ValidationError) as error:
                services.enter(member=deputy, by=clerk, day=DAY, channel=channel, received_at=received,
                               summary="x", plan="y", user=clerk.user)  # fmt: skip
            assert field in error.value.message_dict


def test_the_daily_duty_opens_on_working_days_only_the_adjusted_saturday_included(people):
    town = people["deputy"].township
    assert periodic.generate(town, D(2026, 10, 10)) == 2  # 调休 Saturday: the two team members
    assert periodic.generate(town, D(2026, 10, 10)) == 0  # idempotent
    assert sum(periodic.generate(town, D(2026, 10, d)) for d in range(1, 8)) == 0  # National Day
    assert periodic.generate(town, D(2027, 2, 5)) == 0  # 除夕 2027, provisional holiday
    due = duty(people["deputy"], D(2026, 10, 10)).due_at
    assert due == at(D(2026, 10, 10), 18)


def test_unfinished_tasks_carry_forward_and_stay_on_the_owners_duties(people):
    deputy, secretary = people["deputy"], people["secretary"]
    due = get_calendar().after_workdays(DAY, 3).date
    first = submit(deputy, DAY, tasks=[services.TaskInput("园区道路征地协调", "两户未签字", secretary, due)])
    task = first.unfinished.get()
    obligation = Obligation.objects.get(key=services.task_key(task.pk))
    assert (
        obligation.assignee == secretary
        and obligation.kind == "daily-log-task"
        and obligation.state == "open"
    )
    nxt = DAY + datetime.timedelta(days=1)
    assert queries.previous_log(deputy, nxt).plan == "调度会"  # tomorrow's starting point
    second = submit(
        deputy, nxt, tasks=[services.TaskInput("园区道路征地协调", "一户未签字", secretary, due, task.pk)]
    )
    assert second.unfinished.get().origin == task
    obligation.refresh_from_db()
    assert obligation.state == "open"  # still carried
    submit(deputy, nxt + datetime.timedelta(days=1))  # not listed again: reported done
    obligation.refresh_from_db()
    assert obligation.state == "done"


def test_the_weekly_review_once_a_week(people):
    deputy = people["deputy"]
    with time_machine.travel(at(D(2026, 10, 16), 17), tick=False):
        services.file_review(member=deputy, review="本周总结", user=deputy.user)
        with pytest.raises(ValidationError):
            services.file_review(member=deputy, review="再交一次", user=deputy.user)


def test_the_export_evaluates_as_the_stored_logs_do(people):
    deputy = people["deputy"]
    submit(deputy, D(2026, 10, 12))
    submit(deputy, D(2026, 10, 13), 19, 5)
    submit(deputy, D(2026, 10, 15), tasks=[services.TaskInput("征地", "", None, None)])
    period = queries.period_of(deputy, D(2026, 10, 12), D(2026, 10, 18))
    document = json.loads(json.dumps(exchange.export(period), ensure_ascii=False))
    assert exchange.parse(document) == period
    judged = checks.judge_period(exchange.parse(document), get_calendar())
    assert sorted((f.finding.code, f.day.isoformat()) for f in judged.findings) == [
        ("log-late", "2026-10-13"), ("log-missing", "2026-10-14"), ("log-missing", "2026-10-16"),
        ("review-missing", "2026-10-16"), ("unfinished-incomplete", "2026-10-15"),
    ]  # fmt: skip


def test_the_week_notes_and_the_year_facts(people):
    deputy = people["deputy"]
    submit(deputy, D(2026, 10, 12), summary="走访企业")
    submit(deputy, D(2026, 10, 13), 19, summary="调研", plan="开会")
    notes = facts.week_notes(deputy, D(2026, 10, 12))
    assert notes.done == ["10月12日：走访企业", "10月13日：调研"] and notes.planned == ["开会"]
    with time_machine.travel(at(D(2026, 10, 14), 9), tick=False):
        found = facts.year_facts(deputy, 2026)
    assert "已提交2天（其中逾期1天）" in found.lines[0] and found.article == "R18"


def test_an_sms_log_that_does_not_mention_a_carried_task_leaves_its_duty_open(people):
    deputy, clerk, secretary = people["deputy"], people["clerk"], people["secretary"]
    first = submit(deputy, DAY, tasks=[services.TaskInput("征地协调", "未签字", secretary, D(2026, 10, 20))])
    nxt = DAY + datetime.timedelta(days=1)
    with time_machine.travel(at(nxt, 18), tick=False):
        services.enter(member=deputy, by=clerk, day=nxt, channel="wechat", received_at=at(nxt, 17),
                       summary="外出开会", plan="返岗", user=clerk.user)  # fmt: skip
    duty = Obligation.objects.get(key=services.task_key(first.unfinished.get().pk))
    assert duty.state == "open" and duty.assignee == secretary
