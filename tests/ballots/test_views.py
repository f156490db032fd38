"""The ballot pages by persona: who may open what (the matrix rows proposed in helpers.PERMISSIONS),
the refusal paths (405, 403, 404), and the pages themselves."""

import pytest
from django.urls import reverse

from tests import factories
from tests.ballots.helpers import open_box, personnel_entry, team
from tests.meetings.meeting_factory import clerk_user
from zhidu.ballots import services
from zhidu.ballots.models import BallotBox
from zhidu.ballots.services.casting import UNKNOWN_CODE
from zhidu.core.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(town, people):
    members, clerk = team(town, 5)
    entry = personnel_entry(town, members, clerk)
    return members, clerk, entry


@pytest.mark.parametrize(
    ("persona", "box_page", "cast_page", "entry_page"),
    [
        ("clerk", 200, 200, 200),
        ("secretary", 200, 200, 403),
        ("deputy", 200, 200, 403),
        ("organization", 200, 200, 403),
        ("cadre", 403, 200, 403),
    ],
)
def test_who_may_open_what(client, people, setup, persona, box_page, cast_page, entry_page):
    _, _, entry = setup
    box, _ = open_box(entry)
    client.force_login(people[persona].user)
    assert client.get(reverse("ballots:box", args=[box.pk])).status_code == box_page
    assert client.get(reverse("ballots:cast", args=[box.pk])).status_code == cast_page
    assert client.get(reverse("ballots:entry", args=[entry.pk])).status_code == entry_page


def test_a_cadre_reaching_a_meeting_vote_does_not_read_the_item_title(client, people, setup):
    """The code is the credential, so any cadre reaches the cast page; the team's deliberations
    are not theirs to read (meetings.view)."""
    _, _, entry = setup
    box, _ = open_box(entry)
    client.force_login(people["cadre"].user)
    for name in ("ballots:cast", "ballots:index"):
        page = client.get(reverse(name, args=[box.pk] if name == "ballots:cast" else [])).content.decode()
        assert entry.item.title not in page and "会议表决" in page, name
    client.force_login(people["deputy"].user)
    assert entry.item.title in client.get(reverse("ballots:cast", args=[box.pk])).content.decode()
    client.logout()  # the page works from the code alone: anonymous, and still no title
    page = client.get(reverse("ballots:cast", args=[box.pk])).content.decode()
    assert entry.item.title not in page and "会议表决" in page


def test_refusals(client, people, setup):
    _, _, entry = setup
    box, _ = open_box(entry)
    # No log-in needed: the code is the credential (issue 17: no session write beside a ballot).
    assert client.get(reverse("ballots:cast", args=[box.pk])).status_code == 200
    client.force_login(people["clerk"].user)
    assert client.get(reverse("ballots:close", args=[box.pk])).status_code == 405
    assert client.get(reverse("ballots:codes", args=[box.pk])).status_code == 405
    other = factories.township()
    o_members, o_clerk = team(other, 3)
    o_box, _ = open_box(personnel_entry(other, o_members, o_clerk))
    assert client.get(reverse("ballots:box", args=[o_box.pk])).status_code == 404
    # Another township's vote: its code would work, its item's title is not shown.
    other_page = client.get(reverse("ballots:cast", args=[o_box.pk]))
    assert other_page.status_code == 200 and o_box.entry.item.title not in other_page.content.decode()


def test_the_clerk_prepares_prints_once_and_closes(client, people, setup):
    _, clerk, entry = setup
    client.force_login(people["clerk"].user)
    response = client.post(reverse("ballots:entry", args=[entry.pk]), {"method": "electronic", "codes": 9})
    assert response.status_code == 400 and "1至5之间" in response.content.decode()
    response = client.post(reverse("ballots:entry", args=[entry.pk]), {"method": "electronic", "codes": 5})
    box = BallotBox.objects.get(entry=entry)
    assert response.status_code == 302
    printed = client.post(reverse("ballots:codes", args=[box.pk]))
    assert printed.status_code == 200 and "no-store" in printed["Cache-Control"]
    assert printed.content.decode().count("data-code") == 5
    again = client.post(reverse("ballots:codes", args=[box.pk]), follow=True)
    assert "只显示一次" in again.content.decode() and "data-code" not in again.content.decode()
    client.post(reverse("ballots:close", args=[box.pk]))
    page = client.get(reverse("ballots:box", args=[box.pk])).content.decode()
    assert "同意0票，反对0票，弃权0票" in page
    listing = client.get(reverse("ballots:list", args=[box.pk]) + "?format=txt")
    assert listing.status_code == 200 and listing.content == b""


def test_an_unknown_code_is_refused_on_the_page(client, people, setup):
    _, _, entry = setup
    box, _ = open_box(entry)
    client.force_login(people["deputy"].user)
    response = client.post(reverse("ballots:cast", args=[box.pk]), {"code": "ABCDE-12345", "choice": "for"})
    assert response.status_code == 400 and UNKNOWN_CODE in response.content.decode()
    assert BallotBox.objects.get(pk=box.pk).cast_count == 0


def test_paper_pages(client, setup):
    members, _, entry = setup
    box = services.create_box(
        entry, method="paper", codes=5, counter=members[1], scrutineer=members[2], user=clerk_user(entry)
    )
    client.force_login(members[1].user)
    url = reverse("ballots:paper-count", args=[box.pk])
    response = client.post(
        url, {"collected": 5, "invalid": 0, "votes_for": 3, "votes_against": 1, "votes_abstain": 1}
    )
    assert response.status_code == 302
    assert client.post(reverse("ballots:paper-confirm", args=[box.pk]), follow=True).status_code == 200
    assert BallotBox.objects.get(pk=box.pk).state == BallotBox.State.COUNTED  # the counter cannot confirm
    client.force_login(members[2].user)
    client.post(reverse("ballots:paper-confirm", args=[box.pk]))
    assert BallotBox.objects.get(pk=box.pk).state == BallotBox.State.CLOSED


def test_assessment_results_are_private(client, town, people, setup):
    members, _, _ = setup
    assessment = services.create_assessment(
        township=town, year=2026, title="年度民主测评", members=members[:3], user=clerk_user(town)
    )
    box = services.create_box(assessment, method="electronic", codes=5, user=clerk_user(assessment))
    subjects = list(assessment.subjects.all())
    for code in services.issue_codes(box, user=clerk_user(box)):
        services.cast(box, code, answers={s.pk: "excellent" for s in subjects})
    services.close_box(box, user=clerk_user(box))
    client.force_login(people["organization"].user)
    page = client.get(reverse("ballots:assessment-results", args=[assessment.pk])).content.decode()
    assert all(m.name in page for m in members[:3])
    read = AuditEntry.objects.get(action="assessments.results_read")  # a sensitive read is recorded
    assert read.actor == people["organization"].user and read.target_id == str(assessment.pk)
    client.force_login(members[1].user)
    assert client.get(reverse("ballots:assessment-results", args=[assessment.pk])).status_code == 403
    mine = client.get(reverse("ballots:assessment-mine", args=[assessment.pk])).content.decode()
    assert members[1].name in mine and "领导班子" in mine
    assert members[0].name not in mine.split("<main")[1] and members[2].name not in mine
    listing = client.get(reverse("ballots:list", args=[box.pk])).content.decode()
    assert "不予显示" in listing
