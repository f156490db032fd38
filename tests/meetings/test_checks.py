"""One test per finding code (found / not found), the boundaries of every threshold, the outcome
order and the obligations. Records are the factory's valid base, mutated; the calendar is a fake
(the checks are pure and take it as a parameter)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.meetings.factory import FakeCalendar, codes, item, judge, record, set_absent
from zhidu.meetings.checks import TOWNSHIP_DEFAULTS, MeetingParameters


def test_base_record_is_clean_and_passes():
    ev = judge(record())
    assert ev.findings == () and codes(ev) == []
    assert (ev.items[0].outcome, ev.items[0].for_, ev.items[0].needed) == ("passed", 5, 4)
    assert [(o.code, o.item, o.due) for o in ev.obligations] == [("publish", "i1", dt.date(2026, 3, 17))]


def test_every_finding_has_severity_article_and_a_chinese_message():
    data = set_absent(record(), "qiu", reason="")
    data["items"][0].update(approved=False, evaluation_report=False, conflicts=["hu"])
    ev = judge(data)
    for finding in (*ev.findings, *ev.items[0].findings):
        assert finding.severity in {"invalid", "violation", "advice"}
        assert finding.article.startswith("R")
        assert finding.message and any("\u4e00" <= ch <= "\u9fff" for ch in finding.message)


# --- quorum (R1§6, R2, R3) ---------------------------------------------------------------------


def test_quorum_exactly_half_is_met():
    # 8 expected, 4 present: "半数以上" includes half.
    data = record()
    data["members"].append({"id": "zhou", "name": "周明", "roles": ["member"]})
    data["present"].append("zhou")
    ev = judge(set_absent(data, "hu", "lin", "xu", "zhou"))
    assert (ev.quorum.expected, ev.quorum.present, ev.quorum.required, ev.quorum.met) == (8, 4, 4, True)
    assert "quorum" not in codes(ev, None)


def test_quorum_one_below_half_fails_and_every_item_is_invalid():
    data = set_absent(
        record(items=[item(), item("i2", category="general", vote=None)]), "qu", "hu", "lin", "xu"
    )
    ev = judge(data)
    assert (ev.quorum.present, ev.quorum.required, ev.quorum.met) == (3, 4, False)
    [finding] = ev.findings
    assert (finding.code, finding.severity, finding.article) == ("quorum", "invalid", "R1§6")
    assert "实到 3 人" in finding.message
    assert [i.outcome for i in ev.items] == ["invalid", "invalid"]
    assert [(o.code, o.item) for o in ev.obligations] == [("re-deliberate", "i1"), ("re-deliberate", "i2")]


def test_quorum_odd_membership_rounds_up():
    assert judge(record()).quorum.required == 4  # 7 members: 3.5 → 4


def test_quorum_fraction_is_a_parameter():
    rules = MeetingParameters(quorum_fraction_included=False)  # "more than half"
    data = record()
    data["members"].append({"id": "zhou", "name": "周明", "roles": ["member"]})
    data["present"].append("zhou")
    assert judge(data, rules).quorum.required == 5


def test_five_person_group_needs_four_present():
    data = record(body="five_person_group", items=[item(category="personnel", vote=None)])
    data["members"] = data["members"][:5]
    data["present"] = [m["id"] for m in data["members"]]
    data["notice"]["items"] = ["i1"]
    assert judge(data).quorum.met
    ev = judge(set_absent(data, "qu"))
    assert (ev.quorum.required, ev.quorum.met) == (4, True)
    ev = judge(set_absent(data, "qu", "hu"))
    assert ev.quorum.met is False
    assert [(f.code, f.article) for f in ev.findings] == [("quorum", "R3")]


def test_secretary_office_quorum_cites_r2():
    data = record(body="secretary_office")
    data["members"] = data["members"][:3]
    data["present"] = ["yang"]
    data["absent"] = [{"member": "qiu", "reason": "出差"}, {"member": "guo", "reason": "培训"}]
    data["items"] = [item(owner="yang", vote=None)]
    ev = judge(data)
    assert [(f.code, f.article) for f in ev.findings] == [("quorum", "R2")]


# --- personnel-quorum (R1§6) --------------------------------------------------------------------


def personnel_record(absent: tuple[str, ...]):
    data = record(items=[item(category="personnel", evaluation_report=False)])
    data["items"][0]["vote"] = {"method": "anonymous_ballot", "for": 4, "against": 0, "abstain": 0}
    return set_absent(data, *absent)


def test_personnel_quorum_two_thirds_exactly():
    # 7 members: two thirds is 4.67, so 5 present is the minimum.
    ev = judge(personnel_record(("lin", "xu")))
    assert "personnel-quorum" not in codes(ev)
    assert ev.items[0].outcome == "passed"


def test_personnel_quorum_below_two_thirds_is_invalid():
    ev = judge(personnel_record(("hu", "lin", "xu")))
    assert ev.quorum.met  # 4 of 7: the meeting itself has its quorum
    assert codes(ev) == ["personnel-quorum"]
    finding = ev.items[0].findings[0]
    assert (finding.severity, finding.article) == ("invalid", "R1§6")
    assert "至少需要 5 人" in finding.message
    assert ev.items[0].outcome == "invalid"


def test_personnel_quorum_nine_members_six_present_is_enough():
    data = record()
    data["members"] += [
        {"id": "zhou", "name": "周明", "roles": ["member"]},
        {"id": "wu", "name": "吴勇", "roles": []},
    ]
    data["present"] += ["zhou", "wu"]
    data["items"] = [
        item(category="personnel", vote={"method": "anonymous_ballot", "for": 5, "against": 1, "abstain": 0})
    ]
    assert "personnel-quorum" not in codes(judge(set_absent(data, "lin", "xu", "wu")))
    assert "personnel-quorum" in codes(judge(set_absent(data, "hu", "lin", "xu", "wu")))


def test_personnel_quorum_ignores_other_categories():
    assert "personnel-quorum" not in codes(judge(set_absent(record(), "hu", "lin", "xu")))


# --- owner-absent (R1§6), absence-reason (R1§12(5)), not-approved (R1§7(1)) ----------------------


def test_owner_absent():
    ev = judge(set_absent(record(), "qiu"))
    assert codes(ev) == ["owner-absent"]
    assert (ev.items[0].findings[0].severity, ev.items[0].findings[0].article) == ("violation", "R1§6")
    assert "邱维兴" in ev.items[0].findings[0].message
    assert ev.items[0].outcome == "passed"  # a violation does not void the decision
    assert "owner-absent" not in codes(judge(set_absent(record(), "hu")))


@pytest.mark.parametrize("reason", ["", "  "])
def test_absence_without_reason(reason):
    ev = judge(set_absent(record(), "xu", reason=reason))
    [finding] = ev.findings
    assert (finding.code, finding.severity, finding.article) == ("absence-reason", "violation", "R1§12(5)")
    assert "徐文" in finding.message


def test_absence_with_reason_is_fine():
    assert codes(judge(set_absent(record(), "xu", reason="市委党校培训")), None) == []


def test_one_absence_reason_finding_per_member():
    ev = judge(set_absent(record(), "lin", "xu", reason=""))
    assert codes(ev, None) == ["absence-reason", "absence-reason"]


def test_not_approved():
    ev = judge(record(items=[item(approved=False)]))
    assert codes(ev) == ["not-approved"]
    assert ev.items[0].findings[0].article == "R1§7(1)"
    assert codes(judge(record())) == []


# --- notice-late (R1§7(2)) -------------------------------------------------------------------------


def notice_at(sent_at: str | None, held_at: str = "2026-03-10T09:00:00+08:00", **changes):
    notice = None if sent_at is None else {"sent_at": sent_at, "channel": "written", "items": ["i1"]}
    return record(held_at=held_at, notice=notice, **changes)


def test_notice_on_the_last_working_day_is_on_time():
    assert codes(judge(notice_at("2026-03-09T23:59:00+08:00")), None) == []


def test_notice_on_the_meeting_day_is_late():
    ev = judge(notice_at("2026-03-10T07:00:00+08:00"))
    [finding] = ev.findings
    assert (finding.code, finding.severity, finding.article) == ("notice-late", "violation", "R1§7(2)")
    assert "2026年3月10日" in finding.message and "2026年3月9日" in finding.message


def test_notice_friday_for_monday_meeting_is_on_time_and_saturday_is_late():
    assert codes(judge(notice_at("2026-03-06T17:00:00+08:00", "2026-03-09T09:00:00+08:00")), None) == []
    assert codes(judge(notice_at("2026-03-07T10:00:00+08:00", "2026-03-09T09:00:00+08:00")), None) == [
        "notice-late"
    ]


def test_notice_time_is_judged_by_its_shanghai_date():
    # 2026-03-09T16:30Z is 2026-03-10 00:30 in Shanghai: the meeting day, so late.
    assert codes(judge(notice_at("2026-03-09T16:30:00Z")), None) == ["notice-late"]
    # 2026-03-09T15:30Z is still 2026-03-09 in Shanghai.
    assert codes(judge(notice_at("2026-03-09T15:30:00+00:00")), None) == []


def test_notice_last_day_follows_the_calendar_holidays():
    # Monday 2026-03-09 made a holiday: the last day is Friday 03-06.
    calendar = FakeCalendar(holidays={dt.date(2026, 3, 9)})
    assert codes(judge(notice_at("2026-03-06T09:00:00+08:00"), calendar=calendar), None) == []
    assert codes(judge(notice_at("2026-03-09T09:00:00+08:00"), calendar=calendar), None) == ["notice-late"]


def test_missing_notice_is_late():
    ev = judge(notice_at(None))
    assert codes(ev, None) == ["notice-late"]
    assert "没有发出通知" in ev.findings[0].message


def test_notice_not_required_for_personnel_only_or_other_bodies():
    personnel = item(
        category="personnel", vote={"method": "anonymous_ballot", "for": 5, "against": 0, "abstain": 0}
    )
    assert codes(judge(notice_at(None, items=[personnel])), None) == []
    data = notice_at(None, body="secretary_office", items=[item(vote=None)])
    assert "notice-late" not in codes(judge(data), None)


def test_notice_provisional_calendar_is_said():
    ev = judge(notice_at(None), calendar=FakeCalendar(provisional=True))
    assert "暂定" in ev.findings[0].message


# --- ad-hoc (R1§12(3)) -------------------------------------------------------------------------


def test_ad_hoc_important_item_is_invalid():
    data = record(items=[item(), item("i2", title="临时提出的安置方案", category="resettlement")])
    ev = judge(data)
    assert codes(ev, 1) == ["ad-hoc"]
    assert (ev.items[1].findings[0].severity, ev.items[1].findings[0].article) == ("invalid", "R1§12(3)")
    assert ev.items[1].outcome == "invalid"
    assert ("re-deliberate", "i2", None) in [(o.code, o.item, o.due) for o in ev.obligations]


@pytest.mark.parametrize(
    "changes",
    [
        {"emergency": True},
        {"items": [item("i2", category="general", vote=None)]},
        {
            "items": [
                item(
                    "i2",
                    category="personnel",
                    vote={"method": "anonymous_ballot", "for": 5, "against": 0, "abstain": 0},
                )
            ]
        },
    ],
    ids=["emergency", "general", "personnel"],
)
def test_ad_hoc_exemptions(changes):
    data = record(**changes)
    data["notice"]["items"] = []
    assert "ad-hoc" not in codes(judge(data))


def test_ad_hoc_without_any_notice():
    assert codes(judge(record(notice=None))) == ["ad-hoc"]


# --- no-evaluation (R1§5(2)) -------------------------------------------------------------------


@pytest.mark.parametrize("category", ["major_project", "large_funds"])
def test_no_evaluation_report(category):
    ev = judge(record(items=[item(category=category, evaluation_report=False)]))
    assert codes(ev) == ["no-evaluation"]
    assert ev.items[0].findings[0].article == "R1§5(2)"


def test_no_evaluation_not_needed_for_other_categories():
    assert codes(judge(record(items=[item(category="major_decision", evaluation_report=False)]))) == []


# --- principal-first (R1§7(3)) -----------------------------------------------------------------


def test_principal_speaks_before_others():
    ev = judge(record(items=[item(speakers=["qiu", "yang", "guo", "qu"])]))
    assert codes(ev) == ["principal-first"]
    message = ev.items[0].findings[0].message
    assert "杨栋" in message and "郭爱峰、曲坚强" in message


@pytest.mark.parametrize(
    "speakers",
    [[], ["qiu", "guo", "yang"], ["qiu", "guo", "yang", "qiu"], ["qiu", "guo"]],
    ids=["not-recorded", "last", "later-second-word-of-others", "chair-silent"],
)
def test_principal_speaks_last(speakers):
    assert codes(judge(record(items=[item(speakers=speakers)]))) == []


# --- no-vote (R1§2, R4), circulation (R1§2) ---------------------------------------------------


def test_no_vote_on_important_decided_item():
    ev = judge(record(items=[item(vote=None)]))
    assert codes(ev) == ["no-vote"]
    assert (ev.items[0].findings[0].severity, ev.items[0].outcome) == ("invalid", "invalid")


@pytest.mark.parametrize(
    "changes, outcome",
    [
        ({"deferred": True}, "deferred"),
        ({"category": "general"}, "noted"),
        ({"decision": False}, "recommended"),
    ],
)
def test_no_vote_exemptions(changes, outcome):
    ev = judge(record(items=[item(vote=None, **changes)]))
    assert codes(ev) == []
    assert (ev.items[0].outcome, ev.items[0].for_, ev.items[0].needed) == (outcome, None, None)


def test_circulation_replaces_vote():
    ev = judge(
        record(
            items=[
                item(category="general", vote={"method": "circulation", "for": 7, "against": 0, "abstain": 0})
            ]
        )
    )
    assert "circulation" not in codes(ev)
    ev = judge(record(items=[item(vote={"method": "circulation", "for": 7, "against": 0, "abstain": 0})]))
    assert codes(ev) == ["circulation", "method"]
    assert ev.items[0].outcome == "invalid"


# --- vote-count (R1§7(5)) ----------------------------------------------------------------------


def test_vote_count_exceeds_present():
    ev = judge(set_absent(record(), "lin", "xu"))  # 5 + 1 + 0 = 6 votes, 5 present
    assert codes(ev) == ["vote-count"]
    finding = ev.items[0].findings[0]
    assert (finding.severity, finding.article) == ("invalid", "R1§7(5)")
    assert "共计 6 票" in finding.message and "5" in finding.message


def test_vote_count_equal_to_present_is_fine():
    assert codes(judge(set_absent(record(), "xu"))) == []  # 6 votes, 6 present


def test_vote_count_leaves_out_recused_members():
    data = record(items=[item(conflicts=["hu", "lin"], recused=["hu", "lin"])])  # 6 votes, 5 may vote
    assert codes(judge(data)) == ["vote-count"]
    data["items"][0]["vote"]["against"] = 0
    assert codes(judge(data)) == []


# --- recusal (R1§7(4), R4) ---------------------------------------------------------------------


def ballots(**choices: str) -> dict:
    return {"method": "named_ballot", "ballots": choices}


def test_conflict_not_recused():
    ev = judge(record(items=[item(conflicts=["hu", "lin"], recused=["lin"])]))
    assert codes(ev) == ["recusal"]
    finding = ev.items[0].findings[0]
    assert (finding.severity, finding.article) == ("violation", "R1§7(4), R4")
    assert "胡新璐" in finding.message


def test_recused_named_ballot_is_found_and_not_counted():
    vote = ballots(yang="for", qiu="for", guo="for", qu="for", hu="for", lin="against")
    ev = judge(record(items=[item(conflicts=["hu"], recused=["hu"], vote=vote)]))
    assert codes(ev) == ["recusal"]
    assert "不计入" in ev.items[0].findings[0].message
    # 7 members, 1 recused: 6 // 2 + 1 = 4 needed; hu's ballot leaves 4 for.
    assert (ev.items[0].for_, ev.items[0].needed, ev.items[0].outcome) == (4, 4, "passed")


def test_recusal_respected():
    vote = ballots(yang="for", qiu="for", guo="for", qu="for", lin="against")
    assert codes(judge(record(items=[item(conflicts=["hu"], recused=["hu"], vote=vote)]))) == []


# --- needed and the pass threshold (R1§7(5)) ----------------------------------------------------


def counts(for_: int, against: int = 0, abstain: int = 0) -> dict:
    return {"method": "named_ballot", "for": for_, "against": against, "abstain": abstain}


def test_for_equal_to_needed_passes_and_one_less_is_rejected():
    ev = judge(record(items=[item(vote=counts(4, 1, 2))]))
    assert (ev.items[0].for_, ev.items[0].needed, ev.items[0].outcome) == (4, 4, "passed")
    ev = judge(record(items=[item(vote=counts(3, 1, 3))]))
    assert (ev.items[0].for_, ev.items[0].needed, ev.items[0].outcome) == (3, 4, "rejected")
    assert ev.obligations == ()


def test_needed_counts_expected_members_not_present_ones():
    # R1§7(5): 4 present of 7, all for: 4 >= 7 // 2 + 1 (spec example 02); 3 for is not enough.
    data = set_absent(record(items=[item(vote=counts(3))]), "hu", "lin", "xu")
    assert judge(data).items[0].outcome == "rejected"


@pytest.mark.parametrize("recused, needed", [([], 5), (["hu"], 5), (["hu", "lin"], 4)])
def test_needed_removes_recused_members(recused, needed):
    data = record()
    data["members"] += [
        {"id": "zhou", "name": "周明", "roles": ["member"]},
        {"id": "wu", "name": "吴勇", "roles": []},
    ]
    data["present"] += ["zhou", "wu"]
    data["items"] = [item(recused=recused, conflicts=recused, vote=counts(needed, 1, 0))]
    result = judge(data).items[0]
    assert (result.needed, result.outcome) == (needed, "passed")


def test_recused_removal_is_a_parameter():
    data = record(items=[item(recused=["hu", "lin"], conflicts=["hu", "lin"], vote=counts(4))])
    assert judge(data).items[0].needed == 3
    assert judge(data, MeetingParameters(recused_removed_from_expected=False)).items[0].needed == 4


# --- not-decision-body (R2, R3) -----------------------------------------------------------------


def secretary_office(**changes):
    data = record(body="secretary_office", **changes)
    data["members"] = data["members"][:3]
    data["present"] = ["yang", "qiu", "guo"]
    return data


def test_secretary_office_deciding_an_important_item_is_invalid():
    ev = judge(secretary_office(items=[item(decision=True, vote=counts(3))]))
    assert codes(ev) == ["not-decision-body"]
    assert (ev.items[0].findings[0].article, ev.items[0].outcome) == ("R2", "invalid")
    assert ev.obligations == ()  # re-deliberation is for team meetings


def test_secretary_office_default_is_a_recommendation():
    ev = judge(secretary_office(items=[item(vote=counts(3))]))
    assert codes(ev) == [] and ev.items[0].outcome == "recommended"
    assert (ev.items[0].for_, ev.items[0].needed) == (3, 2)


def test_five_person_group_deciding_is_invalid():
    data = record(body="five_person_group")
    data["items"] = [
        item(
            category="personnel",
            decision=True,
            vote={"method": "anonymous_ballot", "for": 6, "against": 0, "abstain": 0},
        )
    ]
    ev = judge(data)
    assert codes(ev) == ["not-decision-body"]
    assert ev.items[0].findings[0].article == "R3"
    data["items"][0]["decision"] = False
    assert judge(data).items[0].outcome == "recommended"


def test_emergency_secretary_office_decides_and_reports():
    ev = judge(
        secretary_office(
            emergency=True,
            items=[item(decision=True, vote=counts(3)), item("i2", decision=True, vote=counts(1, 2))],
        )
    )
    assert codes(ev, 0) == [] and [i.outcome for i in ev.items] == ["passed", "rejected"]
    assert [(o.code, o.item, o.due) for o in ev.obligations] == [
        ("publish", "i1", dt.date(2026, 3, 17)),
        ("report-emergency", "i1", None),
        ("report-emergency", "i2", None),
    ]


def test_emergency_secretary_office_item_not_claimed_as_decision_is_recommended():
    ev = judge(secretary_office(emergency=True, items=[item(vote=counts(3))]))
    assert ev.items[0].outcome == "recommended" and ev.obligations == ()


# --- close-vote (R1§7(4)) ------------------------------------------------------------------------


@pytest.mark.parametrize("for_, against, found", [(4, 3, True), (4, 4, True), (5, 3, False), (5, 2, False)])
def test_close_vote_margin(for_, against, found):
    data = record()
    data["members"] += [{"id": "zhou", "name": "周明", "roles": ["member"]}]
    data["present"] += ["zhou"]
    data["items"] = [item(vote=counts(for_, against, 8 - for_ - against))]
    assert ("close-vote" in codes(judge(data))) is found


def test_close_vote_counts_written_opinions():
    data = set_absent(record(items=[item(vote=counts(4, 1, 0))]), "lin", "xu")
    assert "close-vote" not in codes(judge(data))
    data["items"][0]["written_opinions"] = [
        {"member": "lin", "position": "against"},
        {"member": "xu", "position": "against"},
    ]
    ev = judge(data)
    assert codes(ev) == ["close-vote"]
    finding = ev.items[0].findings[0]
    assert (finding.severity, finding.article) == ("advice", "R1§7(4)")
    assert "同意 4、反对 3" in finding.message
    data["items"][0]["written_opinions"][1]["position"] = "defer"
    assert "close-vote" not in codes(judge(data))


def test_close_vote_margin_is_a_parameter():
    data = record(items=[item(vote=counts(4, 2, 1))])
    assert "close-vote" not in codes(judge(data))
    assert "close-vote" in codes(judge(data, MeetingParameters(close_vote_margin=2)))


def test_close_vote_exempt_in_an_emergency():
    assert "close-vote" not in codes(judge(record(emergency=True, items=[item(vote=counts(4, 3, 0))])))


def test_close_vote_is_advice_the_item_still_passes():
    ev = judge(record(items=[item(vote=counts(4, 3, 0))]))
    assert ev.items[0].outcome == "passed"


# --- method (R1§7(4)) ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "category, method, found",
    [
        ("major_decision", "show_of_hands", True),
        ("major_project", "oral", True),
        ("large_funds", "anonymous_ballot", True),
        ("large_funds", "named_ballot", False),
        ("personnel", "named_ballot", True),
        ("personnel", "anonymous_ballot", False),
        ("demolition", "show_of_hands", False),
        ("general", "oral", False),
    ],
)
def test_method(category, method, found):
    ev = judge(
        record(items=[item(category=category, vote={"method": method, "for": 5, "against": 1, "abstain": 1})])
    )
    assert ("method" in codes(ev)) is found
    if found:
        finding = ev.items[0].findings[-1]
        assert (finding.severity, finding.article) == ("advice", "R1§7(4)")


# --- outcome order and obligations -------------------------------------------------------------


def test_invalid_beats_recommended():
    data = record(body="five_person_group", items=[item(category="personnel", decision=False, vote=None)])
    data["present"] = ["yang", "qiu", "guo"]
    data["absent"] = [{"member": m, "reason": "请假"} for m in ("qu", "hu", "lin", "xu")]
    assert judge(data).items[0].outcome == "invalid"


def test_invalid_keeps_for_and_needed():
    ev = judge(record(items=[item(vote={"method": "circulation", "for": 6, "against": 0, "abstain": 0})]))
    assert (ev.items[0].outcome, ev.items[0].for_, ev.items[0].needed) == ("invalid", 6, 4)


def test_no_publication_for_personnel_or_general_items():
    data = record(
        items=[
            item(
                category="personnel",
                vote={"method": "anonymous_ballot", "for": 5, "against": 1, "abstain": 1},
            ),
            item("i2", category="general"),
        ]
    )
    ev = judge(data)
    assert [i.outcome for i in ev.items] == ["passed", "passed"]
    assert ev.obligations == ()


def test_publication_due_counts_working_days_from_the_meeting_day():
    # Friday 2026-03-13 → 5 working days: 16, 17, 18, 19, 20.
    ev = judge(
        record(
            held_at="2026-03-13T09:00:00+08:00",
            notice={"sent_at": "2026-03-12T09:00:00+08:00", "channel": "phone", "items": ["i1"]},
        )
    )
    assert ev.obligations[0].due == dt.date(2026, 3, 20)
    # Across a holiday on Monday 03-16 the due day moves on to 03-23.
    ev = judge(
        record(held_at="2026-03-13T09:00:00+08:00"), calendar=FakeCalendar(holidays={dt.date(2026, 3, 16)})
    )
    assert ev.obligations[0].due == dt.date(2026, 3, 23)


def test_meeting_day_is_the_shanghai_date():
    # 2026-03-10T23:30 UTC is Wednesday 03-11 in Shanghai.
    data = record(
        held_at="2026-03-10T23:30:00+00:00",
        notice={"sent_at": "2026-03-10T08:00:00+08:00", "channel": "written", "items": ["i1"]},
    )
    ev = judge(data)
    assert ev.findings == ()
    assert ev.obligations[0].due == dt.date(2026, 3, 18)


def test_provisional_due_is_marked():
    ev = judge(record(), calendar=FakeCalendar(provisional=True))
    assert ev.obligations[0].provisional is True
    assert judge(record()).obligations[0].provisional is False


def test_defaults_are_the_rulebook_values():
    rules = TOWNSHIP_DEFAULTS
    assert (rules.five_person_group_min_present, rules.close_vote_margin, rules.publication_workdays) == (
        4,
        1,
        5,
    )
    assert rules.recused_removed_from_expected is True and rules.notice_workdays == 1
