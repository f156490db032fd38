"""Deadline rules as data. An obligation stores its rule, so its due time can be recomputed when the
State Council notice for a year is entered (rulebook, "Dates and deadlines"). Pure: no database, no
clock; the working-day calendar is passed in."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from zhidu.workdays.arithmetic import WorkCalendar

SHANGHAI = ZoneInfo("Asia/Shanghai")
END_OF_DAY = datetime.time(23, 59, 59)
REMIND_AT = datetime.time(9, 0)  # start of the working day

SEMANTICS = {"after_days", "after_workdays", "before_workdays", "before_days", "last_workday_by", "fixed"}


class RuleError(ValueError):
    pass


@dataclass(frozen=True)
class DeadlineRule:
    """`semantic` is one of the rulebook's: "N days after E", "N working days after E", "N working days
    before D", "N days before D"; `last_workday_by` is a period's obligation (due at the end of the
    period's last working day); `fixed` is a moment set by a recorded act."""

    semantic: str
    anchor: datetime.date
    n: int = 0
    at: datetime.time = END_OF_DAY

    def __post_init__(self) -> None:
        if self.semantic not in SEMANTICS:
            raise RuleError(f"期限规则：未知的计算方式 {self.semantic!r}")
        if self.n < 0:
            raise RuleError("期限规则：天数不能为负数")

    def to_json(self) -> dict:
        return {
            "semantic": self.semantic,
            "anchor": self.anchor.isoformat(),
            "n": self.n,
            "at": self.at.strftime("%H:%M:%S"),
        }

    @classmethod
    def from_json(cls, data: dict) -> DeadlineRule:
        try:
            return cls(
                semantic=data["semantic"],
                anchor=datetime.date.fromisoformat(data["anchor"]),
                n=int(data.get("n", 0)),
                at=datetime.time.fromisoformat(data.get("at", "23:59:59")),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise RuleError(f"期限规则无效：{exc}") from None

    @classmethod
    def from_units(
        cls,
        *,
        after: datetime.date | None = None,
        before: datetime.date | None = None,
        days: int | None = None,
        workdays: int | None = None,
    ) -> DeadlineRule:
        """A rule from its two choices (anchor side and unit), refusing a rule with both units."""
        if (after is None) == (before is None):
            raise RuleError("期限规则：须且只能指定“之后”或“之前”中的一个")
        if (days is None) == (workdays is None):
            raise RuleError("期限规则：须且只能指定“天”或“工作日”中的一个单位")
        side = "after" if after is not None else "before"
        unit = "days" if days is not None else "workdays"
        anchor = after if after is not None else before
        n = days if days is not None else workdays
        assert anchor is not None and n is not None  # checked above: exactly one of each pair
        return cls(f"{side}_{unit}", anchor, n)


@dataclass(frozen=True)
class Resolved:
    due_at: datetime.datetime
    provisional: bool
    escalate_at: datetime.datetime
    remind_at: datetime.datetime


def resolve(rule: DeadlineRule, calendar: WorkCalendar) -> Resolved:
    if rule.semantic == "fixed":
        due_day, provisional = rule.anchor, False
    elif rule.semantic == "last_workday_by":
        due_day = calendar.last_workday_on_or_before(rule.anchor)
        provisional = calendar.is_provisional_year(rule.anchor.year)
    else:
        due = getattr(calendar, rule.semantic)(rule.anchor, rule.n)
        due_day, provisional = due.date, due.provisional
    due_at = datetime.datetime.combine(due_day, rule.at, tzinfo=SHANGHAI)
    # The leader is reminded when the item is still open at the end of the next working day.
    escalate = calendar.after_workdays(due_day, 1)
    escalate_at = datetime.datetime.combine(escalate.date, END_OF_DAY, tzinfo=SHANGHAI)
    # The person is reminded at the start of the working day before the due day.
    remind = calendar.before_workdays(due_day, 1)
    remind_at = datetime.datetime.combine(remind.date, REMIND_AT, tzinfo=SHANGHAI)
    # Only the due time is shown as provisional; the reminder moments are recomputed with it anyway.
    return Resolved(due_at, provisional, escalate_at, remind_at)
