"""The provisional calendar of 《全国年节及纪念日放假办法》 (2024): weekends and statutory holidays, no 调休."""

import datetime

import pytest
from lunardate import LunarDate

from zhidu.workdays import provisional as prov
from zhidu.workdays.seed import SOURCE_LIBRARY, SOURCE_PROVISIONAL, library_years, seed_rows

D = datetime.date


def test_2027_holidays():
    days = prov.provisional_holidays(2027)
    assert days[D(2027, 1, 1)] == "元旦"
    # 除夕 2027 is 02-05 (lunar 2026-12-29), then 初一..初三.
    assert [d for d, n in days.items() if n == "春节"] == [
        D(2027, 2, 5) + datetime.timedelta(i) for i in range(4)
    ]
    assert days[D(2027, 4, 5)] == "清明节"
    assert days[D(2027, 5, 1)] == days[D(2027, 5, 2)] == "劳动节"
    assert days[D(2027, 6, 9)] == "端午节"
    assert days[D(2027, 9, 15)] == "中秋节"
    assert [d for d, n in days.items() if n == "国庆节"] == [D(2027, 10, 1), D(2027, 10, 2), D(2027, 10, 3)]
    assert len(days) == 13


def test_no_adjusted_workdays_and_no_compensation():
    rows = prov.provisional_year(2027)
    assert len(rows) == 365
    assert not [r for r in rows if r.kind == prov.ADJUSTED_WORKDAY]
    for r in rows:
        if r.day.weekday() >= 5:
            assert not r.is_workday
    # 2027-05-01 is a Saturday: a holiday on a weekend gives no extra day off (补休 is the notice's).
    assert prov.provisional_holidays(2027)[D(2027, 5, 1)] and D(2027, 5, 1).weekday() == 5
    assert dict((r.day, r.is_workday) for r in rows)[D(2027, 5, 3)] is True


def test_chuxi_is_the_day_before_lunar_new_year():
    for year in (1900, 2024, 2025, 2026, 2050, 2099):
        assert prov.chuxi(year) == LunarDate(year, 1, 1).to_solar_date() - datetime.timedelta(days=1)


def test_new_moon_approximation_agrees_with_lunardate():
    # Used only after 2099; checked where lunardate has data.
    misses = 0
    for year in range(1901, 2100):
        for month, day in ((1, 1), (5, 5), (8, 15)):
            misses += prov._approx_lunar(year, month, day) != LunarDate(year, month, day).to_solar_date()
    assert misses <= 12  # of 597: leap-month and same-day 中气 edge cases


@pytest.mark.parametrize("year", [1900, 1950, 2099, 2100, 2101, 2150, 2200])
def test_every_supported_year_computes(year):
    rows = prov.provisional_year(year)
    assert rows[0].day == D(year, 1, 1) and rows[-1].day == D(year, 12, 31)
    assert len([r for r in rows if r.kind == prov.HOLIDAY]) in (12, 13)  # 中秋 may fall on 国庆
    assert D(year, 4, 3) <= prov.qingming(year) <= D(year, 4, 6)


@pytest.mark.parametrize("year", [1899, 2201, -1])
def test_unsupported_year(year):
    with pytest.raises(ValueError, match="超出"):
        prov.provisional_year(year)


def test_seed_rows():
    first, last = library_years()
    assert (first, last) == (2004, 2026)  # chinese-calendar 1.11.0; read from the package
    rows = seed_rows(2026)
    assert rows[0].day == D(2004, 1, 1) and rows[-1].day == D(2028, 12, 31)
    assert {r.source for r in rows if r.day.year <= 2026} == {SOURCE_LIBRARY}
    assert {r.source for r in rows if r.day.year > 2026} == {SOURCE_PROVISIONAL}
    assert [r.day for r in rows] == sorted({r.day for r in rows})  # contiguous, no duplicates
    assert len(rows) == (D(2029, 1, 1) - D(2004, 1, 1)).days
    by_day = {r.day: r for r in rows}
    assert by_day[D(2026, 10, 10)].kind == prov.ADJUSTED_WORKDAY
    assert by_day[D(2026, 10, 10)].holiday_name == "国庆节"
    assert by_day[D(2026, 10, 1)].holiday_name == "国庆节"
    assert by_day[D(2015, 9, 3)].kind == prov.HOLIDAY
    assert seed_rows(2030)[-1].day == D(2032, 12, 31)
