import datetime

import pytest

from zhidu.obligations import jobs, periodic
from zhidu.obligations.models import Obligation


def test_periods():
    assert periodic.period_of(datetime.date(2026, 11, 26), 2).label == "2026-B6"
    p = periodic.period_of(datetime.date(2026, 2, 10), 3)
    assert (p.label, p.start, p.end) == ("2026-Q1", datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
    assert periodic.period_of(datetime.date(2026, 7, 1), 6).end == datetime.date(2026, 12, 31)


@pytest.mark.django_db
def test_generation_follows_the_team_and_the_calendar(town, people):
    # The kernel's own list is empty now (every recurring duty is its area's generator); still safe.
    periodic.generate(town, datetime.date(2026, 11, 26))
    assert periodic.generate(town, datetime.date(2026, 11, 26)) == 0  # idempotent
    # R18's daily log is its area's own generator (zhidu.daily_logs.periodic), run by the same job.
    daily_logs = jobs.generators()["daily_logs"]
    assert daily_logs(town, datetime.date(2026, 11, 26)) == 2
    logs = Obligation.objects.filter(kind="daily-log")
    # Team members (the secretary and the deputy) keep a daily log; the clerk is not on the team.
    assert {o.assignee.name for o in logs} == {"杨书记", "邱副书记"}
    assert all(o.due_at.astimezone().hour in (10, 18) for o in logs)  # 18:00 Shanghai
    # No daily log on a holiday (National Day), nor on a weekend.
    for day in (datetime.date(2026, 10, 2), datetime.date(2026, 11, 28)):
        periodic.generate(town, day)
        daily_logs(town, day)
    assert logs.count() == 2
    # R15's reports are owed by the branches' members, R17's contacts per pair: not by the whole team.
    assert not Obligation.objects.filter(kind__in=["periodic-report", "contact-visit"]).exists()
    # Only the secretary convenes the democratic life meeting (zhidu.life_meetings.periodic).
    jobs.generators()["life_meetings"](town, datetime.date(2026, 11, 26))
    assert Obligation.objects.filter(kind="democratic-life-meeting").first().assignee == people["secretary"]


@pytest.mark.django_db
def test_a_member_whose_term_ended_gets_no_new_duties(town, people):
    term = people["deputy"].terms.get()
    term.ends_on = datetime.date(2026, 11, 1)
    term.save()
    periodic.generate(town, datetime.date(2026, 11, 26))
    assert not Obligation.objects.filter(assignee=people["deputy"]).exists()
