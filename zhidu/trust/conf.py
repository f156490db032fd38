"""Settings of the trust app, each with its environment variable as a fallback so the app works
before zhidu/settings.py declares them (README "Configuration" lists them):

- ZHIDU_HASH: `sm3` (default, GB/T 32905) or `sha256`, for new chain entries; old entries keep theirs.
- ZHIDU_CHECKPOINT_KEY: the key that signs chain entries, checkpoints and backup manifests
  (HMAC). Unset, a key is derived from SECRET_KEY: then a new SECRET_KEY makes every old signature
  fail verification, so production sets this variable once and keeps it (and keeps it out of the
  database and its backups).
- ZHIDU_LOGIN_MAX_FAILURES (5), ZHIDU_LOGIN_COOLOFF_SECONDS (900): log-in lockout by user name.
- ZHIDU_IDLE_SECONDS (1800): idle session timeout.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from zhidu.env import env_int, env_str

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
