"""The Friday briefing (R14§3): the week's record and the party office's duty on its last working day
(time travel across National Day 2026, New Year and the Spring Festival 2027; none in the Spring
Festival week of 2026), pre-filled from the daily logs and the leaves, closed read-only."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from tests.coordination.conftest import at
from zhidu.coordination import services
from zhidu.coordination.models import Briefing
from zhidu.coordination.services.briefing import duty_key, generate, open_week
from zhidu.core.models import AuditEntry
from zhidu.obligations import jobs
from zhidu.obligations.models import Obligation
from zhidu.obligations.services import sweep

pytestmark = pytest.mark.django_db
D = datetime.date


def duty(town, monday):
    return Obligation.objects.get(township=town, key=duty_key(monday))


@pytest.mark.parametrize(
    "day, held_on, provisional",
    [
        (D(2026, 11, 30), D(2026, 12, 4), False),  # an ordinary week: Friday
        (D(2026, 9, 29), D(2026, 9, 30), False),  # National Day from Thursday 1 October: Wednesday
        (D(2026, 10, 8), D(2026, 10, 9), False),  # after it, Friday, not the 调休 Saturday
        (
            D(2026, 12, 29),
            D(2026, 12, 31),
            True,
        ),  # New Year on Friday 1 January 2027 (provisional year): Thursday
        (D(2027, 2, 2), D(2027, 2, 4), True),  # Spring Festival 2027 from Friday 5 February: Thursday
    ],
)
def test_the_week_s_briefing_is_due_at_the_end_of_its_last_working_day(team, town, day, held_on, provisional):
    briefing = open_week(town, day)
    monday = day - datetime.timedelta(days=day.weekday())
    assert (briefing.week_of, briefing.held_on, briefing.state) == (monday, held_on, "draft")
    ob = duty(town, monday)
    assert (ob.kind, ob.article, ob.department.kind, ob.assignee) == (
        "friday-briefing",
        "R14§3",
        "party_office",
        None,
    )
    assert ob.due_at == at(held_on.year, held_on.month, held_on.day, 23, 59, 59)
    assert ob.provisional is provisional
    assert (ob.source_type, ob.source_id) == ("coordination.briefing", str(briefing.pk))


def test_no_briefing_in_the_spring_festival_week_of_2026(team, town):
    assert open_week(town, D(2026, 2, 18)) is None
    assert not Briefing.objects.exists() and not Obligation.objects.filter(kind="friday-briefing").exists()
    with pytest.raises(ValidationError) as refused:
        services.prepare_week(town, D(2026, 2, 18), by=team["clerk"])
    assert "没有工作日" in str(refused.value)


def test_the_scheduler_opens_each_week_once_and_sweeps_a_missed_one_overdue(team, town):
    with time_machine.travel(at(2026, 9, 28, 8), tick=False):
        jobs.run()
        jobs.run()
    assert Briefing.objects.filter(township=town).count() == 1
    assert generate(town, D(2026, 9, 29)) == 0
    sweep(at(2026, 9, 30, 23, 59, 59))
    assert duty(town, D(2026, 9, 28)).state == "open"
    sweep(at(2026, 10, 1, 0, 0, 1))
    assert duty(town, D(2026, 9, 28)).state == "overdue"


def test_prepared_from_the_week_s_logs_and_the_leaves_then_closed_read_only(team, town, week_source):
    member, clerk = team["member"], team["clerk"]
    services.report_leave(
        person=member, purpose="training", destination="县委党校培训", starts_at=at(2026, 12, 3, 8),
        ends_on=D(2026, 12, 4), user=member.user, at=at(2026, 12, 1, 9),
    )  # fmt: skip
    with time_machine.travel(at(2026, 12, 4, 16), tick=False):
        briefing = services.prepare_week(town, D(2026, 12, 4), by=clerk)
    entries = {e.person_id: e for e in briefing.entries.all()}
    team_ids = {team[k].pk for k in ("secretary", "deputy", "head", "member")}
    assert set(entries) == team_ids
    assert (team["secretary"].pk, D(2026, 11, 30)) in week_source
    secretary = entries[team["secretary"].pk]
    assert secretary.this_week == "杨书记：完成秋冬季森林防火检查"
    assert secretary.next_week == "杨书记：部署冬季供暖保障\n（续）村道维修验收"
    assert secretary.present
    away = entries[member.pk]
    assert not away.present and away.absence_reason == "请假：参加培训（县委党校培训）"
    assert services.prepare(briefing, by=clerk) == 0  # once per member
    values = {
        pid: services.EntryInput(
            e.present, e.absence_reason, e.this_week, e.next_week, "全体参加周三县委会议"
        )
        for pid, e in entries.items()
    }
    services.save(briefing, version=briefing.version, held_on=D(2026, 12, 4), place="三楼会议室", notes="",
                  entries=values, by=clerk)  # fmt: skip
    with pytest.raises(services.Conflicting):
        services.save(briefing, version=briefing.version - 1, held_on=D(2026, 12, 4), place="", notes="",
                      entries={}, by=clerk)  # fmt: skip
    services.close(briefing, version=briefing.version, by=clerk, at=at(2026, 12, 4, 17))
    assert briefing.state == "closed"
    assert duty(town, D(2026, 11, 30)).state == "done"
    with pytest.raises(ValidationError):
        services.save(briefing, version=briefing.version, held_on=D(2026, 12, 4), place="", notes="",
                      entries={}, by=clerk)  # fmt: skip
    with pytest.raises(ValidationError):
        services.prepare(briefing, by=clerk)
    actions = set(
        AuditEntry.objects.filter(target_type="coordination.briefing").values_list("action", flat=True)
    )
    assert {"coordination.briefing.open", "coordination.briefing.prepare", "coordination.briefing.save",
            "coordination.briefing.close"} <= actions  # fmt: skip


def test_only_the_party_office_records_it_and_in_its_own_week(team, town):
    briefing = open_week(town, D(2026, 12, 2))
    for who in ("member", "secretary", "cadre"):
        with pytest.raises(PermissionDenied):
            services.prepare(briefing, by=team[who])
    with pytest.raises(PermissionDenied):
        services.prepare(briefing, by=team["clerk"], user=team["member"].user)  # acting as someone else
    services.prepare(briefing, by=team["clerk"])
    with pytest.raises(ValidationError) as refused:
        services.save(briefing, version=briefing.version, held_on=D(2026, 12, 8), place="", notes="",
                      entries={}, by=team["clerk"])  # fmt: skip
    assert "held_on" in refused.value.message_dict
    with pytest.raises(ValidationError):
        services.close(briefing.__class__.objects.create(township=town, week_of=D(2026, 12, 14),
                       held_on=D(2026, 12, 18)), version=1, by=team["clerk"])  # fmt: skip
