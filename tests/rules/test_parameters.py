"""The rules kernel's parameters: each area's dataclass stored as JSON under its namespace in the
township's one rule set, read back strictly, the defaults where a version says nothing."""

from __future__ import annotations

import datetime
import importlib
from dataclasses import dataclass
from fractions import Fraction

import pytest
from django.core.exceptions import ValidationError

from tests import factories
from zhidu.meetings.checks import TOWNSHIP_DEFAULTS, MeetingParameters
from zhidu.rules import Finding, RuleParameters, areas, parameter, parameters_for, register_area
from zhidu.rules.models import RuleSet
from zhidu.rules.parameters import validate
from zhidu.supervision.checks import SupervisionParameters

carry_over = importlib.import_module("zhidu.rules.migrations.0002_carry_over_rule_sets")


def test_every_area_registers_its_parameters_from_its_app():
    """Each namespace is the label of the app that registered it, and its defaults are the
    rulebook's: constructible with no argument and round-tripping through JSON."""
    from django.apps import apps

    registered = areas()
    assert registered["meetings"] is MeetingParameters
    assert registered["supervision"] is SupervisionParameters
    for namespace, parameters in registered.items():
        assert apps.is_installed(f"zhidu.{namespace}"), namespace
        assert issubclass(parameters, RuleParameters), namespace
        assert parameters.from_json(parameters().to_json()) == parameters(), namespace


def test_parameters_round_trip_through_json():
    changed = MeetingParameters(quorum_fraction=Fraction(2, 3), close_vote_margin=2)
    stored = changed.to_json()
    assert stored["quorum_fraction"] == "2/3" and stored["recused_removed_from_expected"] is True
    assert MeetingParameters.from_json(stored) == changed
    # A version written before a field existed reads the default; a removed field is ignored.
    assert MeetingParameters.from_json({"close_vote_margin": 2, "gone": 1}).notice_workdays == 1


@pytest.mark.parametrize(
    ("data", "named"),
    [
        ({"close_vote_margin": "2"}, "close_vote_margin"),
        ({"close_vote_margin": True}, "close_vote_margin"),
        ({"quorum_fraction": 0.5}, "quorum_fraction"),
        ({"quorum_fraction": "1/0"}, "quorum_fraction"),
        ({"quorum_fraction": "3/2"}, "quorum_fraction"),
        ({"notice_workdays": -1}, "notice_workdays"),
        ({"recused_removed_from_expected": 1}, "recused_removed_from_expected"),
        ({"typo": 1}, "typo"),
    ],
)
def test_a_bad_value_is_refused_naming_the_parameter(data, named):
    with pytest.raises(ValueError, match=named):
        validate(MeetingParameters, data)


def test_an_area_name_is_taken_once():
    @dataclass(frozen=True)
    class Other(RuleParameters):
        n: int = parameter(1)

    with pytest.raises(ValueError, match="already registered"):
        register_area("meetings", Other)
    register_area("meetings", MeetingParameters)  # the same class again: harmless


def test_a_finding_cites_an_article_and_a_known_severity():
    Finding("x", "advice", "R1§7(4), R4", "…")
    with pytest.raises(ValueError):
        Finding("x", "warning", "R1§7(4)", "…")
    with pytest.raises(ValueError):
        Finding("x", "advice", "§7", "…")


@pytest.mark.django_db
def test_the_version_in_force_on_a_day_and_the_defaults_before(town):
    RuleSet.objects.create(
        township=town,
        effective_from=datetime.date(2026, 7, 1),
        parameters={"meetings": {"close_vote_margin": 3}},
    )
    RuleSet.objects.create(
        township=town,
        effective_from=datetime.date(2026, 9, 1),
        parameters={"meetings": {"close_vote_margin": 3}, "supervision": {"progress_workdays": 5}},
    )
    assert parameters_for(town, "meetings", datetime.date(2026, 6, 30)) == TOWNSHIP_DEFAULTS
    assert parameters_for(town, "meetings", datetime.date(2026, 7, 1)).close_vote_margin == 3
    assert parameters_for(town, "supervision", datetime.date(2026, 8, 31)).progress_workdays == 10
    assert parameters_for(town, "supervision", datetime.date(2026, 9, 1)).progress_workdays == 5
    assert parameters_for(factories.township(), "meetings", datetime.date(2027, 1, 1)) == TOWNSHIP_DEFAULTS


@pytest.mark.django_db
def test_a_version_is_validated_against_each_areas_dataclass(town):
    for parameters in ({"ballots": {}}, {"meetings": {"close_vote_margin": "x"}}, {"meetings": []}):
        with pytest.raises(ValidationError):
            RuleSet(
                township=town, effective_from=datetime.date(2026, 1, 1), parameters=parameters
            ).full_clean()


def test_the_two_old_tables_merge_into_one_timeline():
    meetings = {"close_vote_margin": 3}
    later = {"close_vote_margin": 2}
    supervision = {"progress_workdays": 5}
    rows = [
        (1, datetime.date(2026, 9, 1), "supervision", supervision),
        (1, datetime.date(2026, 7, 1), "meetings", meetings),
        (1, datetime.date(2026, 10, 1), "meetings", later),
        (2, datetime.date(2026, 7, 1), "supervision", supervision),
        (2, datetime.date(2026, 7, 1), "meetings", meetings),
    ]
    assert carry_over.timeline(rows) == [
        (1, datetime.date(2026, 7, 1), {"meetings": meetings}),
        (1, datetime.date(2026, 9, 1), {"meetings": meetings, "supervision": supervision}),
        (1, datetime.date(2026, 10, 1), {"meetings": later, "supervision": supervision}),
        (2, datetime.date(2026, 7, 1), {"meetings": meetings, "supervision": supervision}),
    ]
