"""R13 entry points: permissions refused, audit written, the duties opened and fulfilled; time
travel across National Day 2026 (the one-month rectification deadline) and a postponed meeting
without approval overdue at the year's end."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from tests.life_meetings.helpers import hold, meeting
from zhidu.core.models import AuditEntry
from zhidu.life_meetings import aftercare, periodic, services
from zhidu.life_meetings.models import Speech
from zhidu.obligations import services as duties
from zhidu.obligations.models import Obligation

pytestmark = pytest.mark.django_db
SH = ZoneInfo("Asia/Shanghai")
D = datetime.date


def at(*args):
    return datetime.datetime(*args, tzinfo=SH)


def test_the_generator_opens_the_year_for_the_principal_and_the_party_office(town, people):
    assert periodic.generate(town, D(2026, 3, 2)) == 2
    assert periodic.generate(town, D(2026, 11, 26)) == 0  # idempotent for the year
    year = Obligation.objects.get(key=periodic.meeting_key(2026))
    assert (year.kind, year.article, year.assignee) == (
        "democratic-life-meeting",
        "R13§3",
        people["secretary"],
    )
    assert year.due_at.astimezone(SH).date() == D(2026, 12, 31)
    report = Obligation.objects.get(key=periodic.compliance_key(2026))
    assert report.article == "R1§13" and report.department.kind == "party_office"


def test_only_the_principal_convenes_and_a_member_writes_only_their_own_speech(town, people):
    with pytest.raises(PermissionDenied):
        services.create_meeting(by=people["deputy"], year=2026, theme="主题", planned_on=None)
    with pytest.raises(ValidationError) as error:
        services.create_meeting(by=people["secretary"], year=2026, theme=" ", planned_on=None)
    assert "会议主题" in str(error.value)
    m = meeting(people)
    assert AuditEntry.objects.filter(action="life_meetings.create").count() == 1
    speeches = {s.person_id: s for s in Speech.objects.filter(meeting=m)}
    assert set(speeches) == {people["secretary"].pk, people["deputy"].pk}
    mine = speeches[people["deputy"].pk]
    with pytest.raises(PermissionDenied):
        services.save_speech(mine, text="代写", user=people["secretary"].user)
    services.save_speech(mine, text="对照检查材料草稿")
    services.save_speech(mine, text="对照检查材料定稿", submit=True)
    with pytest.raises(ValidationError):
        services.save_speech(mine, text="再改")
    assert not services.may_read_speech(people["clerk"].user, mine)
    assert services.may_read_speech(people["organization"].user, mine)
    assert services.may_read_speech(people["discipline"].user, mine)


def test_holding_fulfils_the_year_and_opens_measures_and_report(town, people):
    with time_machine.travel(at(2026, 11, 20, 9), tick=False):
        periodic.generate(town, D(2026, 11, 20))
        m = meeting(people)
        hold(people, m, D(2026, 11, 20))
    year = Obligation.objects.get(key=periodic.meeting_key(2026))
    assert year.state == Obligation.State.DONE
    report = Obligation.objects.get(key=periodic.report_key(m.pk))
    # 15 days after 20 November (default parameter) is 5 December, a Saturday: Monday 7 December.
    assert report.due_at.astimezone(SH).date() == D(2026, 12, 7)
    with time_machine.travel(at(2026, 11, 23, 9), tick=False):
        with pytest.raises(ValidationError) as error:
            aftercare.add_measure(m, by=people["secretary"], text="深入村组调研", owner=None, due_on=None)
        assert "责任人" in str(error.value)
        measure = aftercare.add_measure(
            m, by=people["secretary"], text="深入村组调研", owner=people["cadre"], due_on=D(2027, 3, 1)
        )
        aftercare.confirm_measures(m, by=people["secretary"])
    tracked = Obligation.objects.get(key=periodic.measure_key(measure.pk))
    assert (tracked.assignee, tracked.state, tracked.article) == (people["cadre"], "open", "R13§6")
    assert Obligation.objects.get(key=periodic.measures_key(m.pk)).state == Obligation.State.DONE
    with pytest.raises(PermissionDenied):
        aftercare.report_done(measure, report="完成", user=people["secretary"].user)
    aftercare.report_done(measure, report="已走访6个村")
    tracked.refresh_from_db()
    assert tracked.state == Obligation.State.DONE
    assert AuditEntry.objects.filter(action="life_meetings.measure_done").exists()


def test_time_travel_the_one_month_rectification_deadline_across_national_day_2026(town, people):
    with time_machine.travel(at(2026, 9, 1, 9), tick=False):
        m = meeting(people)
        hold(people, m, D(2026, 9, 1))
    measures = Obligation.objects.get(key=periodic.measures_key(m.pk))
    # One month after 1 September is 1 October, National Day: the next working day, 8 October.
    assert measures.due_at == at(2026, 10, 8, 23, 59, 59)
    assert services.rectification_due(D(2026, 9, 1)) == D(2026, 10, 8)
    duties.sweep(at(2026, 10, 8, 23, 0))
    measures.refresh_from_db()
    assert measures.state == Obligation.State.OPEN  # still due on the 8th
    duties.sweep(at(2026, 10, 9, 0, 1))
    measures.refresh_from_db()
    assert measures.state == Obligation.State.OVERDUE
    assert "measures-late" in {f.code for f in services.after_findings(m, D(2026, 10, 9))}


def test_time_travel_a_postponed_meeting_without_approval_is_overdue(town, people):
    with time_machine.travel(at(2026, 12, 2, 9), tick=False):
        periodic.generate(town, D(2026, 12, 2))
        row = aftercare.request_postponement(
            by=people["secretary"], year=2026, reason="换届工作集中", hold_by=D(2027, 2, 26)
        )
    year = Obligation.objects.get(key=periodic.meeting_key(2026))
    duties.sweep(at(2027, 1, 1, 0, 1))
    year.refresh_from_db()
    assert year.state == Obligation.State.OVERDUE  # asked, not approved: nothing moved
    state = aftercare.year_state(town, 2026, D(2027, 1, 1))
    from zhidu.life_meetings import checks

    assert {f.code for f in checks.check_year(state)} == {"postponement-unapproved", "meeting-overdue"}
    # The approval recorded: the year falls due on the approved day (last working day by it).
    with time_machine.travel(at(2027, 1, 4, 9), tick=False):
        with pytest.raises(PermissionDenied):
            aftercare.approve_postponement(
                row, by=people["secretary"], approved_on=D(2027, 1, 4), approved_by="县委"
            )
        aftercare.approve_postponement(
            row,
            by=people["organization"],
            approved_on=D(2027, 1, 4),
            approved_by="县委组织部",
            reference="组字〔2027〕1号",
        )
    year.refresh_from_db()
    assert year.state == Obligation.State.OPEN
    assert year.due_at == at(2027, 2, 26, 23, 59, 59)
    assert checks.check_year(aftercare.year_state(town, 2026, D(2027, 1, 5))) == []
