"""The entry points of R10 annual self-reports, by persona and by time: a team member starts, saves,
submits (read-only afterwards); the obligation follows the day the committee sets, across the Spring
Festival and National Day; the offices read, nobody else does; every write is audited."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from tests.self_reports.helpers import at, end_of, full_points, started
from zhidu.core.models import AuditEntry
from zhidu.obligations import jobs
from zhidu.obligations.models import Obligation
from zhidu.rules.models import RuleSet
from zhidu.self_reports import services
from zhidu.self_reports.models import SelfReport

pytestmark = pytest.mark.django_db


def duty(report):
    return Obligation.objects.get(key=f"annual-self-report:{report.person_id}:{report.year}")


def test_a_member_starts_the_year_once_with_its_duty_due_the_last_working_day(town, people):
    with time_machine.travel(at(2026, 12, 2), tick=False):
        report = started(people["deputy"])
        assert started(people["deputy"]).pk == report.pk
    assert report.state == "draft" and report.point_texts() == [""] * 7
    assert report.due_at == end_of(2026, 12, 31)
    obligation = duty(report)
    assert obligation.kind == "annual-self-report" and obligation.article == "R10"
    assert obligation.due_at == end_of(2026, 12, 31) and obligation.assignee == people["deputy"]
    assert obligation.source_id == str(report.pk)
    assert AuditEntry.objects.filter(action="self_reports.start").count() == 1


@pytest.mark.parametrize("who", ["cadre", "organization", "discipline", "clerk"])
def test_only_team_members_write(town, people, who):
    with pytest.raises(PermissionDenied):
        started(people[who])


def test_nobody_writes_another_members_report(town, people):
    report = started(people["deputy"])
    with pytest.raises(PermissionDenied):
        services.save_draft(report, points=full_points(), user=people["secretary"].user)
    assert SelfReport.objects.get(pk=report.pk).point_texts() == [""] * 7


def test_a_draft_is_kept_and_audited_without_its_text(town, people):
    report = started(people["deputy"])
    points = full_points()
    points[3] = ""
    services.save_draft(report, points=points, annex=[{"area": "x", "heading": "会议", "text": "出席10次"}],
                        user=people["deputy"].user)  # fmt: skip
    stored = SelfReport.objects.get(pk=report.pk)
    assert stored.point_texts() == points and stored.annex[0]["text"] == "出席10次"
    assert stored.version == 2
    entry = AuditEntry.objects.get(action="self_reports.save")
    assert "本年度" not in entry.summary and entry.actor == people["deputy"].user


def test_a_stale_form_does_not_overwrite_a_newer_draft(town, people):
    report = started(people["deputy"])
    services.save_draft(report, points=full_points(), version=1, user=people["deputy"].user)
    with pytest.raises(services.Conflicting):
        services.save_draft(report, points=[""] * 7, version=1, user=people["deputy"].user)
    assert SelfReport.objects.get(pk=report.pk).point_texts() == full_points()


def test_submit_refuses_an_empty_point_by_its_field_and_keeps_the_draft(town, people):
    report = started(people["deputy"])
    points = full_points()
    points[1] = "  "
    with pytest.raises(ValidationError) as refused:
        services.submit(report, points=points, annex=[], user=people["deputy"].user)
    assert set(refused.value.message_dict) == {"point_2"}
    assert "第2项" in refused.value.message_dict["point_2"][0]
    assert SelfReport.objects.get(pk=report.pk).state == "draft"


def test_submitting_completes_the_duty_and_the_text_is_read_only(town, people):
    with time_machine.travel(at(2026, 12, 20), tick=False):
        report = started(people["deputy"])
        services.submit(report, points=full_points(), annex=[], user=people["deputy"].user)
    report.refresh_from_db()
    assert report.state == "submitted" and not report.late and report.submitted_at == at(2026, 12, 20)
    assert duty(report).state == "done"
    for change in (
        lambda: services.save_draft(report, points=[""] * 7, user=people["deputy"].user),
        lambda: services.submit(report, points=full_points(), annex=[], user=people["deputy"].user),
        lambda: services.refresh_annex(report, points=full_points(), user=people["deputy"].user),
    ):
        with pytest.raises(ValidationError):
            change()
    assert SelfReport.objects.get(pk=report.pk).point_texts() == full_points()


def test_late_just_after_the_due_moment(town, people):
    report = started(people["deputy"])
    with time_machine.travel(at(2027, 1, 4, 9), tick=False):
        services.submit(report, points=full_points(), annex=[], user=people["deputy"].user)
    report.refresh_from_db()
    assert report.late and duty(report).state == "done_late"
    assert AuditEntry.objects.get(action="self_reports.submit").detail["late"] is True


def _committee_sets(town, month, day):
    RuleSet.objects.create(
        township=town,
        effective_from=datetime.date(2026, 1, 1),
        parameters={"self_reports": {"due_month": month, "due_day": day}},
    )


def test_a_due_day_in_the_spring_festival_moves_back_to_the_working_saturday_before(town, people):
    # 2026: 春节 15–23 February; Saturday 14 February is a working day (调休).
    _committee_sets(town, 2, 20)
    report = started(people["deputy"])
    assert report.due_at == end_of(2026, 2, 14) == duty(report).due_at
    with time_machine.travel(end_of(2026, 2, 14), tick=False):
        services.submit(report, points=full_points(), annex=[], user=people["deputy"].user)
    report.refresh_from_db()
    assert not report.late


def test_the_holiday_never_extends_the_deadline(town, people):
    _committee_sets(town, 2, 20)
    report = started(people["deputy"])
    with time_machine.travel(at(2026, 2, 15, 0, 0, 1), tick=False):
        services.submit(report, points=full_points(), annex=[], user=people["deputy"].user)
    report.refresh_from_db()
    assert report.late


def test_a_due_day_in_national_day_moves_back_to_30_september(town, people):
    _committee_sets(town, 10, 5)
    assert services.due(town, 2026).due_at == end_of(2026, 9, 30)
    _committee_sets_2027 = RuleSet.objects.create(
        township=town, effective_from=datetime.date(2026, 11, 1),
        parameters={"self_reports": {"due_month": 12, "due_day": 0}},
    )  # fmt: skip
    # The committee's latest setting before the year's end is the one in force.
    assert _committee_sets_2027 and services.due(town, 2026).due_at == end_of(2026, 12, 31)


def test_the_default_for_a_provisional_year_is_marked_provisional(town, people):
    found = services.due(town, 2027)
    # 2027 has no State Council notice in the seed: weekends and statutory holidays only.
    assert found.due_at == end_of(2027, 12, 31) and found.provisional


def test_the_yearly_job_opens_one_report_and_duty_per_member_once(town, people):
    day = datetime.date(2026, 3, 2)
    assert jobs.generate(day)["self_reports"] == 2  # the secretary and the deputy
    assert jobs.generate(day)["self_reports"] == 0
    duties = Obligation.objects.filter(township=town, kind="annual-self-report")
    assert sorted(d.assignee.name for d in duties) == sorted(
        [people["secretary"].name, people["deputy"].name]
    )
    assert SelfReport.objects.filter(township=town, year=2026).count() == 2
    # The committee's own generator no longer opens this duty: one per member, not two.
    assert duties.count() == 2


def test_a_past_member_reports_for_the_year_served_a_stranger_never(town, people):
    from tests import factories

    left = factories.person(town, "离任委员", username="left", team_role="member",
                            starts_on=datetime.date(2021, 1, 1), ends_on=datetime.date(2026, 6, 30))  # fmt: skip
    assert services.ensure_report(left, 2026, actor=None) is not None
    assert services.ensure_report(left, 2027, actor=None) is None
    assert services.ensure_report(people["cadre"], 2026, actor=None) is None


@pytest.mark.parametrize("who, reads", [("organization", True), ("discipline", True), ("secretary", True),
                                        ("clerk", False), ("cadre", False)])  # fmt: skip
def test_who_reads_a_submitted_report(town, people, who, reads):
    report = started(people["deputy"])
    services.submit(report, points=full_points(), annex=[], user=people["deputy"].user)
    assert services.may_read(people[who].user, report) is reads
    assert services.may_read_text(people[who].user, report) is reads


def test_a_draft_is_its_authors_only(town, people):
    report = started(people["deputy"])
    assert services.may_read_text(people["deputy"].user, report)
    assert not services.may_read_text(people["organization"].user, report)


def test_bad_input_is_refused_by_field(town, people):
    report = started(people["deputy"])
    user = people["deputy"].user
    with pytest.raises(ValidationError) as refused:
        services.save_draft(report, points=["x"] * 6, user=user)
    assert "points" in refused.value.message_dict
    too_long = full_points()
    too_long[4] = "字" * 8001
    with pytest.raises(ValidationError) as refused:
        services.save_draft(report, points=too_long, user=user)
    assert "point_5" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.save_draft(report, points=full_points(), annex=[{"text": "字" * 5001}], user=user)
    assert "annex_1" in refused.value.message_dict
    with pytest.raises(ValidationError):
        services.save_draft(report, points=full_points(), annex="not a list", user=user)


def test_a_due_day_in_the_provisional_spring_festival_of_2027(town, people):
    # No State Council notice for 2027 in the seed: 春节 is 4 days from 除夕 (5–8 February), so a
    # due day of 7 February moves back to Thursday 4 February, and is marked provisional.
    _committee_sets(town, 2, 7)
    found = services.due(town, 2027)
    assert found.due_at == end_of(2027, 2, 4) and found.provisional
