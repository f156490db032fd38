"""R15 entry points: who may record which report, the refusals naming the field, the audit entry, and
the obligations of the period: opened for the right people (not the whole team), completed by a report."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from tests.periodic_reports.helpers import roster
from zhidu.core.models import AuditEntry
from zhidu.obligations.models import Obligation
from zhidu.periodic_reports import checks, periodic, services

pytestmark = pytest.mark.django_db
SH = ZoneInfo("Asia/Shanghai")
TODAY = datetime.datetime(2026, 12, 2, 10, 0, tzinfo=SH)


@pytest.fixture
def r(town, people):
    return roster(town, people)


def record(member, by, **kw):
    base = dict(
        period="2026-B6", channel="written", content="学习和工作情况", reported_on=datetime.date(2026, 12, 2)
    )
    base.update(kw)
    return services.record_member_report(member, by=by, user=by.user, **base)


@time_machine.travel(TODAY, tick=False)
def test_duties_fall_on_the_branches_members_not_on_the_team(town, people, r):
    periodic.generate(town, datetime.date(2026, 12, 2))
    duties = Obligation.objects.filter(township=town)
    members = duties.filter(kind="member-report")
    # The deputy (a member with an account) owes his own; a member without one falls on the secretary;
    # the secretary of the township committee is on no roster: no duty.
    assert {(o.assignee.name, o.title) for o in members if o.assignee} >= {
        ("邱副书记", "邱副书记向机关党支部汇报2026年11—12月学习、思想、工作情况"),
        ("吴干部", "王大明向机关党支部汇报2026年11—12月学习、思想、工作情况"),
    }
    assert not duties.filter(assignee=people["secretary"]).exists()
    # A member of a branch without a secretary: the organization office's department.
    assert members.get(key__contains=f"m{r['villager'].pk}:").department.kind == "organization_office"
    branches = duties.filter(kind="branch-report")
    assert branches.count() == 2 and all(o.due_at.date() == datetime.date(2026, 12, 31) for o in branches)
    assert periodic.generate(town, datetime.date(2026, 12, 2)) == 0  # idempotent


@time_machine.travel(TODAY, tick=False)
def test_a_member_away_owes_a_written_quarterly_report(town, people, r):
    office = people["organization"]
    services.update_member(r["plain"], is_secretary=False, away_since=datetime.date(2026, 6, 1), active=True,
                           by=office, user=office.user)  # fmt: skip
    periodic.generate(town, datetime.date(2026, 12, 2))
    duty = Obligation.objects.get(key__contains=f"m{r['plain'].pk}:")
    assert (duty.kind, duty.article, duty.key.rsplit(":", 1)[1]) == (
        "periodic-report-away",
        "R15§3(2)",
        "2026-Q4",
    )
    with pytest.raises(ValidationError) as error:
        record(r["plain"], people["cadre"], period="2026-Q4", channel="oral")
    assert "书面" in str(error.value.message_dict["channel"])
    record(r["plain"], people["cadre"], period="2026-Q4")
    duty.refresh_from_db()
    assert duty.state == "done"


@time_machine.travel(TODAY, tick=False)
def test_the_secretary_records_an_oral_report_and_completes_the_duty(town, people, r):
    periodic.generate(town, datetime.date(2026, 12, 2))
    report = record(r["plain"], people["cadre"], channel="oral")
    assert not report.late and report.recorded_by == people["cadre"]
    period = checks.period_of(datetime.date(2026, 12, 2), 2)
    assert Obligation.objects.get(key=services.member_key(r["plain"], period)).state == "done"
    entry = AuditEntry.objects.get(action="periodic_reports.record")
    assert "学习和工作情况" not in entry.summary and entry.actor == people["cadre"].user
    with pytest.raises(ValidationError) as error:
        record(r["plain"], people["cadre"])
    assert "已经记录" in str(error.value.message_dict["period"])


@time_machine.travel(TODAY, tick=False)
def test_who_may_record(town, people, r):
    record(r["deputy"], people["deputy"])  # his own, in writing
    with pytest.raises(PermissionDenied):
        record(r["plain"], people["deputy"])  # another member's: not his branch's secretary
    with pytest.raises(PermissionDenied):
        record(r["villager"], people["cadre"])  # another branch's member
    with pytest.raises(ValidationError) as error:
        record(r["secretary"], people["cadre"], reported_on=datetime.date(2026, 12, 9))
    assert "不能晚于今天" in str(error.value.message_dict["reported_on"])
    with pytest.raises(ValidationError) as error:
        record(r["secretary"], people["cadre"], period="2026-B4")
    assert "period" in error.value.message_dict


@time_machine.travel(datetime.datetime(2027, 1, 6, 10, tzinfo=SH), tick=False)
def test_a_branch_report_after_the_quarter_is_late(town, people, r):
    report = services.record_branch_report(
        r["organs"], quarter="2026-Q4", channel="written", content="本季度情况", reporter_name="",
        reported_on=datetime.date(2027, 1, 5), by=people["cadre"], user=people["cadre"].user,
    )  # fmt: skip
    assert report.late and report.reporter_name == "吴干部"
    with pytest.raises(PermissionDenied):
        services.record_branch_report(
            r["village"], quarter="2026-Q4", channel="written", content="x", reporter_name="",
            reported_on=datetime.date(2027, 1, 5), by=people["cadre"], user=people["cadre"].user,
        )  # fmt: skip
    # The organization office records a report received from a branch without a secretary.
    office = people["organization"]
    services.record_branch_report(
        r["village"], quarter="2026-Q4", channel="oral", content="口头汇报", reporter_name="李秀英",
        reported_on=datetime.date(2026, 12, 30), by=office, user=office.user,
    )  # fmt: skip


def test_only_the_organization_office_keeps_the_roster(town, people, r):
    with pytest.raises(PermissionDenied):
        services.add_member(township=town, branch=r["organs"], name="新党员", person=None, is_secretary=False,
                            away_since=None, by=people["clerk"], user=people["clerk"].user)  # fmt: skip
    with pytest.raises(ValidationError) as error:
        services.add_member(township=town, branch=r["organs"], name="王大明", person=None, is_secretary=False,
                            away_since=None, by=people["organization"], user=people["organization"].user)  # fmt: skip
    assert "name" in error.value.message_dict


@pytest.mark.parametrize(
    "day, member_due, branch_due",
    [
        # Jan–Feb 2026: 28 February is the Saturday worked for the Spring Festival (调休): due that day.
        (datetime.date(2026, 1, 20), datetime.date(2026, 2, 28), datetime.date(2026, 3, 31)),
        # Sep–Oct 2026: 31 October is a Saturday, after National Day: Friday 30th; Q3 ends on the 30th of September.
        (datetime.date(2026, 9, 10), datetime.date(2026, 10, 30), datetime.date(2026, 9, 30)),
        # Jan–Feb 2027: 28 February is a Sunday: Friday 26th, after the Spring Festival.
        (datetime.date(2027, 1, 15), datetime.date(2027, 2, 26), datetime.date(2027, 3, 31)),
    ],
)
def test_period_duties_fall_due_on_the_last_working_day(town, people, r, day, member_due, branch_due):
    periodic.generate(town, day)
    member = Obligation.objects.get(key__startswith=f"periodic-report:m{r['deputy'].pk}:")
    branch = Obligation.objects.get(key__startswith=f"branch-report:b{r['organs'].pk}:")
    assert member.due_at.astimezone(SH).date() == member_due
    assert branch.due_at.astimezone(SH).date() == branch_due
