"""The ballot entry points on their own: open, print, cast, close, verify; refusals named in Chinese."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from tests.ballots.helpers import open_box, personnel_entry, team
from tests.meetings.meeting_factory import clerk_user
from zhidu.ballots import codes as codebook
from zhidu.ballots import services
from zhidu.ballots.models import AnonymousBallot, BallotBox, BallotSettings, CodeSlot
from zhidu.ballots.services.casting import BAD_CODE, NOT_OPEN, UNKNOWN_CODE, USED_CODE
from zhidu.meetings import services as meetings
from zhidu.meetings.exchange import meeting_record
from zhidu.meetings.models import Meeting
from zhidu.meetings.record import parse_meeting

pytestmark = pytest.mark.django_db


def messages(error: ValidationError) -> list[str]:
    return [m for ms in error.message_dict.values() for m in ms]


@pytest.fixture
def entry(town):
    members, clerk = team(town, 7)
    return personnel_entry(town, members, clerk)


def test_a_vote_from_codes_to_the_record(entry):
    version = entry.meeting.version
    box, printed = open_box(entry)
    assert box.state == BallotBox.State.OPEN and len(printed) == 7 == len(set(printed))
    for code, choice in zip(printed, ["for"] * 4 + ["against", "abstain", "for"], strict=True):
        services.cast(box, code, choice=choice)
    services.close_box(box, user=clerk_user(box))
    box.refresh_from_db()
    assert (box.state, box.votes_for, box.votes_against, box.votes_abstain) == ("closed", 5, 1, 1)
    entry.refresh_from_db()
    assert entry.vote_method == "anonymous_ballot"
    assert (entry.votes_for, entry.votes_against, entry.votes_abstain) == (5, 1, 1)
    assert Meeting.objects.get(pk=entry.meeting_id).version == version + 1
    assert services.verify(box) == []
    # zhidu.meeting/1: counts only, and the record reads back.
    (item,) = meeting_record(entry.meeting)["items"]
    assert item["vote"] == {"method": "anonymous_ballot", "for": 5, "against": 1, "abstain": 1}
    parse_meeting(meeting_record(entry.meeting))


def test_the_recount_from_the_published_list_equals_the_result(entry):
    box, printed = open_box(entry)
    for code, choice in zip(
        printed, ["for", "for", "against", "for", "abstain", "against", "for"], strict=True
    ):
        services.cast(box, code, choice=choice)
    services.close_box(box, user=clerk_user(box))
    box.refresh_from_db()
    lines = services.published_lines(box)
    assert lines == sorted(lines) and len(lines) == 7
    recounted = codebook.recount(lines)
    assert (recounted["for"], recounted["against"], recounted["abstain"]) == (4, 2, 1)
    assert codebook.list_digest(lines) == box.list_digest


def test_tampering_with_a_stored_ballot_is_detected(entry):
    box, printed = open_box(entry)
    for code in printed:
        services.cast(box, code, choice="against")
    services.close_box(box, user=clerk_user(box))
    assert services.verify(box) == []
    ballot = AnonymousBallot.objects.filter(box=box).first()
    AnonymousBallot.objects.filter(pk=ballot.pk).update(choice="for")
    problems = services.verify(box)
    assert any("摘要" in p for p in problems)
    assert any("重新计票的结果（同意1、反对6、弃权0）" in p for p in problems)
    # Even a tamperer who also rewrites the box's result is caught by the audit entry and the record.
    BallotBox.objects.filter(pk=box.pk).update(
        votes_for=1, votes_against=6, list_digest=codebook.list_digest(services.published_lines(box))
    )
    box.refresh_from_db()
    problems = services.verify(box)
    assert "公布清单与审计记录中的摘要不一致" in problems
    assert "重新计票的结果与会议记录中的票数不一致" in problems


def test_an_unknown_or_reused_code_is_refused_in_chinese(entry):
    box, printed = open_box(entry)
    services.cast(box, printed[0].lower().replace("-", " "), choice="for")  # forgiving input
    with pytest.raises(ValidationError) as used:
        services.cast(box, printed[0], choice="against")
    assert messages(used.value) == [USED_CODE]
    other = codebook.display(codebook.new_code())
    with pytest.raises(ValidationError) as unknown:
        services.cast(box, other, choice="for")
    assert messages(unknown.value) == [UNKNOWN_CODE]
    with pytest.raises(ValidationError) as bad:
        services.cast(box, "12345", choice="for")
    assert messages(bad.value) == [BAD_CODE]
    with pytest.raises(ValidationError):
        services.cast(box, printed[1], choice="maybe")
    assert AnonymousBallot.objects.filter(box=box).count() == 1
    assert BallotBox.objects.get(pk=box.pk).cast_count == 1


def test_a_code_of_another_box_is_unknown_here(town):
    members, clerk = team(town, 5)
    first, _ = open_box(personnel_entry(town, members, clerk))
    _, printed = open_box(personnel_entry(town, members, clerk))
    with pytest.raises(ValidationError) as error:
        services.cast(first, printed[0], choice="for")
    assert messages(error.value) == [UNKNOWN_CODE]


def test_no_cast_after_the_close(entry):
    box, printed = open_box(entry)
    services.cast(box, printed[0], choice="for")
    services.close_box(box, user=clerk_user(box))
    with pytest.raises(ValidationError) as error:
        services.cast(box, printed[1], choice="for")
    assert messages(error.value) == [NOT_OPEN]
    with pytest.raises(ValidationError):
        services.close_box(box, user=clerk_user(box))


def test_more_ballots_than_codes_voids_the_vote(entry):
    box, printed = open_box(entry, codes=3)
    for code in printed:
        services.cast(box, code, choice="for")
    # Only tampering can add a ballot without a code: the count at closing catches it.
    AnonymousBallot.objects.create(box=box, receipt="f" * 64, choice="for")
    services.close_box(box, user=clerk_user(box))
    box.refresh_from_db()
    assert box.state == BallotBox.State.VOID and "收回选票4张" in box.void_reason
    entry.refresh_from_db()
    assert entry.vote_method == "" and entry.votes_for is None
    assert "无记名投票" in entry.discussion and "作废" in entry.discussion


def test_codes_are_printed_once_and_never_stored(entry):
    box = services.create_box(entry, method="electronic", codes=7, user=clerk_user(entry))
    printed = services.issue_codes(box, user=clerk_user(box))
    with pytest.raises(ValidationError) as again:
        services.issue_codes(box, user=clerk_user(box))
    assert "只显示一次" in messages(again.value)[0]
    plain = {c.replace("-", "") for c in printed} | set(printed)
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{table}"')
            text = repr(cursor.fetchall()).upper()
            assert not any(code in text for code in plain), table
    assert CodeSlot.objects.filter(box=box).count() == 7


def test_the_number_of_codes_follows_the_voters(town):
    members, clerk = team(town, 6)
    entry = personnel_entry(town, members, clerk, present=members[:5])
    with pytest.raises(ValidationError) as error:
        services.create_box(entry, method="electronic", codes=6, user=clerk_user(entry))
    assert "1至5之间" in messages(error.value)[0]
    services.create_box(entry, method="electronic", codes=5, user=clerk_user(entry))
    with pytest.raises(ValidationError) as twice:
        services.create_box(entry, method="electronic", codes=5, user=clerk_user(entry))
    assert "进行中" in messages(twice.value)[0]


def test_receipts_only_when_the_township_allows_them(town, entry):
    box, printed = open_box(entry)
    assert services.cast(box, printed[0], choice="for").receipt is None
    services.void_box(box, reason="选票码卡片遗失", user=clerk_user(box))
    BallotSettings.objects.create(township=town, receipts_allowed=True)
    box, printed = open_box(entry)
    result = services.cast(box, printed[0], choice="against")
    assert result.receipt and result.choices == ("against",)
    services.close_box(box, user=clerk_user(box))
    assert any(
        line.startswith(result.receipt) and line.endswith(" against")
        for line in services.published_lines(box)
    )


def test_a_closed_box_and_the_minutes(entry):
    box, printed = open_box(entry)
    for code in printed:
        services.cast(box, code, choice="for")
    services.close_box(box, user=clerk_user(box))
    meeting = Meeting.objects.get(pk=entry.meeting_id)
    minutes = meetings.close_meeting(meeting, version=meeting.version, user=clerk_user(meeting))
    archived = meeting.archive.get().record["items"][0]["vote"]
    assert archived == {"method": "anonymous_ballot", "for": 7, "against": 0, "abstain": 0}
    assert minutes.number == 1


def test_void_by_the_clerk_needs_a_reason(entry):
    box, _ = open_box(entry)
    with pytest.raises(ValidationError):
        services.void_box(box, reason=" ", user=clerk_user(box))
    services.void_box(box, reason="打印机卡纸，选票码未能全部打印", user=clerk_user(box))
    assert BallotBox.objects.get(pk=box.pk).state == BallotBox.State.VOID
    services.create_box(entry, method="electronic", codes=3, user=clerk_user(entry))  # a new round may start
