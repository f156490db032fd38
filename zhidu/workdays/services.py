"""The public face of the working-day calendar for the other apps.

- `get_calendar()`: the WorkCalendar every due time is computed with.
- `enter_notice(...)`: the ONE entry point that changes the calendar (a State Council notice).
- `parse_notice(text)`: the pasted JSON of a notice → `NoticeData`, for the admin and the command.
"""

from __future__ import annotations

import datetime
import json
import re
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import DatabaseError, transaction
from django.utils import timezone

from zhidu.workdays import provisional as prov
from zhidu.workdays import seed, stored
from zhidu.workdays.arithmetic import Due, WorkCalendar, end_of_day
from zhidu.workdays.signals import calendar_changed

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from zhidu.workdays.models import HolidayNotice

SHANGHAI = ZoneInfo("Asia/Shanghai")
__all__ = [
    "Due",
    "NoticeData",
    "NoticeError",
    "WorkCalendar",
    "end_of_day",
    "enter_notice",
    "enter_notice_data",
    "get_calendar",
    "parse_notice",
    "validate_notice",
]


class NoticeError(ValueError):
    """A notice that cannot be entered; the message is Chinese and names the field or the date."""


# --- the calendar ------------------------------------------------------------------------------

_lock = threading.Lock()
_cache: dict[str, object] = {"version": None, "calendar": None, "fallback": None, "fresh_until": 0.0}
_local_generation = [0]  # bumped by enter_notice: this process sees its own notice at once


def _current_year() -> int:
    return timezone.now().astimezone(SHANGHAI).year


def _version() -> tuple[object, ...]:
    """A cheap fingerprint of the table: one aggregate over the notices (a notice is the only
    thing that changes the rows after the seed migration)."""
    from django.db.models import Count, Max

    from zhidu.workdays.models import HolidayNotice

    agg = HolidayNotice.objects.aggregate(n=Count("id"), at=Max("entered_at"), top=Max("id"))
    return (_local_generation[0], agg["n"], agg["at"], agg["top"])


def _load() -> WorkCalendar | None:
    """The table in one query; None when it is empty."""
    from zhidu.workdays.models import WorkingDay

    return stored.calendar_from_rows(
        WorkingDay.objects.order_by("day").values_list("day", "is_workday", "source")
    )


def _fallback() -> WorkCalendar:
    cal = _cache["fallback"]
    if cal is None:
        cal = _cache["fallback"] = seed.seed_calendar(_current_year())
    return cal  # type: ignore[return-value]


def get_calendar() -> WorkCalendar:
    """The working-day calendar: the WorkingDay table, loaded once per process and reloaded when a
    notice has been entered since. This process's own writes are seen at once (enter_notice and the
    rows' signals bump the local generation); another server's notice within
    ZHIDU_CALENDAR_RECHECK_SECONDS, when the next call checks the table's fingerprint with one cheap
    query (issue 18: a query per question made the in-app path hundreds of times slower than the
    arithmetic). Before `migrate`, or with an empty table, the seed computed in memory: never an error."""
    cached = _cache["calendar"]
    if (
        cached is not None
        and isinstance(_cache["version"], tuple)
        and _cache["version"][0] == _local_generation[0]
        and time.monotonic() < cast(float, _cache["fresh_until"])
    ):
        return cast(WorkCalendar, cached)
    try:
        with transaction.atomic():  # a savepoint: a missing table must not break the caller's transaction
            version = _version()
            if _cache["version"] == version and _cache["calendar"] is not None:
                # Unchanged: fresh for another interval. (It was not renewed here, so after the first
                # interval every call paid the check, three queries with SQLite's transaction.)
                with _lock:
                    _cache["fresh_until"] = time.monotonic() + settings.ZHIDU_CALENDAR_RECHECK_SECONDS
                return _cache["calendar"]  # type: ignore[return-value]
            calendar = _load()
    except DatabaseError:
        return _fallback()
    if calendar is None:
        return _fallback()
    with _lock:
        _cache["version"], _cache["calendar"] = version, calendar
        _cache["fresh_until"] = time.monotonic() + settings.ZHIDU_CALENDAR_RECHECK_SECONDS
    return calendar


def rows_changed(**kwargs: object) -> None:
    """A receiver of the rows' post_save/post_delete (apps.py): whatever wrote them in this process,
    the next call reloads."""
    with _lock:
        _local_generation[0] += 1


def clear_cache() -> None:
    """Forget the loaded calendar (tests; after a bulk load outside enter_notice)."""
    with _lock:
        _cache["version"] = _cache["calendar"] = _cache["fallback"] = None
        _cache["fresh_until"] = 0.0
        _local_generation[0] += 1


# --- notices -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class NoticeData:
    year: int
    title: str
    published_on: datetime.date | None
    holidays: tuple[tuple[datetime.date, datetime.date, str], ...]
    adjusted_workdays: tuple[datetime.date, ...]
    raw_text: str = field(default="", compare=False)


