"""Deadline semantics (rulebook, "Dates and deadlines") on the seeded calendar: just before, at and
after the 2026 Spring Festival and National Day, and into provisional 2027."""

import datetime

import chinese_calendar
import pytest
import time_machine
from hypothesis import given, settings
from hypothesis import strategies as st

from zhidu.workdays.arithmetic import Due, WorkCalendar, end_of_day
from zhidu.workdays.seed import seed_calendar

D = datetime.date
CAL = seed_calendar(2026)


def test_library_2026_matches_the_notices():
    # The State Council notice for 2026: 春节 02-15..02-23 with 02-14 (Sat) and 02-28 (Sat) worked;
    # 国庆节 10-01..10-07 with 09-20 (Sun) and 10-10 (Sat) worked.
    spring = [D(2026, 2, 15) + datetime.timedelta(days=i) for i in range(9)]
    national = [D(2026, 10, 1) + datetime.timedelta(days=i) for i in range(7)]
    for day in spring + national:
        assert not chinese_calendar.is_workday(day) and not CAL.is_workday(day), day
    for day in (D(2026, 2, 14), D(2026, 2, 28), D(2026, 9, 20), D(2026, 10, 10)):
        assert day.weekday() >= 5
        assert chinese_calendar.is_workday(day) and CAL.is_workday(day), day
    assert CAL.is_workday(D(2026, 2, 13)) and CAL.is_workday(D(2026, 2, 24))
    assert CAL.is_workday(D(2026, 9, 30)) and CAL.is_workday(D(2026, 10, 8))


def ok(y, m, d):
    return Due(D(y, m, d), False)


@pytest.mark.parametrize(
    ("method", "anchor", "n", "expected"),
    [
        # Spring Festival 2026
        ("after_days", D(2026, 2, 13), 0, ok(2026, 2, 13)),
        ("after_days", D(2026, 2, 13), 1, ok(2026, 2, 14)),  # Saturday made a working day
        ("after_days", D(2026, 2, 13), 2, ok(2026, 2, 24)),  # first day of the holiday → after it
        ("after_days", D(2026, 2, 13), 10, ok(2026, 2, 24)),  # last day of the holiday
        ("after_days", D(2026, 2, 13), 11, ok(2026, 2, 24)),  # the first working day itself
        ("after_days", D(2026, 2, 13), 12, ok(2026, 2, 25)),
        ("after_days", D(2026, 2, 27), 1, ok(2026, 2, 28)),  # adjusted Saturday
        ("after_days", D(2026, 2, 27), 2, ok(2026, 3, 2)),  # ordinary Sunday
        ("after_workdays", D(2026, 2, 12), 1, ok(2026, 2, 13)),
        ("after_workdays", D(2026, 2, 13), 1, ok(2026, 2, 14)),
        ("after_workdays", D(2026, 2, 13), 2, ok(2026, 2, 24)),
        ("after_workdays", D(2026, 2, 14), 1, ok(2026, 2, 24)),
        ("after_workdays", D(2026, 2, 18), 1, ok(2026, 2, 24)),  # counted from inside the holiday
        ("after_workdays", D(2026, 2, 18), 0, ok(2026, 2, 24)),  # 0: E itself if working, else next
        ("after_workdays", D(2026, 2, 13), 0, ok(2026, 2, 13)),
        ("after_workdays", D(2026, 2, 27), 2, ok(2026, 3, 2)),
        ("before_workdays", D(2026, 2, 24), 1, ok(2026, 2, 14)),
        ("before_workdays", D(2026, 2, 24), 2, ok(2026, 2, 13)),
        ("before_workdays", D(2026, 2, 25), 1, ok(2026, 2, 24)),
        ("before_workdays", D(2026, 2, 14), 1, ok(2026, 2, 13)),
        ("before_workdays", D(2026, 2, 20), 0, ok(2026, 2, 14)),  # 0: D if working, else previous
        ("before_days", D(2026, 2, 15), 1, ok(2026, 2, 14)),
        ("before_days", D(2026, 2, 24), 1, ok(2026, 2, 14)),  # 02-23 is a holiday → back to 02-14
        ("before_days", D(2026, 2, 25), 1, ok(2026, 2, 24)),
        ("before_days", D(2026, 2, 24), 0, ok(2026, 2, 24)),
        ("before_days", D(2026, 3, 2), 1, ok(2026, 2, 28)),  # Sunday → the adjusted Saturday
        ("before_days", D(2026, 3, 2), 3, ok(2026, 2, 27)),
        # National Day 2026 (and 中秋 09-25..09-27 just before it)
        ("after_days", D(2026, 9, 10), 29, ok(2026, 10, 9)),
        ("after_days", D(2026, 9, 10), 30, ok(2026, 10, 10)),  # spec example: adjusted Saturday
        ("after_days", D(2026, 9, 10), 31, ok(2026, 10, 12)),
        ("after_days", D(2026, 9, 30), 1, ok(2026, 10, 8)),
        ("after_days", D(2026, 9, 19), 1, ok(2026, 9, 20)),  # adjusted Sunday
        ("after_workdays", D(2026, 9, 18), 1, ok(2026, 9, 20)),
        ("after_workdays", D(2026, 9, 24), 1, ok(2026, 9, 28)),
        ("after_workdays", D(2026, 9, 29), 1, ok(2026, 9, 30)),
        ("after_workdays", D(2026, 9, 30), 1, ok(2026, 10, 8)),  # spec example
        ("after_workdays", D(2026, 10, 8), 1, ok(2026, 10, 9)),
        ("after_workdays", D(2026, 10, 8), 2, ok(2026, 10, 10)),
        ("before_workdays", D(2026, 10, 8), 1, ok(2026, 9, 30)),  # spec example
        ("before_workdays", D(2026, 10, 8), 2, ok(2026, 9, 29)),
        ("before_workdays", D(2026, 10, 9), 1, ok(2026, 10, 8)),
        ("before_workdays", D(2026, 9, 30), 1, ok(2026, 9, 29)),
        ("before_days", D(2026, 10, 12), 10, ok(2026, 9, 30)),  # spec example
        ("before_days", D(2026, 10, 12), 2, ok(2026, 10, 10)),
        ("before_days", D(2026, 10, 12), 4, ok(2026, 10, 8)),
        ("before_days", D(2026, 10, 12), 5, ok(2026, 9, 30)),
        ("before_days", D(2026, 9, 30), 0, ok(2026, 9, 30)),
    ],
)
def test_semantics(method, anchor, n, expected):
    assert getattr(CAL, method)(anchor, n) == expected


