"""`zhidu due`: the deadline calculator (fixed contract, shared/spec/meeting-record.md).

    zhidu due --after 2026-09-10 --days 30        -> 2026-10-10
    zhidu due --after 2026-09-30 --workdays 1     -> 2026-10-08
    zhidu due --before 2026-10-08 --workdays 1    -> 2026-09-30
    zhidu due --before 2026-10-12 --days 10       -> 2026-09-30
    … --json                                      -> {"due": "2026-10-10", "provisional": false}

Semantics: rulebook, "Dates and deadlines" (arithmetic.py). Bad arguments: exit status 2 and one
Chinese line on stderr naming the option; never a traceback, never argparse's usage dump.
"""

from __future__ import annotations

import argparse
import datetime
import json
import re
import sys
from typing import TYPE_CHECKING, NoReturn
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from zhidu.workdays.arithmetic import WorkCalendar

USAGE = "用法：zhidu due (--after 日期 | --before 日期) (--days N | --workdays N) [--json]"
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_INT = re.compile(r"^[+-]?\d+$")


def _err(line: str) -> None:
    sys.stderr.write(line + "\n")


class UsageError(Exception):
    """One line for stderr; exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse's own errors, in the users' language
        m = re.search(r"unrecognized arguments: (.*)", message)
        if m:
            raise UsageError(f"无法识别的参数：{m.group(1)}")
        m = re.search(r"argument (\S+): expected one argument", message)
        if m:
            raise UsageError(f"{m.group(1).split('/')[0]} 缺少取值")
        m = re.search(r"argument (\S+): ignored explicit argument (.*)", message)
        if m:
            raise UsageError(f"{m.group(1).split('/')[0]} 不接受取值：{m.group(2)}")
        raise UsageError(f"参数错误：{message}")

    def exit(
        self, status: int = 0, message: str | None = None
    ) -> NoReturn:  # pragma: no cover - -h is handled
        raise UsageError(message or "参数错误")


def _parser() -> _Parser:
    p = _Parser(prog="zhidu due", add_help=False, allow_abbrev=False)
    for option in ("--after", "--before", "--days", "--workdays"):
        p.add_argument(option, action="append")
    p.add_argument("--json", action="store_true")
    p.add_argument("-h", "--help", action="store_true")
    return p


def _one(values: list[str] | None, option: str) -> str | None:
    if values is None:
        return None
    if len(values) > 1:
        raise UsageError(f"{option} 只能给一次")
    return values[0]


def _date(value: str, option: str) -> datetime.date:
    if not _ISO.match(value):
        raise UsageError(f"{option} 的日期“{value}”格式不对，应为 YYYY-MM-DD，例如 2026-09-10")
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option} 的日期“{value}”不存在") from None


def _count(value: str, option: str) -> int:
    if not _INT.match(value.strip()):
        raise UsageError(f"{option} 的取值“{value}”不是整数")
    n = int(value)
    if n < 0:
        raise UsageError(f"{option} 不能为负数（收到 {n}）")
    return n


def parse(argv: list[str]) -> tuple[str, datetime.date, str, int, bool] | None:
    """(side, date, unit, n, as_json); None for --help. Raises UsageError."""
    ns = _parser().parse_args(argv)
    if ns.help:
        return None
    after, before = _one(ns.after, "--after"), _one(ns.before, "--before")
    days, workdays = _one(ns.days, "--days"), _one(ns.workdays, "--workdays")
    if after is not None and before is not None:
        raise UsageError("--after 与 --before 只能选一个")
    if after is None and before is None:
        raise UsageError("缺少 --after 日期 或 --before 日期")
    if days is not None and workdays is not None:
        raise UsageError("--days 与 --workdays 只能选一个")
    if days is None and workdays is None:
        raise UsageError("缺少 --days N 或 --workdays N")
    side, raw_date = ("after", after) if after is not None else ("before", before)
    unit, raw_n = ("days", days) if days is not None else ("workdays", workdays)
    assert raw_date is not None and raw_n is not None  # for mypy: the checks above
    return side, _date(raw_date, f"--{side}"), unit, _count(raw_n, f"--{unit}"), ns.json


def _calendar() -> WorkCalendar:
    """The calendar with every entered notice, read without setting Django up (stored.py); the
    built-in seed when the configuration cannot be used."""
    try:
        from zhidu.workdays.stored import command_calendar

        return command_calendar()
    except Exception as e:  # noqa: BLE001 - a broken configuration must not hide the answer
        from zhidu.workdays.seed import seed_calendar

        _err(f"警告：无法读取已录入的节假日通知（{type(e).__name__}），按内置日历计算")
        return seed_calendar(datetime.datetime.now(ZoneInfo("Asia/Shanghai")).year)


def main(argv: list[str]) -> int:
    try:
        parsed = parse(list(argv))
    except UsageError as e:
        _err(f"zhidu due：{e}")
        return 2
    if parsed is None:
        sys.stdout.write(__doc__.split("\n\n")[1].rstrip() + "\n")
        sys.stdout.write(USAGE + "\n")
        return 0
    side, day, unit, n, as_json = parsed
    calendar = _calendar()
    try:
        due = getattr(calendar, f"{side}_{unit}")(day, n)
    except (ValueError, OverflowError) as e:
        _err(f"zhidu due：{e}")
        return 2
    if as_json:
        sys.stdout.write(json.dumps({"due": due.date.isoformat(), "provisional": due.provisional}) + "\n")
    else:
        sys.stdout.write(due.date.isoformat() + "\n")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))
