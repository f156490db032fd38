"""terms.py (the pure vocabulary `zhidu evaluate` reads) is vocabulary.py's TextChoices (what the models
and forms use): the same values in the same order, the same Chinese labels."""

from __future__ import annotations

import pytest

from zhidu.meetings import checks, terms, vocabulary

PAIRS = [
    (vocabulary.Body, terms.BODY),
    (vocabulary.Category, terms.CATEGORY),
    (vocabulary.VoteMethod, terms.VOTE_METHOD),
    (vocabulary.NoticeChannel, terms.NOTICE_CHANNEL),
    (vocabulary.OpinionPosition, terms.OPINION_POSITION),
    (vocabulary.BallotChoice, terms.BALLOT_CHOICE),
]


@pytest.mark.parametrize(("choices", "labels"), PAIRS, ids=[c.__name__ for c, _ in PAIRS])
def test_the_pure_vocabulary_is_the_models_vocabulary(choices, labels):
    assert list(labels) == list(choices.values)
    for value in choices.values:
        assert terms.ChineseLabels(labels)[value] == vocabulary.chinese(choices, value)
    # A label the catalogue translates (the pure lookup really reads the catalogue).
    assert any(terms.chinese(msgid) != msgid for msgid in labels.values())


def test_the_derived_sets_use_the_vocabularys_values():
    assert vocabulary.IMPORTANT_CATEGORIES == terms.IMPORTANT_CATEGORIES
    assert checks.NEEDS_EVALUATION <= set(terms.CATEGORY)
    assert set(checks._EXPECTED_METHOD) <= set(terms.CATEGORY)
    assert set(checks._EXPECTED_METHOD.values()) <= set(terms.VOTE_METHOD)


def test_an_unknown_value_is_not_a_label():
    with pytest.raises(KeyError):
        terms.ChineseLabels(terms.BODY)["bogus"]
    assert "bogus" not in terms.ChineseLabels(terms.BODY)
