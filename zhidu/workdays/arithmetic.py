"""Deadline arithmetic on the working-day calendar. Pure: no Django, no database, no clock.

Rulebook, "Dates and deadlines" (民法典 第二百零一条, 第二百零三条):

- `after_days(E, N)`: "N days after E" — the last day is E + N; when it is not a working day the
  deadline moves to the next working day. N = 0 gives E itself, moved the same way.
- `after_workdays(E, N)`: the N-th working day counted forward from E, E itself not counted.
  N = 0 gives E when it is a working day, else the next working day.
- `before_workdays(D, N)`: the N-th working day counted back from D, D itself not counted.
  N = 0 gives D when it is a working day, else the previous working day.
- `before_days(D, N)`: D − N; when that is not a working day, the previous working day.

Every answer is a `Due(date, provisional)`: `provisional` is true when any day the answer depends on
(every day scanned between the point where counting starts and the answer, both included) lies in
a year without official holiday data.

How it is fast: the table is one contiguous run of days, starting at ordinal `start`. Alongside
the 0/1 flags we keep `prefix[i]` = number of working days among the first i days, and `ords`,
the ordinals of the working days in order. The k-th working day after day i is then
`ords[prefix[i + 1] + k - 1]`: two list look-ups, O(1), however large N is. Outside the table the
calendar extends itself, a whole year at a time, with the provisional calendar of those years
(`provisional.year_workdays`); years outside 1900–2200 are refused with a ValueError.
"""

from __future__ import annotations

import datetime
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate
from zoneinfo import ZoneInfo

from zhidu.workdays import provisional as _provisional

SHANGHAI = ZoneInfo("Asia/Shanghai")
END_OF_DAY = datetime.time(23, 59, 59, 999999)
MIN_YEAR = _provisional.MIN_YEAR
MAX_YEAR = _provisional.MAX_YEAR
_MIN_ORD = datetime.date(MIN_YEAR, 1, 1).toordinal()
_MAX_ORD = datetime.date(MAX_YEAR, 12, 31).toordinal()


@dataclass(frozen=True)
class Due:
    date: datetime.date
    provisional: bool


def end_of_day(
    d: datetime.date, tz: datetime.tzinfo = SHANGHAI, at: datetime.time = END_OF_DAY
) -> datetime.datetime:
    """The aware moment a deadline on day `d` expires: the end of that day in Asia/Shanghai, or
    `at` (R18 uses 18:00)."""
    return datetime.datetime.combine(d, at, tzinfo=tz)


def _check_n(n: int) -> None:
    if isinstance(n, bool) or not isinstance(n, int):
        raise ValueError(f"天数必须是整数，收到 {n!r}")
    if n < 0:
        raise ValueError(f"天数不能为负数，收到 {n}")


def _year_of(ordinal: int) -> int:
    return datetime.date.fromordinal(ordinal).year


def _refuse(ordinal: int) -> None:
    """Raise the ValueError for a day outside the years the calendar supports."""
    try:
        year = _year_of(ordinal)
    except (ValueError, OverflowError):
        year = MIN_YEAR - 1 if ordinal < _MIN_ORD else MAX_YEAR + 1
    _provisional.check_year(year)
    raise ValueError(f"日期超出工作日历支持的范围（{MIN_YEAR}–{MAX_YEAR} 年）")  # pragma: no cover


class _Table:
    """An immutable snapshot: a contiguous run of days from ordinal `start`."""

    __slots__ = ("start", "flags", "prefix", "ords", "provisional_years", "pprefix")

    def __init__(self, start: int, flags: bytes, provisional_years: frozenset[int]):
        self.start = start
        self.flags = flags
        self.prefix = [0, *accumulate(flags)]
        self.ords = [start + i for i, f in enumerate(flags) if f]
        self.provisional_years = provisional_years
        # pprefix[i]: how many of the first i days lie in a provisional year, so "does the span
        # a..b touch a provisional year" is one subtraction.
        in_prov = bytearray(len(flags))
        for year in provisional_years:
            lo = max(datetime.date(year, 1, 1).toordinal() - start, 0)
            hi = min(datetime.date(year, 12, 31).toordinal() - start + 1, len(flags))
            if lo < hi:
                in_prov[lo:hi] = b"\x01" * (hi - lo)
        self.pprefix = [0, *accumulate(in_prov)]

    @property
    def end(self) -> int:  # ordinal one past the last day
        return self.start + len(self.flags)


