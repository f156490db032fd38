"""The record formats `zhidu evaluate` judges, by the value of their `format` field.

Each area registers its own from its app's `ready()` (meetings: `zhidu.meeting/1`):

    formats.register("zhidu.meeting/1", parse=parse_meeting, evaluate=judge, to_json=to_json)

- `parse(data)`: the decoded JSON document → the area's record, or `InvalidRecord` (one Chinese line
  starting with the field path);
- `evaluate(record, calendar)`: the record judged by the rulebook's default parameters and the
  working-day calendar → the area's evaluation;
- `to_json(evaluation)`: the `zhidu.evaluation/1` document (a dict, keys in the spec's order).
Pure: no Django."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


class InvalidRecord(ValueError):
    """The document is not a valid record of its format. `str()` is one Chinese line that starts with
    the field path, e.g. `items[0].vote.ballots.hu: 未知成员 "hu"`."""

    def __init__(self, field_path: str, message: str) -> None:
        super().__init__(f"{field_path}: {message}" if field_path else message)
        self.field_path = field_path
        self.message = message


@dataclass(frozen=True)
class RecordFormat:
    name: str
    parse: Callable[[Any], Any]
    evaluate: Callable[[Any, Any], Any]
    to_json: Callable[[Any], dict[str, Any]]


_FORMATS: dict[str, RecordFormat] = {}


def register(
    name: str,
    parse: Callable[[Any], Any],
    evaluate: Callable[[Any, Any], Any],
    to_json: Callable[[Any], dict[str, Any]],
) -> None:
    """Add a format. The same functions again are harmless (ready() may run twice); another area
    claiming a taken name is a bug."""
    entry = RecordFormat(name, parse, evaluate, to_json)
    known = _FORMATS.get(name)
    if known is not None and known != entry:
        raise ValueError(f"record format {name!r} is already registered")
    _FORMATS[name] = entry


def names() -> list[str]:
    """The known formats, sorted."""
    return sorted(_FORMATS)


def get(name: str) -> RecordFormat | None:
    return _FORMATS.get(name)


def dispatch(document: Any) -> RecordFormat:
    """The format of a decoded document by its `format` field, or InvalidRecord naming the field and
    the formats this installation knows."""
    known = "、".join(names()) or "无"
    if not isinstance(document, dict):
        raise InvalidRecord("", f"应为对象，实际为{json_type(document)}")
    if "format" not in document:
        raise InvalidRecord("format", f"缺少字段（已知的记录格式：{known}）")
    value = document["format"]
    found = get(value) if isinstance(value, str) else None
    if found is None:
        shown = json.dumps(value, ensure_ascii=False) if isinstance(value, str) else json_type(value)
        shown = shown if len(shown) <= 60 else shown[:57] + "…"
        raise InvalidRecord("format", f"未知的记录格式 {shown}（已知的记录格式：{known}）")
    return found


def json_type(value: Any) -> str:
    """The JSON type of a value, in Chinese, for messages ("实际为数组")."""
    if value is None:
        return "空值 null"
    if isinstance(value, bool):
        return "布尔值"
    if isinstance(value, (int, float)):
        return "数字"
    if isinstance(value, str):
        return "字符串"
    if isinstance(value, list):
        return "数组"
    if isinstance(value, dict):
        return "对象"
    return type(value).__name__
