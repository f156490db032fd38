"""R7 deadlines on a day off (issue 17: 2027-01-01 was accepted silently): the form warns while it is
filled in and proposes the next working day, refuses the day once, and keeps it when the clerk says
it is meant. The calendar is the real one: 2026-10-01..07 National Day (2026-10-03 a Saturday)."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from tests.supervision.helpers import at
from zhidu.supervision import checks
from zhidu.supervision.models import SupervisionItem
from zhidu.workdays.services import get_calendar

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _september():
    with time_machine.travel(at(2026, 9, 15), tick=False):
        yield


def advice(day):
    calendar = get_calendar()
    return checks.deadline_on_a_day_off(day, calendar.is_workday, calendar.next_workday_on_or_after)


def test_a_holiday_or_a_weekend_gets_the_next_working_day_proposed():
    found = advice(datetime.date(2026, 10, 3))
    assert found.proposed == datetime.date(2026, 10, 8)
    assert (found.finding.code, found.finding.severity, found.finding.article) == (
        "deadline-day-off",
        "advice",
        "R7",
    )
    assert "建议改为下一个工作日2026年10月8日" in found.finding.message
    assert advice(datetime.date(2026, 9, 26)).proposed == datetime.date(2026, 9, 28)  # a Saturday
    assert advice(datetime.date(2026, 9, 30)) is None


def test_the_register_form_warns_while_typing_refuses_once_and_keeps_a_meant_day(client, people):
    client.force_login(people["discipline"].user)
    hint = client.get(reverse("supervision:deadline-hint"), {"deadline": "2026-10-03"}).content.decode()
    assert 'data-finding="deadline-day-off"' in hint and "2026年10月8日" in hint
    assert (
        "deadline-day-off"
        not in client.get(reverse("supervision:deadline-hint"), {"deadline": "2026-09-30"}).content.decode()
    )
    assert client.get(reverse("supervision:deadline-hint"), {"deadline": "x"}).status_code == 200
    page = client.get(reverse("supervision:item-register")).content.decode()
    assert reverse("supervision:deadline-hint") in page and 'hx-trigger="change"' in page
    data = {
        "source": "media",
        "matter": "处理节前反映的道路积水问题",
        "requirements": "查明原因，限期整改",
        "owner_department": people["economy"].pk,
        "owner_person": people["owner"].pk,
        "deadline": "2026-10-03",
    }
    response = client.post(reverse("supervision:item-register"), data)
    body = response.content.decode()
    assert response.status_code == 400 and not SupervisionItem.objects.exists()
    assert "反馈期限：" in body and "建议改为下一个工作日2026年10月8日" in body
    assert "处理节前反映的道路积水问题" in body
    response = client.post(reverse("supervision:item-register"), data | {"keep_day": "on"})
    assert response.status_code == 302
    assert SupervisionItem.objects.get().deadline == datetime.date(2026, 10, 3)
