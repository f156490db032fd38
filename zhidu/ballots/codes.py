"""One-time ballot codes and the published list: pure functions, no database, no clock.

1. A code is 10 characters of Crockford base32 (50 bits) from `secrets`: short enough to type on a
   phone, far too many to guess (30 codes among 2⁵⁰).
2. The box stores `slot_hash(code)`: HMAC-SHA256 keyed by the box's random salt, domain "slot".
3. A ballot carries `receipt(code)`: the same key, domain "ballot" (or "answer/<subject>"), so the
   code table and the ballot table cannot be joined without the code.
4. The published list is the sorted lines "receipt choice"; its SHA-256 digest is stored when the box
   closes, so changing one stored ballot afterwards shows in the recount check."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections import Counter
from collections.abc import Iterable

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U
LENGTH = 10
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_salt() -> str:
    return secrets.token_hex(32)


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def new_codes(count: int) -> list[str]:
    codes: set[str] = set()
    while len(codes) < count:
        codes.add(new_code())
    return list(codes)


def display(code: str) -> str:
    """As printed on the card: two groups of five, e.g. 7KQ2M-XD4RT."""
    return f"{code[:5]}-{code[5:]}"


def normalize(text: str) -> str | None:
    """What a voter typed, as a code; None if it cannot be one. Case, spaces, dashes and the look-alike
    letters O, I, L are forgiven."""
    code = "".join(text.split()).replace("-", "").upper().translate(_LOOKALIKES)
    if len(code) != LENGTH or any(c not in ALPHABET for c in code):
        return None
    return code


def _mac(salt: str, domain: str, code: str) -> str:
    return hmac.new(
        bytes.fromhex(salt), f"zhidu.ballots/{domain}\x00{code}".encode(), hashlib.sha256
    ).hexdigest()


def slot_hash(salt: str, code: str) -> str:
    return _mac(salt, "slot", code)


def receipt(salt: str, code: str, subject: int | None = None) -> str:
    return _mac(salt, "ballot" if subject is None else f"answer/{subject}", code)


def published_lines(rows: Iterable[tuple[str, str]]) -> list[str]:
    """rows: (receipt, choice). Sorted by receipt: the only order in which ballots are ever shown."""
    return sorted(f"{r} {c}" for r, c in rows)


def list_digest(lines: Iterable[str]) -> str:
    return hashlib.sha256("".join(f"{line}\n" for line in lines).encode()).hexdigest()


def recount(lines: Iterable[str]) -> Counter:
    """Count a published list again, from its lines only."""
    return Counter(line.split(" ", 1)[1] for line in lines)
