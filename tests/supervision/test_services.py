"""The supervision workflow through its entry points (R7): each transition, each refusal, the
deadlines on the working-day calendar, the rectification report and the accountability rule."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from tests import factories
from tests.supervision.helpers import assigned, at, register, submitted
from zhidu.core.models import AuditEntry
from zhidu.obligations import services as engine
from zhidu.obligations.models import Obligation, Reminder
from zhidu.supervision import services
from zhidu.supervision.models import FeedbackRound, SupervisionCounter, SupervisionItem

State = SupervisionItem.State
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _september():
    with time_machine.travel(at(2026, 9, 15), tick=False):
        yield


def test_register_numbers_per_township_and_year_without_gaps(town, people):
    first = register(town, people)
    with pytest.raises(ValidationError):
        register(town, people, deadline=datetime.date(2026, 9, 14))  # refused: no number used
    second = register(town, people, matter="整治河道垃圾")
    assert (first.doc_number, second.doc_number) == ("督查〔2026〕1号", "督查〔2026〕2号")
    assert first.state == State.REGISTERED and first.registered_on == datetime.date(2026, 9, 15)
    other = factories.township("河口镇", "hekou")
    assert not SupervisionCounter.objects.filter(township=other).exists()
    assert AuditEntry.objects.filter(action="supervision.register").count() == 2


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"deadline": datetime.date(2026, 9, 14)}, "deadline", "不能早于立项登记日期（2026年9月15日）"),
        ({"matter": "  "}, "matter", "请填写督查事项"),
        ({"requirements": ""}, "requirements", "请填写督查要求"),
    ],
)
def test_register_refuses_bad_input_naming_the_field(town, people, change, field, words):
    with pytest.raises(ValidationError) as error:
        register(town, people, **change)
    assert words in error.value.message_dict[field][0]
    assert not SupervisionItem.objects.exists()


def test_the_owner_must_belong_to_the_township(town, people):
    other = factories.township("河口镇", "hekou")
    stranger = factories.person(other, "外镇干部", dept_kind="party_office")
    with pytest.raises(ValidationError) as error:
        register(town, people, owner=stranger)
    assert "owner_person" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        register(town, people, department=stranger.department)
    assert "owner_department" in error.value.message_dict


def test_the_whole_workflow(town, people):
    item = register(town, people)
    services.approve(item, by=people["secretary"], note="同意，抓紧落实。")
    assert item.state == State.APPROVED and item.approval_note == "同意，抓紧落实。"
    services.assign(item, by=people["discipline"])
    duty = Obligation.objects.get(kind="supervision-feedback")
    # The deadline the office fixed, to the end of that day in Asia/Shanghai.
    assert duty.due_at == at(2026, 9, 25, 23).replace(minute=59, second=59)
    assert duty.assignee == people["owner"] and duty.article == "R7"
    services.log_chase(item, by=people["discipline"], kind="call", note="电话催办周强")
    services.log_chase(item, by=people["clerk"], kind="visit", note="实地查看")
    assert item.chases.count() == 2
    services.submit_feedback(item, by=people["owner"], text="已完成。")
    assert item.state == State.FEEDBACK_SUBMITTED
    duty.refresh_from_db()
    assert duty.state == Obligation.State.DONE
    services.accept(item, by=people["discipline"], note="资料齐全")
    assert item.state == State.ACCEPTED
    assert item.rounds.get().decision == FeedbackRound.Decision.ACCEPTED
    services.close(item, by=people["discipline"])
    assert item.state == State.CLOSED and item.closed_by == people["discipline"]
    actions = list(
        AuditEntry.objects.filter(target_type="supervision.supervisionitem", target_id=str(item.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "supervision.register",
        "supervision.approve",
        "supervision.assign",
        "supervision.chase",
        "supervision.chase",
        "supervision.feedback",
        "supervision.accept",
        "supervision.close",
    ]


def test_an_overdue_feedback_reminds_the_owner_then_the_leader(town, people):
    item = assigned(town, people, deadline=datetime.date(2026, 9, 30))
    duty = Obligation.objects.get(kind="supervision-feedback", source_id=str(item.pk))
    # Due at the end of 09-30; the leader is reminded after the next working day, 10-08 (National Day).
    assert duty.escalate_at.date() == datetime.date(2026, 10, 8)
    engine.sweep(at(2026, 10, 1, 9))
    duty.refresh_from_db()
    assert duty.state == Obligation.State.OVERDUE and duty.reminder_level == 1
    engine.sweep(at(2026, 10, 9, 9))
    engine.deliver_reminders()
    assert set(Reminder.objects.values_list("recipient__name", flat=True)) == {"周强", "邱副书记"}


def test_rejection_across_national_day_opens_the_rectification_report(town, people):
    item = submitted(town, people, deadline=datetime.date(2026, 9, 25))
    with time_machine.travel(at(2026, 9, 28), tick=False):
        services.reject(
            item,
            by=people["discipline"],
            requirements="补充各村巡查记录",
            new_deadline=datetime.date(2026, 10, 15),
            note="台账不全",
        )
    assert item.state == State.ASSIGNED and item.deadline == datetime.date(2026, 10, 15)
    rectify = Obligation.objects.get(kind="supervision-rectification")
    # 09-28 + 7 = 10-05, a holiday: the next working day, 10-08, to the end of the day.
    assert rectify.due_at.date() == datetime.date(2026, 10, 8)
    assert rectify.rule == {"semantic": "after_days", "anchor": "2026-09-28", "n": 7, "at": "23:59:59"}
    feedback = Obligation.objects.filter(kind="supervision-feedback").order_by("id")
    assert [(o.due_at.date(), o.state) for o in feedback] == [
        (datetime.date(2026, 9, 25), "done"),
        (datetime.date(2026, 10, 15), "open"),
    ]
    round_ = item.rounds.get()
    assert (round_.decision, round_.deadline, round_.new_deadline) == (
        "rejected",
        datetime.date(2026, 9, 25),
        datetime.date(2026, 10, 15),
    )
    # The next report is the rectification report; both rounds stay in the history.
    with time_machine.travel(at(2026, 10, 9), tick=False):
        services.submit_feedback(item, by=people["colleague"], text="已补充巡查记录。")
    rectify.refresh_from_db()
    assert rectify.state == Obligation.State.DONE_LATE
    assert list(item.rounds.values_list("number", "decision")) == [(1, "rejected"), (2, "pending")]


def _reject(item, people, day):
    with time_machine.travel(at(2026, 9, day), tick=False):
        services.reject(
            item, by=people["discipline"], requirements="重新整改", new_deadline=datetime.date(2026, 10, 30)
        )


def _resubmit(item, people, day):
    with time_machine.travel(at(2026, 9, day), tick=False):
        services.submit_feedback(item, by=people["owner"], text="再次反馈")


def test_two_consecutive_failed_checks_cost_the_award(town, people):
    first = submitted(town, people)
    _reject(first, people, 16)
    assert services.ineligible(town, 2026) == []
    second = submitted(town, people, matter="整治河道垃圾")
    _reject(second, people, 17)
    found = {(i.kind, i.name): [r.pk for r in i.rounds] for i in services.ineligible(town, 2026)}
    evidence = [first.rounds.get().pk, second.rounds.get().pk]
    assert found == {("department", "经济发展办公室"): evidence, ("person", "周强"): evidence}
    assert AuditEntry.objects.filter(action="supervision.ineligible").count() == 2
    assert services.ineligible(town, 2025) == []


def test_an_acceptance_in_between_resets_the_run(town, people):
    first = submitted(town, people)
    _reject(first, people, 16)
    _resubmit(first, people, 17)
    with time_machine.travel(at(2026, 9, 18), tick=False):
        services.accept(first, by=people["discipline"])
    second = submitted(town, people, matter="整治河道垃圾")
    _reject(second, people, 21)
    assert services.ineligible(town, 2026) == []
    # A failure of another department's item does not count against this one.
    third = submitted(
        town, people, matter="养老服务", department=people["social_dept"], owner=people["social"]
    )
    _reject(third, people, 22)
    assert services.ineligible(town, 2026) == []


def test_a_progress_report_keeps_the_duty_open(town, people):
    item = assigned(town, people)
    services.submit_feedback(item, by=people["owner"], text="尚有两个村未完成，原因是……", completed=False)
    assert item.state == State.ASSIGNED
    assert item.rounds.get().decision == FeedbackRound.Decision.PROGRESS
    assert Obligation.objects.get(kind="supervision-feedback").state == Obligation.State.OPEN
    services.submit_feedback(item, by=people["owner"], text="全部完成。")
    assert item.state == State.FEEDBACK_SUBMITTED and item.rounds.count() == 2


def test_refusals_name_the_field_and_change_nothing(town, people):
    item = submitted(town, people)
    with pytest.raises(ValidationError) as error:
        services.submit_feedback(item, by=people["owner"], text="再报一次")
    assert "等待督查室审核" in error.value.message_dict["text"][0]
    with pytest.raises(ValidationError) as error:
        services.reject(
            item, by=people["discipline"], requirements="", new_deadline=datetime.date(2026, 10, 1)
        )
    assert "requirements" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.reject(
            item, by=people["discipline"], requirements="补充", new_deadline=datetime.date(2026, 9, 1)
        )
    assert "不能早于今天（2026年9月15日）" in error.value.message_dict["new_deadline"][0]
    services.accept(item, by=people["discipline"])
    with pytest.raises(ValidationError) as error:
        services.accept(item, by=people["discipline"])
    assert "不能重复验收" in error.value.message_dict["state"][0]
    services.close(item, by=people["discipline"])
    with pytest.raises(ValidationError) as error:
        services.submit_feedback(item, by=people["owner"], text="补充")
    assert "已办结" in error.value.message_dict["text"][0]
    with pytest.raises(ValidationError):
        services.approve(item, by=people["secretary"])
    with pytest.raises(ValidationError) as error:
        services.reopen(item, by=people["discipline"], reason=" ", new_deadline=datetime.date(2026, 10, 9))
    assert "reason" in error.value.message_dict
    assert item.rounds.count() == 1 and item.state == State.CLOSED


def test_reopening_keeps_the_closing_in_the_history(town, people):
    item = submitted(town, people)
    services.accept(item, by=people["discipline"])
    services.close(item, by=people["discipline"])
    closed_at = item.closed_at
    services.reopen(
        item, by=people["discipline"], reason="群众再次反映", new_deadline=datetime.date(2026, 10, 9)
    )
    assert item.state == State.ASSIGNED and item.closed_at is None
    record = item.reopenings.get()
    assert (record.previous_closed_at, record.reason) == (closed_at, "群众再次反映")
    keys = sorted(Obligation.objects.filter(kind="supervision-feedback").values_list("key", flat=True))
    assert keys == [f"supervision:{item.pk}:feedback:1", f"supervision:{item.pk}:feedback:2"]


def test_a_stale_version_is_refused_and_a_second_acceptance_loses(town, people):
    item = submitted(town, people)
    stale = item.version
    services.log_chase(item, by=people["discipline"], kind="call", note="电话")  # append-only, no claim
    services.accept(item, by=people["discipline"], version=stale)  # the chase did not take it
    with pytest.raises(services.Conflicting):
        services.close(item, by=people["discipline"], version=stale)
    # Two officers accept the same report at once: each holds the page as it was.
    other = submitted(town, people, matter="第二项")
    mine = SupervisionItem.objects.get(pk=other.pk)
    theirs = SupervisionItem.objects.get(pk=other.pk)
    services.accept(mine, by=people["discipline"], version=mine.version)
    with pytest.raises(ValidationError) as error:
        services.accept(theirs, by=people["discipline"], version=theirs.version)
    assert "不能重复验收" in error.value.message_dict["state"][0] or "已被他人处理" in str(error.value)
    assert other.rounds.filter(decision="accepted").count() == 1
