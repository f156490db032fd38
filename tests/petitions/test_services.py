"""R21 entry points: registering (answered at once, or the 60-day duty of the leader), routing (the
department's duty), the one extension (refusals name the field; the duties move to the new day and
the original ones close), the answer, permissions refused, the audited read, and the time travel of
60 days across National Day 2026 and the Spring Festival 2027."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from tests.petitions.conftest import ISSUE, NAME, at, register
from zhidu.core.models import AuditEntry
from zhidu.obligations.models import Obligation
from zhidu.obligations.services import sweep
from zhidu.petitions import codes, services
from zhidu.petitions.models import Case
from zhidu.trust.sealing import PLACEHOLDER, Sealed

pytestmark = pytest.mark.django_db
D = datetime.date


def refusal(error) -> dict:
    return {field: " ".join(messages) for field, messages in error.value.message_dict.items()}


def duties(case):
    return {
        o.key.split(":", 2)[2]: o for o in Obligation.objects.filter(key__startswith=f"petition:{case.pk}:")
    }


def route(case, people):
    return services.route(
        case, department=people["handler"].department, by=people["clerk"], user=people["clerk"].user
    )


def test_register_seals_the_petitioner_and_opens_the_leaders_duty(people):
    with time_machine.travel(at(2026, 8, 6), tick=False):
        case = register(people)
    assert codes.well_formed(case.code) and case.state == Case.State.RECEIVED
    assert isinstance(case.petitioner_name, Sealed) and str(case.petitioner_name) == PLACEHOLDER
    stored = Case.objects.values_list("petitioner_name", "issue").get(pk=case.pk)
    assert NAME not in stored[0].token and ISSUE not in stored[1].token
    assert case.due_on == D(2026, 10, 8)  # 5 October falls in the National Day holiday
    ob = duties(case)["answer"]
    assert (ob.kind, ob.article, ob.assignee, ob.due_at.date()) == (
        "petition-answer",
        "R21§4",
        people["deputy"],
        D(2026, 10, 8),
    )
    entry = AuditEntry.objects.get(action="petitions.register")
    assert NAME not in entry.summary and case.code not in entry.summary


def test_answered_at_once_opens_no_duty(people):
    with time_machine.travel(at(2026, 12, 2), tick=False):
        case = register(people, received_on=D(2026, 12, 2), answer_now="已当场答复。")
    assert (case.state, case.answered_on) == (Case.State.ANSWERED, D(2026, 12, 2))
    assert duties(case) == {}


def test_only_the_party_office_registers(people):
    for who in ("cadre", "deputy", "discipline"):
        with pytest.raises(PermissionDenied):
            services.register(
                township=people["clerk"].township, mode="scheduled", received_on=D(2026, 8, 6),
                leader=people["deputy"], subject="x", petitioner_name="x", issue="x", by=people[who],
                user=people[who].user,
            )  # fmt: skip


def test_refusals_name_the_field(people):
    with time_machine.travel(at(2026, 8, 6), tick=False):
        with pytest.raises(ValidationError) as error:
            register(people, leader=people["cadre"])
        assert "接访领导" in refusal(error)["leader"]
        with pytest.raises(ValidationError) as error:
            register(people, received_on=D(2026, 8, 7))
        assert "不能晚于今天" in refusal(error)["received_on"]
        with pytest.raises(ValidationError) as error:
            register(people, mode="appointment")
        assert "约访时间" in refusal(error)["appointment_at"]


def test_time_travel_extension_across_national_day(people):
    """Received 6 August, extended 30 September by 30 days (told the same day) → due 4 November;
    the duties of the leader and the department move, the original ones close; overdue after."""
    with time_machine.travel(at(2026, 8, 6), tick=False):
        case = register(people)
    with time_machine.travel(at(2026, 8, 10), tick=False):
        route(case, people)
    assert duties(case)["answer:department"].department == people["handler"].department
    with time_machine.travel(at(2026, 9, 30), tick=False):
        services.extend(
            case, decided_on=D(2026, 9, 30), days=30, reason="情况复杂，需多部门会商", told_on=D(2026, 9, 30),
            told_how="phone", by=people["clerk"], user=people["clerk"].user,
        )  # fmt: skip
    assert case.due_on == D(2026, 11, 4)
    found = duties(case)
    assert {k: o.state for k, o in found.items()} == {
        "answer": "done", "answer:department": "done", "answer:extended": "open", "answer:extended:department": "open",
    }  # fmt: skip
    assert found["answer:extended"].due_at.date() == D(2026, 11, 4)
    entry = AuditEntry.objects.get(action="petitions.extend")
    assert entry.detail["original_due"] == "2026-10-08"
    with time_machine.travel(at(2026, 11, 5), tick=False):
        sweep()
    assert duties(case)["answer:extended:department"].state == "overdue"
    with time_machine.travel(at(2026, 11, 6), tick=False):
        services.answer(
            case,
            text="已现场核实并答复。",
            answered_on=D(2026, 11, 6),
            by=people["handler"],
            user=people["handler"].user,
        )
    assert duties(case)["answer:extended:department"].state == "done_late"
    assert [f.finding.code for f in services.evaluate(case).findings] == ["answer-late"]


def test_time_travel_sixty_days_across_the_spring_festival_2027(people):
    with time_machine.travel(at(2026, 12, 7), tick=False):
        case = register(people, received_on=D(2026, 12, 7))
    assert case.due_on == D(2027, 2, 9)
    ob = duties(case)["answer"]
    assert ob.provisional and ob.remind_at is not None and ob.remind_at < ob.due_at
    with time_machine.travel(at(2027, 2, 9, 23), tick=False):
        sweep()
    assert duties(case)["answer"].state == "open"
    with time_machine.travel(at(2027, 2, 10, 1), tick=False):
        sweep()
    assert duties(case)["answer"].state == "overdue"


@pytest.mark.parametrize(
    ("kwargs", "field", "text"),
    [
        ({"days": 31}, "days", "超过30日"),
        ({"reason": ""}, "reason", "延期未写明理由"),
        ({"decided_on": D(2026, 10, 9)}, "decided_on", "晚于原办理期限"),
        ({"told_on": D(2026, 10, 9), "told_how": ""}, "told_how", "告知方式"),
    ],
)
def test_extension_refusals(people, kwargs, field, text):
    with time_machine.travel(at(2026, 8, 6), tick=False):
        case = register(people)
    values = {"decided_on": D(2026, 9, 30), "days": 30, "reason": "情况复杂", "told_on": None, "told_how": ""}
    with time_machine.travel(at(2026, 10, 12), tick=False):
        with pytest.raises(ValidationError) as error:
            services.extend(case, by=people["clerk"], user=people["clerk"].user, **{**values, **kwargs})
    assert text in refusal(error)[field]
    assert not Case.objects.get(pk=case.pk).extended


def test_one_extension_only_and_the_telling_later(people):
    with time_machine.travel(at(2026, 8, 6), tick=False):
        case = register(people)
    clerk = people["clerk"]
    with time_machine.travel(at(2026, 9, 30), tick=False):
        services.extend(case, decided_on=D(2026, 9, 30), days=20, reason="需会商", by=clerk, user=clerk.user)
        assert [f.finding.code for f in services.evaluate(case).findings] == ["extension-not-told"]
        with pytest.raises(ValidationError) as error:
            services.extend(case, decided_on=D(2026, 9, 30), days=5, reason="再延", by=clerk, user=clerk.user)
        assert "只允许延长一次" in refusal(error)["days"]
        services.tell(case, told_on=D(2026, 9, 30), told_how="sms", by=clerk, user=clerk.user)
    assert services.evaluate(case).findings == []


def test_only_the_handling_department_answers(people):
    with time_machine.travel(at(2026, 8, 6), tick=False):
        case = register(people)
        route(case, people)
        for who in ("other", "clerk"):
            with pytest.raises(PermissionDenied):
                services.answer(
                    case, text="x", answered_on=D(2026, 8, 6), by=people[who], user=people[who].user
                )
        services.answer(
            case, text="已答复", answered_on=D(2026, 8, 6), by=people["handler"], user=people["handler"].user
        )
        with pytest.raises(ValidationError):
            services.answer(
                case,
                text="再答复",
                answered_on=D(2026, 8, 6),
                by=people["handler"],
                user=people["handler"].user,
            )


def test_the_leader_instructs(people):
    with time_machine.travel(at(2026, 8, 6), tick=False):
        case = register(people)
        services.instruct(
            case, instruction="请社会事务办牵头核实。", by=people["deputy"], user=people["deputy"].user
        )
        with pytest.raises(PermissionDenied):
            services.instruct(case, instruction="x", by=people["clerk"], user=people["clerk"].user)
    assert Case.objects.get(pk=case.pk).instructed_by == people["deputy"]


def test_the_read_is_audited_and_limited_to_those_handling(people):
    with time_machine.travel(at(2026, 8, 6), tick=False):
        case = register(people)
    route(case, people)
    for who in ("clerk", "discipline", "deputy", "handler"):
        assert services.read(case, user=people[who].user)["petitioner_name"] == NAME
    for who in ("other", "organization", "secretary"):
        with pytest.raises(PermissionDenied):
            services.read(case, user=people[who].user)
    reads = AuditEntry.objects.filter(action="petitions.read", target_id=str(case.pk))
    assert reads.count() == 4
    assert all(NAME not in e.summary for e in reads)
    assert "petitions_case.petitioner_name" in reads.first().detail["fields"]


def test_lookup_by_code(people):
    with time_machine.travel(at(2026, 8, 6), tick=False):
        case = register(people)
    typed = codes.grouped(case.code).lower().replace("-", " ")
    assert services.lookup(typed) == case
    assert services.lookup("ABCD") is None and services.lookup("") is None


def test_an_appointment_is_the_leaders_duty_until_the_instruction(people):
    with time_machine.travel(at(2026, 12, 2), tick=False):
        case = register(
            people, received_on=D(2026, 12, 2), mode="appointment", appointment_at=at(2026, 12, 8, 9)
        )
        ob = duties(case)["appointment"]
        assert (ob.kind, ob.assignee, ob.due_at.date()) == (
            "petition-appointment",
            people["deputy"],
            D(2026, 12, 8),
        )
    with time_machine.travel(at(2026, 12, 8, 11), tick=False):
        services.instruct(
            case, instruction="请综治办牵头调处。", by=people["deputy"], user=people["deputy"].user
        )
    assert duties(case)["appointment"].state == "done"
