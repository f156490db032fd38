"""The provisional calendar of a year that has no State Council notice yet. Pure: no Django, no clock.

Rulebook, "Dates and deadlines": for a year without official data, working days are computed from
《全国年节及纪念日放假办法》 as revised in 2024 (国务院令第798号), the holidays every citizen has:

- 元旦 1 day (January 1);
- 春节 4 days from 除夕 (the day before lunar 1/1, i.e. lunar 12/29 or 12/30) to lunar 1/3;
- 清明节 1 day, the day of the solar term 清明;
- 劳动节 2 days, May 1–2;
- 端午节 1 day, lunar 5/5;
- 中秋节 1 day, lunar 8/15;
- 国庆节 3 days, October 1–3;

plus every Saturday and Sunday.

What this deliberately does NOT do: guess 调休. The yearly notice moves weekend days around (a
Saturday becomes a working day so that a holiday becomes a longer block) and grants 补休 when a
holiday falls on a weekend; none of that can be known before the notice is published, so a
provisional year has no adjusted working days and a holiday on a weekend gives no extra day off.
Every deadline that depends on such a year is marked provisional and is recomputed when the notice
is entered (`services.enter_notice`).

Lunar dates come from `lunardate` (1900–2099). For later years (up to 2200) the new moons are
computed with the truncated series of Meeus, *Astronomical Algorithms*, ch. 49, in Beijing time,
and the lunar month is found by the 中气 it contains (雨水 for month 1, 夏至 for month 5, 秋分 for
month 8). That approximation agrees with `lunardate` on the festivals of 1900–2099 in all but a few
edge cases (checked in the tests) and is only ever used for provisional years.
"""

from __future__ import annotations

import datetime
import math
from typing import NamedTuple

MIN_YEAR = 1900
MAX_YEAR = 2200

# Kinds of day (the WorkingDay.kind choices use the same values).
WORKDAY = "workday"
WEEKEND = "weekend"
HOLIDAY = "holiday"
ADJUSTED_WORKDAY = "adjusted_workday"

# One name per holiday, as in 《全国年节及纪念日放假办法》.
NEW_YEAR = "元旦"
SPRING_FESTIVAL = "春节"
QINGMING = "清明节"
LABOUR_DAY = "劳动节"
DRAGON_BOAT = "端午节"
MID_AUTUMN = "中秋节"
NATIONAL_DAY = "国庆节"


class DayInfo(NamedTuple):
    day: datetime.date
    is_workday: bool
    kind: str
    holiday_name: str


def check_year(year: int) -> None:
    if not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"年份 {year} 超出工作日历支持的范围（{MIN_YEAR}–{MAX_YEAR} 年）")


# --- lunar dates ---------------------------------------------------------------------------------


def _lunar_to_solar(year: int, month: int, day: int) -> datetime.date | None:
    """Lunar (year, month, day), non-leap month, by `lunardate`; None when outside its table."""
    from lunardate import LunarDate

    try:
        solar: datetime.date = LunarDate(year, month, day).to_solar_date()  # lunardate is untyped
        return solar
    except ValueError:
        return None


_JD_2000_01_01 = 2451544.5  # Julian day of 2000-01-01 00:00 UT
_ORD_2000_01_01 = datetime.date(2000, 1, 1).toordinal()


def _new_moon_jde(k: int) -> float:
    """Julian ephemeris day of the k-th new moon after 2000-01-06 (Meeus ch. 49, main terms)."""
    t = k / 1236.85
    jde = 2451550.09766 + 29.530588861 * k + 0.00015437 * t**2 - 0.000000150 * t**3
    e = 1 - 0.002516 * t - 0.0000074 * t**2
    rad = math.radians
    m = rad(2.5534 + 29.10535670 * k - 0.0000014 * t**2)
    mp = rad(201.5643 + 385.81693528 * k + 0.0107582 * t**2 + 0.00001238 * t**3)
    f = rad(160.7108 + 390.67050284 * k - 0.0016118 * t**2 - 0.00000227 * t**3)
    om = rad(124.7746 - 1.56375588 * k + 0.0020672 * t**2)
    jde += (
        -0.40720 * math.sin(mp)
        + 0.17241 * e * math.sin(m)
        + 0.01608 * math.sin(2 * mp)
        + 0.01039 * math.sin(2 * f)
        + 0.00739 * e * math.sin(mp - m)
        - 0.00514 * e * math.sin(mp + m)
        + 0.00208 * e * e * math.sin(2 * m)
        - 0.00111 * math.sin(mp - 2 * f)
        - 0.00057 * math.sin(mp + 2 * f)
        + 0.00056 * e * math.sin(2 * mp + m)
        - 0.00042 * math.sin(3 * mp)
        + 0.00042 * e * math.sin(m + 2 * f)
        + 0.00038 * e * math.sin(m - 2 * f)
        - 0.00024 * e * math.sin(2 * mp - m)
        - 0.00017 * math.sin(om)
    )
    return jde


