"""Leave (R14§5): reported to both principals beforehand (after leaving it stands, marked late), each
principal's acknowledgement, 销假 with its report; a return date passed without it becomes an overdue
duty (time travel across National Day 2026); the absence is seen by meetings through the kernel."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.coordination.conftest import at
from zhidu.coordination import services
from zhidu.coordination.models import Leave
from zhidu.core.models import AuditEntry
from zhidu.meetings import services as meetings
from zhidu.obligations.models import Obligation
from zhidu.obligations.services import sweep
from zhidu.org.absences import absences, away_on

pytestmark = pytest.mark.django_db
D = datetime.date
LAST_DAY = D(2026, 9, 30)


def report(person, *, starts_at=None, ends_on=LAST_DAY, when=None, **kwargs):
    kwargs.setdefault("purpose", "meeting")
    kwargs.setdefault("destination", "赴市委参加组织工作会议")
    starts_at = starts_at or at(2026, 9, 29, 8)
    return services.report_leave(
        person=person,
        starts_at=starts_at,
        ends_on=ends_on,
        user=person.user,
        at=when or at(2026, 9, 28, 17),
        **kwargs,
    )


def refusal(error) -> dict:
    return {field: " ".join(messages) for field, messages in error.value.message_dict.items()}


def test_reported_beforehand_opens_each_principal_s_acknowledgement_and_the_member_s_return(team):
    leave = report(team["member"])
    assert (leave.state, leave.reported_late, leave.starts_on) == ("away", False, D(2026, 9, 29))
    # Back after Wednesday 30 September: the first working day is Thursday 8 October (National Day).
    assert leave.return_due_at == at(2026, 10, 8, 23, 59, 59)
    duties = Obligation.objects.filter(source_type="coordination.leave", source_id=str(leave.pk))
    acks = {o.assignee_id: o for o in duties.filter(kind="leave-acknowledge")}
    assert set(acks) == {team["secretary"].pk, team["head"].pk}
    assert all(o.article == "R14§5" and o.due_at == at(2026, 9, 29, 23, 59, 59) for o in acks.values())
    back = duties.get(kind="leave-return")
    assert (back.assignee, back.due_at) == (team["member"], leave.return_due_at)
    entry = AuditEntry.objects.get(action="coordination.leave", target_id=str(leave.pk))
    assert entry.actor == team["member"].user and entry.detail == {"late": False}


def test_reported_after_leaving_stands_marked_late(team):
    leave = report(team["member"], when=at(2026, 9, 29, 9))
    assert leave.reported_late
    assert AuditEntry.objects.get(action="coordination.leave").detail == {"late": True}


def test_a_principal_on_leave_reports_to_the_other_principal(team):
    leave = report(team["secretary"])
    assert [p.pk for p in services.expected_acknowledgers(leave)] == [team["head"].pk]
    with pytest.raises(ValidationError):
        services.acknowledge(leave, by=team["secretary"])


def test_acknowledged_by_each_principal_once_and_by_nobody_else(team):
    leave = report(team["member"])
    services.acknowledge(leave, by=team["secretary"], at=at(2026, 9, 29, 10))
    ack = Obligation.objects.get(key=f"coordination:leave:{leave.pk}:ack:{team['secretary'].pk}")
    assert ack.state == "done"
    with pytest.raises(ValidationError) as refused:
        services.acknowledge(leave, by=team["secretary"])
    assert "已知悉" in refusal(refused)["leave"]
    for who in ("deputy", "member", "clerk"):
        with pytest.raises(PermissionDenied):
            services.acknowledge(leave, by=team[who])
    with pytest.raises(PermissionDenied):
        services.acknowledge(leave, by=team["head"], user=team["secretary"].user)


def test_the_input_is_refused_with_the_field_named(team):
    cases = [
        ({"purpose": "holiday"}, "purpose"),
        ({"destination": "  "}, "destination"),
        ({"ends_on": D(2026, 9, 28)}, "ends_on"),
        ({"ends_on": None}, "ends_on"),
        ({"starts_at": datetime.datetime(2026, 9, 29, 8)}, "starts_at"),  # noqa: DTZ001 — naive on purpose
    ]
    for change, field in cases:
        kwargs = {
            "purpose": "meeting",
            "destination": "开会",
            "starts_at": at(2026, 9, 29, 8),
            "ends_on": D(2026, 9, 30),
        }
        kwargs.update(change)
        with pytest.raises(ValidationError) as refused:
            services.report_leave(person=team["member"], user=team["member"].user, **kwargs)
        assert field in refused.value.message_dict, change
    assert not Leave.objects.exists()


def test_only_team_members_report_and_only_their_own(team):
    with pytest.raises(PermissionDenied):
        report(team["cadre"])
    with pytest.raises(PermissionDenied):
        services.report_leave(person=team["member"], purpose="meeting", destination="开会",
                              starts_at=at(2026, 9, 29, 8), ends_on=D(2026, 9, 30), user=team["deputy"].user)  # fmt: skip


def test_the_return_passes_due_across_national_day_then_cancelled_late(team):
    leave = report(team["member"])
    back = Obligation.objects.get(key=f"coordination:leave:{leave.pk}:return")
    sweep(at(2026, 10, 8, 23, 59, 59))
    back.refresh_from_db()
    assert back.state == "open"
    sweep(at(2026, 10, 9, 0, 0, 1))
    back.refresh_from_db()
    assert back.state == "overdue"
    with pytest.raises(ValidationError) as refused:
        services.cancel_leave(leave, person=team["member"], report=" ")
    assert "return_report" in refusal(refused)
    with time_machine.travel(at(2026, 10, 9, 9), tick=False):
        services.cancel_leave(leave, person=team["member"], report="会议传达了全省组织工作会议精神")
    back.refresh_from_db()
    assert (leave.state, back.state) == ("returned", "done_late")
    assert AuditEntry.objects.get(action="coordination.return").detail == {"late": True}
    with pytest.raises(ValidationError):
        services.cancel_leave(leave, person=team["member"], report="再次销假")


def test_only_the_member_cancels_their_leave(team):
    leave = report(team["member"])
    with pytest.raises(PermissionDenied):
        services.cancel_leave(leave, person=team["member"], report="汇报", user=team["deputy"].user)
    with pytest.raises(ValidationError):
        services.cancel_leave(leave, person=team["deputy"], report="汇报")


def test_the_absence_is_read_through_the_kernel_and_ends_at_an_early_return(team, town):
    leave = report(team["member"], ends_on=D(2026, 10, 9))
    assert away_on(town, D(2026, 9, 28)) == {}
    absence = away_on(town, D(2026, 9, 29))[team["member"].pk]
    assert (absence.start, absence.end, absence.source, absence.source_id) == (
        D(2026, 9, 29), D(2026, 10, 9), "coordination.leave", leave.pk,
    )  # fmt: skip
    assert absence.reason == "请假：外出开会（赴市委参加组织工作会议）"
    with time_machine.travel(at(2026, 10, 8, 9), tick=False):
        services.cancel_leave(leave, person=team["member"], report="提前返回")
    assert [a.end for a in absences(town, D(2026, 9, 1), D(2026, 10, 31))] == [D(2026, 10, 7)]
    assert away_on(town, D(2026, 10, 8)) == {}


def test_a_meeting_held_during_the_leave_takes_the_absence_and_its_reason(team, town):
    report(team["member"])
    clerk = team["clerk"].user
    with time_machine.travel(at(2026, 9, 28, 18), tick=False):
        meeting = meetings.create_meeting(
            township=town, body="team", title="党委会议", held_at=at(2026, 9, 30, 15), chair=team["secretary"],
            user=clerk,
        )  # fmt: skip
    rows = {a.person_id: a for a in meeting.attendance.all()}
    assert (rows[team["member"].pk].status, rows[team["member"].pk].reason) == (
        "absent", "请假：外出开会（赴市委参加组织工作会议）",
    )  # fmt: skip
    assert rows[team["secretary"].pk].status == "unknown"
    # A leave reported after the meeting was prepared is offered on the clerk's attendance screen.
    other = meetings.create_meeting(
        township=town,
        body="team",
        title="党委会议二",
        held_at=at(2026, 10, 9, 15),
        chair=team["secretary"],
        user=clerk,
    )
    report(team["deputy"], starts_at=at(2026, 10, 9, 8), ends_on=D(2026, 10, 9), when=at(2026, 10, 8, 9))
    assert other.attendance.get(person=team["deputy"]).status == "unknown"
    assert meetings.leave_reasons(town, other.held_at) == {
        team["deputy"].pk: "请假：外出开会（赴市委参加组织工作会议）"
    }
    assert timezone.is_aware(other.held_at)


def test_a_return_after_the_spring_festival_2027_is_due_on_the_provisional_calendar(team):
    leave = report(team["member"], starts_at=at(2027, 2, 3, 8), ends_on=D(2027, 2, 4), when=at(2027, 2, 1, 9))
    # 除夕 Friday 5 February 2027: four days off (provisional: no State Council notice yet), back Tuesday.
    assert leave.return_due_at == at(2027, 2, 9, 23, 59, 59)
    back = Obligation.objects.get(key=f"coordination:leave:{leave.pk}:return")
    assert back.provisional and back.due_at == leave.return_due_at


def test_the_year_s_facts_for_the_annual_self_report(team):
    from zhidu.coordination.facts import year_facts

    report(team["member"])
    report(team["member"], starts_at=at(2026, 10, 12, 8), ends_on=D(2026, 10, 12), when=at(2026, 10, 12, 9))
    facts = year_facts(team["member"], 2026)
    assert (facts.area, facts.article) == ("coordination", "R14")
    assert facts.lines[0] == "请假外出2次，其中外出后才报告1次，尚未销假2次"
    assert year_facts(team["member"], 2025).lines[0] == "请假外出0次，其中外出后才报告0次，尚未销假0次"
