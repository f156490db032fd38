"""`require(actor, action, obj)` in every entry point of every area: a cadre without the right is
refused when calling the entry point directly (as a command or the API would), exactly as the
page refuses them; the system actor may do the system's jobs and nothing else."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from tests import factories
from tests.ballots.helpers import personnel_entry
from tests.ballots.helpers import team as ballot_team
from tests.supervision.helpers import at, cast, register
from zhidu.ballots import services as ballots
from zhidu.core.permissions import MATRIX, SYSTEM, SYSTEM_ACTIONS, allowed, require
from zhidu.personal import services as personal
from zhidu.supervision import services as supervision

pytestmark = pytest.mark.django_db


@pytest.fixture
def september():
    with time_machine.travel(at(2026, 9, 15), tick=False):
        yield


def test_the_system_actor_does_only_the_systems_jobs(town):
    for action in SYSTEM_ACTIONS:
        require(SYSTEM, action, town)
    assert not any(allowed(SYSTEM, action) for action in MATRIX)
    assert not set(SYSTEM_ACTIONS) & set(MATRIX)
    with pytest.raises(PermissionDenied):
        require(None, "duties.view")


def test_supervision_refuses_a_cadre_and_the_wrong_office(town, september):
    people = cast(town)
    with pytest.raises(PermissionDenied):  # a cadre does not register
        supervision.register(
            township=town,
            by=people["owner"],
            source="superior",
            matter="整治河道",
            requirements="按期完成",
            owner_department=people["economy"],
            owner_person=people["owner"],
            deadline=datetime.date(2026, 9, 25),
        )
    item = register(town, people)
    with pytest.raises(PermissionDenied):
        supervision.approve(item, by=people["discipline"])  # only the principal approves
    with pytest.raises(PermissionDenied):  # acting under someone else's name
        supervision.approve(item, by=people["secretary"], user=people["discipline"].user)
    with pytest.raises(PermissionDenied):
        supervision.log_chase(item, by=SYSTEM, kind="phone", note="催办", user=SYSTEM)
    supervision.approve(item, by=people["secretary"])
    supervision.assign(item, by=people["discipline"])
    with pytest.raises(PermissionDenied):  # not the owner person nor of the owner department
        supervision.submit_feedback(item, by=people["social"], text="已完成")


def test_supervision_refuses_another_townships_office(town, september):
    people = cast(town)
    item = register(town, people)
    other = cast(factories.township(), prefix="o")
    with pytest.raises(PermissionDenied):
        supervision.approve(item, by=other["secretary"])


def test_ballots_refuse_a_cadre(town):
    members, clerk = ballot_team(town, 5)
    entry = personnel_entry(town, members, clerk)
    with pytest.raises(PermissionDenied):
        ballots.create_box(entry, method="electronic", codes=5, user=members[1].user)
    box = ballots.create_box(entry, method="electronic", codes=5, user=clerk.user)
    assert box.opened_at is None
    with pytest.raises(PermissionDenied):
        ballots.issue_codes(box, user=members[1].user)
    with pytest.raises(PermissionDenied):
        ballots.void_box(box, reason="作废", user=SYSTEM)


def test_one_function_opens_both_kinds_of_box_and_dates_a_paper_one(town):
    members, clerk = ballot_team(town, 5)
    entry = personnel_entry(town, members, clerk)
    paper = ballots.create_box(
        entry, method="paper", codes=5, counter=members[1], scrutineer=members[2], user=clerk.user
    )
    assessment = ballots.create_assessment(
        township=town, year=2026, title="年度民主测评", members=members, user=clerk.user
    )
    rated = ballots.create_box(
        assessment, method="paper", codes=9, counter=members[1], scrutineer=members[2], user=clerk.user
    )
    assert paper.opened_at is not None and rated.opened_at is not None  # drifted before: only one did
    assert (rated.assessment, rated.entry, paper.entry) == (assessment, None, entry)


def test_personal_matters_refuse_a_cadre(town):
    people = cast(town)
    with pytest.raises(PermissionDenied):
        personal.request_report(
            reporter=people["owner"],
            occasion="new_leader",
            event_on=datetime.date(2026, 1, 5),
            by=people["owner"],
        )


def test_portal_attachments_refuse_a_cadre_and_another_townships_office(town, settings):
    """The attachment's entry points take the article's permission (portal.edit) and its township,
    as the editor's page does (zhidu.portal.services.attachments)."""
    from django.core.files.base import ContentFile

    from zhidu.portal import services as portal
    from zhidu.portal.services import attachments

    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    people = factories.personas(town)
    article = portal.draft(
        people["clerk"].user, township=town, category="notices", title="公告", body="公告正文。"
    )

    def pdf():
        return ContentFile(b"%PDF-1.4 x", name="通知.pdf")

    other = factories.personas(factories.township(), prefix="o")
    for actor in (people["cadre"].user, people["discipline"].user, other["clerk"].user, None):
        with pytest.raises(PermissionDenied):
            attachments.attach(actor, article, pdf())
    found = attachments.attach(people["clerk"].user, article, pdf())
    for actor in (people["cadre"].user, other["clerk"].user, SYSTEM):
        with pytest.raises(PermissionDenied):
            attachments.remove(actor, found)