_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _parse_date(value: object, where: str) -> datetime.date:
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    if not isinstance(value, str) or not _ISO.match(value.strip()):
        raise NoticeError(f"{where}：“{value}”不是 YYYY-MM-DD 格式的日期")
    try:
        return datetime.date.fromisoformat(value.strip())
    except ValueError:
        raise NoticeError(f"{where}：日期“{value}”不存在") from None


def parse_notice(text: str) -> NoticeData:
    """Parse the pasted JSON of a notice:

        {"year": 2027, "title": "国务院办公厅关于2027年部分节假日安排的通知", "published_on": "2026-11-10",
         "holidays": [{"name": "元旦", "start": "2027-01-01", "end": "2027-01-03"}, …],
         "adjusted_workdays": ["2027-02-07", …]}

    Only the shape and the dates are checked here; `validate_notice` checks the content."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, TypeError) as e:
        where = f"第 {e.lineno} 行第 {e.colno} 列" if isinstance(e, json.JSONDecodeError) else ""
        raise NoticeError(f"通知不是有效的 JSON{where}") from None
    if not isinstance(data, dict):
        raise NoticeError("通知必须是一个 JSON 对象（{…}）")
    unknown = sorted(set(data) - {"year", "title", "published_on", "holidays", "adjusted_workdays"})
    if unknown:
        raise NoticeError(f"未知字段：{'、'.join(unknown)}")
    year = data.get("year")
    if isinstance(year, str) and year.isdigit():
        year = int(year)
    if isinstance(year, bool) or not isinstance(year, int):
        raise NoticeError("year：缺少年份或年份不是整数")
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        raise NoticeError("title：缺少通知标题")
    published = data.get("published_on")
    published_on = None if published in (None, "") else _parse_date(published, "published_on")
    raw_holidays = data.get("holidays", [])
    if not isinstance(raw_holidays, list):
        raise NoticeError("holidays：必须是列表")
    holidays = []
    for i, h in enumerate(raw_holidays):
        where = f"holidays[{i}]"
        if not isinstance(h, dict):
            raise NoticeError(f"{where}：必须是包含 name、start、end 的对象")
        name = h.get("name")
        if not isinstance(name, str) or not name.strip():
            raise NoticeError(f"{where}.name：缺少节日名称")
        start = _parse_date(h.get("start"), f"{where}.start")
        end = _parse_date(h.get("end", h.get("start")), f"{where}.end")
        holidays.append((start, end, name.strip()))
    raw_adjusted = data.get("adjusted_workdays", [])
    if not isinstance(raw_adjusted, list):
        raise NoticeError("adjusted_workdays：必须是日期列表")
    adjusted = [_parse_date(d, f"adjusted_workdays[{i}]") for i, d in enumerate(raw_adjusted)]
    return NoticeData(year, title.strip(), published_on, tuple(holidays), tuple(adjusted), raw_text=text)


def _fmt(d: datetime.date) -> str:
    return d.isoformat()


def validate_notice(
    year: int,
    title: str,
    holidays: Iterable[Sequence[object]],
    adjusted_workdays: Iterable[datetime.date],
) -> list[seed.DayRow]:
    """Check a notice and return the rows of its whole year (source = notice). Raises NoticeError
    naming the field or the date; writes nothing."""
    if isinstance(year, bool) or not isinstance(year, int):
        raise NoticeError("year：年份必须是整数")
    try:
        prov.check_year(year)
    except ValueError as e:
        raise NoticeError(f"year：{e}") from None
    if not title or not str(title).strip():
        raise NoticeError("title：缺少通知标题")
    off: dict[datetime.date, str] = {}
    for i, entry in enumerate(holidays):
        where = f"holidays[{i}]"
        try:
            start, end, name = entry
        except (TypeError, ValueError):
            raise NoticeError(f"{where}：必须是（开始日期, 结束日期, 名称）") from None
        if not isinstance(start, datetime.date) or not isinstance(end, datetime.date):
            raise NoticeError(f"{where}：开始日期和结束日期必须是日期")
        if not name or not str(name).strip():
            raise NoticeError(f"{where}.name：缺少节日名称")
        if end < start:
            raise NoticeError(f"{where}：结束日期 {_fmt(end)} 早于开始日期 {_fmt(start)}")
        for label, d in (("start", start), ("end", end)):
            if d.year != year:
                raise NoticeError(f"{where}.{label}：日期 {_fmt(d)} 不在 {year} 年内")
        d = start
        while d <= end:
            if d in off:
                raise NoticeError(f"{where}：{_fmt(d)} 已列入“{off[d]}”，放假日期重复")
            off[d] = str(name).strip()
            d += datetime.timedelta(days=1)
    adjusted: set[datetime.date] = set()
    for i, d in enumerate(adjusted_workdays):
        where = f"adjusted_workdays[{i}]"
        if not isinstance(d, datetime.date):
            raise NoticeError(f"{where}：必须是日期")
        if d.year != year:
            raise NoticeError(f"{where}：日期 {_fmt(d)} 不在 {year} 年内")
        if d in off:
            raise NoticeError(f"{where}：{_fmt(d)} 既是放假日（{off[d]}）又是调休上班日")
        if d.weekday() < 5:
            raise NoticeError(f"{where}：{_fmt(d)} 不是周末，不能作为调休上班日")
        if d in adjusted:
            raise NoticeError(f"{where}：{_fmt(d)} 重复")
        adjusted.add(d)

    def nearest_holiday(d: datetime.date) -> str:
        # An adjusted working day belongs to the holiday it makes longer: name it after the nearest.
        if not off:
            return ""
        return off[min(off, key=lambda h: (abs((h - d).days), h))]

    rows = []
    day = datetime.date(year, 1, 1)
    while day.year == year:
        if day in off:
            rows.append(seed.DayRow(day, False, prov.HOLIDAY, off[day], seed.SOURCE_NOTICE))
        elif day in adjusted:
            rows.append(
                seed.DayRow(day, True, prov.ADJUSTED_WORKDAY, nearest_holiday(day), seed.SOURCE_NOTICE)
            )
        elif day.weekday() >= 5:
            rows.append(seed.DayRow(day, False, prov.WEEKEND, "", seed.SOURCE_NOTICE))
        else:
            rows.append(seed.DayRow(day, True, prov.WORKDAY, "", seed.SOURCE_NOTICE))
        day += datetime.timedelta(days=1)
    return rows


def _entries(
    holidays: Iterable[tuple[datetime.date, datetime.date, str]], adjusted_workdays: Iterable[datetime.date]
) -> dict[str, list[object]]:
    return {
        "holidays": [{"name": n, "start": _fmt(s), "end": _fmt(e)} for s, e, n in holidays],
        "adjusted_workdays": [_fmt(d) for d in adjusted_workdays],
    }


def enter_notice(
    year: int,
    title: str,
    published_on: datetime.date | None,
    holidays: Iterable[tuple[datetime.date, datetime.date, str]],
    adjusted_workdays: Iterable[datetime.date],
    entered_by: User | AnonymousUser | None = None,
    *,
    raw_text: str = "",
) -> HolidayNotice:
    """Enter (or replace) the State Council notice for `year`.

    1. Validate it (NoticeError, nothing saved).
    2. In one transaction: replace the year's WorkingDay rows with the notice's (source = notice,
       so the year is no longer provisional), and create or update the HolidayNotice.
    3. On commit, send `calendar_changed(years={year})` so open deadlines are recomputed.
    """
    entries = [tuple(h) for h in holidays]
    adjusted_workdays = list(adjusted_workdays)
    if published_on is not None and not isinstance(published_on, datetime.date):
        raise NoticeError("published_on：必须是日期")
    rows = validate_notice(year, title, entries, adjusted_workdays)
    checked = cast("list[tuple[datetime.date, datetime.date, str]]", entries)  # validate_notice proved it
    from zhidu.workdays.models import HolidayNotice, WorkingDay

    with transaction.atomic():
        WorkingDay.objects.filter(day__year=year).delete()
        WorkingDay.objects.bulk_create([WorkingDay(**row._asdict()) for row in rows])
        notice, _ = HolidayNotice.objects.update_or_create(
            year=year,
            defaults={
                "title": str(title).strip(),
                "published_on": published_on,
                "entered_by": _saved_user(entered_by),
                "entered_at": timezone.now(),
                "raw_text": raw_text,
                "entries": _entries(checked, adjusted_workdays),
            },
        )
        _audit(entered_by, notice)
        transaction.on_commit(_changed({year}))
    return notice


def _saved_user(user: User | AnonymousUser | None) -> User | None:
    """The user to name on the notice: nobody for a command run or an anonymous request (whose
    pk is None)."""
    return cast("User", user) if getattr(user, "pk", None) else None


def _changed(years: set[int]) -> Callable[[], None]:
    def send() -> None:
        with _lock:
            _local_generation[0] += 1
        calendar_changed.send(sender=enter_notice, years=set(years))

    return send


def _audit(actor: User | AnonymousUser | None, notice: HolidayNotice) -> None:
    """One audit entry beside the write (core.audit), imported here like the models above, so that
    importing this module needs no ready app registry."""
    from zhidu.core.audit import record

    record(actor, "workdays.enter_notice", notice, summary=notice.title, year=notice.year)


def enter_notice_data(data: NoticeData, entered_by: User | AnonymousUser | None = None) -> HolidayNotice:
    return enter_notice(
        data.year,
        data.title,
        data.published_on,
        data.holidays,
        data.adjusted_workdays,
        entered_by,
        raw_text=data.raw_text,
    )
