"""parse_meeting: the valid record parses, and every refusal names its field path in one line."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.meetings.factory import item, record, set_absent
from zhidu.meetings.record import Meeting, RecordError, parse_meeting


def refusal(data) -> str:
    with pytest.raises(RecordError) as info:
        parse_meeting(data)
    text = str(info.value)
    assert "\n" not in text
    assert text.startswith(f"{info.value.field_path}: ") or not info.value.field_path
    return text


def test_valid_record_parses():
    meeting = parse_meeting(record())
    assert isinstance(meeting, Meeting)
    assert meeting.held_at == dt.datetime(2026, 3, 10, 1, 0, tzinfo=dt.timezone.utc)
    assert meeting.items[0].vote.tally() == (5, 1, 0)
    assert meeting.name("qiu") == "邱维兴"


def test_decision_defaults_by_body():
    assert parse_meeting(record()).items[0].decision is True
    data = record(body="secretary_office")
    assert parse_meeting(data).items[0].decision is False
    data["items"][0]["decision"] = True
    assert parse_meeting(data).items[0].decision is True
    assert parse_meeting(record(body="five_person_group")).items[0].decision is False


def test_named_ballots_parse():
    vote = {"method": "named_ballot", "ballots": {"yang": "for", "qiu": "against", "hu": "abstain"}}
    parsed = parse_meeting(record(items=[item(vote=vote)])).items[0].vote
    assert parsed.tally() == (1, 1, 1)
    assert parsed.tally(excluded=["qiu"]) == (1, 0, 1)


def test_z_suffix_is_utc():
    assert parse_meeting(record(held_at="2026-03-10T01:00:00Z")).held_at.utcoffset() == dt.timedelta(0)


def with_item(**changes):
    return record(items=[item(**changes)])


@pytest.mark.parametrize(
    "data, expected",
    [
        ([], "应为对象"),
        (record(format="zhidu.meeting/2"), "format: "),
        ({k: v for k, v in record().items() if k != "format"}, "format: 缺少字段"),
        (record(body="council"), 'body: 未知的会议类型 "council"'),
        (record(held_at="2026-03-10T09:00:00"), "held_at: 不是带时区的 ISO 8601 时间"),
        (record(held_at="2026-03-10"), "held_at: 不是带时区的 ISO 8601 时间"),
        (record(held_at="next tuesday"), "held_at: 不是带时区的 ISO 8601 时间"),
        (record(held_at=20260310), "held_at: 应为带时区的 ISO 8601 时间字符串"),
        (record(held_at="3026-03-10T09:00:00+08:00"), "held_at: 年份 3026 超出支持的范围"),
        (record(emergency="no"), "emergency: 应为 true 或 false"),
        (record(members=[]), "members: 应到会成员不能为空"),
        (record(chair="zhao"), 'chair: 未知成员 "zhao"'),
        (
            record(present=["yang", "qiu", "guo", "qu", "hu", "lin", "xu", "zhao"]),
            'present[7]: 未知成员 "zhao"',
        ),
        (
            record(present=["yang", "yang", "qiu", "guo", "qu", "hu", "lin", "xu"]),
            'present[1]: 成员 "yang" 重复',
        ),
        (record(present=["yang", "qiu"]), 'present: 成员 "guo" 既不在 present 也不在 absent 中'),
        (
            record(absent=[{"member": "xu", "reason": "请假"}]),
            'absent[0].member: 成员 "xu" 同时列为到会和缺席',
        ),
        (record(absent=[{"member": "zhao", "reason": "请假"}]), 'absent[0].member: 未知成员 "zhao"'),
        (record(absent=[{"member": "xu"}]), "absent[0].reason: 缺少字段"),
        (
            record(notice={"sent_at": "2026-03-09T08:30:00+08:00", "channel": "wechat", "items": []}),
            "notice.channel: 未知的通知方式",
        ),
        (
            record(notice={"sent_at": "2026-03-09 08:30", "channel": "phone", "items": []}),
            "notice.sent_at: 不是带时区的 ISO 8601 时间",
        ),
        (
            record(notice={"sent_at": "2026-03-09T08:30:00+08:00", "channel": "written", "items": ["i9"]}),
            'notice.items[0]: 未知议题 "i9"',
        ),
        (record(items=[item(), item()]), 'items[1].id: 议题编号 "i1" 重复'),
        (with_item(category="misc"), 'items[0].category: 未知的议题类别 "misc"'),
        (with_item(owner="zhao"), 'items[0].owner: 未知成员 "zhao"'),
        (with_item(speakers=["qiu", "zhao"]), 'items[0].speakers[1]: 未知成员 "zhao"'),
        (with_item(conflicts=["zhao"]), 'items[0].conflicts[0]: 未知成员 "zhao"'),
        (with_item(recused=["zhao"]), 'items[0].recused[0]: 未知成员 "zhao"'),
        (
            with_item(written_opinions=[{"member": "zhao", "position": "for"}]),
            'items[0].written_opinions[0].member: 未知成员 "zhao"',
        ),
        (
            with_item(written_opinions=[{"member": "qiu", "position": "for"}]),
            'items[0].written_opinions[0].member: 成员 "qiu" 已到会',
        ),
        (with_item(decison=False), "items[0].decison: 未知字段"),
        (with_item(approved=1), "items[0].approved: 应为 true 或 false"),
        (
            with_item(vote={"method": "acclaim", "for": 1, "against": 0, "abstain": 0}),
            'items[0].vote.method: 未知的表决方式 "acclaim"',
        ),
        (
            with_item(vote={"method": "oral", "for": -1, "against": 0, "abstain": 0}),
            "items[0].vote.for: 票数不能为负数",
        ),
        (
            with_item(vote={"method": "oral", "for": 1.5, "against": 0, "abstain": 0}),
            "items[0].vote.for: 应为非负整数",
        ),
        (
            with_item(vote={"method": "oral", "for": True, "against": 0, "abstain": 0}),
            "items[0].vote.for: 应为非负整数",
        ),
        (with_item(vote={"method": "oral", "for": 1, "against": 0}), "items[0].vote.abstain: 缺少字段"),
        (
            with_item(vote={"method": "show_of_hands", "ballots": {"yang": "for"}}),
            "items[0].vote.ballots: 只有记名投票",
        ),
        (
            with_item(vote={"method": "named_ballot", "ballots": {"yang": "for"}, "for": 1}),
            "items[0].vote: 不能同时给出",
        ),
        (
            with_item(vote={"method": "named_ballot", "ballots": {"hu": "for", "zhao": "for"}}),
            'items[0].vote.ballots.zhao: 未知成员 "zhao"',
        ),
        (
            with_item(vote={"method": "named_ballot", "ballots": {"hu": "yes"}}),
            'items[0].vote.ballots.hu: 未知的投票 "yes"',
        ),
        (with_item(vote={"method": "named_ballot", "ballots": ["hu"]}), "items[0].vote.ballots: 应为对象"),
    ],
)
def test_refusals_name_the_field(data, expected):
    assert expected in refusal(data)


def test_duplicate_member_id():
    data = record()
    data["members"].append({"id": "qiu", "name": "另一个邱", "roles": []})
    assert refusal(data).startswith('members[7].id: 成员编号 "qiu" 重复')


def test_unknown_role():
    data = record()
    data["members"][0]["roles"] = ["mayor"]
    assert refusal(data).startswith('members[0].roles[0]: 未知的职务 "mayor"')


def test_absent_member_cannot_vote_speak_or_chair():
    data = set_absent(record(), "hu")
    data["items"][0]["vote"] = {"method": "named_ballot", "ballots": {"hu": "for"}}
    assert refusal(data).startswith('items[0].vote.ballots.hu: 成员 "hu" 缺席')
    data = set_absent(record(items=[item(speakers=["hu"])]), "hu")
    assert refusal(data).startswith('items[0].speakers[0]: 成员 "hu" 缺席')
    assert refusal(set_absent(record(), "yang")).startswith("chair: ")


def test_written_opinion_of_absent_member_is_accepted():
    data = set_absent(record(items=[item(written_opinions=[{"member": "hu", "position": "defer"}])]), "hu")
    assert parse_meeting(data).items[0].written_opinions[0].position == "defer"


def test_record_error_keeps_path_and_message():
    error = RecordError("items[0].vote.ballots.hu", '未知成员 "hu"')
    assert str(error) == 'items[0].vote.ballots.hu: 未知成员 "hu"'
    assert (error.field_path, error.message) == ("items[0].vote.ballots.hu", '未知成员 "hu"')
