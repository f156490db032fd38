"""The demo township's R14 records, made through the entry points: a member away at a training, a
leave cancelled with its report, last week's briefing closed, this week's prepared, a matter replied."""

import datetime

import pytest
from django.utils import timezone

from zhidu.coordination.checks import monday_of
from zhidu.coordination.models import Briefing, Leave, MatterReport
from zhidu.coordination.services.briefing import day_of_week
from zhidu.org.absences import away_on
from zhidu.org.demo import create_demo

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_leave_a_briefing_and_a_matter_report():
    town = create_demo()
    today = timezone.localdate()
    away = away_on(town, today)
    assert [a.reason for a in away.values()] == ["请假：参加培训（县委党校中青年干部培训班）"]
    assert Leave.objects.filter(township=town, state="returned").exclude(return_report="").count() == 1
    this_week = Briefing.objects.get(township=town, week_of=monday_of(today))
    assert this_week.state == "draft" and this_week.entries.count() == 7
    assert not this_week.entries.get(person__name="胡新璐").present
    last_week = monday_of(today) - datetime.timedelta(days=7)
    held = day_of_week(last_week) is not None  # a week without working days holds none
    assert Briefing.objects.filter(township=town, state="closed", week_of=last_week).count() == int(held)
    assert MatterReport.objects.get(township=town).state == "replied"
