"""R12 entry points: the group (team, deputy section and above, invited), the plan's topics as duties
completed by a session, attendance, notes only by members as themselves; refusals name the field;
every write audited. Time travel: a topic left without a session is overdue after the period's last
working day (the period ending on the eve of National Day)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from tests import factories
from zhidu.central_study import services
from zhidu.central_study.models import StudyAttendance
from zhidu.core.models import AuditEntry
from zhidu.obligations.models import Obligation
from zhidu.obligations.services import sweep
from zhidu.org.models import Person

pytestmark = pytest.mark.django_db
D = datetime.date
SH = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def p(town):
    people = factories.personas(town)
    people["member"] = factories.person(town, "胡委员", username="member", team_role="member")
    chief = factories.person(town, "周主任", username="chief")
    Person.objects.filter(pk=chief.pk).update(rank="deputy_section")
    people["chief"] = Person.objects.get(pk=chief.pk)
    return people


def plan(p, town, **kwargs):
    office = p["organization"]
    kwargs.setdefault("topics", ["四中全会精神", "基层治理"])
    return services.create_plan(
        township=town, by=office, title="第三季度学习计划", starts_on=D(2026, 7, 1), ends_on=D(2026, 9, 30),
        user=office.user, at=datetime.datetime(2026, 7, 1, 9, tzinfo=SH), **kwargs,
    )  # fmt: skip


def test_the_group_is_team_deputy_section_and_invited(p, town):
    pl = plan(p, town, invited=[(p["cadre"], "分管业务相关")])
    names = [m.name for m in services.members(pl)]
    assert names[0] == "杨书记"  # the leader first (R12§1)
    assert {"邱副书记", "胡委员", "周主任", "吴干部"} <= set(names)
    assert "张党办" not in names  # staff rank, not invited


def test_topics_become_duties_completed_by_a_session(p, town):
    pl = plan(p, town)
    duties = Obligation.objects.filter(township=town, kind="study-session")
    assert duties.count() == 2
    topic = pl.topics.first()
    office = p["organization"]
    session = services.record_session(
        pl, by=office, kind="concentrated", held_on=D(2026, 8, 5), subject="集中学习", topic=topic,
        attendance={p["member"].pk: ("leave", "外出培训"), p["chief"].pk: ("absent", "")}, user=office.user,
        at=datetime.datetime(2026, 8, 5, 17, tzinfo=SH),
    )  # fmt: skip
    statuses = dict(StudyAttendance.objects.filter(session=session).values_list("person__name", "status"))
    assert (
        statuses["胡委员"] == "leave" and statuses["周主任"] == "absent" and statuses["杨书记"] == "present"
    )
    assert duties.filter(state="done").count() == 1
    assert AuditEntry.objects.filter(action="central_study.session").exists()


def test_a_topic_without_a_session_is_overdue_after_the_periods_last_working_day(p, town):
    plan(p, town)
    # 2026-09-30 is a working day (the eve of National Day): due at its end, overdue on Oct 1.
    duty = Obligation.objects.filter(township=town, kind="study-session").first()
    assert duty.due_at.astimezone(SH).date() == D(2026, 9, 30)
    with time_machine.travel(datetime.datetime(2026, 9, 30, 23, tzinfo=SH)):
        sweep(datetime.datetime(2026, 9, 30, 23, tzinfo=SH))
    duty.refresh_from_db()
    assert duty.state != "overdue"
    sweep(datetime.datetime(2026, 10, 1, 9, tzinfo=SH))
    duty.refresh_from_db()
    assert duty.state == "overdue"


def test_refusals_name_the_field(p, town):
    office = p["organization"]
    with pytest.raises(ValidationError) as error:
        services.create_plan(township=town, by=office, title="x", starts_on=D(2026, 7, 1), ends_on=D(2026, 6, 1),
                             topics=["甲"], user=office.user)  # fmt: skip
    assert "ends_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.create_plan(township=town, by=office, title="x", starts_on=D(2026, 7, 1), ends_on=D(2026, 9, 1),
                             topics=[" "], user=office.user)  # fmt: skip
    assert "topics" in error.value.message_dict


def test_only_offices_plan_and_only_oneself_writes_notes(p, town):
    with pytest.raises(PermissionDenied):
        services.create_plan(township=town, by=p["cadre"], title="x", starts_on=D(2026, 7, 1),
                             ends_on=D(2026, 9, 1), topics=["甲"], user=p["cadre"].user)  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.write_note(person=p["member"], kind="reading", title="t", body="b", written_on=D(2026, 8, 1),
                            user=p["deputy"].user)  # fmt: skip
    note = services.write_note(person=p["member"], kind="reading", title="笔记", body="内容",
                               written_on=D(2026, 8, 1), user=p["member"].user)  # fmt: skip
    assert note.township == town
    assert AuditEntry.objects.filter(action="central_study.note").exists()


def test_a_cadre_outside_the_group_keeps_no_notes_here(p, town):
    with pytest.raises(ValidationError) as error:
        services.write_note(person=p["clerk"], kind="reading", title="t", body="b", written_on=D(2026, 8, 1),
                            user=p["clerk"].user)  # fmt: skip
    assert "kind" in error.value.message_dict
