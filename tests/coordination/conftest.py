"""The R14 personas of one township: the two principals (the secretary and the township head), a
team member, the deputy secretary, the party office's clerk and a cadre outside the team."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from tests import factories

SH = ZoneInfo("Asia/Shanghai")


def at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=SH)


@pytest.fixture
def team(town):
    p = factories.personas(town)
    p["head"] = factories.person(
        town, "王镇长", username="head", team_role="deputy_secretary", principal=True
    )
    p["member"] = factories.person(town, "胡委员", username="member", team_role="member")
    return p


@pytest.fixture
def week_source():
    """A daily-log source registered by the test (the R18 area registers the real one)."""
    from zhidu.rules import week_notes

    saved = dict(week_notes._sources)
    week_notes._sources.clear()
    calls = []

    def source(person, monday):
        calls.append((person.pk, monday))
        return week_notes.WeekNotes(
            done=[f"{person.name}：完成秋冬季森林防火检查"],
            planned=[f"{person.name}：部署冬季供暖保障"],
            unfinished=["村道维修验收"],
        )

    week_notes.register_week_source("test", source)
    yield calls
    week_notes._sources.clear()
    week_notes._sources.update(saved)
