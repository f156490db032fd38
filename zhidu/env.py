"""Typed settings from the environment: every variable Zhidu reads is read here and documented in
README.md ("Configuration"). A bad value stops start-up with a message naming the variable."""

from __future__ import annotations

import os


class SettingError(ValueError):
    pass


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise SettingError(f"环境变量 {name} 应为 true/false，收到 {raw!r}")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingError(f"环境变量 {name} 应为整数，收到 {raw!r}") from None
    if minimum is not None and value < minimum:
        raise SettingError(f"环境变量 {name} 不能小于 {minimum}，收到 {value}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [part.strip() for part in raw.split(",") if part.strip()]
