"""定期续报 (R7): an item reported "not done yet" keeps reporting. Each progress report opens the next
one N working days later (default 10); a missed one stays overdue and the daily job opens the
next; any report answers the open ones; the final report ends the chain. Time frozen in
Asia/Shanghai, before, at and after each deadline, across National Day (10-01..10-07, with the
adjusted working days 09-20 and 10-10)."""

import datetime

import pytest
import time_machine

from tests.supervision.helpers import assigned, at
from zhidu.obligations import services as engine
from zhidu.obligations.models import Obligation
from zhidu.rules.models import RuleSet
from zhidu.supervision import progress, services
from zhidu.supervision.models import SupervisionItem

pytestmark = pytest.mark.django_db
State = SupervisionItem.State
END = datetime.time(23, 59, 59)


def due(year, month, day):
    return at(year, month, day).replace(hour=23, minute=59, second=59)


def progress_duties(item):
    return list(
        Obligation.objects.filter(kind="supervision-progress", source_id=str(item.pk))
        .order_by("due_at")
        .values_list("key", "due_at", "state")
    )


def report_progress(item, people, when, text="尚有两个村未完成，原因是连续降雨。"):
    with time_machine.travel(when, tick=False):
        return services.submit_feedback(item, by=people["owner"], text=text, completed=False)


def run_daily(town, day):
    with time_machine.travel(at(day.year, day.month, day.day, 1), tick=False):
        engine.sweep()
        return progress.generate(town, day)


@pytest.fixture
def item(town, people):
    with time_machine.travel(at(2026, 9, 15, 9), tick=False):
        return assigned(town, people, deadline=datetime.date(2026, 9, 25))


def test_a_progress_report_opens_the_next_one_ten_working_days_later(town, people, item):
    report_progress(item, people, at(2026, 9, 15, 16))
    duty = Obligation.objects.get(kind="supervision-progress")
    # 09-15 + 10 working days, 09-20 (a Sunday made a working day) counted: 09-29.
    assert duty.due_at == due(2026, 9, 29)
    assert duty.key == f"supervision:{item.pk}:progress:1:1"
    assert (duty.assignee, duty.article, duty.rule["semantic"]) == (people["owner"], "R7", "after_workdays")
    # The feedback duty stays open: the work is not done.
    assert Obligation.objects.get(kind="supervision-feedback").state == Obligation.State.OPEN


def test_a_missed_report_stays_overdue_and_the_next_opens_across_national_day(town, people, item):
    report_progress(item, people, at(2026, 9, 15, 16))
    assert run_daily(town, datetime.date(2026, 9, 29)) == 0  # the deadline day itself: nothing yet
    assert run_daily(town, datetime.date(2026, 9, 30)) == 1
    assert run_daily(town, datetime.date(2026, 9, 30)) == 0  # idempotent
    # 09-29 + 10 working days, the National Day week skipped and 10-10 (Saturday) counted.
    assert progress_duties(item) == [
        (f"supervision:{item.pk}:progress:1:1", due(2026, 9, 29), "overdue"),
        (f"supervision:{item.pk}:progress:1:2", due(2026, 10, 19), "open"),
    ]
    assert run_daily(town, datetime.date(2026, 10, 19)) == 0
    assert run_daily(town, datetime.date(2026, 10, 20)) == 1
    assert progress_duties(item)[-1][1:] == (due(2026, 11, 2), "open")
    # A scheduler that missed days catches up in one run: 11-02, then 11-16, then 11-30.
    assert run_daily(town, datetime.date(2026, 11, 20)) == 2
    assert [d.date() for _, d, _ in progress_duties(item)][-2:] == [
        datetime.date(2026, 11, 16),
        datetime.date(2026, 11, 30),
    ]


