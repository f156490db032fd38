"""The demo township's daily logs (zhidu demo): the team's last five working days, built through the
entry points: on time on the web, one late, one missing, one SMS entered by the party office, a task
carried forward, last week's reviews; the board and the week read them."""

import pytest

from zhidu.daily_logs.models import DailyLog, UnfinishedTask, WeeklyReview
from zhidu.org.demo import create_demo
from zhidu.workdays.services import get_calendar

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_few_recent_days_of_logs(client):
    town = create_demo()
    logs = DailyLog.objects.filter(township=town)
    assert logs.values("day").distinct().count() == 5
    assert logs.filter(channel="sms", entered_by__name="张敏").count() == 1
    assert UnfinishedTask.objects.filter(township=town, origin__isnull=False).exists()
    assert WeeklyReview.objects.filter(township=town).exists()
    day = logs.order_by("-day").first().day
    assert get_calendar().is_workday(day)
    client.force_login(logs.first().member.user)
    assert client.get(f"/daily-logs/member/{logs.first().member_id}/?week={day}").status_code == 200
    from zhidu.org.models import Person

    client.force_login(Person.objects.get(township=town, name="张敏").user)
    body = client.get(f"/daily-logs/board/?day={day}").content.decode()
    assert 'data-status="submitted"' in body
