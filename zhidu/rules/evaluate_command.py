"""`zhidu evaluate FILE`: judge a record against the rulebook (a fixed contract,
../shared/spec/meeting-record.md and case-records.md).

Reads one JSON file (UTF-8; `-` for standard input), picks the record's format by its `format` field
among those the areas registered (`zhidu.rules.formats`), and prints one `zhidu.evaluation/1`
document, exit status 0 whatever the findings. A file that cannot be read, a format nobody knows or
a record that is not valid: exit status 2 and one Chinese line on stderr naming the file and the
field, never a traceback.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

from zhidu.rules import formats

PROG = "zhidu evaluate"

# The json module's messages, in the user's language.
_JSON_MESSAGES = {
    "Expecting value": "此处应为一个值",
    "Expecting ',' delimiter": "缺少逗号",
    "Expecting ':' delimiter": "缺少冒号",
    "Expecting property name enclosed in double quotes": "属性名应使用双引号",
    "Unterminated string starting at": "字符串没有结束",
    "Invalid control character at": "字符串中有控制字符",
    "Invalid \\escape": "无效的转义字符",
    "Invalid \\uXXXX escape": "无效的 \\uXXXX 转义",
    "Extra data": "JSON 结束后还有多余内容",
}


class InputError(Exception):
    """The input cannot be evaluated; the message is the one line for stderr."""


def usage() -> str:
    known = "、".join(formats.names()) or "无"
    return f"用法：zhidu evaluate FILE（记录的 JSON 文件，按其 format 字段判断，已知格式：{known}；- 表示从标准输入读取）"


def main(argv: list[str]) -> int:
    if argv in (["-h"], ["--help"]):
        known_formats()
        _write(sys.stdout, usage() + "\n")
        return 0
    if len(argv) != 1:
        known_formats()
        return _fail(f"需要且只需要一个文件参数。{usage()}")
    path = argv[0]
    try:
        document = load_json(path)
    except InputError as e:
        return _fail(str(e))
    # The formats: registered by zhidu.cli without Django, or by the areas' ready(); the calendar is
    # the workdays table's.
    known_formats()
    calendar = production_calendar()
    try:
        record_format = formats.dispatch(document)
        record = record_format.parse(document)
    except formats.InvalidRecord as e:
        return _fail(f"{_label(path)}: {e}")
    evaluation = record_format.evaluate(record, calendar)
    text = json.dumps(record_format.to_json(evaluation), ensure_ascii=False, indent=2)
    _write(sys.stdout, text + "\n")
    return 0


def load_json(path: str) -> Any:
    """The decoded JSON of `path` (`-`: standard input), or InputError with one line."""
    label = _label(path)
    try:
        if path == "-":
            raw = sys.stdin.buffer.read()
        else:
            with open(path, "rb") as f:
                raw = f.read()
    except FileNotFoundError:
        raise InputError(f"{label}: 文件不存在") from None
    except IsADirectoryError:
        raise InputError(f"{label}: 是目录，不是文件") from None
    except PermissionError:
        raise InputError(f"{label}: 没有读取权限") from None
    except OSError as e:
        raise InputError(f"{label}: 无法读取（{e.strerror or e}）") from None
    try:
        # utf-8-sig: a byte-order mark (Windows Notepad) is still UTF-8.
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(f"{label}: 不是 UTF-8 编码（第 {e.start + 1} 个字节）") from None
    try:
        return json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except json.JSONDecodeError as e:
        message = _JSON_MESSAGES.get(e.msg, e.msg)
        raise InputError(f"{label}: 不是有效的 JSON：第 {e.lineno} 行第 {e.colno} 列{message}") from None
    except _DuplicateKey as e:
        raise InputError(f'{label}: 不是有效的记录：同一对象中字段 "{e.args[0]}" 出现了两次') from None
    except RecursionError:
        raise InputError(f"{label}: 不是有效的记录：JSON 嵌套过深") from None


class _DuplicateKey(Exception):
    pass


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # A repeated key would silently keep the last value (e.g. two "present" lists): refuse it.
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


def setup_django() -> None:
    """Load the apps, so every area registers its formats from its ready()."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhidu.settings")
    import django

    django.setup()


def known_formats() -> list[str]:
    """The registered formats. zhidu.cli registers the pure ones before calling main() (no Django:
    issue 18, start in at most 300 ms); called some other way with none registered, the apps are
    loaded to register theirs."""
    if not formats.names():
        setup_django()
    return formats.names()


def production_calendar() -> Any:
    """The working-day calendar with every entered notice (zhidu.workdays.stored: the table read
    directly unless Django is already set up)."""
    from zhidu.workdays.stored import command_calendar

    return command_calendar()


def _label(path: str) -> str:
    return "标准输入" if path == "-" else path


def _fail(message: str) -> int:
    _write(sys.stderr, f"{PROG}: {message}\n")
    return 2


def _write(stream: Any, text: str) -> None:
    # JSON is UTF-8 whatever the console's encoding (a Windows console may be GBK).
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        stream.flush()
        buffer.write(text.encode("utf-8"))
        buffer.flush()
    else:
        stream.write(text)
