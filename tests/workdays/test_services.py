"""get_calendar and enter_notice: the one entry point that changes the calendar."""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zhidu.workdays import services
from zhidu.workdays.models import HolidayNotice, WorkingDay
from zhidu.workdays.services import NoticeError, enter_notice, get_calendar, parse_notice
from zhidu.workdays.signals import calendar_changed

D = datetime.date
TITLE = "国务院办公厅关于2027年部分节假日安排的通知"
HOLIDAYS_2027 = [
    (D(2027, 1, 1), D(2027, 1, 3), "元旦"),
    (D(2027, 2, 5), D(2027, 2, 13), "春节"),
    (D(2027, 10, 1), D(2027, 10, 7), "国庆节"),
]
ADJUSTED_2027 = [D(2027, 2, 20), D(2027, 9, 26)]


def enter_2027(**kw):
    args = {
        "year": 2027,
        "title": TITLE,
        "published_on": D(2026, 11, 10),
        "holidays": HOLIDAYS_2027,
        "adjusted_workdays": ADJUSTED_2027,
    }
    args.update(kw)
    return enter_notice(**args)


@pytest.mark.django_db
def test_seeded_table():
    assert WorkingDay.objects.filter(day__year=2026, source="library").count() == 365
    assert WorkingDay.objects.filter(day__year=2027, source="provisional").count() == 365
    assert not WorkingDay.objects.filter(source="notice").exists()
    day = WorkingDay.objects.get(day=D(2026, 2, 14))
    assert (day.is_workday, day.kind, day.holiday_name) == (True, "adjusted_workday", "春节")


