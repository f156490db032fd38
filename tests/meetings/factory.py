"""Small builders for meeting records: a valid base record as a dict, mutated by each test, and a
fake working-day calendar for the pure checks (weekends and a few listed holidays off)."""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from typing import Any

from zhidu.meetings.checks import TOWNSHIP_DEFAULTS, Evaluation, MeetingParameters, evaluate
from zhidu.meetings.record import parse_meeting

MEMBERS = [
    ("yang", "杨栋", "secretary"),
    ("qiu", "邱维兴", "deputy_secretary"),
    ("guo", "郭爱峰", "discipline_secretary"),
    ("qu", "曲坚强", "organization_member"),
    ("hu", "胡新璐", "member"),
    ("lin", "林平", "member"),
    ("xu", "徐文", "member"),
]


def item(item_id: str = "i1", **changes: Any) -> dict[str, Any]:
    """A valid large-funds item, voted 5–1–0 by named ballot counts, with nothing to find."""
    data: dict[str, Any] = {
        "id": item_id,
        "title": "拨付村级道路维修资金",
        "category": "large_funds",
        "owner": "qiu",
        "approved": True,
        "evaluation_report": True,
        "speakers": [],
        "written_opinions": [],
        "conflicts": [],
        "recused": [],
        "deferred": False,
        "vote": {"method": "named_ballot", "for": 5, "against": 1, "abstain": 0},
    }
    data.update(changes)
    return data


def record(**changes: Any) -> dict[str, Any]:
    """A valid team meeting on Tuesday 2026-03-10, all 7 members present, notice sent the day before,
    one item that passes with no finding."""
    data: dict[str, Any] = {
        "format": "zhidu.meeting/1",
        "body": "team",
        "held_at": "2026-03-10T09:00:00+08:00",
        "emergency": False,
        "members": [{"id": i, "name": n, "roles": [r]} for i, n, r in MEMBERS],
        "chair": "yang",
        "present": [i for i, _, _ in MEMBERS],
        "absent": [],
        "notice": {"sent_at": "2026-03-09T08:30:00+08:00", "channel": "written", "items": ["i1"]},
        "items": [item()],
    }
    data.update(copy.deepcopy(changes))
    return data


def set_absent(data: dict[str, Any], *member_ids: str, reason: str = "请假") -> dict[str, Any]:
    """A copy of `data` with these members moved from present to absent (with a reason)."""
    data = copy.deepcopy(data)
    data["present"] = [m for m in data["present"] if m not in member_ids]
    data["absent"] = [*data["absent"], *({"member": m, "reason": reason} for m in member_ids)]
    return data


@dataclass(frozen=True)
class FakeDue:
    date: dt.date
    provisional: bool = False


class FakeCalendar:
    """Mon–Fri are working days except `holidays`; every answer is `provisional` as told."""

    def __init__(self, holidays: set[dt.date] | None = None, provisional: bool = False) -> None:
        self.holidays = holidays or set()
        self.provisional = provisional

    def _workday(self, day: dt.date) -> bool:
        return day.weekday() < 5 and day not in self.holidays

    def _walk(self, day: dt.date, n: int, step: int) -> FakeDue:
        while n > 0:
            day += dt.timedelta(days=step)
            n -= self._workday(day)
        return FakeDue(day, self.provisional)

    def after_workdays(self, event: dt.date, n: int) -> FakeDue:
        return self._walk(event, n, 1)

    def before_workdays(self, day: dt.date, n: int) -> FakeDue:
        return self._walk(day, n, -1)


def judge(
    data: dict[str, Any], rules: MeetingParameters = TOWNSHIP_DEFAULTS, calendar: Any = None
) -> Evaluation:
    return evaluate(parse_meeting(data), rules, calendar or FakeCalendar())


def codes(evaluation: Evaluation, index: int | None = 0) -> list[str]:
    """The finding codes of item `index`, or of the meeting when index is None."""
    findings = evaluation.findings if index is None else evaluation.items[index].findings
    return [f.code for f in findings]
