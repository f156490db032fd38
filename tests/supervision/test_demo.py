"""The demo's supervision (zhidu.supervision.demo), built through the entry points after the demo
township: every state a first user should meet, with the seed's leading group acting."""

import copy
import datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.shared_world import rolled_back_at_the_end
from tests.supervision.helpers import at
from zhidu.core.models import AuditEntry
from zhidu.obligations.models import Obligation
from zhidu.org.demo import create_demo
from zhidu.supervision.models import ContactPoint, FeedbackRound, ResponsibilityArea, SupervisionItem

pytestmark = pytest.mark.django_db
State = SupervisionItem.State
TODAY = datetime.date(2026, 6, 15)


@pytest.fixture(scope="module")
def _demo(django_db_setup, django_db_blocker):
    """The demo, built once for the module (tests/shared_world.py): the tests only read it."""
    with rolled_back_at_the_end(django_db_blocker):
        with time_machine.travel(at(2026, 6, 15, 10), tick=False):
            # create_demo calls zhidu.supervision.demo.create itself.
            town = create_demo(TODAY)
        yield town


@pytest.fixture
def township(db, _demo):
    with time_machine.travel(at(2026, 6, 15, 10), tick=False):
        yield copy.deepcopy(_demo)


def test_the_demo_items_cover_the_states(township):
    items = {i.matter: i for i in SupervisionItem.objects.filter(township=township)}
    assert {i.state for i in items.values()} == {
        State.REGISTERED,
        State.ASSIGNED,
        State.FEEDBACK_SUBMITTED,
        State.CLOSED,
    }
    decided = items["拨付村级道路维修资金"]
    assert decided.source == "team_decision" and decided.source_entry.meeting.state == "closed"
    assert decided.owner_person.name == "周强" and decided.approved_by.name == "杨栋"
    overdue = items["整治集镇占道经营"]
    assert overdue.state == State.ASSIGNED and overdue.deadline < TODAY
    assert Obligation.objects.get(key=f"supervision:{overdue.pk}:feedback:1").state == "overdue"
    relief = items["落实困难群众临时救助"]
    assert list(relief.rounds.values_list("decision", flat=True)) == ["rejected", "pending"]
    # Closed by discipline inspection's office (supervision.close), the entry point's check applying
    # to the demo as to the web.
    assert items["机关公务用车专项检查整改"].closed_by.name == "孙丽"
    progress = items["推进高标准农田建设"]
    assert progress.rounds.get().decision == FeedbackRound.Decision.PROGRESS
    assert Obligation.objects.filter(key__startswith=f"supervision:{progress.pk}:progress:").count() == 1
    # Through the entry points: every item has its audit trail.
    assert AuditEntry.objects.filter(action="supervision.register").count() == 6


def test_the_demo_responsibility_and_letters(township):
    assert ResponsibilityArea.objects.filter(township=township).count() == 5
    assert ContactPoint.objects.filter(township=township, village__isnull=False).count() == 6
    # 6 members and 6 departments, for R5 and for R6.
    letters = Obligation.objects.filter(township=township, kind="responsibility-letter")
    assert letters.filter(article="R6").count() == 12 and letters.filter(article="R5").count() >= 12


def test_the_demo_pages_open_for_the_office(client, township):
    with time_machine.travel(at(2026, 6, 15, 10), tick=False):
        client.force_login(get_user_model().objects.get(username="sunli"))
        for name in (
            "supervision:item-list",
            "supervision:overdue",
            "supervision:report",
            "supervision:responsibility",
        ):
            assert client.get(reverse(name)).status_code == 200
        assert "整治集镇占道经营" in client.get(reverse("supervision:overdue")).content.decode()
