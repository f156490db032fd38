"""The meeting workflow through its entry points: composition, notice, live record, closing."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from tests.meetings.meeting_factory import SH, approved_item, clerk_user, meeting, team
from zhidu.core.models import AuditEntry
from zhidu.meetings import services
from zhidu.meetings.exchange import judge
from zhidu.meetings.models import Attendance, Meeting
from zhidu.obligations.models import Obligation

P = Attendance.Status.PRESENT
A = Attendance.Status.ABSENT


@pytest.fixture
def people(town):
    return team(town)


def hold(m, people, absent=("xu",)):
    statuses = {
        p.pk: (A, "请假") if key in absent else (P, "") for key, p in people.items() if key != "clerk"
    }
    services.record_attendance(m, version=m.version, statuses=statuses, user=clerk_user(m))
    m.refresh_from_db()


@pytest.mark.django_db
def test_expected_members_follow_the_body_and_the_day(town, people):
    day = datetime.date(2026, 6, 18)
    assert len(services.expected_members(town, "team", day)) == 7
    assert {t.person.name for t in services.expected_members(town, "secretary_office", day)} == {
        "杨栋",
        "邱维兴",
    }
    assert len(services.expected_members(town, "five_person_group", day)) == 4
    term = people["lin"].terms.get()
    term.ends_on = datetime.date(2026, 6, 1)
    term.save()
    assert len(services.expected_members(town, "team", day)) == 6


@pytest.mark.django_db
def test_chair_must_be_an_expected_member(town, people):
    with pytest.raises(ValidationError) as error:
        services.create_meeting(
            township=town,
            body="secretary_office",
            title="书记办公会",
            held_at=datetime.datetime(2026, 6, 18, 9, tzinfo=SH),
            chair=people["hu"],
            user=clerk_user(town),
        )
    assert "chair" in error.value.message_dict


@pytest.mark.django_db
def test_latest_notice_day_respects_national_day(town, people):
    m = meeting(town, people, [], held_at=datetime.datetime(2026, 10, 8, 9, tzinfo=SH))
    assert services.latest_notice_day(m).date == datetime.date(2026, 9, 30)


@pytest.mark.django_db
def test_notice_opens_receipt_duties_and_confirmation_completes_them(town, people):
    m = meeting(town, people, [approved_item(town, people)])
    with time_machine.travel(datetime.datetime(2026, 6, 16, 10, tzinfo=SH), tick=False):
        services.send_notice(m, version=m.version, user=clerk_user(m))
    assert Obligation.objects.filter(kind="notice-receipt").count() == 7
    with time_machine.travel(datetime.datetime(2026, 6, 16, 11, tzinfo=SH), tick=False):
        services.confirm_notice(m, people["hu"], user=people["hu"].user)
    ob = Obligation.objects.get(kind="notice-receipt", assignee=people["hu"])
    assert ob.state == Obligation.State.DONE
    assert m.attendance.get(person=people["hu"]).notice_confirmed_at is not None
    with pytest.raises(ValidationError):
        services.send_notice(m, version=m.version, user=clerk_user(m))


@pytest.mark.django_db
def test_a_full_team_meeting_passes_numbers_minutes_and_opens_publication(town, people):
    item = approved_item(town, people)
    m = meeting(town, people, [item])
    with time_machine.travel(datetime.datetime(2026, 6, 17, 9, tzinfo=SH), tick=False):
        services.send_notice(m, version=m.version, user=clerk_user(m))
    hold(m, people)
    entry = m.entries.get()
    ids = {k: p.pk for k, p in people.items()}
    services.record_entry(
        entry,
        version=m.version,
        speakers=[ids["qiu"], ids["guo"], ids["qu"], ids["hu"], ids["lin"], ids["yang"]],
        recused=set(),
        vote_method="named_ballot",
        counts=None,
        ballots={ids[k]: "for" for k in ("yang", "qiu", "guo", "qu")}
        | {ids["hu"]: "against", ids["lin"]: "abstain"},
        opinions={ids["xu"]: "for"},
        deferred=False,
        resolution="同意拨付",
        user=clerk_user(entry),
    )
    m.refresh_from_db()
    evaluation = judge(m).evaluation
    assert evaluation.items[0].outcome == "passed"
    assert (evaluation.items[0].for_, evaluation.items[0].needed) == (4, 4)
    minutes = services.close_meeting(m, version=m.version, user=clerk_user(m))
    assert (minutes.year, minutes.number) == (2026, 1)
    m.refresh_from_db()
    assert m.state == Meeting.State.CLOSED
    assert m.archive.get().record["items"][0]["vote"]["method"] == "named_ballot"
    publish = Obligation.objects.get(kind="publish")
    assert publish.due_at.date() == datetime.date(2026, 6, 26)  # 5 working days, Dragon Boat 06-19 off
    assert publish.assignee == people["clerk"].department.head or publish.assignee == people["qiu"]
    # The sequence is independent per body and per year, and has no gaps.
    second = meeting(town, people, [approved_item(town, people, "第二项", "general")])
    hold(second, people)
    assert services.close_meeting(second, version=second.version, user=clerk_user(second)).number == 2
    office = meeting(town, people, [], body="secretary_office")
    hold(office, {k: people[k] for k in ("yang", "qiu")}, absent=())
    assert services.close_meeting(office, version=office.version, user=clerk_user(office)).number == 1
    assert AuditEntry.objects.filter(action="meeting.close").count() == 3


@pytest.mark.django_db
def test_an_ad_hoc_important_item_is_invalid_and_must_be_re_deliberated(town, people):
    m = meeting(town, people, [approved_item(town, people)])
    services.send_notice(m, version=m.version, user=clerk_user(m))
    m.refresh_from_db()
    services.add_item(
        m,
        approved_item(town, people, "临时提出的安置方案", "resettlement"),
        version=m.version,
        user=clerk_user(m),
    )
    m.refresh_from_db()
    hold(m, people)
    late = m.entries.get(item__title="临时提出的安置方案")
    services.record_entry(
        late,
        version=m.version,
        speakers=[],
        recused=set(),
        vote_method="show_of_hands",
        counts=(6, 0, 0),
        ballots=None,
        opinions={},
        deferred=False,
        user=clerk_user(late),
    )
    m.refresh_from_db()
    result = {r.id: r for r in judge(m).evaluation.items}[f"i{late.item_id}"]
    assert result.outcome == "invalid"
    assert [f.code for f in result.findings] == ["ad-hoc"]
    services.close_meeting(m, version=m.version, user=clerk_user(m))
    # The notified item was not voted either (R1§2: no-vote), so both must be re-deliberated.
    assert Obligation.objects.filter(kind="re-deliberate", title__contains="临时提出的安置方案").count() == 1


@pytest.mark.django_db
def test_impossible_records_are_refused_and_nothing_is_lost(town, people):
    m = meeting(town, people, [approved_item(town, people)])
    hold(m, people)
    entry = m.entries.get()
    with pytest.raises(ValidationError) as error:
        services.record_entry(
            entry,
            version=m.version,
            speakers=[],
            recused=set(),
            vote_method="show_of_hands",
            counts=(5, 2, 0),
            ballots=None,
            opinions={},
            deferred=False,
            user=clerk_user(entry),
        )
    assert "votes_for" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.record_entry(
            entry,
            version=m.version,
            speakers=[people["xu"].pk],
            recused=set(),
            vote_method="",
            counts=None,
            ballots=None,
            opinions={},
            deferred=False,
            user=clerk_user(entry),
        )
    entry.refresh_from_db()
    assert entry.vote_method == "" and entry.speakers == []
    m.refresh_from_db()
    assert m.attendance.filter(status=P).count() == 6  # the attendance saved before is intact


@pytest.mark.django_db
def test_two_clerks_never_silently_overwrite_each_other(town, people):
    m = meeting(town, people, [approved_item(town, people)])
    stale = m.version
    hold(m, people)
    with pytest.raises(services.Conflicting):
        services.record_attendance(m, version=stale, statuses={people["xu"].pk: (P, "")}, user=clerk_user(m))
    assert m.attendance.get(person=people["xu"]).status == A


@pytest.mark.django_db
def test_an_absence_needs_a_reason(town, people):
    m = meeting(town, people, [])
    with pytest.raises(ValidationError):
        services.request_absence(m, people["hu"], "  ")
    services.request_absence(m, people["hu"], "市委党校培训")
    assert m.attendance.get(person=people["hu"]).reason == "市委党校培训"
