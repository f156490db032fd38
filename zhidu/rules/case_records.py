"""The `zhidu.evaluation/1` document of a case record (`../shared/spec/case-records.md`): petitions
(R21), family-event declarations (R9) and daily logs (R18) are judged into one shape, so the three
areas share its output and the small readers of their input fields here. Pure: no Django.

An area's format registers `parse` (the JSON → its record, through the readers below, which raise
`InvalidRecord` naming the field), `evaluate` (its pure checks → a `CaseEvaluation`) and
`case_to_json` as `to_json`."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from zhidu.rules.findings import Finding
from zhidu.rules.formats import InvalidRecord, json_type


@dataclass(frozen=True)
class CaseFinding:
    """A finding of a case record, with the day it is about (a daily log's working day; None for
    the other records)."""

    finding: Finding
    day: datetime.date | None = None


@dataclass(frozen=True)
class CaseObligation:
    """What the record still owes: `code` (e.g. `answer`), its due day."""

    code: str
    due: datetime.date
    provisional: bool = False


@dataclass(frozen=True)
class CaseEvaluation:
    record: str  # the input's format, e.g. "zhidu.petition/1"
    due: datetime.date | None
    provisional: bool
    findings: list[CaseFinding] = field(default_factory=list)
    obligations: list[CaseObligation] = field(default_factory=list)


def case_to_json(evaluation: CaseEvaluation) -> dict[str, Any]:
    """The spec's document, keys in its order."""
    return {
        "format": "zhidu.evaluation/1",
        "record": evaluation.record,
        "due": _day(evaluation.due),
        "provisional": evaluation.provisional,
        "findings": [
            {
                "code": f.finding.code,
                "severity": f.finding.severity,
                "article": f.finding.article,
                "message": f.finding.message,
                "day": _day(f.day),
            }
            for f in evaluation.findings
        ],
        "obligations": [
            {"code": o.code, "due": o.due.isoformat(), "provisional": o.provisional}
            for o in evaluation.obligations
        ],
    }


def _day(value: datetime.date | None) -> str | None:
    return value.isoformat() if value is not None else None


# --- readers of input fields: each raises InvalidRecord("path", "…") in Chinese -------------------

_MISSING = object()


def path_of(parent: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{parent}[{key}]"
    return f"{parent}.{key}" if parent else key


def obj(value: Any, path: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InvalidRecord(path, f"应为对象，实际为{json_type(value)}")
    return value


def items(value: Any, path: str) -> list[Any]:
    if not isinstance(value, list):
        raise InvalidRecord(path, f"应为数组，实际为{json_type(value)}")
    return value


def _get(data: dict[str, Any], key: str, parent: str, nullable: bool) -> Any:
    value = data.get(key, _MISSING)
    if value is _MISSING:
        raise InvalidRecord(path_of(parent, key), "缺少字段")
    if value is None and not nullable:
        raise InvalidRecord(path_of(parent, key), "不能为空值 null")
    return value


def day(data: dict[str, Any], key: str, parent: str = "", *, nullable: bool = False) -> datetime.date | None:
    """An ISO day (`2026-09-10`)."""
    value = _get(data, key, parent, nullable)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidRecord(
            path_of(parent, key), f"应为日期字符串（如 2026-09-10），实际为{json_type(value)}"
        )
    try:
        if len(value) != 10:  # fromisoformat would take "20260910" too
            raise ValueError(value)
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise InvalidRecord(path_of(parent, key), f"不是有效日期：{value!r}（应如 2026-09-10）") from None


def moment(
    data: dict[str, Any], key: str, parent: str = "", *, nullable: bool = False
) -> datetime.datetime | None:
    """An ISO time with its offset (`2026-09-28T17:40:00+08:00`); a time without offset is refused."""
    value = _get(data, key, parent, nullable)
    if value is None:
        return None
    where = path_of(parent, key)
    if not isinstance(value, str):
        raise InvalidRecord(where, f"应为带时区的时间字符串，实际为{json_type(value)}")
    try:
        parsed = datetime.datetime.fromisoformat(value)
    except ValueError:
        raise InvalidRecord(where, f"不是有效时间：{value!r}（应如 2026-09-28T17:40:00+08:00）") from None
    if parsed.tzinfo is None:
        raise InvalidRecord(where, f"时间缺少时区：{value!r}（应如 2026-09-28T17:40:00+08:00）")
    return parsed


def text(
    data: dict[str, Any], key: str, parent: str = "", *, nullable: bool = False, default: Any = _MISSING
) -> str:
    """A string; None (when nullable) reads as ""."""
    if default is not _MISSING and key not in data:
        return str(default)
    value = _get(data, key, parent, nullable)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidRecord(path_of(parent, key), f"应为字符串，实际为{json_type(value)}")
    return value


def integer(data: dict[str, Any], key: str, parent: str = "", *, nullable: bool = False) -> int | None:
    value = _get(data, key, parent, nullable)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidRecord(path_of(parent, key), f"应为整数，实际为{json_type(value)}")
    return value


def boolean(data: dict[str, Any], key: str, parent: str = "") -> bool:
    value = _get(data, key, parent, False)
    if not isinstance(value, bool):
        raise InvalidRecord(path_of(parent, key), f"应为 true 或 false，实际为{json_type(value)}")
    return value


def choice(data: dict[str, Any], key: str, allowed: Iterable[str], parent: str = "") -> str:
    value = _get(data, key, parent, False)
    options = list(allowed)
    if not isinstance(value, str) or value not in options:
        shown = repr(value) if isinstance(value, str) else json_type(value)
        raise InvalidRecord(path_of(parent, key), f"未知取值 {shown}（应为 {'、'.join(options)} 之一）")
    return value
