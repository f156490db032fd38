"""The API's world, built in code: a team of seven with its clerk, the other personas, a closed
team meeting, an open one with a confidential personnel item, and another township's meeting."""

from __future__ import annotations

import copy
import datetime
import json
from dataclasses import dataclass

import pytest
import time_machine

from tests import factories
from tests.meetings.meeting_factory import SH, approved_item, clerk_user, meeting, team
from tests.shared_world import rolled_back_at_the_end
from zhidu.api.auth import issue_token
from zhidu.meetings import services
from zhidu.meetings.models import Attendance, Item, Meeting

P = Attendance.Status.PRESENT
A = Attendance.Status.ABSENT
SECRET_TITLE = "拟提拔李某某为副镇长人选"


@dataclass
class World:
    town: object
    people: dict
    closed: Meeting
    open: Meeting
    secret: Item
    other_meeting: Meeting
    other_item: Item


def hold(m, people, absent=("xu",)):
    statuses = {p.pk: (A, "市委党校培训") if k in absent else (P, "") for k, p in people.items()}
    services.record_attendance(m, version=m.version, statuses=statuses, user=clerk_user(m))
    m.refresh_from_db()


def build_world() -> World:
    town = factories.township("柞村镇", "zhacun")
    people = team(town)
    members = {k: p for k, p in people.items() if k != "clerk"}
    people["cadre"] = factories.person(town, "吴干部", username="cadre")
    people["organization"] = factories.person(
        town, "赵组织", username="organization", dept_kind="organization_office"
    )
    people["discipline"] = factories.person(
        town, "孙纪检", username="discipline", dept_kind="discipline_inspection"
    )
    people["county"] = factories.person(town, "县委组织部", username="county", county_view=True)
    ids = {k: p.pk for k, p in people.items()}

    # A closed team meeting: notified on time, voted by named ballot, numbered and archived.
    closed = meeting(town, people, [approved_item(town, people)])
    with time_machine.travel(datetime.datetime(2026, 6, 17, 9, tzinfo=SH), tick=False):
        services.send_notice(closed, version=closed.version, user=clerk_user(closed))
    closed.refresh_from_db()
    hold(closed, members)
    services.record_entry(
        closed.entries.get(),
        version=closed.version,
        speakers=[ids["qiu"], ids["guo"], ids["qu"], ids["hu"], ids["lin"], ids["yang"]],
        recused=set(),
        vote_method="named_ballot",
        counts=None,
        ballots={ids[k]: "for" for k in ("yang", "qiu", "guo", "qu")}
        | {ids["hu"]: "against", ids["lin"]: "abstain"},
        opinions={ids["xu"]: "for"},
        deferred=False,
        resolution="同意拨付",
        user=clerk_user(closed.entries.get()),
    )
    closed.refresh_from_db()
    services.close_meeting(closed, version=closed.version, user=clerk_user(closed))
    closed.refresh_from_db()

    # An open meeting with a confidential personnel item, voted by show of hands.
    secret = services.propose_item(
        township=town,
        proposer=people["qu"],
        title=SECRET_TITLE,
        category="personnel",
        owner=people["qu"],
        description="考察情况详见附件",
        confidential=True,
    )
    services.decide_item(secret, by=people["yang"], approve=True)
    general = approved_item(town, people, "机关食堂管理办法", "general", report=False)
    live = meeting(town, people, [secret, general], held_at=datetime.datetime(2026, 7, 9, 9, tzinfo=SH))
    hold(live, members, absent=())
    entry = live.entries.get(item=secret)
    services.record_entry(
        entry,
        version=live.version,
        speakers=[ids["qu"], ids["yang"]],
        recused=set(),
        vote_method="show_of_hands",
        counts=(7, 0, 0),
        ballots=None,
        opinions={},
        deferred=False,
        discussion="同意推荐",
        resolution="同意李某某作为副镇长推荐人选",
        user=clerk_user(entry),
    )
    live.refresh_from_db()

    other_town = factories.township("另一镇", "other")
    others = factories.personas(other_town, prefix="o_")
    other_item = services.propose_item(
        township=other_town,
        proposer=others["deputy"],
        title="另一镇的议题",
        category="general",
        owner=others["deputy"],
    )
    other_meeting = services.create_meeting(
        township=other_town,
        body="secretary_office",
        title="另一镇书记办公会",
        held_at=datetime.datetime(2026, 6, 20, 9, tzinfo=SH),
        chair=others["secretary"],
        items=[other_item],
        user=clerk_user(other_town),
    )
    people["other_secretary"] = others["secretary"]
    return World(town, people, closed, live, secret, other_meeting, other_item)


@pytest.fixture(scope="module")
def _module_world(django_db_setup, django_db_blocker):
    """build_world() once per test module (tests/shared_world.py)."""
    with rolled_back_at_the_end(django_db_blocker):
        yield build_world()


@pytest.fixture
def world(db, _module_world) -> World:
    """The module's world, its objects copied: what a test changes on them stays in that test."""
    return copy.deepcopy(_module_world)


@pytest.fixture
def as_user(client):
    """A client for a persona: by session (`as_user("clerk")`) or by bearer token (`bearer=True`)."""

    def _as(person, *, bearer: bool = False):
        user = person.user
        if bearer:
            client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {issue_token(user)}"
        else:
            client.force_login(user)
        return client

    return _as


def body(response) -> dict:
    return json.loads(response.content.decode("utf-8"))
