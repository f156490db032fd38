"""R17 entry points: the monthly duty per pair (completed by a contact, due on the month's last working
day across holidays), who may log, decide and inspect, the audit entries, the rectification duty."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from tests.work_style.helpers import pairs
from zhidu.core.models import AuditEntry
from zhidu.obligations.models import Obligation
from zhidu.work_style import periodic, services
from zhidu.work_style.facts import year_facts

pytestmark = pytest.mark.django_db
SH = ZoneInfo("Asia/Shanghai")
D = datetime.date


@pytest.fixture
def p(town, people):
    return pairs(town, people)


TODAY = D(2026, 12, 2)


def log(pair, who, day=TODAY, **kw):
    return services.log_contact(pair, contacted_on=day, channel=kw.get("channel", "visit"),
                                done=kw.get("done", "入户走访"), by=who, user=who.user)  # fmt: skip


@time_machine.travel(datetime.datetime(2026, 12, 2, 10, tzinfo=SH), tick=False)
def test_one_duty_per_pair_per_month_completed_by_a_contact(town, people, p):
    periodic.generate(town, D(2026, 12, 2))
    duties = Obligation.objects.filter(township=town, kind="contact-visit")
    assert duties.count() == 3
    duty = duties.get(key=services.contact_key(p["deputy_household"], D(2026, 12, 2)))
    assert duty.assignee == people["deputy"] and duty.due_at.date() == D(2026, 12, 31)
    assert duty.title == "2026年12月与帮扶户李桂兰（东沟村）联系（走访、电话或短信）"
    log(p["deputy_household"], people["deputy"], channel="phone")
    duty.refresh_from_db()
    assert duty.state == "done"
    assert AuditEntry.objects.filter(action="work_style.contact", actor=people["deputy"].user).count() == 1
    assert periodic.generate(town, D(2026, 12, 2)) == 0


@pytest.mark.parametrize(
    "day, due",
    [
        (D(2026, 9, 10), D(2026, 9, 30)),  # September ends on a working day, before National Day
        (D(2026, 10, 10), D(2026, 10, 30)),  # October 31 is a Saturday: Friday 30th
        (D(2027, 1, 15), D(2027, 1, 29)),  # January 2027 ends on a Sunday: Friday 29th
        (D(2027, 2, 3), D(2027, 2, 26)),  # February 2027: after the Spring Festival, Friday 26th
    ],
)
def test_the_monthly_duty_is_due_on_the_months_last_working_day(town, people, p, day, due):
    periodic.generate(town, day)
    duty = Obligation.objects.get(key=services.contact_key(p["deputy_village"], day))
    assert duty.due_at.astimezone(SH).date() == due


@time_machine.travel(datetime.datetime(2026, 12, 2, 10, tzinfo=SH), tick=False)
def test_only_the_member_logs_their_contact_and_bad_input_names_the_field(town, people, p):
    with pytest.raises(PermissionDenied):
        log(p["deputy_village"], people["secretary"])
    with pytest.raises(ValidationError) as error:
        log(p["deputy_village"], people["deputy"], day=D(2026, 12, 3))
    assert "contacted_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        log(p["deputy_village"], people["deputy"], done="  ")
    assert "done" in error.value.message_dict


@time_machine.travel(datetime.datetime(2026, 12, 2, 10, tzinfo=SH), tick=False)
def test_a_village_meal_is_decided_by_the_committee_once(town, people, p):
    row = services.report_reception(township=town, village=p["village"], meal_on=D(2026, 12, 5), guests="调研组3人",
                                    reason="山区调研", by=people["cadre"], user=people["cadre"].user)  # fmt: skip
    duty = Obligation.objects.get(key=f"zero-reception-decision:r{row.pk}")
    assert duty.department.kind == "party_office"
    with pytest.raises(PermissionDenied):
        services.decide_reception(
            row, approve=True, note="同意", by=people["deputy"], user=people["deputy"].user
        )
    with pytest.raises(ValidationError) as error:
        services.decide_reception(
            row, approve=False, note="", by=people["secretary"], user=people["secretary"].user
        )
    assert "note" in error.value.message_dict
    services.decide_reception(row, approve=True, note="确属特殊情况，按标准简餐", by=people["secretary"],
                              user=people["secretary"].user)  # fmt: skip
    row.refresh_from_db()
    duty.refresh_from_db()
    assert row.state == "approved" and row.decided_by == people["secretary"] and duty.state == "done"
    with pytest.raises(ValidationError):
        services.decide_reception(row, approve=False, note="x", by=people["clerk"], user=people["clerk"].user)


@time_machine.travel(datetime.datetime(2026, 12, 2, 10, tzinfo=SH), tick=False)
def test_an_inspection_finding_is_a_duty_until_rectified(town, people, p):
    periodic.generate(town, D(2026, 12, 2))
    check = Obligation.objects.get(key=services.inspection_key(p["village"], D(2026, 12, 2)))
    assert check.department.kind == "discipline_inspection" and check.due_at.date() == D(2026, 12, 31)
    inspector = people["discipline"]
    with pytest.raises(ValidationError) as error:
        services.inspect(township=town, village=p["village"], inspected_on=D(2026, 12, 1), findings="招待未批准",
                         rectify_by=None, responsible=None, by=inspector, user=inspector.user)  # fmt: skip
    assert "rectify_by" in error.value.message_dict
    row = services.inspect(township=town, village=p["village"], inspected_on=D(2026, 12, 1), findings="招待未批准",
                           rectify_by=D(2026, 12, 20), responsible=None, by=inspector, user=inspector.user)  # fmt: skip
    check.refresh_from_db()
    assert check.state == "done"
    rectify = Obligation.objects.get(key=f"zero-reception-rectify:i{row.pk}")
    assert rectify.department.kind == "party_office" and rectify.article == "R17§4(6)"
    with pytest.raises(PermissionDenied):
        services.rectify(
            row, rectified_on=D(2026, 12, 2), note="已退回", by=people["cadre"], user=people["cadre"].user
        )
    services.rectify(
        row, rectified_on=D(2026, 12, 2), note="已退回费用", by=people["clerk"], user=people["clerk"].user
    )
    rectify.refresh_from_db()
    assert rectify.state == "done"


@time_machine.travel(datetime.datetime(2026, 12, 2, 10, tzinfo=SH), tick=False)
def test_the_year_facts_count_contacts(town, people, p):
    log(p["deputy_village"], people["deputy"], channel="sms")
    facts = year_facts(people["deputy"], 2026)
    assert facts.area == "work_style" and facts.article == "R17"
    assert "全年联系1次（走访0次、电话0次、短信1次）" in facts.lines
    assert any("1月" in line for line in facts.lines)  # months without a contact
    assert year_facts(people["clerk"], 2026).lines == ["2026年未确定联系村和帮扶贫困户。"]