@pytest.mark.parametrize(
    ("method", "anchor", "n", "expected"),
    [
        ("after_workdays", D(2026, 12, 30), 1, Due(D(2026, 12, 31), False)),  # 2027 not looked at
        ("after_workdays", D(2026, 12, 31), 1, Due(D(2027, 1, 4), True)),  # 元旦 + weekend, provisional
        ("after_days", D(2026, 12, 25), 6, Due(D(2026, 12, 31), False)),
        ("after_days", D(2026, 12, 25), 7, Due(D(2027, 1, 4), True)),
        ("before_workdays", D(2027, 1, 4), 1, Due(D(2026, 12, 31), True)),  # scanned 2027-01-01..03
        ("before_days", D(2027, 1, 4), 4, Due(D(2026, 12, 31), False)),  # D−N is in 2026, a working day
        ("before_days", D(2027, 1, 4), 3, Due(D(2026, 12, 31), True)),
        ("after_days", D(2027, 9, 30), 1, Due(D(2027, 10, 4), True)),  # provisional 国庆 is 3 days
        ("after_days", D(2030, 1, 1), 0, Due(D(2030, 1, 2), True)),  # computed on demand
        ("after_days", D(1950, 10, 1), 0, Due(D(1950, 10, 4), True)),  # before the table: computed
    ],
)
def test_into_provisional_years(method, anchor, n, expected):
    assert getattr(CAL, method)(anchor, n) == expected


def test_provisional_years_and_extension():
    assert not CAL.is_provisional_year(2026)
    assert CAL.is_provisional_year(2027) and CAL.is_provisional_year(2100)
    for year in (1900, 2000, 2150, 2200):
        CAL.is_workday(D(year, 6, 1))  # never crashes in 1900–2200
    assert CAL.is_workday(D(2200, 12, 31)) in (True, False)


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.is_workday(D(1899, 12, 31)),
        lambda c: c.is_workday(D(2201, 1, 1)),
        lambda c: c.after_days(D(2200, 12, 30), 5),
        lambda c: c.before_days(D(1900, 1, 2), 5),
        lambda c: c.after_workdays(D(2026, 1, 1), 10**9),
        lambda c: c.before_workdays(D(2026, 1, 1), 10**9),
        lambda c: c.is_provisional_year(1899),
    ],
)
def test_outside_supported_years_is_a_clean_value_error(call):
    with pytest.raises(ValueError, match="年份"):
        call(CAL)


@pytest.mark.parametrize("method", ["after_days", "after_workdays", "before_workdays", "before_days"])
@pytest.mark.parametrize("n", [-1, 1.5, "3", True])
def test_bad_n(method, n):
    with pytest.raises(ValueError, match="天数"):
        getattr(CAL, method)(D(2026, 5, 6), n)


def test_workdays_between_and_neighbours():
    assert CAL.workdays_between(D(2026, 9, 30), D(2026, 10, 8)) == 1
    assert CAL.workdays_between(D(2026, 10, 8), D(2026, 9, 30)) == -1
    assert CAL.workdays_between(D(2026, 2, 13), D(2026, 2, 13)) == 0
    assert CAL.next_workday_on_or_after(D(2026, 10, 1)) == D(2026, 10, 8)
    assert CAL.next_workday_on_or_after(D(2026, 9, 30)) == D(2026, 9, 30)
    assert CAL.last_workday_on_or_before(D(2026, 10, 7)) == D(2026, 9, 30)
    assert CAL.last_workday_on_or_before(D(2026, 10, 11)) == D(2026, 10, 10)


