"""The pure checks of the public's comments and codes (zhidu.portal.checks): prohibited words after
normalization, near-duplicates at the 0.9 line, the code's life, what counts as a contact."""

import datetime

import pytest

from zhidu.portal import checks
from zhidu.portal.services.comments import word_list

WORDS = checks.parse_word_list("[gambling]\n赌博\n[rumour]\n紧急扩散 # 谣言的常见开头\n")
NOW = datetime.datetime(2026, 12, 4, 10, 0, tzinfo=datetime.UTC)


def test_normalization_folds_width_case_spaces_and_punctuation():
    assert checks.normalize_comment("Ａｂ  赌-博！") == "ab赌博"


@pytest.mark.parametrize("text", ["村里有人赌博", "村里有人 赌 博", "赌.博点我", "紧急扩散！！"])
def test_a_listed_word_holds_the_comment_however_it_is_spaced(text):
    hold = checks.prohibited(text, WORDS)
    assert hold is not None and hold.kind == "prohibited"


def test_a_clean_comment_is_not_held_and_the_hold_names_its_kind():
    assert checks.prohibited("村道修得好，感谢镇党委", WORDS) is None
    assert checks.prohibited("有人赌博", WORDS).detail.startswith("涉赌")


def test_the_word_list_file_parses_and_covers_every_kind():
    words = word_list()
    assert set(words) == set(checks.HOLD_KINDS)
    assert all(words[k] for k in words)


def test_a_word_list_with_a_misspelt_kind_or_no_kind_is_refused():
    with pytest.raises(ValueError, match="未知类别"):
        checks.parse_word_list("[gamble]\n赌博\n")
    with pytest.raises(ValueError, match="类别"):
        checks.parse_word_list("赌博\n")


BASE = "建议在东沟村村口增设路灯两盏，方便夜间出行"


def test_the_same_text_again_or_one_character_changed_is_a_duplicate():
    assert checks.duplicate_of(BASE, [(7, BASE)]).kind == "duplicate"
    assert checks.duplicate_of(BASE + "。", [(7, BASE)]) is not None  # punctuation is not a difference
    changed = BASE.replace("两", "三")
    assert checks.duplicate_of(changed, [(7, BASE)]).detail.startswith("与评论 #7 重复")


def test_just_below_the_line_is_not_a_duplicate():
    other = "建议在西沟村村口增设一处公交站牌"
    assert checks.duplicate_of(other, [(7, BASE)]) is None
    # Exactly at and below 0.9: 20 characters, 2 of them changed (ratio 0.9) and 3 changed (0.85).
    text = "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸"
    assert checks.duplicate_of("一二三四五六七八九十甲乙丙丁戊己庚辛子丑", [(1, text)]) is not None
    assert checks.duplicate_of("一二三四五六七八九十甲乙丙丁戊己庚寅子丑", [(1, text)]) is None


def test_short_agreement_twice_is_not_a_duplicate():
    assert checks.duplicate_of("同意！", [(1, "同意！")]) is None


def test_comment_errors_name_the_field():
    assert checks.comment_errors("  ") == ["评论：请填写评论内容"]
    assert checks.comment_errors("字" * 501)[0].startswith("评论：不能超过500字")
    assert checks.comment_errors("字" * 500) == []


def test_a_code_is_refused_once_used_expired_or_tried_too_often():
    expires = NOW + datetime.timedelta(minutes=10)
    assert checks.code_refusal(now=NOW, expires_at=expires, attempts=0, used=False) == ""
    assert "过期" in checks.code_refusal(now=expires, expires_at=expires, attempts=0, used=False)
    assert (
        checks.code_refusal(
            now=expires - datetime.timedelta(seconds=1), expires_at=expires, attempts=4, used=False
        )
        == ""
    )
    assert "次数" in checks.code_refusal(now=NOW, expires_at=expires, attempts=5, used=False)
    assert "已使用" in checks.code_refusal(now=NOW, expires_at=expires, attempts=0, used=True)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("138 0013 8000", ("sms", "13800138000")),
        ("+86-13800138000", ("sms", "13800138000")),
        ("Reader@Example.CN", ("email", "reader@example.cn")),
        ("12800138000", ("", "")),
        ("1380013800", ("", "")),
        ("reader@", ("", "")),
    ],
)
def test_what_counts_as_a_contact(typed, expected):
    assert checks.contact_kind(typed) == expected
