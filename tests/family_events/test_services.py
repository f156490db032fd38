"""R9 entry points: the obligations on the working-day calendar (time travel across National Day 2026
and the Spring Festival 2027), the phone report and the written form after it, the review with a
correction round, spot checks and flags, permissions refused, audit entries without the content,
and the one audited read of the sealed fields."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from tests.family_events.conftest import SH, at
from zhidu.core.models import AuditEntry
from zhidu.family_events import oversight, records, services
from zhidu.family_events.models import Declaration, Flag, prohibitions_for
from zhidu.obligations.models import Obligation
from zhidu.obligations.services import sweep
from zhidu.rules.year_facts import year_facts
from zhidu.trust.sealing import Sealed

pytestmark = pytest.mark.django_db
RELATIVES = "儿子林晓峰与李婷婷"
GUESTS = "亲属70人，同学10人"


def content(kind="wedding", event_on=datetime.date(2026, 10, 12), **changes):
    values = dict(
        kind=kind, event_on=event_on, purpose="儿子结婚", time="中午", place="柞村镇某饭店", guests=120,
        standard="每桌600元", relatives=RELATIVES, guest_list=GUESTS,
        attested=[p.value for p in prohibitions_for(kind)],
    )  # fmt: skip
    values.update(changes)
    return services.Content(**values)


def declare(person, when, submit=True, **changes):
    with time_machine.travel(when, tick=False):
        return services.declare(declarant=person, content=content(**changes), submit=submit, user=person.user)


def duty(d, name):
    return Obligation.objects.get(key=f"family_events:{d.pk}:{name}")


def local_day(moment):
    return moment.astimezone(SH).date()


def test_a_draft_opens_the_duty_due_10_days_before_moved_back_past_national_day(people):
    d = declare(people["cadre_a"], at(2026, 9, 20), submit=False)
    assert d.state == Declaration.State.DRAFT and d.report_on is None
    ob = duty(d, "report")
    # 2026-10-12 − 10 = 10-02 (National Day): the last working day before, 09-30.
    assert local_day(ob.due_at) == datetime.date(2026, 9, 30) and ob.state == "open"
    assert ob.assignee == people["cadre_a"] and ob.article == "R9§2"
    with time_machine.travel(at(2026, 10, 1), tick=False):
        sweep()
    ob.refresh_from_db()
    assert ob.state == "overdue"
    with time_machine.travel(at(2026, 10, 8), tick=False):
        services.update(d, content=content(), submit=True, user=people["cadre_a"].user)
    ob.refresh_from_db()
    d.refresh_from_db()
    assert ob.state == "done_late" and d.state == Declaration.State.SUBMITTED
    assert d.report_on == datetime.date(2026, 10, 8) and d.channel == "written"
    assert [f.finding.code for f in records.evaluate(d).findings] == ["report-late"]


def test_moving_a_drafts_day_moves_its_duty_spring_festival_2027(people):
    d = declare(people["cadre_a"], at(2026, 12, 2), submit=False)
    with time_machine.travel(at(2026, 12, 3), tick=False):
        services.update(
            d, content=content(event_on=datetime.date(2027, 2, 17)), submit=False, user=people["cadre_a"].user
        )
    ob = duty(d, "report")
    # 2027-02-17 − 10 = 02-07, inside the (provisional) Spring Festival and a Sunday: back to 02-04.
    assert local_day(ob.due_at) == datetime.date(2027, 2, 4) and ob.provisional
    assert AuditEntry.objects.filter(action="obligation.reschedule").exists()


def test_submitting_at_once_opens_and_completes_the_duty(people):
    d = declare(people["cadre_a"], at(2026, 9, 29))
    assert duty(d, "report").state == "done" and records.evaluate(d).findings == []
    entry = AuditEntry.objects.get(action="family_events.submit", target_id=str(d.pk))
    assert RELATIVES not in entry.summary and "儿子结婚" not in entry.summary
    assert isinstance(d.relatives, Sealed) and RELATIVES not in d.relatives.token


def test_submitting_needs_every_content_and_every_attestation(people):
    with pytest.raises(ValidationError) as error:
        declare(people["cadre_a"], at(2026, 9, 20), place="")
    assert "place" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        declare(people["cadre_a"], at(2026, 9, 20), attested=["no_gifts"])
    assert "attested" in error.value.message_dict
    assert not Declaration.objects.exists()


def test_only_leading_cadres_declare_and_only_their_own(people):
    with pytest.raises(ValidationError):
        declare(people["staff"], at(2026, 9, 20))
    with time_machine.travel(at(2026, 9, 20), tick=False), pytest.raises(PermissionDenied):
        services.declare(
            declarant=people["cadre_a"], content=content(), submit=True, user=people["cadre_b"].user
        )


def test_a_funeral_by_phone_then_the_written_form_within_10_days(people):
    # Reported by phone the day before; 2026-09-25 + 10 = 10-05 (National Day): due 10-08.
    with time_machine.travel(at(2026, 9, 24, 20), tick=False):
        d = services.enter_oral(
            declarant=people["cadre_b"], event_on=datetime.date(2026, 9, 25), received_at=at(2026, 9, 24, 19, 30),
            by=people["clerk"], user=people["clerk"].user,
        )  # fmt: skip
    assert d.state == Declaration.State.ORAL and d.report_on == datetime.date(2026, 9, 24)
    ob = duty(d, "written")
    assert local_day(ob.due_at) == datetime.date(2026, 10, 8) and ob.assignee == people["cadre_b"]
    assert [o.code for o in records.evaluate(d).obligations] == ["written-form"]
    with time_machine.travel(at(2026, 10, 8), tick=False):
        services.update(
            d, content=content(kind="funeral", purpose="父亲去世"), submit=True, user=people["cadre_b"].user
        )
    d.refresh_from_db()
    assert d.written_on == datetime.date(2026, 10, 8) and d.kind == "funeral"
    assert d.event_on == datetime.date(2026, 9, 25) and duty(d, "written").state == "done"
    assert records.evaluate(d).findings == [] and records.evaluate(d).obligations == []


def test_the_written_form_after_a_phone_report_across_the_spring_festival_2027(people):
    with time_machine.travel(at(2027, 1, 27), tick=False):
        d = services.enter_oral(
            declarant=people["cadre_b"], event_on=datetime.date(2027, 1, 28), received_at=at(2027, 1, 27, 9),
            by=people["discipline"], user=people["discipline"].user,
        )  # fmt: skip
    ob = duty(d, "written")
    # 2027-01-28 + 10 = 02-07 (provisional Spring Festival): the next working day, 02-09.
    assert local_day(ob.due_at) == datetime.date(2027, 2, 9) and ob.provisional
    with time_machine.travel(at(2027, 2, 10), tick=False):
        sweep()
        services.update(d, content=content(kind="funeral"), submit=True, user=people["discipline"].user)
    d.refresh_from_db()
    assert duty(d, "written").state == "done_late"
    assert [f.finding.code for f in records.evaluate(d).findings] == ["written-form-late"]


def test_a_phone_report_is_taken_by_the_offices_only(people):
    with pytest.raises(PermissionDenied):
        services.enter_oral(
            declarant=people["cadre_b"], event_on=datetime.date(2026, 12, 5), received_at=at(2026, 12, 2),
            by=people["cadre_a"], user=people["cadre_a"].user,
        )  # fmt: skip


def test_review_with_a_correction_round(people):
    d = declare(people["cadre_a"], at(2026, 9, 20))
    with time_machine.travel(at(2026, 9, 21), tick=False):
        with pytest.raises(ValidationError) as error:
            oversight.review(
                d, decision="correct", note="", by=people["discipline"], user=people["discipline"].user
            )
        assert "note" in error.value.message_dict
        oversight.review(
            d, decision="correct", note="请写明桌数", by=people["discipline"], user=people["discipline"].user
        )
    d.refresh_from_db()
    assert d.state == Declaration.State.CORRECTION
    correction = Obligation.objects.get(key__startswith=f"family_events:{d.pk}:correction:")
    assert correction.assignee == people["cadre_a"] and correction.state == "open"
    with time_machine.travel(at(2026, 9, 22), tick=False):
        services.update(
            d, content=content(standard="每桌600元，共12桌"), submit=True, user=people["cadre_a"].user
        )
    d.refresh_from_db()
    correction.refresh_from_db()
    assert d.state == Declaration.State.SUBMITTED and d.report_on == datetime.date(2026, 9, 20)
    assert correction.state == "done"
    with time_machine.travel(at(2026, 9, 23), tick=False):
        oversight.review(
            d, decision="accept", note="", by=people["discipline"], user=people["discipline"].user
        )
    d.refresh_from_db()
    assert d.state == Declaration.State.ACCEPTED
    with pytest.raises(ValidationError):
        oversight.review(
            d, decision="accept", note="", by=people["discipline"], user=people["discipline"].user
        )


def test_only_discipline_inspection_reviews(people):
    d = declare(people["cadre_a"], at(2026, 9, 20))
    for who in ("organization", "clerk", "cadre_b"):
        with pytest.raises(PermissionDenied):
            oversight.review(d, decision="accept", note="", by=people[who], user=people[who].user)


def test_spot_check_with_a_flag_feeds_the_cadres_year(people):
    d = declare(people["cadre_a"], at(2026, 9, 20))
    with time_machine.travel(at(2026, 10, 12, 14), tick=False):
        check = oversight.record_spot_check(
            subject=people["cadre_a"], declaration=d, checked_at=at(2026, 10, 12, 12), place="柞村镇某饭店",
            found="实到约200人，超出报告人数", flag_code="untrue", by=people["discipline"],
            user=people["discipline"].user,
        )  # fmt: skip
    flag = Flag.objects.get(spot_check=check)
    assert flag.code == "untrue" and flag.subject == people["cadre_a"] and flag.declaration == d
    lines = next(f for f in year_facts(people["cadre_a"], 2026) if f.area == "family_events").lines
    assert any("不如实报告" in line for line in lines) and any("婚" in line for line in lines)
    assert not AuditEntry.objects.filter(summary__contains="超出报告人数").exists()
    with pytest.raises(PermissionDenied):
        oversight.flag(subject=people["cadre_a"], code="unreported", evidence="x", by=people["organization"],
                       user=people["organization"].user)  # fmt: skip
    with time_machine.travel(at(2026, 10, 13), tick=False):
        oversight.flag(subject=people["cadre_b"], code="unreported", evidence="群众反映其女儿升学宴未报告",
                       by=people["discipline"], user=people["discipline"].user)  # fmt: skip
    lines = next(f for f in year_facts(people["cadre_b"], 2026) if f.area == "family_events").lines
    assert any("应报告未报告" in line for line in lines)


def test_the_read_is_audited_and_only_for_the_readers_r9_names(people, elsewhere):
    d = declare(people["cadre_a"], at(2026, 9, 20))
    for who in ("cadre_a", "discipline", "organization"):
        opened = services.read(d, user=people[who].user, reason="查阅")
        assert opened["relatives"] == RELATIVES and opened["guest_list"] == GUESTS
    assert AuditEntry.objects.filter(action="family_events.read", target_id=str(d.pk)).count() == 3
    for who in ("cadre_b", "clerk", "secretary", "deputy", "staff"):
        with pytest.raises(PermissionDenied):
            services.read(d, user=people[who].user)
    with pytest.raises(PermissionDenied):
        services.read(d, user=elsewhere["discipline"].user)
    entry = AuditEntry.objects.filter(action="family_events.read").first()
    assert RELATIVES not in entry.summary


def test_every_stored_declaration_exports_its_record(people):
    d = declare(people["cadre_a"], at(2026, 9, 29))
    document = records.export(d)
    assert document["format"] == "zhidu.family-event/1" and document["report"] == {
        "on": "2026-09-29",
        "channel": "written",
    }
    assert RELATIVES not in str(document)