class WorkCalendar:
    """Working days for a contiguous range of dates, extended on demand with provisional years.

    Build it with `WorkCalendar.from_rows([(date, is_workday), ...], provisional_years)` (rows
    sorted or not, gaps filled with the provisional calendar and their years marked provisional),
    or `WorkCalendar(start, flags, provisional_years)` for a ready contiguous run.
    """

    def __init__(
        self,
        start: datetime.date,
        flags: Sequence[bool] | bytes,
        provisional_years: Iterable[int] = (),
        *,
        provisional_source: Callable[[int], list[bool]] = _provisional.year_workdays,
    ):
        if not flags:
            raise ValueError("工作日历不能为空")
        self._source = provisional_source
        self._lock = threading.Lock()
        self._t = _Table(start.toordinal(), bytes(bool(f) for f in flags), frozenset(provisional_years))

    @classmethod
    def from_rows(
        cls,
        rows: Iterable[tuple[datetime.date, bool]],
        provisional_years: Iterable[int] = (),
        *,
        provisional_source: Callable[[int], list[bool]] = _provisional.year_workdays,
    ) -> WorkCalendar:
        known = dict(rows)
        if not known:
            raise ValueError("工作日历不能为空")
        first, last = min(known), max(known)
        prov = set(provisional_years)
        flags = bytearray()
        gap_years: dict[int, list[bool]] = {}
        day = first
        one = datetime.timedelta(days=1)
        while day <= last:
            if day in known:
                flags.append(bool(known[day]))
            else:  # a hole in the table: fill it with the provisional calendar of its year
                if day.year not in gap_years:
                    gap_years[day.year] = provisional_source(day.year)
                    prov.add(day.year)
                flags.append(gap_years[day.year][day.timetuple().tm_yday - 1])
            day += one
        return cls(first, bytes(flags), prov, provisional_source=provisional_source)

    # --- extension ---------------------------------------------------------------------------

    @property
    def first_day(self) -> datetime.date:
        return datetime.date.fromordinal(self._t.start)

    @property
    def last_day(self) -> datetime.date:
        return datetime.date.fromordinal(self._t.end - 1)

    def _covering(self, lo: int, hi: int) -> _Table:
        """A table that covers ordinals lo..hi (inclusive), extended by whole provisional years."""
        t = self._t
        if t.start <= lo and hi < t.end:
            return t
        if lo < _MIN_ORD:
            _refuse(lo)
        if hi > _MAX_ORD:
            _refuse(hi)
        with self._lock:
            t = self._t
            if t.start <= lo and hi < t.end:
                return t
            start, flags, prov = t.start, bytearray(t.flags), set(t.provisional_years)
            if lo < start:
                head = bytearray()
                for year in range(_year_of(lo), _year_of(start - 1) + 1):
                    y0 = datetime.date(year, 1, 1).toordinal()
                    year_flags = self._source(year)
                    for i, f in enumerate(year_flags):
                        if y0 + i < start:
                            head.append(bool(f))
                    prov.add(year)
                start = datetime.date(_year_of(lo), 1, 1).toordinal()
                flags = head + flags
            end = start + len(flags)
            if hi >= end:
                for year in range(_year_of(end), _year_of(hi) + 1):
                    y0 = datetime.date(year, 1, 1).toordinal()
                    flags.extend(bool(f) for i, f in enumerate(self._source(year)) if y0 + i >= end)
                    prov.add(year)
            self._t = _Table(start, bytes(flags), frozenset(prov))
            return self._t

    def _covering_forward(self, o: int, k: int) -> _Table:
        """A table that holds at least k working days from ordinal o on (o included)."""
        t = self._covering(o, o)
        while (have := t.prefix[-1] - t.prefix[o - t.start]) < k:
            if t.end - 1 >= _MAX_ORD:
                _refuse(_MAX_ORD + 1)
            # A year has about 250 working days: ask for enough years at once.
            t = self._covering(o, min(t.end - 1 + max(366, 2 * (k - have)), _MAX_ORD))
        return t

    def _covering_backward(self, o: int, k: int) -> _Table:
        """A table that holds at least k working days up to ordinal o (o included)."""
        t = self._covering(o, o)
        while (have := t.prefix[o - t.start + 1]) < k:
            if t.start <= _MIN_ORD:
                _refuse(_MIN_ORD - 1)
            t = self._covering(max(t.start - max(366, 2 * (k - have)), _MIN_ORD), o)
        return t

    @staticmethod
    def _provisional(t: _Table, a: int, b: int) -> bool:
        """Whether any day in ordinals a..b (a <= b, both in the table) is in a provisional year."""
        return t.pprefix[b - t.start + 1] - t.pprefix[a - t.start] > 0

    # --- queries -------------------------------------------------------------------------------

    def is_workday(self, d: datetime.date) -> bool:
        o = d.toordinal()
        t = self._covering(o, o)
        return bool(t.flags[o - t.start])

    def is_provisional_year(self, year: int) -> bool:
        _provisional.check_year(year)
        t = self._t
        if (
            datetime.date(year, 1, 1).toordinal() >= t.start
            and datetime.date(year, 12, 31).toordinal() < t.end
        ):
            return year in t.provisional_years
        # Not (wholly) in the table: the part outside is computed, hence provisional.
        return True

    # The hot paths below read the current table once and fall back to `_covering_*` (which
    # extends it) only when the answer would lie outside it.

    def _next(self, o: int) -> tuple[int, _Table]:
        """Ordinal of the first working day on or after ordinal o."""
        t = self._t
        i = o - t.start
        if not (0 <= i < len(t.flags) and t.prefix[i] < len(t.ords)):
            t = self._covering_forward(o, 1)
            i = o - t.start
        return t.ords[t.prefix[i]], t

    def _prev(self, o: int) -> tuple[int, _Table]:
        """Ordinal of the last working day on or before ordinal o."""
        t = self._t
        i = o - t.start
        if not (0 <= i < len(t.flags) and t.prefix[i + 1] > 0):
            t = self._covering_backward(o, 1)
            i = o - t.start
        return t.ords[t.prefix[i + 1] - 1], t

    def next_workday_on_or_after(self, d: datetime.date) -> datetime.date:
        return datetime.date.fromordinal(self._next(d.toordinal())[0])

    def last_workday_on_or_before(self, d: datetime.date) -> datetime.date:
        return datetime.date.fromordinal(self._prev(d.toordinal())[0])

    def after_days(self, event: datetime.date, n: int) -> Due:
        if n.__class__ is not int or n < 0:
            _check_n(n)
        last = event.toordinal() + n
        answer, t = self._next(last)
        return Due(datetime.date.fromordinal(answer), self._provisional(t, last, answer))

    def after_workdays(self, event: datetime.date, n: int) -> Due:
        if n.__class__ is not int or n < 0:
            _check_n(n)
        if n == 0:
            return self.after_days(event, 0)
        o = event.toordinal() + 1  # E itself is not counted
        t = self._t
        i = o - t.start
        if not (0 <= i < len(t.flags) and t.prefix[i] + n <= len(t.ords)):
            t = self._covering_forward(o, n)
            i = o - t.start
        answer = t.ords[t.prefix[i] + n - 1]
        return Due(datetime.date.fromordinal(answer), self._provisional(t, o, answer))

    def before_workdays(self, day: datetime.date, n: int) -> Due:
        if n.__class__ is not int or n < 0:
            _check_n(n)
        if n == 0:
            return self.before_days(day, 0)
        o = day.toordinal() - 1  # D itself is not counted
        t = self._t
        i = o - t.start
        if not (0 <= i < len(t.flags) and t.prefix[i + 1] >= n):
            t = self._covering_backward(o, n)
            i = o - t.start
        answer = t.ords[t.prefix[i + 1] - n]
        return Due(datetime.date.fromordinal(answer), self._provisional(t, answer, o))

    def before_days(self, day: datetime.date, n: int) -> Due:
        if n.__class__ is not int or n < 0:
            _check_n(n)
        first = day.toordinal() - n
        answer, t = self._prev(first)
        return Due(datetime.date.fromordinal(answer), self._provisional(t, answer, first))

    def workdays_between(self, a: datetime.date, b: datetime.date) -> int:
        """Working days d with a < d <= b (the number `after_workdays(a, n)` counts); negative when
        b < a."""
        if b < a:
            return -self.workdays_between(b, a)
        oa, ob = a.toordinal(), b.toordinal()
        t = self._covering(oa, ob)
        return t.prefix[ob - t.start + 1] - t.prefix[oa - t.start + 1]

    end_of_day = staticmethod(end_of_day)
