"""R20 entry points and the generator: the pairs and quotas from the organization, a job change found
in the records, the 七必谈 duty for the right talker, talks completing the quotas, sealed words read by
the talker and the people talked with only, and every deadline across National Day 2026 and the
Spring Festival 2027 (time travel)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from tests.heart_talks.helpers import organization, talk
from zhidu.core.models import AuditEntry
from zhidu.heart_talks import periodic, services
from zhidu.heart_talks.models import MustTalk, TalkQuota
from zhidu.obligations import services as obligations
from zhidu.obligations.models import Obligation
from zhidu.rules.year_facts import year_facts

pytestmark = pytest.mark.django_db
SH = ZoneInfo("Asia/Shanghai")
D = datetime.date


def at(*args):
    return datetime.datetime(*args, tzinfo=SH)


@pytest.fixture
def org(town):
    return organization(town)


def quotas(town):
    return {
        (q.level, q.talker.name, q.talkee.name, q.period): q.required
        for q in TalkQuota.objects.filter(township=town)
    }


def test_the_generator_opens_one_quota_per_pair_and_period_from_the_organization(town, org):
    with time_machine.travel(at(2026, 11, 26, 9), tick=False):
        opened = periodic.generate(town, D(2026, 11, 26))
        assert periodic.generate(town, D(2026, 11, 26)) == 0  # idempotent
    assert quotas(town) == {
        ("principal_member", "杨书记", "邱副书记", "2026"): 2,
        ("principal_member", "杨书记", "林委员", "2026"): 2,
        ("member_head", "林委员", "周主任", "2026"): 2,
        ("head_staff", "周主任", "钱干事", "2026-Q4"): 1,
    }
    duties = Obligation.objects.filter(township=town, kind="heart-talk-quota")
    assert opened == duties.count() == 4
    due = duties.get(assignee=org["head"])
    assert due.due_at == at(2026, 12, 31, 23, 59, 59) and due.article == "R20§2"


def test_a_new_team_member_mid_year_gets_a_prorated_quota(town, org):
    from tests import factories

    factories.person(town, "新委员", username="new", team_role="member", starts_on=D(2026, 9, 1))
    periodic.generate(town, D(2026, 11, 26))
    assert quotas(town)[("principal_member", "杨书记", "新委员", "2026")] == 1


def test_talks_complete_the_quota_when_the_count_is_reached(town, org):
    periodic.generate(town, D(2026, 11, 26))
    with time_machine.travel(at(2026, 11, 27, 9), tick=False):
        talk(services, org["secretary"], [org["member"]], D(2026, 3, 2))
        key = periodic.quota_key(
            "principal_member",
            org["secretary"].pk,
            org["member"].pk,
            periodic.checks.period_of("principal_member", D(2026, 3, 2)),
        )
        assert Obligation.objects.get(key=key).state == "open"
        talk(services, org["secretary"], [org["member"], org["deputy"]], D(2026, 11, 20), mode="group")
    assert Obligation.objects.get(key=key).state == "done"
    rows = {
        (r.quota.talker.name, r.quota.talkee.name): r.status
        for r in services.overview(town.pk, 2026, D(2026, 11, 27))
    }
    assert rows[("杨书记", "林委员")] == "met" and rows[("杨书记", "邱副书记")] == "due"
    assert services.overview(town.pk, 2026, D(2027, 1, 4))[0].status in {"met", "missed"}
    missed = {
        (r.quota.talker.name, r.quota.talkee.name): r.status
        for r in services.overview(town.pk, 2026, D(2027, 1, 4))
    }
    assert missed[("杨书记", "邱副书记")] == "missed" and missed[("杨书记", "林委员")] == "met"


def test_a_job_change_in_the_records_opens_a_must_talk_for_the_right_talker(town, org):
    periodic.generate(town, D(2026, 11, 2))  # the first run only remembers
    assert not MustTalk.objects.exists()
    staff = org["staff"]
    staff.title = "经济发展办副主任"
    staff.save(update_fields=["title"])
    periodic.generate(town, D(2026, 11, 3))
    trigger = MustTalk.objects.get()
    assert trigger.kind == "job_change" and trigger.talker == org["head"] and trigger.person == staff
    duty = Obligation.objects.get(kind="heart-talk-trigger")
    assert duty.assignee == org["head"] and duty.due_at == at(2026, 12, 3, 23, 59, 59)
    periodic.generate(town, D(2026, 11, 4))
    assert MustTalk.objects.count() == 1  # seen once
    # The talk that fulfils it completes the duty.
    talk(services, org["head"], [staff], D(2026, 11, 20), triggers=[trigger])
    duty.refresh_from_db()
    assert duty.state == "done"


def test_the_organization_office_enters_a_must_talk_a_cadre_asks_for_one_others_are_refused(town, org):
    office = org["organization"]
    t = services.enter_trigger(person=org["member"], kind="integrity_complaint", occurred_on=D(2026, 11, 30),
                               note="群众反映", by=office, user=office.user)  # fmt: skip
    assert t.talker == org["secretary"]
    assert "群众反映" not in AuditEntry.objects.get(action="heart_talks.trigger").summary
    own = services.enter_trigger(person=org["staff"], kind="own_request", occurred_on=D(2026, 12, 1),
                                 by=org["staff"], user=org["staff"].user)  # fmt: skip
    assert own.talker == org["head"]
    with pytest.raises(PermissionDenied):
        services.enter_trigger(person=org["member"], kind="difficulty", occurred_on=D(2026, 12, 1),
                               by=org["staff"], user=org["staff"].user)  # fmt: skip
    with pytest.raises(ValidationError) as error:
        services.enter_trigger(
            person=org["member"], kind="bogus", occurred_on=D(2026, 12, 1), by=office, user=office.user
        )
    assert "必谈情形" in str(error.value)


def test_the_words_are_sealed_and_read_by_the_talker_and_the_people_talked_with_only(town, org):
    t = talk(services, org["head"], [org["staff"]], D(2026, 11, 20), notes="家庭困难情况")
    assert "家庭困难情况" not in t.notes.token
    assert services.read(t, user=org["staff"].user)["notes"] == "家庭困难情况"
    assert AuditEntry.objects.filter(action="heart_talks.read", actor=org["staff"].user).exists()
    for outsider in ("clerk", "organization", "secretary"):
        with pytest.raises(PermissionDenied):
            services.read(t, user=org[outsider].user)


def test_record_refuses_bad_input_naming_the_field_and_someone_else_recording(town, org):
    with pytest.raises(ValidationError) as error:
        talk(services, org["head"], [org["staff"], org["member"]], D(2026, 11, 20))
    assert "mode" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        talk(services, org["head"], [org["staff"]], D(2026, 11, 20), contents=[])
    assert "contents" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        services.record_talk(talker=org["head"], participants=[org["staff"]], held_on=D(2026, 11, 20), mode="one_to_one",
                             manner="inspiring", contents=[1], notes="x", user=org["staff"].user)  # fmt: skip


def test_the_year_facts_count_the_talks_for_the_r10_annex(town, org):
    periodic.generate(town, D(2026, 11, 26))
    talk(services, org["secretary"], [org["member"]], D(2026, 3, 2))
    facts = {f.area: f for f in year_facts(org["secretary"], 2026)}["heart_talks"]
    assert facts.article == "R20" and "主持谈心谈话 1 次" in facts.lines[0]
    assert any("林委员" in line and "已谈 1 次" in line for line in facts.lines)


# --- time travel: every R20 deadline across National Day 2026 and the Spring Festival 2027 --------


def test_a_must_talk_due_in_national_day_moves_to_the_next_working_day(town, org):
    office = org["organization"]
    with time_machine.travel(at(2026, 9, 2, 10), tick=False):
        t = services.enter_trigger(person=org["staff"], kind="award_or_punishment", occurred_on=D(2026, 9, 1),
                                   by=office, user=office.user)  # fmt: skip
    duty = Obligation.objects.get(key=periodic.trigger_key(t))
    # 9-01 + 30 days = 10-01, National Day (10-01..10-07 off): due the end of 10-08.
    assert duty.due_at == at(2026, 10, 8, 23, 59, 59) and not duty.provisional
    with time_machine.travel(at(2026, 10, 8, 22), tick=False):
        obligations.sweep()
    duty.refresh_from_db()
    assert duty.state == "open"
    with time_machine.travel(at(2026, 10, 9, 0, 30), tick=False):
        obligations.sweep()
    duty.refresh_from_db()
    assert duty.state == "overdue"


def test_a_must_talk_due_on_new_years_eve_2027_moves_past_the_spring_festival(town, org):
    office = org["organization"]
    with time_machine.travel(at(2027, 1, 6, 10), tick=False):
        t = services.enter_trigger(person=org["head"], kind="retirement", occurred_on=D(2027, 1, 6),
                                   by=office, user=office.user)  # fmt: skip
        assert t.talker == org["member"]
    duty = Obligation.objects.get(key=periodic.trigger_key(t))
    # 1-06 + 30 days = 2-05 (除夕); 2027 is provisional: 春节 2-05..2-08 off, due the end of 2-09.
    assert duty.due_at == at(2027, 2, 9, 23, 59, 59) and duty.provisional


def test_quotas_opened_during_the_holidays_are_due_at_the_end_of_their_periods(town, org):
    with time_machine.travel(at(2026, 10, 3, 9), tick=False):  # National Day: the job runs anyway
        periodic.generate(town, D(2026, 10, 3))
    q4 = Obligation.objects.get(kind="heart-talk-quota", assignee=org["head"])
    assert q4.due_at == at(2026, 12, 31, 23, 59, 59)
    with time_machine.travel(at(2027, 2, 7, 9), tick=False):  # the Spring Festival 2027
        periodic.generate(town, D(2027, 2, 7))
    q1 = Obligation.objects.get(kind="heart-talk-quota", assignee=org["head"], key__endswith="2027-Q1")
    year = Obligation.objects.get(
        kind="heart-talk-quota", assignee=org["secretary"], key__endswith=f":{org['member'].pk}:2027"
    )
    assert q1.due_at == at(2027, 3, 31, 23, 59, 59)
    # 2027-12-31 is a Friday: the year's last working day (provisional calendar).
    assert year.due_at == at(2027, 12, 31, 23, 59, 59) and year.provisional
    # The 2026 Q4 talk never held: overdue once the quarter's last working day has passed.
    with time_machine.travel(at(2027, 1, 1, 8), tick=False):
        obligations.sweep()
    q4.refresh_from_db()
    assert q4.state == "overdue"


def test_a_quarter_ending_before_national_day_is_overdue_during_it_and_a_talk_held_in_time_completes_it(
    town, org
):
    with time_machine.travel(at(2026, 9, 15, 9), tick=False):
        periodic.generate(town, D(2026, 9, 15))
    q3 = Obligation.objects.get(kind="heart-talk-quota", assignee=org["head"], key__endswith="2026-Q3")
    # 2026-09-30 is a Wednesday, a working day: due at its end, the eve of National Day.
    assert q3.due_at == at(2026, 9, 30, 23, 59, 59)
    with time_machine.travel(at(2026, 10, 5, 10), tick=False):
        obligations.sweep()
    q3.refresh_from_db()
    assert q3.state == "overdue"
    # Recorded after the holiday, the talk held on 9-29 counts in Q3 and in time.
    with time_machine.travel(at(2026, 10, 9, 10), tick=False):
        talk(services, org["head"], [org["staff"]], D(2026, 9, 29))
    q3.refresh_from_db()
    assert q3.state == "done"
