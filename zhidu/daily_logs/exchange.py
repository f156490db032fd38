"""The `zhidu.daily-log/1` record (../shared/spec/case-records.md): a strict parser in (through the shared
field readers, each refusal naming its field), the export out, registered with `zhidu evaluate` from the
app's ready(). Pure: no Django."""

from __future__ import annotations

import datetime
from typing import Any

from zhidu.daily_logs.checks import CHANNELS, DEFAULTS, FORMAT, Entry, Period, Task, judge_period
from zhidu.rules import formats
from zhidu.rules.case_records import case_to_json, choice, day, items, moment, obj, path_of, text
from zhidu.rules.formats import InvalidRecord

MAX_DAYS = 366  # "a period over 366 days" is not a record


def parse(data: Any) -> Period:
    document = obj(data, "")
    member = text(document, "member")
    start = day(document, "from")
    end = day(document, "to")
    assert start is not None and end is not None  # not nullable
    if end < start:
        raise InvalidRecord("to", "结束日期不能早于开始日期 from")
    if (end - start).days + 1 > MAX_DAYS:
        raise InvalidRecord("to", f"期间不能超过{MAX_DAYS}天")
    entries: list[Entry] = []
    seen: set[datetime.date] = set()
    for index, raw in enumerate(items(_field(document, "entries", ""), "entries")):
        where = path_of("entries", index)
        entry = _entry(obj(raw, where), where)
        if entry.day in seen:
            raise InvalidRecord(path_of(where, "day"), f"同一天有两条日志：{entry.day.isoformat()}")
        seen.add(entry.day)
        entries.append(entry)
    reviews = []
    for index, value in enumerate(items(_field(document, "reviews", ""), "reviews")):
        # The reader names the key it reads: the array's index, as "reviews[0]".
        found = day({f"reviews[{index}]": value}, f"reviews[{index}]")
        assert found is not None
        reviews.append(found)
    return Period(member, start, end, tuple(entries), tuple(reviews))


def _field(data: dict[str, Any], key: str, parent: str) -> Any:
    if key not in data:
        raise InvalidRecord(path_of(parent, key), "缺少字段")
    return data[key]


def _entry(raw: dict[str, Any], where: str) -> Entry:
    the_day = day(raw, "day", where)
    assert the_day is not None
    submitted_at = moment(raw, "submitted_at", where)
    assert submitted_at is not None
    start = datetime.datetime.combine(the_day, datetime.time(0), tzinfo=submitted_at.tzinfo)
    if submitted_at < start:
        raise InvalidRecord(path_of(where, "submitted_at"), "提交时间早于日志所属当天")
    channel = choice(raw, "channel", CHANNELS, where)
    tasks = []
    unfinished = items(_field(raw, "unfinished", where), path_of(where, "unfinished"))
    for index, task in enumerate(unfinished):
        at = path_of(path_of(where, "unfinished"), index)
        task = obj(task, at)
        tasks.append(
            Task(
                task=text(task, "task", at),
                reason=text(task, "reason", at, nullable=True),
                owner=text(task, "owner", at, nullable=True),
                due=day(task, "due", at, nullable=True),
            )
        )
    return Entry(
        day=the_day,
        submitted_at=submitted_at,
        channel=channel,
        summary=text(raw, "summary", where, nullable=True),
        plan=text(raw, "plan", where, nullable=True),
        unfinished=tuple(tasks),
        support=text(raw, "support", where, nullable=True, default=""),
    )


def export(period: Period) -> dict[str, Any]:
    """A member's period in the format, keys in the spec's order (`support` is the project's added
    field: R18 第二's resources needed from other departments)."""
    return {
        "format": FORMAT,
        "member": period.member,
        "from": period.start.isoformat(),
        "to": period.end.isoformat(),
        "entries": [
            {
                "day": e.day.isoformat(),
                "submitted_at": e.submitted_at.isoformat() if e.submitted_at else None,
                "channel": e.channel,
                "summary": e.summary,
                "plan": e.plan,
                "unfinished": [
                    {
                        "task": t.task,
                        "reason": t.reason,
                        "owner": t.owner,
                        "due": t.due.isoformat() if t.due else None,
                    }
                    for t in e.unfinished
                ],  # fmt: skip
                "support": e.support,
            }
            for e in sorted(period.entries, key=lambda e: e.day)
        ],
        "reviews": [r.isoformat() for r in sorted(period.reviews)],
    }


def evaluate_with_defaults(period: Period, calendar: Any) -> Any:
    return judge_period(period, calendar, DEFAULTS)


def register_format() -> None:
    """Teach `zhidu evaluate` the `zhidu.daily-log/1` format (called from the app's ready())."""
    formats.register(FORMAT, parse=parse, evaluate=evaluate_with_defaults, to_json=case_to_json)
