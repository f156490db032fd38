"""R19's pure checks: the talker the hierarchy names (二) and the talk days (三)."""

import datetime

from zhidu.requested_talks import checks

D = datetime.date
TODAY = D(2026, 12, 2)
DAY = D(2026, 12, 8)
DAYS = (D(2026, 12, 8),)
PRINCIPAL = checks.Standing(1, True, True, frozenset({"secretary"}))
DEPUTY = checks.Standing(2, True, False, frozenset({"deputy_secretary"}))
MEMBER = checks.Standing(3, True, False, frozenset({"member"}))
OTHER_MEMBER = checks.Standing(4, True, False, frozenset({"member"}))
CADRE = checks.Standing(5, False, False)


def draft(
    cadre=CADRE,
    talker=DEPUTY,
    leader=None,
    designated=False,
    day=DAY,
    urgent=False,
    days=DAYS,
):
    return checks.BookingDraft(cadre, talker, leader, designated, day, urgent, days, TODAY)


def codes(d):
    return [f.code for f in checks.check_booking(d)]


def test_a_cadre_books_the_deputy_the_organization_member_the_leader_in_charge_or_the_principal():
    assert codes(draft(talker=DEPUTY)) == []
    assert codes(draft(talker=PRINCIPAL)) == []
    assert codes(draft(talker=MEMBER, leader=3)) == []
    assert codes(draft(talker=OTHER_MEMBER, leader=3)) == ["wrong-talker"]


def test_a_team_member_books_the_principal():
    assert codes(draft(cadre=MEMBER, talker=PRINCIPAL)) == []
    finding = checks.check_booking(draft(cadre=MEMBER, talker=DEPUTY))[0]
    assert (finding.code, finding.severity, finding.article) == ("wrong-talker", "violation", "R19§2")


def test_a_designated_talker_is_advice_only_and_must_be_a_leader():
    assert codes(draft(talker=OTHER_MEMBER, designated=True)) == ["designated-talker"]
    assert checks.check_booking(draft(talker=OTHER_MEMBER, designated=True))[0].severity == "advice"
    assert codes(draft(talker=checks.Standing(9, False, False), designated=True)) == ["talker-not-leader"]
    assert codes(draft(talker=None)) == ["no-talker"]
    assert codes(draft(cadre=DEPUTY, talker=DEPUTY)) == ["self-talk"]


def test_the_day_is_a_published_talk_day_unless_urgent():
    assert codes(draft(day=D(2026, 12, 9))) == ["not-talk-day"]
    assert "12月8日" in checks.check_booking(draft(day=D(2026, 12, 9)))[0].message
    assert codes(draft(day=D(2026, 12, 9), urgent=True)) == []
    assert codes(draft(day=D(2026, 12, 1), urgent=True)) == ["day-past"]
    assert codes(draft(day=None)) == ["no-day"]


def test_a_leader_publishes_at_most_two_days_a_month():
    assert checks.check_talk_day(D(2026, 12, 8), (), TODAY, 2) == []
    assert [
        f.code for f in checks.check_talk_day(D(2026, 12, 22), (D(2026, 12, 8), D(2026, 12, 15)), TODAY, 2)
    ] == ["too-many-days"]
    assert checks.check_talk_day(D(2027, 1, 5), (D(2026, 12, 8), D(2026, 12, 15)), TODAY, 2) == []
    assert [f.code for f in checks.check_talk_day(D(2026, 12, 8), (D(2026, 12, 8),), TODAY, 2)] == [
        "day-twice"
    ]
