"""R17 checks, pure: the pairs each member keeps, a contact as typed, a month without contact, a
village meal reported after the fact, an inspection finding without a deadline."""

import datetime

from django.utils import translation

from zhidu.work_style import checks

D = datetime.date
P = checks.WorkStyleParameters()


def codes(found):
    return [f.code for f in found]


def test_a_member_needs_a_village_and_a_household():
    assert codes(checks.pairing_findings(checks.MemberPairs("徐文", 1, 0), P)) == ["pair-household-missing"]
    found = checks.pairing_findings(checks.MemberPairs("徐文", 0, 0), P)
    assert codes(found) == ["pair-village-missing", "pair-household-missing"]
    assert {f.article for f in found} == {"R17§3(1)"}
    assert checks.pairing_findings(checks.MemberPairs("杨栋", 1, 2), P) == []


def test_a_contact_as_typed():
    ok = checks.ContactDraft(
        D(2026, 12, 2), "visit", "入户走访", D(2026, 12, 2), D(2026, 1, 1), D(2026, 12, 31)
    )
    assert checks.contact_findings(ok) == []
    bad = checks.ContactDraft(D(2026, 12, 9), "letter", " ", D(2026, 12, 2), D(2026, 1, 1), D(2026, 12, 31))
    assert codes(checks.contact_findings(bad)) == ["contact-channel", "contact-empty", "contact-future"]
    late = checks.ContactDraft(D(2026, 11, 20), "sms", "短信", D(2026, 12, 2), D(2026, 1, 1), D(2026, 11, 30))
    assert codes(checks.contact_findings(late)) == ["contact-logged-late"]


def test_a_month_without_contact_past_its_due_day():
    assert checks.month_findings("杨栋", "东沟村", False, D(2026, 11, 30), D(2026, 11, 30)) == []
    found = checks.month_findings("杨栋", "东沟村", False, D(2026, 11, 30), D(2026, 12, 1))
    assert codes(found) == ["contact-missing"] and "11月" in found[0].message
    assert checks.month_findings("杨栋", "东沟村", True, D(2026, 11, 30), D(2026, 12, 1)) == []


def test_a_meal_is_reported_before_it_and_a_finding_gets_a_deadline():
    late = checks.ReceptionDraft(D(2026, 12, 1), "调研组", "山区", D(2026, 12, 2))
    assert codes(checks.reception_findings(late)) == ["reception-after-meal"]
    assert (
        checks.reception_findings(checks.ReceptionDraft(D(2026, 12, 5), "调研组", "山区", D(2026, 12, 2)))
        == []
    )
    found = checks.inspection_findings(
        checks.InspectionDraft(D(2026, 12, 2), "未经批准的招待", None, False, D(2026, 12, 2))
    )
    assert codes(found) == ["rectify-no-deadline", "rectify-no-owner"]
    assert found[0].article == "R17§4(6)"
    assert (
        checks.inspection_findings(checks.InspectionDraft(D(2026, 12, 2), "", None, False, D(2026, 12, 2)))
        == []
    )


def test_months_and_quarters():
    assert checks.month_label(D(2026, 2, 1)) == "2026-M02" and checks.month_end(D(2026, 2, 1)) == D(
        2026, 2, 28
    )
    assert (
        checks.month_end(D(2026, 12, 5)) == D(2026, 12, 31)
        and checks.quarter_label(D(2026, 10, 1)) == "2026-Q4"
    )


def test_the_pairing_findings_read_in_the_readers_language():
    late = (D(2026, 11, 30), D(2026, 12, 1))
    with translation.override("zh-hans"):
        [missing] = checks.month_findings("杨栋", "东沟村", False, *late)
        village, household = checks.pairing_findings(checks.MemberPairs("徐文", 0, 0), P)
    assert missing.message == "杨栋11月未与东沟村联系"
    assert (village.message, household.message) == ("徐文未确定联系村", "徐文未确定帮扶贫困户")
    with translation.override("en"):
        [missing] = checks.month_findings("杨栋", "东沟村", False, *late)
        [household] = checks.pairing_findings(checks.MemberPairs("徐文", 1, 0), P)
    assert missing.message == "杨栋 had no contact with 东沟村 in November"
    assert household.message == "徐文 has no poor household to support"