@pytest.mark.django_db
def test_get_calendar_is_cached_and_cheap():
    def selects(ctx):
        return [q["sql"] for q in ctx.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")]

    with CaptureQueriesContext(connection) as ctx:
        cal = get_calendar()
    assert len(selects(ctx)) == 2  # the version check, then the whole table in one query
    with CaptureQueriesContext(connection) as ctx:
        assert get_calendar() is cal
    assert len(selects(ctx)) == 0  # within the recheck window: no query at all (issue 18)
    assert cal.after_days(D(2026, 9, 10), 30) == services.WorkCalendar.after_days(cal, D(2026, 9, 10), 30)
    assert cal.after_workdays(D(2026, 9, 30), 1).date == D(2026, 10, 8)


@pytest.mark.django_db
def test_get_calendar_falls_back_when_the_table_is_empty():
    WorkingDay.objects.all().delete()
    cal = get_calendar()
    assert cal.after_workdays(D(2026, 9, 30), 1).date == D(2026, 10, 8)
    assert cal.is_provisional_year(2027)


@pytest.mark.django_db(transaction=True)
def test_get_calendar_falls_back_when_the_table_does_not_exist():
    with connection.schema_editor() as editor:
        editor.delete_model(HolidayNotice)
    try:
        cal = get_calendar()
        assert cal.before_days(D(2026, 10, 12), 10).date == D(2026, 9, 30)
    finally:
        with connection.schema_editor() as editor:
            editor.create_model(HolidayNotice)


@pytest.mark.django_db
def test_a_notice_for_2027_makes_it_official_and_changes_answers(django_capture_on_commit_callbacks):
    before = get_calendar()
    assert before.is_provisional_year(2027)
    assert before.after_days(D(2026, 12, 31), 2) == services.Due(D(2027, 1, 4), True)
    assert before.after_workdays(D(2027, 2, 4), 1) == services.Due(D(2027, 2, 9), True)
    assert before.after_days(D(2027, 2, 19), 1) == services.Due(D(2027, 2, 22), True)

    with django_capture_on_commit_callbacks(execute=True):
        notice = enter_2027()

    after = get_calendar()
    assert after is not before
    assert not after.is_provisional_year(2027)
    assert after.after_days(D(2026, 12, 31), 2) == services.Due(D(2027, 1, 4), False)
    assert after.after_workdays(D(2027, 2, 4), 1) == services.Due(D(2027, 2, 15), False)  # 9-day 春节
    assert after.after_days(D(2027, 2, 19), 1) == services.Due(D(2027, 2, 20), False)  # adjusted Saturday
    assert after.after_days(D(2027, 12, 31), 1).provisional is True  # 2028 is still provisional

    rows = WorkingDay.objects.filter(day__year=2027)
    assert rows.count() == 365 and set(rows.values_list("source", flat=True)) == {"notice"}
    adjusted = WorkingDay.objects.get(day=D(2027, 2, 20))
    assert (adjusted.kind, adjusted.is_workday, adjusted.holiday_name) == ("adjusted_workday", True, "春节")
    assert WorkingDay.objects.get(day=D(2027, 9, 26)).holiday_name == "国庆节"
    assert notice.entries["adjusted_workdays"] == ["2027-02-20", "2027-09-26"]
    assert notice.year == 2027 and notice.title == TITLE


@pytest.mark.django_db
def test_calendar_changed_is_sent_on_commit(django_capture_on_commit_callbacks):
    received = []

    def receiver(sender, years, **kwargs):
        received.append(years)

    calendar_changed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            enter_2027()
        assert received == []  # not before the commit
        assert len(callbacks) == 1
        callbacks[0]()
        assert received == [{2027}]
    finally:
        calendar_changed.disconnect(receiver)


@pytest.mark.django_db
def test_a_second_notice_for_the_year_replaces_the_first(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        enter_2027()
        enter_2027(title=TITLE + "（更正）", adjusted_workdays=[D(2027, 2, 20)])
    assert HolidayNotice.objects.count() == 1
    assert HolidayNotice.objects.get().title.endswith("（更正）")
    assert WorkingDay.objects.get(day=D(2027, 9, 26)).kind == "weekend"
    assert not get_calendar().is_workday(D(2027, 9, 26))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"adjusted_workdays": [D(2027, 2, 6)]}, "2027-02-06 既是放假日"),  # holiday and adjusted
        ({"holidays": [(D(2027, 1, 3), D(2027, 1, 1), "元旦")]}, "holidays[0]：结束日期 2027-01-01 早于"),
        (
            {"holidays": [(D(2026, 12, 31), D(2027, 1, 2), "元旦")]},
            "holidays[0].start：日期 2026-12-31 不在 2027 年内",
        ),
        ({"adjusted_workdays": [D(2028, 1, 8)]}, "adjusted_workdays[0]：日期 2028-01-08 不在 2027 年内"),
        ({"adjusted_workdays": [D(2027, 2, 22)]}, "2027-02-22 不是周末"),  # a Monday
        ({"adjusted_workdays": [D(2027, 2, 20), D(2027, 2, 20)]}, "adjusted_workdays[1]：2027-02-20 重复"),
        (
            {"holidays": [*HOLIDAYS_2027, (D(2027, 2, 13), D(2027, 2, 14), "春节")]},
            "holidays[3]：2027-02-13 已列入“春节”",
        ),
        ({"holidays": [(D(2027, 1, 1), D(2027, 1, 1), "")]}, "holidays[0].name"),
        ({"title": "  "}, "title"),
        ({"year": 2201}, "year"),
        ({"published_on": "2026-11-10"}, "published_on"),
    ],
)
def test_enter_notice_refuses_and_saves_nothing(kwargs, message, django_capture_on_commit_callbacks):
    count = WorkingDay.objects.count()
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(NoticeError) as err:
        enter_2027(**kwargs)
    assert message in str(err.value)
    assert isinstance(err.value, ValueError)
    assert callbacks == []
    assert not HolidayNotice.objects.exists()
    assert WorkingDay.objects.count() == count
    assert not WorkingDay.objects.filter(source="notice").exists()


def notice_json(**kw):
    data = {
        "year": 2027,
        "title": TITLE,
        "published_on": "2026-11-10",
        "holidays": [{"name": n, "start": s.isoformat(), "end": e.isoformat()} for s, e, n in HOLIDAYS_2027],
        "adjusted_workdays": [d.isoformat() for d in ADJUSTED_2027],
    }
    data.update(kw)
    return json.dumps(data, ensure_ascii=False)


def test_parse_notice():
    data = parse_notice(notice_json())
    assert data.year == 2027 and data.published_on == D(2026, 11, 10)
    assert data.holidays[1] == (D(2027, 2, 5), D(2027, 2, 13), "春节")
    assert data.adjusted_workdays == (D(2027, 2, 20), D(2027, 9, 26))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "不是有效的 JSON"),
        ("[1, 2]", "JSON 对象"),
        (notice_json(year="二〇二七"), "year"),
        (notice_json(title=""), "title"),
        (notice_json(adjusted_workdays=["2027-02-30"]), "adjusted_workdays[0]：日期“2027-02-30”不存在"),
        (notice_json(adjusted_workdays=["2027/02/20"]), "adjusted_workdays[0]"),
        (
            notice_json(holidays=[{"name": "元旦", "start": "2027-13-01", "end": "2027-01-03"}]),
            "holidays[0].start",
        ),
        (notice_json(holidays=[{"start": "2027-01-01", "end": "2027-01-03"}]), "holidays[0].name"),
        (notice_json(holidays="元旦"), "holidays"),
        (notice_json(published_on="yesterday"), "published_on"),
        (notice_json(extra=1), "未知字段：extra"),
    ],
)
def test_parse_notice_errors(text, message):
    with pytest.raises(NoticeError) as err:
        parse_notice(text)
    assert message in str(err.value)


