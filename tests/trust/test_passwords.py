"""Passwords: 8 characters, three of four classes, not the user name (等保 level 2)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import translation

from zhidu.trust.passwords import CharacterClassesValidator

VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "zhidu.trust.passwords.CharacterClassesValidator"},
]


@pytest.fixture
def rules(settings):
    settings.AUTH_PASSWORD_VALIDATORS = VALIDATORS


@pytest.mark.parametrize(
    "password", ["Zhacun2026", "zhacun-2026", "ZHACUN-2026", "Zha-cun!x", "柞村镇党委abc1"]
)
def test_three_classes_of_eight_pass(rules, password):
    validate_password(password)


@pytest.mark.parametrize("password", ["zhacun2026", "ZHACUNZHACUN", "12345678-", "Zhacun", "Ab1!"])
def test_too_short_or_too_few_classes_fail(rules, password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_not_the_user_name(rules):
    user = get_user_model()(username="Clerk01")
    with pytest.raises(ValidationError) as error:
        validate_password("clerk01-X", user)
    assert error.value.error_list[0].code == "password_contains_username"
    validate_password("Township-2026", user)


def test_help_text_in_english_with_the_count():
    with translation.override("en"):
        text = CharacterClassesValidator().get_help_text()
    assert "at least 3 of" in text and "user name" in text


def test_every_message_has_its_chinese():
    with translation.override("zh-hans"):
        validator = CharacterClassesValidator()
        help_text = validator.get_help_text()
        with pytest.raises(ValidationError) as error:
            validator.validate("abcdefgh")
        locked = translation.gettext("Too many failed log-ins: the account is locked until %(time)s.")
        idle = translation.gettext("You were logged out after a long time without activity.")
    assert "至少包含" in help_text and "3" in help_text
    assert "密码须" in error.value.messages[0]
    assert locked.startswith("登录失败次数过多，账号已锁定至")
    assert idle.startswith("您长时间未操作")
