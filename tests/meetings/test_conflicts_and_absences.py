"""R1§7(4), R4, R1§12(5): a registered absence is never overwritten, an absent member is never flagged
for not recusing, and a declared conflict carries into the record as a proposed recusal."""

import re

import pytest
from django.urls import reverse

from tests.meetings.factory import codes, item, judge, record, set_absent
from tests.meetings.meeting_factory import approved_item, clerk_user, meeting, team
from zhidu.meetings import services
from zhidu.meetings.exchange import judge as judge_meeting
from zhidu.meetings.exchange import meeting_record, member_id


def test_the_contract_flags_every_declared_member_not_recused_present_or_not():
    # spec/meeting-record.md: "a member in `conflicts` is not in `recused`" → recusal. The web app's
    # record lists an absent declared member as recused (below), so the clerk never sees it flagged.
    data = set_absent(record(items=[item(conflicts=["hu"], recused=[])]), "hu")
    assert codes(judge(data)) == ["recusal"]
    assert "recusal" not in codes(
        judge(set_absent(record(items=[item(conflicts=["hu"], recused=["hu"])]), "hu"))
    )
    assert codes(judge(record(items=[item(conflicts=["hu"], recused=[])]))) == ["recusal"]


@pytest.fixture
def people(town):
    return team(town)


@pytest.fixture
def declared(town, people):
    m = meeting(town, people, [approved_item(town, people)])
    services.send_notice(m, version=m.version, user=clerk_user(m))
    m.refresh_from_db()
    entry = m.entries.get()
    services.declare_conflict(entry, people["hu"], "亲属承包该工程")
    m.refresh_from_db()
    statuses = {p.pk: ("present", "") for k, p in people.items() if k != "clerk"}
    services.record_attendance(m, version=m.version, statuses=statuses, user=clerk_user(m))
    m.refresh_from_db()
    return m


@pytest.mark.django_db
def test_a_declared_conflict_is_a_proposed_recusal_until_the_item_is_recorded(client, people, declared):
    m = declared
    hu = member_id(people["hu"].pk)
    (entry_record,) = meeting_record(m)["items"]
    assert entry_record["conflicts"] == [hu] and entry_record["recused"] == [hu]
    assert "recusal" not in [f.code for f in judge_meeting(m).evaluation.items[0].findings]
    # The clerk's form ticks the recusal for her to confirm.
    client.force_login(people["clerk"].user)
    entry = m.entries.get()
    page = client.get(reverse("meetings:record-entry", args=[m.pk, entry.pk])).content.decode()
    box = re.search(rf'<input[^>]*name="recused_{people["hu"].pk}"[^>]*>', page).group(0)
    assert " checked" in box
    # Once recorded, the clerk's ticks are the record: unticked, the member did not recuse.
    services.record_entry(
        entry,
        version=m.version,
        speakers=[],
        recused=set(),
        vote_method="",
        counts=None,
        ballots=None,
        opinions={},
        deferred=True,
        user=clerk_user(m),
    )
    m.refresh_from_db()
    assert meeting_record(m)["items"][0]["recused"] == []
    assert "recusal" in [f.code for f in judge_meeting(m).evaluation.items[0].findings]


@pytest.mark.django_db
def test_an_absent_declared_member_is_recorded_as_taking_no_part_and_not_flagged(people, declared):
    m = declared
    statuses = {people["hu"].pk: ("absent", "市委党校培训")}
    services.record_attendance(m, version=m.version, statuses=statuses, user=clerk_user(m))
    m.refresh_from_db()
    assert meeting_record(m)["items"][0]["recused"] == [member_id(people["hu"].pk)]
    assert "recusal" not in [f.code for f in judge_meeting(m).evaluation.items[0].findings]


@pytest.mark.django_db
def test_the_attendance_form_marks_registered_absences_for_everyone_present(client, town, people):
    m = meeting(town, people, [approved_item(town, people)])
    services.request_absence(m, people["xu"], "参加县人武部军事训练")
    client.force_login(people["clerk"].user)
    page = client.get(reverse("meetings:record", args=[m.pk])).content.decode()
    assert f'<tr data-member="{people["xu"].pk}" data-registered-absence>' in page
    assert f'<tr data-member="{people["hu"].pk}">' in page
    assert "data-all-present" in page and "data-set-all" not in page
