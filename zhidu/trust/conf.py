"""Settings of the trust app, each with its environment variable as a fallback so the app works
before zhidu/settings.py declares them (README "Configuration" lists them):

- ZHIDU_HASH: `sm3` (default, GB/T 32905) or `sha256`, for new chain entries; old entries keep theirs.
- ZHIDU_CHECKPOINT_KEY: the key that signs chain entries, checkpoints and backup manifests
  (HMAC). Unset, a key is derived from SECRET_KEY: then a new SECRET_KEY makes every old signature
  fail verification, so production sets this variable once and keeps it (and keeps it out of the
  database and its backups).
- ZHIDU_LOGIN_MAX_FAILURES (5), ZHIDU_LOGIN_COOLOFF_SECONDS (900): log-in lockout by user name.
- ZHIDU_IDLE_SECONDS (1800): idle session timeout.
- ZHIDU_TRUSTED_PROXIES (empty): addresses or CIDR networks of our own reverse proxies, whose
  X-Forwarded-For is believed (zhidu.trust.clientaddr); empty: REMOTE_ADDR is the client.
- ZHIDU_CAPTCHA_AFTER_FAILURES (3): failed log-ins from one address (within the cool-off) after which
  the log-in form asks for a captcha; also asked when a user name is that close to its lockout.
  0 turns the captcha off.
- ZHIDU_LOGIN_RATE_LIMIT (100), ZHIDU_CAST_RATE_LIMIT (20), per ZHIDU_RATE_WINDOW_SECONDS (600):
  log-in posts per client address, and refused ballot casts per client address (code guessing),
  before HTTP 429 (zhidu.trust.ratelimit).
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from zhidu.env import env_int, env_list, env_str

ALGORITHMS = ("sm3", "sha256")


def _setting(name: str, fallback):
    value = getattr(settings, name, None)
    return fallback() if value in (None, "") else value


def hash_algorithm() -> str:
    value = str(_setting("ZHIDU_HASH", lambda: env_str("ZHIDU_HASH", "sm3"))).strip().lower()
    if value not in ALGORITHMS:
        raise ImproperlyConfigured(f"ZHIDU_HASH 应为 sm3 或 sha256，收到 {value!r}")
    return value


def checkpoint_key() -> bytes:
    explicit = _setting("ZHIDU_CHECKPOINT_KEY", lambda: env_str("ZHIDU_CHECKPOINT_KEY", ""))
    if explicit:
        return str(explicit).encode()
    # Derived, never the SECRET_KEY itself: a leaked signature reveals nothing about sessions.
    return hmac.new(settings.SECRET_KEY.encode(), b"zhidu.trust.checkpoint-key", hashlib.sha256).digest()


def checkpoint_keys() -> list[bytes]:
    """The key that seals new entries first, then retired keys that still verify old ones.

    Rotation: set the new key in ZHIDU_CHECKPOINT_KEY and move the old one to
    ZHIDU_CHECKPOINT_OLD_KEYS (comma-separated); entries and checkpoints sealed before keep
    verifying, new ones use the new key. A key is retired for good only after a fresh checkpoint
    has been handed to the outside witness (a checkpoint signed by a dropped key no longer reads)."""
    old = _setting("ZHIDU_CHECKPOINT_OLD_KEYS", lambda: env_list("ZHIDU_CHECKPOINT_OLD_KEYS", []))
    if isinstance(old, str):
        old = old.split(",")
    return [checkpoint_key(), *(str(k).strip().encode() for k in old if str(k).strip())]


def key_is_explicit() -> bool:
    return bool(_setting("ZHIDU_CHECKPOINT_KEY", lambda: env_str("ZHIDU_CHECKPOINT_KEY", "")))


def login_max_failures() -> int:
    return int(
        _setting("ZHIDU_LOGIN_MAX_FAILURES", lambda: env_int("ZHIDU_LOGIN_MAX_FAILURES", 5, minimum=1))
    )


def login_cooloff_seconds() -> int:
    return int(
        _setting(
            "ZHIDU_LOGIN_COOLOFF_SECONDS", lambda: env_int("ZHIDU_LOGIN_COOLOFF_SECONDS", 900, minimum=60)
        )
    )


def idle_seconds() -> int:
    return int(_setting("ZHIDU_IDLE_SECONDS", lambda: env_int("ZHIDU_IDLE_SECONDS", 1800, minimum=60)))


def trusted_proxies() -> list[str]:
    value = _setting("ZHIDU_TRUSTED_PROXIES", lambda: env_list("ZHIDU_TRUSTED_PROXIES", []))
    if isinstance(value, str):
        value = value.split(",")
    return [str(item).strip() for item in value if str(item).strip()]


def captcha_after_failures() -> int:
    value = getattr(settings, "ZHIDU_CAPTCHA_AFTER_FAILURES", None)
    if value is None:  # 0 is a real value here (captcha off), not "unset"
        value = env_int("ZHIDU_CAPTCHA_AFTER_FAILURES", 3, minimum=0)
    return int(value)


def login_rate_limit() -> int:
    return int(_setting("ZHIDU_LOGIN_RATE_LIMIT", lambda: env_int("ZHIDU_LOGIN_RATE_LIMIT", 100, minimum=1)))


def cast_rate_limit() -> int:
    return int(_setting("ZHIDU_CAST_RATE_LIMIT", lambda: env_int("ZHIDU_CAST_RATE_LIMIT", 20, minimum=1)))


def rate_window_seconds() -> int:
    return int(
        _setting("ZHIDU_RATE_WINDOW_SECONDS", lambda: env_int("ZHIDU_RATE_WINDOW_SECONDS", 600, minimum=60))
    )
