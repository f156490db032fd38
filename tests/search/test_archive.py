"""The staff archive search (issue 15): signed-in staff find the minutes and decisions they may
open, through the same index as the public site; each result filtered by its record page's rule;
a confidential personnel item never indexed; the public search never matches an archive record;
`zhidu reindex` rebuilds it, and refuses an unknown township with exit status 2."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from tests import factories
from tests.meetings.decisions_helpers import approved_item, at, closed
from tests.meetings.meeting_factory import team
from zhidu.search import archive, query
from zhidu.search.models import Document

pytestmark = pytest.mark.django_db

ROAD = "同意拨付东沟村道路硬化资金，由经济发展办公室组织实施。"
WELL = "同意书记办公会研究的西坡村饮水井维修方案。"


@pytest.fixture
def people(town):
    factories.person(town, "吴干部", username="cadre")  # a cadre of the township, not in the team
    return team(town)


@pytest.fixture
def meetings(town, people):
    road = approved_item(town, people, title="拨付道路硬化资金")
    team_meeting = closed(town, people, [road], held_at=at(2026, 6, 18, 15), resolution=ROAD)
    well = approved_item(town, people, title="饮水井维修方案", category="general", report=False)
    # R2: the secretary and the deputies only.
    office_people = {k: people[k] for k in ("yang", "qiu", "clerk")}
    office = closed(
        town, office_people, [well], held_at=at(2026, 6, 22, 15), body="secretary_office", resolution=WELL
    )
    return team_meeting, office


def signed_in(username: str) -> Client:
    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def found(client: Client, words: str, **params) -> list[tuple[str, str]]:
    response = client.get("/search/archive/", {"q": words, **params})
    assert response.status_code == 200
    hits = response.context["results"].hits
    return [(h.document.source_type, h.document.title) for h in hits]


def test_a_team_member_finds_the_decision_and_its_minutes(meetings):
    team_meeting, _ = meetings
    hits = found(signed_in("hu"), "道路硬化")
    assert ("meetings.decision", "拨付道路硬化资金（党委会议）") in hits
    assert any(t == "meetings.minutes" for t, _ in hits)
    page = signed_in("hu").get("/search/archive/", {"q": "道路硬化"}).content.decode()
    assert "<mark>道路硬化</mark>" in page and f"/meetings/{team_meeting.pk}/minutes/" in page
    # Filtered to one kind of record.
    assert {t for t, _ in found(signed_in("hu"), "道路硬化", kind="decision")} == {"meetings.decision"}


def test_a_cadre_does_not_find_the_secretary_office_minutes_he_may_not_read(meetings):
    _, office = meetings
    assert Document.objects.filter(source_type="meetings.minutes", source_id=str(office.pk)).exists()
    assert found(signed_in("qiu"), "饮水井")  # the deputy secretary, who reads R2's minutes, does
    assert found(signed_in("cadre"), "饮水井") == []  # a cadre may not open the meeting (meetings.view)
    assert signed_in("cadre").get(f"/meetings/{office.pk}/minutes/").status_code == 403


def test_the_public_search_never_matches_an_archive_record(town, meetings):
    assert query.search(town, "道路硬化").count == 0
    assert query.search(town, "饮水井").count == 0
    assert query.years(town) == []
    assert Client().get(f"/search/{town.code}/", {"q": "道路硬化"}).context["results"].count == 0


def test_a_confidential_personnel_item_is_never_indexed(town, people):
    from zhidu.meetings.models import Item

    secret = approved_item(town, people, title="拟提拔某同志为副镇长人选", category="personnel")
    Item.objects.filter(pk=secret.pk).update(confidential=True)
    secret.refresh_from_db()
    closed(town, people, [secret], held_at=at(2026, 6, 25, 15), resolution="同意推荐该同志为副镇长人选。")
    assert not Document.objects.filter(body__contains="副镇长").exists()
    assert not Document.objects.filter(title__contains="副镇长").exists()
    assert found(signed_in("yang"), "副镇长") == []
    # Made confidential after its meeting closed: it leaves the index.
    open_item = approved_item(town, people, title="调整某同志分工", category="personnel")
    closed(town, people, [open_item], held_at=at(2026, 6, 29, 15), resolution="同意调整分工。")
    assert found(signed_in("yang"), "调整分工")
    open_item.confidential = True
    open_item.save(update_fields=["confidential"])
    assert found(signed_in("yang"), "调整分工") == []


def test_reindex_rebuilds_the_index_of_a_township(town, meetings):
    Document.objects.all().delete()
    assert found(signed_in("hu"), "道路硬化") == []
    out = io.StringIO()
    call_command("reindex", "--township", town.code, stdout=out)
    assert "档案记录" in out.getvalue()
    assert ("meetings.decision", "拨付道路硬化资金（党委会议）") in found(signed_in("hu"), "道路硬化")
    counts = archive.reindex([town])
    assert counts["meetings.minutes"] == 2 and counts["meetings.decision"] >= 1


def test_reindex_refuses_an_unknown_township_with_exit_status_2():
    with pytest.raises(CommandError) as refused:
        call_command("reindex", "--township", "nowhere")
    assert refused.value.returncode == 2 and "nowhere" in str(refused.value)


def test_reindex_on_the_command_line_prints_one_line_on_stderr(tmp_path):
    import subprocess
    import sys

    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from zhidu.cli import main; raise SystemExit(main(['reindex', '--township', '']))",
        ],
        capture_output=True,
        text=True,
        env={**__import__("os").environ, "DJANGO_SETTINGS_MODULE": "zhidu.settings"},
        timeout=120,
    )
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr


def test_the_archive_search_needs_a_log_in():
    response = Client().get("/search/archive/", {"q": "道路"})
    assert response.status_code == 302 and "/login/" in response["Location"]