@pytest.mark.django_db
def test_another_servers_notice_is_seen_after_the_recheck_window(settings, monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(services.time, "monotonic", lambda: clock[0])
    settings.ZHIDU_CALENDAR_RECHECK_SECONDS = 5
    cal = get_calendar()
    assert cal.is_provisional_year(2027)
    # Another server enters the 2027 notice: rows written without this process's signals.
    with connection.cursor() as cursor:
        cursor.execute("UPDATE workdays_workingday SET source = 'notice' WHERE day >= '2027-01-01'")
        cursor.execute(
            "INSERT INTO workdays_holidaynotice (year, title, published_on, entered_at, raw_text, entries)"
            " VALUES (2027, %s, '2026-11-10', %s, '', '[]')",
            [TITLE, datetime.datetime(2026, 11, 11, tzinfo=datetime.UTC)],
        )
    clock[0] += 4.9
    assert get_calendar() is cal  # still trusted within the window
    clock[0] += 0.2
    fresh = get_calendar()
    assert fresh is not cal and not fresh.is_provisional_year(2027)


@pytest.mark.django_db
def test_an_unchanged_recheck_trusts_the_calendar_for_another_window(
    settings, monkeypatch, django_assert_num_queries
):
    # The check found nothing new: the calendar is fresh again for a whole window, not re-checked
    # on every call from then on (it was: three queries a call with SQLite's transaction).
    clock = [1000.0]
    monkeypatch.setattr(services.time, "monotonic", lambda: clock[0])
    settings.ZHIDU_CALENDAR_RECHECK_SECONDS = 5
    cal = get_calendar()
    clock[0] += 6
    assert get_calendar() is cal  # the check, nothing changed
    clock[0] += 4
    with django_assert_num_queries(0):
        assert get_calendar() is cal
    clock[0] += 2
    with CaptureQueriesContext(connection) as checked:
        assert get_calendar() is cal  # the next window's check
    assert any("workdays_holidaynotice" in q["sql"] for q in checked.captured_queries)


@pytest.mark.django_db
def test_this_processs_own_writes_are_seen_at_once(settings, monkeypatch):
    monkeypatch.setattr(services.time, "monotonic", lambda: 1000.0)  # the window never ends
    settings.ZHIDU_CALENDAR_RECHECK_SECONDS = 3600
    cal = get_calendar()
    WorkingDay.objects.filter(day=D(2026, 12, 7)).update(is_workday=False)  # no signal: not seen
    assert get_calendar() is cal
    day = WorkingDay.objects.get(day=D(2026, 12, 8))
    day.is_workday = False
    day.save()  # an ORM save in this process: seen at once
    fresh = get_calendar()
    assert fresh is not cal and not fresh.is_workday(D(2026, 12, 8)) and not fresh.is_workday(D(2026, 12, 7))


@pytest.mark.django_db
def test_a_notice_entered_in_this_process_changes_the_answer_at_once(
    settings, monkeypatch, django_capture_on_commit_callbacks
):
    # The recheck window never ends: only this process's own signal can make it reload.
    monkeypatch.setattr(services.time, "monotonic", lambda: 1000.0)
    settings.ZHIDU_CALENDAR_RECHECK_SECONDS = 3600
    before = get_calendar().after_days(D(2027, 2, 19), 1)
    assert (before.date, before.provisional) == (D(2027, 2, 22), True)
    assert get_calendar() is get_calendar()  # cached: no reload between questions
    with django_capture_on_commit_callbacks(execute=True):
        enter_2027()
    after = get_calendar().after_days(D(2027, 2, 19), 1)
    assert (after.date, after.provisional) == (D(2027, 2, 20), False)


@pytest.mark.django_db
def test_saving_or_deleting_a_notice_row_reloads_the_calendar(settings, monkeypatch):
    monkeypatch.setattr(services.time, "monotonic", lambda: 1000.0)
    settings.ZHIDU_CALENDAR_RECHECK_SECONDS = 3600
    notice = HolidayNotice.objects.create(year=2027, title=TITLE)  # post_save
    cal = get_calendar()
    assert get_calendar() is cal
    notice.delete()  # post_delete: the next question reloads
    assert get_calendar() is not cal
