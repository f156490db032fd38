"""Receipt codes (回执码): what a petitioner keeps to follow the case without an account. 12
characters of an alphabet without the look-alikes 0/O, 1/I/L (31 symbols, about 59 bits): not
guessable within the rate limit of the public lookup, and easy to read out on the phone."""

from __future__ import annotations

import re
import secrets

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 12
_SEPARATORS = re.compile(r"[\s\-－—_·.]")


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalize(typed: str) -> str:
    """What the petitioner typed → the stored form: upper case, spaces and dashes dropped."""
    return _SEPARATORS.sub("", (typed or "").strip()).upper()


def well_formed(code: str) -> bool:
    return len(code) == LENGTH and all(c in ALPHABET for c in code)


def grouped(code: str) -> str:
    """ABCD-EFGH-JKMN: read out and typed in three groups."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))