def _beijing_date(jde: float) -> datetime.date:
    # TT is within a few minutes of UT in this range; Beijing time is UT+8.
    return datetime.date.fromordinal(_ORD_2000_01_01 + math.floor(jde - _JD_2000_01_01 + 8 / 24))


def _month_start_containing(day: datetime.date) -> datetime.date:
    """The first day of the lunar month containing `day`: the last new moon (Beijing date) on or
    before it."""
    k = math.floor((day.toordinal() - _ORD_2000_01_01) / 29.530588861) + 1
    while _beijing_date(_new_moon_jde(k)) > day:
        k -= 1
    while _beijing_date(_new_moon_jde(k + 1)) <= day:
        k += 1
    return _beijing_date(_new_moon_jde(k))


# Approximate dates of the 中气 that identify lunar months 1, 5 and 8.
_ZHONGQI = {1: (2, 19), 5: (6, 21), 8: (9, 23)}


def _approx_lunar(year: int, month: int, day: int) -> datetime.date:
    m, d = _ZHONGQI[month]
    start = _month_start_containing(datetime.date(year, m, d))
    return start + datetime.timedelta(days=day - 1)


def lunar_to_solar(year: int, month: int, day: int) -> datetime.date:
    """Solar date of lunar (year, month, day) for month 1, 5 or 8 (the festival months)."""
    exact = _lunar_to_solar(year, month, day)
    return exact if exact is not None else _approx_lunar(year, month, day)


def chuxi(year: int) -> datetime.date:
    """除夕 of the lunar year that begins in solar `year`: the day before lunar 1/1."""
    return lunar_to_solar(year, 1, 1) - datetime.timedelta(days=1)


# --- 清明 ----------------------------------------------------------------------------------------


def qingming(year: int) -> datetime.date:
    """The day of the solar term 清明: from chinese_calendar where it covers the year (1900–2100),
    else the 寿星 formula [Y×D+C]−L with C carried over the 2100 non-leap year."""
    try:
        from chinese_calendar import get_solar_terms

        day: datetime.date  # chinese_calendar is untyped
        for day, name in get_solar_terms(datetime.date(year, 4, 1), datetime.date(year, 4, 30)):
            if name == "清明":
                return day
    except (ImportError, NotImplementedError):
        pass
    y = year % 100
    c = 5.59 if year < 2000 else 4.81 if year < 2100 else 5.03
    return datetime.date(year, 4, int(y * 0.2422 + c) - y // 4)


# --- the year ------------------------------------------------------------------------------------


def provisional_holidays(year: int) -> dict[datetime.date, str]:
    """The statutory holidays of `year` (date → name), without any 调休."""
    check_year(year)
    d = datetime.date
    one = datetime.timedelta(days=1)
    days: dict[datetime.date, str] = {d(year, 1, 1): NEW_YEAR}
    eve = chuxi(year)
    for i in range(4):
        days[eve + i * one] = SPRING_FESTIVAL
    days[qingming(year)] = QINGMING
    days[d(year, 5, 1)] = LABOUR_DAY
    days[d(year, 5, 2)] = LABOUR_DAY
    days[lunar_to_solar(year, 5, 5)] = DRAGON_BOAT
    # 中秋 can fall inside 国庆 (e.g. 2001, 2020, 2031): the day is off either way, keep one name.
    days.setdefault(lunar_to_solar(year, 8, 15), MID_AUTUMN)
    for i in range(1, 4):
        days[d(year, 10, i)] = NATIONAL_DAY
    return days


def provisional_year(year: int) -> list[DayInfo]:
    """Every day of `year`, in order, by the provisional rules."""
    holidays = provisional_holidays(year)
    start = datetime.date(year, 1, 1)
    n = (datetime.date(year + 1, 1, 1) - start).days if year < 9999 else 365
    out = []
    for i in range(n):
        day = start + datetime.timedelta(days=i)
        name = holidays.get(day, "")
        if name:
            out.append(DayInfo(day, False, HOLIDAY, name))
        elif day.weekday() >= 5:
            out.append(DayInfo(day, False, WEEKEND, ""))
        else:
            out.append(DayInfo(day, True, WORKDAY, ""))
    return out


def year_workdays(year: int) -> list[bool]:
    """Whether each day of `year` is a working day, by the provisional rules."""
    return [info.is_workday for info in provisional_year(year)]
