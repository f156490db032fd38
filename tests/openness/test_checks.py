"""R11 checks as pure functions: tiers from the township's bands (以上 includes the number), the
appraisal adjustment, the sheet's 100 points, the scores' range, the random checks of a year."""

import datetime
from decimal import Decimal

import pytest

from zhidu.openness.checks import (
    ADJUSTMENT,
    DEFAULT_POINTS,
    DEFAULT_SHEET,
    PERIODIC_CATEGORIES,
    OpennessParameters,
    ScoreFacts,
    check_random_checks,
    check_scores,
    check_sheet,
    period_of,
    tier_for,
)

D = datetime.date
RULES = OpennessParameters()


def test_tiers_from_the_bands_inclusive():
    assert [tier_for(Decimal(s), RULES) for s in ("90", "89.9", "80", "60", "59.5")] == [
        "excellent", "good", "good", "pass", "fail",
    ]  # fmt: skip
    assert tier_for(Decimal(85), OpennessParameters(excellent_from=85)) == "excellent"
    assert ADJUSTMENT == {"excellent": 20, "good": 10, "pass": 0, "fail": -20}


def test_bands_must_be_ordered():
    with pytest.raises(ValueError):
        OpennessParameters(good_from=95)


def test_the_default_sheet_is_100_points_over_the_five_sections():
    points = [Decimal(DEFAULT_POINTS[s]) for s, _n, _t in DEFAULT_SHEET]
    assert check_sheet(points) == []
    assert {s for s, _n, _t in DEFAULT_SHEET} == {1, 2, 3, 4, 5}
    assert [f.code for f in check_sheet([*points, Decimal(1)])] == ["sheet-not-100"]
    assert len(PERIODIC_CATEGORIES) == 5


def test_scores_within_the_points_and_all_scored():
    found = check_scores(
        (ScoreFacts("（一）1", Decimal(4), Decimal(5)), ScoreFacts("（一）2", Decimal(4), None))
    )
    assert [f.code for f in found] == ["score-out-of-range", "criteria-unscored"]
    assert check_scores((ScoreFacts("（一）1", Decimal(4), Decimal(4)),)) == []


def test_a_year_with_one_random_check_gets_the_finding_once_it_is_over():
    assert check_random_checks(2026, 1, D(2026, 6, 1), RULES) == []
    assert [f.code for f in check_random_checks(2026, 1, D(2026, 11, 1), RULES)] == ["random-checks-due"]
    over = check_random_checks(2026, 1, D(2027, 1, 1), RULES)
    assert [f.code for f in over] == ["random-checks-too-few"] and over[0].article == "R11§11"
    assert check_random_checks(2026, 2, D(2027, 1, 1), RULES) == []


def test_periods():
    assert period_of(D(2026, 12, 2), 3) == (D(2026, 10, 1), D(2026, 12, 31), "2026Q4")
    assert period_of(D(2026, 2, 2), 12)[2] == "2026"
