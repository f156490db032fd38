"""R21§4 on the working-day calendar (issue 15): a holiday notice entered after a case was
received moves its due day when the new holidays fall on it; the change is audited, the duties
move with it, the petitioner's follow page shows the new day; an answered case keeps its own."""

import datetime

import pytest
import time_machine
from django.test import Client

from tests.petitions.conftest import at, register
from zhidu.core.chinese import cn_date
from zhidu.core.models import AuditEntry
from zhidu.obligations.models import Obligation
from zhidu.petitions import services
from zhidu.petitions.models import Case
from zhidu.workdays import services as calendar
from zhidu.workdays.services import get_calendar

pytestmark = pytest.mark.django_db
RECEIVED = datetime.date(2027, 3, 1)


def test_a_new_holiday_on_the_due_day_moves_it_audited_and_shown_to_the_petitioner(
    town, people, django_capture_on_commit_callbacks
):
    with time_machine.travel(at(2027, 3, 1), tick=False):
        case = register(people, received_on=RECEIVED)
        answered = register(people, received_on=RECEIVED, subject="低保申请", answer_now="已当场答复。")
    old = case.due_on
    assert old == get_calendar().after_days(RECEIVED, 60).date
    duty = Obligation.objects.get(key=f"petition:{case.pk}:answer")

    # The State Council's notice for 2027: three days off from the old due day, inside the window.
    with django_capture_on_commit_callbacks(execute=True):
        calendar.enter_notice(
            2027,
            "国务院办公厅关于2027年部分节假日安排的通知",
            datetime.date(2026, 11, 10),
            [(old, old + datetime.timedelta(days=2), "测试假日")],
            [],
        )
    new = get_calendar().after_days(RECEIVED, 60).date
    assert new > old + datetime.timedelta(days=2)
    case.refresh_from_db()
    assert case.due_on == new
    entry = AuditEntry.objects.get(action="petitions.due_recomputed")
    assert (entry.detail["old"], entry.detail["new"]) == (old.isoformat(), new.isoformat())
    duty.refresh_from_db()
    assert duty.due_at.astimezone(datetime.timezone(datetime.timedelta(hours=8))).date() == new
    answered.refresh_from_db()
    assert answered.due_on == old  # answered: nothing to move
    assert AuditEntry.objects.filter(action="petitions.due_recomputed").count() == 1

    # The petitioner, by the receipt code: the new day.
    page = Client().post("/petitions/follow/", {"code": case.code})
    assert page.status_code == 200
    assert cn_date(new) in page.content.decode() and cn_date(old) not in page.content.decode()


def test_a_notice_that_changes_nothing_moves_nothing(town, people):
    with time_machine.travel(at(2027, 3, 1), tick=False):
        case = register(people, received_on=RECEIVED)
    assert services.recompute_due_days({2027}) == 0
    assert services.recompute_due_days({2031}) == 0
    assert Case.objects.get(pk=case.pk).due_on == case.due_on
    assert not AuditEntry.objects.filter(action="petitions.due_recomputed").exists()
