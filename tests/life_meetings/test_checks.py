"""R13 and R1§13 pure checks: the one calendar month, the year with and without an approved
postponement, the measures' owner and due day, the report's lateness, the per-article tally."""

import datetime

from zhidu.life_meetings import checks

D = datetime.date


def codes(found):
    return {f.code for f in found}


def test_one_calendar_month_is_the_same_day_of_the_next_month():
    assert checks.one_month_after(D(2026, 9, 1)) == D(2026, 10, 1)
    assert checks.one_month_after(D(2026, 12, 15)) == D(2027, 1, 15)
    # No 31 February: the month's last day (民法典 第二百零二条).
    assert checks.one_month_after(D(2027, 1, 31)) == D(2027, 2, 28)
    assert checks.one_month_days(D(2026, 9, 1)) == 30


def test_a_year_without_a_meeting_is_overdue_only_after_its_end():
    base = checks.YearState(2026, None, (), D(2026, 12, 2))
    assert checks.check_year(base) == []
    late = checks.YearState(2026, None, (), D(2027, 1, 1))
    assert codes(checks.check_year(late)) == {"meeting-overdue"}
    held = checks.YearState(2026, D(2026, 11, 3), (), D(2027, 1, 1))
    assert checks.check_year(held) == []


def test_a_postponement_counts_only_when_approved():
    asked = checks.Postponement(D(2026, 12, 1), D(2027, 2, 28), approved=False)
    state = checks.YearState(2026, None, (asked,), D(2027, 1, 5))
    assert codes(checks.check_year(state)) == {"postponement-unapproved", "meeting-overdue"}
    approved = checks.Postponement(D(2026, 12, 1), D(2027, 2, 28), approved=True)
    state = checks.YearState(2026, None, (approved,), D(2027, 1, 5))
    assert checks.check_year(state) == []
    after = checks.YearState(2026, None, (approved,), D(2027, 3, 1))
    assert codes(checks.check_year(after)) == {"meeting-overdue"}


def test_a_measure_needs_an_owner_and_a_due_day():
    draft = checks.MeasureDraft("", None, None, D(2026, 11, 20), D(2026, 12, 2))
    assert codes(checks.check_measure(draft)) == {"no-text", "no-owner", "no-due"}
    ok = checks.MeasureDraft("改进调研", 3, D(2027, 3, 1), D(2026, 11, 20), D(2026, 12, 2))
    assert checks.check_measure(ok) == []
    late = checks.MeasureDraft("改进调研", 3, D(2027, 3, 1), D(2026, 10, 20), D(2026, 12, 2))
    assert codes(checks.check_measure(late)) == {"measures-late"}
    assert all(f.article == "R13§6" for f in checks.check_measure(draft))


def test_the_report_and_the_measures_late():
    state = checks.AfterState(D(2026, 9, 1), None, D(2026, 10, 8), None, D(2026, 9, 16), D(2026, 9, 17))
    assert codes(checks.check_after(state)) == {"report-late"}
    state = checks.AfterState(
        D(2026, 9, 1), D(2026, 10, 9), D(2026, 10, 8), D(2026, 9, 10), D(2026, 9, 16), D(2026, 12, 1)
    )
    assert codes(checks.check_after(state)) == {"measures-late"}


def test_the_tally_counts_per_article_in_the_rules_order():
    rows = [
        ("R13§3", "on_time"),
        ("R1§13", "late"),
        ("R7", "missing"),
        ("R7", "on_time"),
        ("R1§7(2)", "open"),
    ]
    tallies = checks.tally(rows)
    assert [t.article for t in tallies] == ["R1§7(2)", "R1§13", "R7", "R13§3"]
    r7 = next(t for t in tallies if t.article == "R7")
    assert (r7.on_time, r7.late, r7.missing, r7.total) == (1, 0, 1, 2)


def test_the_postponement_form_warns_first():
    draft = checks.PostponementDraft(2026, D(2026, 12, 20), "", D(2026, 12, 2))
    assert codes(checks.check_postponement(draft)) == {"no-reason", "not-later", "needs-approval"}