def test_the_next_report_answers_the_open_duties_and_restarts_the_count(town, people, item):
    report_progress(item, people, at(2026, 9, 15, 16))
    run_daily(town, datetime.date(2026, 9, 30))
    report_progress(item, people, at(2026, 10, 9, 11), text="已完成一个村，剩余一个村本月完成。")
    assert progress_duties(item) == [
        (f"supervision:{item.pk}:progress:1:1", due(2026, 9, 29), "done_late"),
        (f"supervision:{item.pk}:progress:1:2", due(2026, 10, 19), "done"),
        # 10-09 + 10 working days, 10-10 (Saturday) counted.
        (f"supervision:{item.pk}:progress:2:1", due(2026, 10, 22), "open"),
    ]
    # The old chain does not grow any more.
    assert run_daily(town, datetime.date(2026, 10, 21)) == 0


def test_the_final_report_ends_the_chain_until_accepted(town, people, item):
    report_progress(item, people, at(2026, 9, 15, 16))
    with time_machine.travel(at(2026, 9, 28, 10), tick=False):
        services.submit_feedback(item, by=people["owner"], text="全部完成。")
    assert [s for _, _, s in progress_duties(item)] == ["done"]
    assert run_daily(town, datetime.date(2026, 10, 30)) == 0
    with time_machine.travel(at(2026, 9, 28, 15), tick=False):
        services.accept(item, by=people["discipline"])
    assert item.state == State.ACCEPTED and len(progress_duties(item)) == 1


def test_the_interval_is_a_township_parameter_in_force_on_the_report_day(town, people, item):
    RuleSet.objects.create(
        township=town,
        effective_from=datetime.date(2026, 9, 16),
        parameters={"supervision": {"progress_workdays": 5}},
    )
    report_progress(item, people, at(2026, 9, 15, 16))  # before the new value: 10
    assert progress_duties(item)[0][1] == due(2026, 9, 29)
    report_progress(item, people, at(2026, 9, 16, 16))  # in force: 5 working days after 09-16
    # 09-17, 09-18, 09-20 (a Sunday made a working day), 09-21, 09-22.
    duty = Obligation.objects.get(key=f"supervision:{item.pk}:progress:2:1")
    assert duty.due_at == due(2026, 9, 22)


def test_the_progress_report_through_the_page(client, town, people, item):
    client.force_login(people["colleague"].user)
    with time_machine.travel(at(2026, 9, 15, 16), tick=False):
        response = client.post(
            f"/supervision/{item.pk}/feedback/", {"completed": "no", "text": "正在推进，尚有两个村未完成。"}
        )
    assert response.status_code == 302
    assert progress_duties(item)[0][1:] == (due(2026, 9, 29), "open")


def test_mark_done_does_not_close_a_report_duty(town, people, item, client):
    """Issue 17: one tap on 标记完成 closed "续报督查事项办理进展" with nothing filed and nothing on the
    item's timeline. The duty page sends the owner to the item instead; only a filed report closes it."""
    from django.urls import reverse

    report_progress(item, people, at(2026, 9, 15, 16))
    duty = Obligation.objects.get(kind="supervision-progress")
    client.force_login(people["owner"].user)
    with time_machine.travel(at(2026, 9, 16, 9), tick=False):
        page = client.get(reverse("duties")).content.decode()
        assert reverse("supervision:item-detail", args=[item.pk]) in page
        client.post(reverse("duty-complete", args=[duty.pk]))
    duty.refresh_from_db()
    assert duty.state == Obligation.State.OPEN
    for kind in ("supervision-feedback", "supervision-progress"):
        other = Obligation.objects.get(kind=kind)
        with time_machine.travel(at(2026, 9, 16, 9), tick=False):
            client.post(reverse("duty-complete", args=[other.pk]))
        other.refresh_from_db()
        assert other.state == Obligation.State.OPEN, kind
    report_progress(item, people, at(2026, 9, 17, 10), text="第二次续报：已完成三个村。")
    duty.refresh_from_db()
    assert duty.state == Obligation.State.DONE
