"""Password rules of 等保 level 2 (GB/T 22239-2019, 身份鉴别): at least 8 characters (Django's
MinimumLengthValidator, min_length 8), three of the four classes (upper case, lower case, digits,
symbols — any other character, Chinese included, counts as a symbol), and not the user name.
History is not kept (optional at level 2)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def classes_of(password: str) -> set[str]:
    found = set()
    for ch in password:
        if ch.isascii() and ch.isupper():
            found.add("upper")
        elif ch.isascii() and ch.islower():
            found.add("lower")
        elif ch.isascii() and ch.isdigit():
            found.add("digit")
        else:
            found.add("symbol")
    return found


class CharacterClassesValidator:
    def __init__(self, min_classes: int = 3):
        self.min_classes = min_classes

    def validate(self, password: str, user=None) -> None:
        if len(classes_of(password)) < self.min_classes:
            raise ValidationError(
                _(
                    "The password must contain at least %(count)d of: upper-case letters, lower-case "
                    "letters, digits and symbols."
                ),
                code="password_too_few_classes",
                params={"count": self.min_classes},
            )
        username = user.get_username() if user is not None else ""
        if username:
            name, word = username.casefold(), password.casefold()
            if word == name or (len(name) >= 3 and name in word):
                raise ValidationError(
                    _("The password must not contain the user name."), code="password_contains_username"
                )

    def get_help_text(self) -> str:
        return _(
            "Your password must contain at least %(count)d of: upper-case letters, lower-case letters, "
            "digits and symbols, and must not contain your user name."
        ) % {"count": self.min_classes}
