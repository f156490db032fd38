"""R20's pure checks: periods, prorated quotas, the talk record's findings."""

import datetime

from django.utils import translation

from zhidu.heart_talks import checks

D = datetime.date


def test_periods_are_the_calendar_year_and_quarter():
    assert checks.period_of(checks.PRINCIPAL_MEMBER, D(2026, 12, 2)) == checks.Period(
        "2026", D(2026, 1, 1), D(2026, 12, 31)
    )
    assert checks.period_of(checks.HEAD_STAFF, D(2026, 12, 2)) == checks.Period(
        "2026-Q4", D(2026, 10, 1), D(2026, 12, 31)
    )
    assert checks.period_of(checks.HEAD_STAFF, D(2027, 2, 10)).end == D(2027, 3, 31)


def test_a_whole_period_owes_the_minimum():
    year = checks.period_of(checks.PRINCIPAL_MEMBER, D(2026, 3, 1))
    assert checks.quota(checks.PRINCIPAL_MEMBER, year, D(2021, 9, 1)) == 2
    assert checks.quota(checks.MEMBER_HEAD, year, D(2026, 1, 1)) == 2
    quarter = checks.period_of(checks.HEAD_STAFF, D(2026, 11, 1))
    assert checks.quota(checks.HEAD_STAFF, quarter, D(2020, 1, 1)) == 1


def test_a_pair_starting_mid_period_owes_the_prorated_minimum_rounded_up():
    year = checks.period_of(checks.PRINCIPAL_MEMBER, D(2026, 3, 1))
    # From 1 July: 184 of 365 days × 2 = 1.008 → 2; from 2 July: 183/365 × 2 = 1.003 → 2; from 3 July → 2.
    assert checks.quota(checks.PRINCIPAL_MEMBER, year, D(2026, 7, 1)) == 2
    # From 1 September: 122/365 × 2 = 0.67 → 1; the last day of the year still owes one talk.
    assert checks.quota(checks.PRINCIPAL_MEMBER, year, D(2026, 9, 1)) == 1
    assert checks.quota(checks.PRINCIPAL_MEMBER, year, D(2026, 12, 31)) == 1
    # Half the year exactly (from 2 July 2026: 183 days): 1.003 → 2; from 3 July (182 days): 0.997 → 1.
    assert checks.quota(checks.PRINCIPAL_MEMBER, year, D(2026, 7, 3)) == 1
    # A pair that starts after the period owes nothing in it.
    assert checks.quota(checks.PRINCIPAL_MEMBER, year, D(2027, 1, 5)) == 0


def test_quota_states():
    end = D(2026, 12, 31)
    assert checks.QuotaState(2, 2, end).status(D(2026, 6, 1)) == "met"
    assert checks.QuotaState(2, 1, end).status(D(2026, 6, 1)) == "due"
    assert checks.QuotaState(2, 1, end).status(D(2027, 1, 1)) == "missed"


def _draft(**kw):
    base = dict(talker_id=1, participant_ids=(2,), held_on=D(2026, 12, 1), mode="one_to_one", manner="inspiring",
                contents=(1,), today=D(2026, 12, 2))  # fmt: skip
    base.update(kw)
    return checks.TalkDraft(**base)


def test_a_good_record_has_no_finding():
    assert checks.check_talk(_draft()) == []


def test_the_record_findings_cite_their_articles():
    codes = {
        f.code: f.article
        for f in checks.check_talk(
            _draft(participant_ids=(1, 2), held_on=D(2026, 12, 3), manner="", contents=())
        )
    }
    assert codes == {
        "talks-to-self": "R20§1",
        "one-to-one-many": "R20§2",
        "held-in-future": "R20§2",
        "no-manner": "R20§4",
        "no-contents": "R20§3",
    }
    assert [f.code for f in checks.check_talk(_draft(participant_ids=()))] == ["no-participant"]


def test_the_record_findings_read_in_the_readers_language():
    # Issue 16: the same finding in English on an English page, the rulebook's Chinese otherwise.
    with translation.override("en"):
        assert [f.message for f in checks.check_talk(_draft(manner=""))] == [
            "Manner: choose inspiring, encouraging, admonishing or comforting"
        ]
        assert str(checks.CONTENTS[8]) == "Criticism and self-criticism, resolving disagreements"
    with translation.override("zh-hans"):
        assert [f.message for f in checks.check_talk(_draft(manner=""))] == [
            "谈话方式：请选择启发式、鼓励式、诫勉式或慰问式"
        ]
        assert str(checks.CONTENTS[8]) == "开展批评与自我批评，化解分歧"