def test_from_rows_fills_gaps_provisionally():
    rows = [(D(2026, 1, 5), True), (D(2026, 1, 6), True), (D(2027, 1, 1), True)]
    cal = WorkCalendar.from_rows(rows)
    assert cal.is_workday(D(2026, 1, 5))
    assert not cal.is_workday(D(2026, 5, 1))  # the gap: provisional 劳动节
    assert cal.is_provisional_year(2026)
    assert cal.is_workday(D(2027, 1, 1))  # as the table says, not as computed
    with pytest.raises(ValueError):
        WorkCalendar.from_rows([])


# --- end of day, in Asia/Shanghai, just before, at and after ----------------------------------


@pytest.mark.parametrize(
    ("now", "overdue"),
    [
        ("2026-10-08T23:59:59+08:00", False),
        ("2026-10-08T23:59:59.999999+08:00", False),
        ("2026-10-09T00:00:00+08:00", True),
        ("2026-10-08T15:59:59+00:00", False),  # the same instant in UTC
        ("2026-10-08T16:00:00+00:00", True),
    ],
)
def test_end_of_day_deadline(now, overdue):
    due = CAL.after_workdays(D(2026, 9, 30), 1)
    deadline = end_of_day(due.date)
    assert deadline.tzinfo is not None and deadline.utcoffset() == datetime.timedelta(hours=8)
    with time_machine.travel(datetime.datetime.fromisoformat(now), tick=False):
        current = datetime.datetime.now(datetime.timezone.utc)
        assert (current > deadline) is overdue


def test_end_of_day_at_18():
    # R18: "by the end of the working day" is 18:00 by default.
    at = end_of_day(D(2026, 2, 14), at=datetime.time(18, 0))
    assert at.isoformat() == "2026-02-14T18:00:00+08:00"
    assert CAL.end_of_day(D(2026, 2, 14)).isoformat() == "2026-02-14T23:59:59.999999+08:00"


# --- properties -------------------------------------------------------------------------------

dates = st.dates(min_value=D(2005, 1, 1), max_value=D(2028, 12, 31))
counts = st.integers(min_value=0, max_value=60)


def naive(method, anchor, n):
    """Day-by-day reference over the same table: (answer, every day scanned)."""
    one = datetime.timedelta(days=1)
    wd = CAL.is_workday
    if method == "after_days":
        d = anchor + n * one
        scanned = [d]
        while not wd(d):
            d += one
            scanned.append(d)
    elif method == "before_days":
        d = anchor - n * one
        scanned = [d]
        while not wd(d):
            d -= one
            scanned.append(d)
    elif n == 0:
        return naive("after_days" if method == "after_workdays" else "before_days", anchor, 0)
    else:
        step = one if method == "after_workdays" else -one
        d, count, scanned = anchor, 0, []
        while count < n:
            d += step
            scanned.append(d)
            count += wd(d)
    return d, scanned


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(["after_days", "after_workdays", "before_workdays", "before_days"]), dates, counts)
def test_fast_equals_naive(method, anchor, n):
    answer, scanned = naive(method, anchor, n)
    due = getattr(CAL, method)(anchor, n)
    assert due.date == answer
    assert due.provisional == any(CAL.is_provisional_year(d.year) for d in scanned)


def test_table_equals_library():
    day = D(2004, 1, 1)
    while day <= D(2026, 12, 31):
        assert CAL.is_workday(day) == chinese_calendar.is_workday(day), day
        day += datetime.timedelta(days=1)


@settings(max_examples=300, deadline=None)
@given(dates, st.integers(min_value=1, max_value=60))
def test_after_workdays_is_a_workday_n_workdays_on(anchor, n):
    due = CAL.after_workdays(anchor, n)
    assert CAL.is_workday(due.date)
    assert CAL.workdays_between(anchor, due.date) == n
    assert CAL.workdays_between(anchor, due.date - datetime.timedelta(days=1)) == n - 1


@settings(max_examples=300, deadline=None)
@given(dates, counts)
def test_before_days_is_on_or_before_d_minus_n(day, n):
    due = CAL.before_days(day, n)
    assert due.date <= day - datetime.timedelta(days=n)
    assert CAL.is_workday(due.date)


@settings(max_examples=300, deadline=None)
@given(dates, st.integers(min_value=1, max_value=60))
def test_before_workdays_counts_back(day, n):
    due = CAL.before_workdays(day, n)
    assert CAL.is_workday(due.date)
    assert CAL.workdays_between(due.date, day - datetime.timedelta(days=1)) == n - 1
