"""Paper ballots (counter enters, scrutineer confirms, collected ≤ issued) and the R10 democratic
assessment (same codes, private results, nothing shown under five respondents)."""

import pytest
from django.core.exceptions import ValidationError

from tests.ballots.helpers import personnel_entry, team
from tests.meetings.meeting_factory import clerk_user
from zhidu.ballots import services
from zhidu.ballots.models import AssessmentAnswer, BallotBox
from zhidu.ballots.services.casting import USED_CODE

pytestmark = pytest.mark.django_db


def messages(error):
    return [m for ms in error.message_dict.values() for m in ms]


@pytest.fixture
def crew(town):
    members, clerk = team(town, 7)
    return members, clerk


def test_paper_count_entered_by_the_counter_and_confirmed_by_the_scrutineer(town, crew):
    members, clerk = crew
    entry = personnel_entry(town, members, clerk)
    counter, scrutineer = members[1], members[2]
    with pytest.raises(ValidationError) as same:
        services.create_box(
            entry, method="paper", codes=7, counter=counter, scrutineer=counter, user=clerk_user(entry)
        )
    assert "两位不同" in messages(same.value)[0]
    box = services.create_box(
        entry, method="paper", codes=7, counter=counter, scrutineer=scrutineer, user=clerk_user(entry)
    )
    assert box.state == BallotBox.State.OPEN
    with pytest.raises(ValidationError) as wrong:
        services.enter_paper_count(box, by=scrutineer, collected=7, invalid=0, counts=(5, 1, 1))
    assert "计票人" in messages(wrong.value)[0]
    with pytest.raises(ValidationError) as sums:
        services.enter_paper_count(box, by=counter, collected=7, invalid=1, counts=(5, 1, 1))
    assert "应等于有效票数" in messages(sums.value)[0]
    services.enter_paper_count(box, by=counter, collected=7, invalid=1, counts=(4, 1, 1))
    with pytest.raises(ValidationError):
        services.confirm_paper_count(box, by=counter)
    services.confirm_paper_count(box, by=scrutineer)
    box.refresh_from_db()
    assert box.state == BallotBox.State.CLOSED
    entry.refresh_from_db()
    assert (entry.vote_method, entry.votes_for, entry.votes_against, entry.votes_abstain) == (
        "anonymous_ballot",
        4,
        1,
        1,
    )


def test_more_paper_ballots_collected_than_issued_void_the_vote(town, crew):
    members, clerk = crew
    entry = personnel_entry(town, members, clerk)
    box = services.create_box(
        entry, method="paper", codes=6, counter=members[1], scrutineer=members[2], user=clerk_user(entry)
    )
    services.enter_paper_count(box, by=members[1], collected=7, invalid=0, counts=(7, 0, 0))
    services.confirm_paper_count(box, by=members[2])
    box.refresh_from_db()
    assert box.state == BallotBox.State.VOID and "收回选票7张，多于发出的6张" in box.void_reason
    entry.refresh_from_db()
    assert entry.votes_for is None and "作废" in entry.discussion


def _assessment(town, members):
    return services.create_assessment(
        township=town, year=2026, title="2026年度领导班子民主测评", members=members, user=clerk_user(town)
    )


def test_an_electronic_assessment_counts_and_keeps_answers_unlinkable(town, crew):
    members, clerk = crew
    assessment = _assessment(town, members[:3])
    subjects = list(assessment.subjects.all())
    assert len(subjects) == 4 and subjects[0].person is None
    box = services.create_box(assessment, method="electronic", codes=6, user=clerk_user(assessment))
    printed = services.issue_codes(box, user=clerk_user(box))
    for i, code in enumerate(printed):
        services.cast(box, code, answers={s.pk: ("excellent" if i % 2 else "competent") for s in subjects})
    with pytest.raises(ValidationError) as again:
        services.cast(box, printed[0], answers={s.pk: "excellent" for s in subjects})
    assert messages(again.value) == [USED_CODE]
    with pytest.raises(ValidationError):
        services.cast(box, printed[0], answers={subjects[0].pk: "excellent"})  # every subject is rated
    services.close_box(box, user=clerk_user(box))
    box.refresh_from_db()
    assert box.state == BallotBox.State.CLOSED and box.ballots_counted == 6
    # One respondent's answers carry different receipts: they cannot be tied together.
    assert AssessmentAnswer.objects.filter(box=box).values("receipt").distinct().count() == 24
    results = services.assessment_results(assessment)
    assert [r.counts for r in results] == [{"excellent": 3, "competent": 3, "basic": 0, "incompetent": 0}] * 4
    assert services.verify(box) == []
    mine = services.assessment_results(assessment, subjects=[subjects[2]])
    assert [r.subject for r in mine] == [subjects[2]]


def test_fewer_than_five_respondents_show_no_breakdown(town, crew):
    members, clerk = crew
    assessment = _assessment(town, members[:2])
    box = services.create_box(assessment, method="electronic", codes=4, user=clerk_user(assessment))
    subjects = list(assessment.subjects.all())
    for code in services.issue_codes(box, user=clerk_user(box)):
        services.cast(box, code, answers={s.pk: "incompetent" for s in subjects})
    services.close_box(box, user=clerk_user(box))
    results = services.assessment_results(assessment)
    assert all(r.counts is None and r.respondents == 4 for r in results)


def test_a_paper_assessment(town, crew):
    members, clerk = crew
    assessment = _assessment(town, members[:2])
    subjects = list(assessment.subjects.all())
    box = services.create_box(
        assessment,
        method="paper",
        codes=8,
        counter=members[3],
        scrutineer=members[4],
        user=clerk_user(assessment),
    )
    tallies = {s.pk: {"excellent": 5, "competent": 2, "basic": 0, "incompetent": 0} for s in subjects}
    with pytest.raises(ValidationError):
        services.enter_paper_count(box, by=members[3], collected=7, invalid=1, tallies=tallies)
    tallies[subjects[0].pk]["competent"] = 1
    services.enter_paper_count(
        box,
        by=members[3],
        collected=7,
        invalid=1,
        tallies={s: {**g, "competent": 1} for s, g in tallies.items()},
    )
    services.confirm_paper_count(box, by=members[4])
    results = services.assessment_results(assessment)
    assert results[0].respondents == 6 and results[0].counts["excellent"] == 5
