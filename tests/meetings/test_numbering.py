"""R1§9: minutes numbers never repeat across bodies: each body its own prefix and its own sequence."""

import datetime

import pytest

from tests.meetings.meeting_factory import approved_item, clerk_user, meeting, team
from zhidu.meetings import services
from zhidu.meetings.checks import TOWNSHIP_DEFAULTS, MeetingParameters, minutes_prefix
from zhidu.meetings.models import Minutes
from zhidu.rules.models import RuleSet
from zhidu.rules.parameters import validate


def held(town, people, body="team"):
    keys = ("yang", "qiu") if body == "secretary_office" else [k for k in people if k != "clerk"]
    items = [approved_item(town, people, f"一般事项{body}", "general")] if body == "team" else []
    m = meeting(town, people, items, body=body)
    statuses = {people[k].pk: ("present", "") for k in keys}
    services.record_attendance(m, version=m.version, statuses=statuses, user=clerk_user(m))
    m.refresh_from_db()
    return m


@pytest.mark.django_db
def test_first_team_and_first_secretary_office_minutes_print_different_numbers(town):
    people = team(town)
    team_minutes = services.close_meeting(m := held(town, people), version=m.version, user=clerk_user(m))
    office = held(town, people, "secretary_office")
    office_minutes = services.close_meeting(office, version=office.version, user=clerk_user(office))
    assert (team_minutes.number, office_minutes.number) == (1, 1)
    assert team_minutes.label == "测党会纪〔2026〕1号"
    assert office_minutes.label == "测党书纪〔2026〕1号"
    assert team_minutes.label != office_minutes.label


@pytest.mark.django_db
def test_a_township_sets_its_own_prefix_and_printed_numbers_never_change(town):
    people = team(town)
    RuleSet.objects.create(
        township=town,
        effective_from=datetime.date(2026, 1, 1),
        parameters={"meetings": {"team_minutes_prefix": "柞党会纪"}},
    )
    m = held(town, people)
    minutes = services.close_meeting(m, version=m.version, user=clerk_user(m))
    assert minutes.label == "柞党会纪〔2026〕1号"
    # A later version of the rules does not renumber what was printed.
    RuleSet.objects.create(
        township=town,
        effective_from=datetime.date(2026, 6, 1),
        parameters={"meetings": {"team_minutes_prefix": "新前缀"}},
    )
    assert Minutes.objects.get(pk=minutes.pk).label == "柞党会纪〔2026〕1号"


def test_the_prefix_falls_back_to_the_township_prefix_and_the_body_mark():
    assert minutes_prefix("team", "柞党", TOWNSHIP_DEFAULTS) == "柞党会纪"
    assert minutes_prefix("secretary_office", "柞党", TOWNSHIP_DEFAULTS) == "柞党书纪"
    assert minutes_prefix("five_person_group", "柞党", TOWNSHIP_DEFAULTS) == "柞党五纪"
    rules = MeetingParameters(five_person_group_minutes_prefix="柞党五人")
    assert minutes_prefix("five_person_group", "柞党", rules) == "柞党五人"


def test_two_bodies_cannot_share_a_prefix():
    with pytest.raises(ValueError, match="secretary_office_minutes_prefix"):
        validate(
            MeetingParameters,
            {"team_minutes_prefix": "柞党纪", "secretary_office_minutes_prefix": "柞党纪"},
        )
    with pytest.raises(ValueError, match="team_minutes_prefix"):
        validate(MeetingParameters, {"team_minutes_prefix": 7})
