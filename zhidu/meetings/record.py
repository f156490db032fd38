"""A recorded meeting (`zhidu.meeting/1`, ../shared/spec/meeting-record.md) as plain frozen dataclasses,
and `parse_meeting`, its strict parser.

The parser is the only gate between a JSON document (an archive export, an auditor's file, the live
meeting form) and the checks: whatever it returns is internally consistent (every member id is a
member, present + absent is exactly the members, every datetime is aware), so the checks never have
to defend against an impossible record. Anything else raises `RecordError` naming the field path.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from zhidu.meetings import terms
from zhidu.meetings.terms import IMPORTANT_CATEGORIES, ChineseLabels
from zhidu.rules.formats import InvalidRecord, json_type

# The working-day calendar covers these years only; a meeting outside them cannot be judged.
from zhidu.workdays.arithmetic import MAX_YEAR, MIN_YEAR

FORMAT = "zhidu.meeting/1"

# Vocabulary of the format: the values and labels of the models' TextChoices (vocabulary.py), with
# the Chinese a user reads in messages; taken from terms.py, which loads no Django (zhidu evaluate).
BODIES = ChineseLabels(terms.BODY)
ROLES = {
    "secretary": "党委书记",
    "deputy_secretary": "党委副书记",
    "organization_member": "组织委员",
    "discipline_secretary": "纪委书记",
    "member": "班子成员",
}
CATEGORIES = ChineseLabels(terms.CATEGORY)
METHODS = ChineseLabels(terms.VOTE_METHOD)
CHANNELS = ChineseLabels(terms.NOTICE_CHANNEL)
POSITIONS = ChineseLabels(terms.OPINION_POSITION)
CHOICES = ChineseLabels(terms.BALLOT_CHOICE)


class RecordError(InvalidRecord):
    """The record is not a valid `zhidu.meeting/1` document. `str()` is one Chinese line that starts with
    the field path, e.g. `items[0].vote.ballots.hu: 未知成员 "hu"`."""


@dataclass(frozen=True)
class Member:
    id: str
    name: str
    roles: tuple[str, ...]


@dataclass(frozen=True)
class Observer:
    """列席 (R2): attends without a vote; not a member, so never in the quorum, never voting, but may
    own (report on) an item. The optional `observers` field of the format, added by this project
    (the spec allows added fields): a record without it reads as before."""

    id: str
    name: str


@dataclass(frozen=True)
class Absence:
    member: str
    reason: str

    @property
    def has_reason(self) -> bool:
        # The spec: "an absence with an empty reason has none"; blanks are empty too.
        return bool(self.reason.strip())


@dataclass(frozen=True)
class Notice:
    sent_at: datetime
    channel: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class WrittenOpinion:
    member: str
    position: str


@dataclass(frozen=True)
class Ballot:
    member: str
    choice: str


@dataclass(frozen=True)
class Vote:
    """A vote as recorded: counts, or (named ballot only) one ballot per member. For ballots the counts
    are their raw totals; `tally` leaves out the ballots that must not count (recused members)."""

    method: str
    for_: int
    against: int
    abstain: int
    ballots: tuple[Ballot, ...] | None = None

    def tally(self, excluded: Iterable[str] = ()) -> tuple[int, int, int]:
        """(for, against, abstain), without the ballots of `excluded` members. Bare counts cannot tell who
        voted, so they are returned as recorded."""
        if self.ballots is None:
            return self.for_, self.against, self.abstain
        skip = set(excluded)
        counted = [b.choice for b in self.ballots if b.member not in skip]
        return counted.count("for"), counted.count("against"), counted.count("abstain")


@dataclass(frozen=True)
class Item:
    id: str
    title: str
    category: str
    owner: str
    approved: bool
    evaluation_report: bool
    speakers: tuple[str, ...]
    written_opinions: tuple[WrittenOpinion, ...]
    conflicts: tuple[str, ...]
    recused: tuple[str, ...]
    decision: bool
    deferred: bool
    vote: Vote | None

    @property
    def important(self) -> bool:
        return self.category in IMPORTANT_CATEGORIES


@dataclass(frozen=True)
class Meeting:
    body: str
    held_at: datetime
    emergency: bool
    members: tuple[Member, ...]
    chair: str
    present: tuple[str, ...]
    absent: tuple[Absence, ...]
    notice: Notice | None
    items: tuple[Item, ...]
    observers: tuple[Observer, ...] = ()

    def name(self, member_id: str) -> str:
        """The member's (or observer's) name for messages (the id when the name is blank)."""
        people: tuple[Member | Observer, ...] = (*self.members, *self.observers)
        for member in people:
            if member.id == member_id:
                return member.name or member_id
        return member_id

    @property
    def observer_ids(self) -> frozenset[str]:
        return frozenset(o.id for o in self.observers)


# ---------------------------------------------------------------------------------------------------
# Parsing


def parse_meeting(data: Any) -> Meeting:
    """Validate a decoded `zhidu.meeting/1` document and return the Meeting, or raise RecordError."""
    top = _object(data, "", required=_MEETING_KEYS, optional=("observers",))
    if top["format"] != FORMAT:
        raise RecordError("format", f"应为 {FORMAT!r}，实际为 {_show(top['format'])}")
    body = _enum(top["body"], "body", BODIES, "会议类型")
    held_at = _datetime(top["held_at"], "held_at")
    emergency = _bool(top["emergency"], "emergency")
    members = _members(top["members"])
    ids = frozenset(m.id for m in members)
    present = _member_ids(top["present"], "present", ids)
    absent = _absences(top["absent"], ids)
    _check_attendance(members, present, absent)
    chair = _member_ref(top["chair"], "chair", ids)
    absent_ids = frozenset(a.member for a in absent)
    if chair in absent_ids:
        raise RecordError("chair", f'主持人 "{chair}" 列为缺席，缺席成员不能主持会议')
    notice = None if top["notice"] is None else _notice(top["notice"])
    observers = _observers(top.get("observers", []), ids)
    # An item may be owned by an observer (R2: a department head reporting on it); nothing else
    # of an item may name one: observers do not speak in the order, vote or recuse as members.
    owners = ids | frozenset(o.id for o in observers)
    items = _items(top["items"], body, ids, absent_ids, owners)
    if notice is not None:
        item_ids = {item.id for item in items}
        for index, item_id in enumerate(notice.items):
            if item_id not in item_ids:
                raise RecordError(f"notice.items[{index}]", f'未知议题 "{item_id}"')
    return Meeting(
        body=body,
        held_at=held_at,
        emergency=emergency,
        members=members,
        chair=chair,
        present=present,
        absent=absent,
        notice=notice,
        items=items,
        observers=observers,
    )


_MEETING_KEYS = (
    "format",
    "body",
    "held_at",
    "emergency",
    "members",
    "chair",
    "present",
    "absent",
    "notice",
    "items",
)
_ITEM_KEYS = (
    "id",
    "title",
    "category",
    "owner",
    "approved",
    "evaluation_report",
    "speakers",
    "written_opinions",
    "conflicts",
    "recused",
    "deferred",
    "vote",
)
_COUNT_KEYS = ("for", "against", "abstain")


def _members(value: Any) -> tuple[Member, ...]:
    members = []
    seen: set[str] = set()
    for index, raw in enumerate(_list(value, "members")):
        path = f"members[{index}]"
        obj = _object(raw, path, required=("id", "name", "roles"), optional=())
        member_id = _str(obj["id"], f"{path}.id")
        if member_id in seen:
            raise RecordError(f"{path}.id", f'成员编号 "{member_id}" 重复')
        seen.add(member_id)
        roles = _list(obj["roles"], f"{path}.roles")
        members.append(
            Member(
                id=member_id,
                name=_str(obj["name"], f"{path}.name", allow_empty=True),
                roles=_unique(
                    [_enum(r, f"{path}.roles[{i}]", ROLES, "职务") for i, r in enumerate(roles)],
                    f"{path}.roles",
                    "职务",
                ),
            )
        )
    if not members:
        raise RecordError("members", "应到会成员不能为空")
    return tuple(members)


def _observers(value: Any, ids: frozenset[str]) -> tuple[Observer, ...]:
    observers = []
    seen: set[str] = set()
    for index, raw in enumerate(_list(value, "observers")):
        path = f"observers[{index}]"
        obj = _object(raw, path, required=("id", "name"), optional=())
        observer_id = _str(obj["id"], f"{path}.id")
        if observer_id in ids:
            raise RecordError(f"{path}.id", f'"{observer_id}" 已是应到会成员，不能同时列为列席人员')
        if observer_id in seen:
            raise RecordError(f"{path}.id", f'列席人员编号 "{observer_id}" 重复')
        seen.add(observer_id)
        observers.append(Observer(id=observer_id, name=_str(obj["name"], f"{path}.name", allow_empty=True)))
    return tuple(observers)


def _absences(value: Any, ids: frozenset[str]) -> tuple[Absence, ...]:
    absences = []
    for index, raw in enumerate(_list(value, "absent")):
        path = f"absent[{index}]"
        obj = _object(raw, path, required=("member", "reason"), optional=())
        absences.append(
            Absence(
                member=_member_ref(obj["member"], f"{path}.member", ids),
                reason=_str(obj["reason"], f"{path}.reason", allow_empty=True),
            )
        )
    _unique([a.member for a in absences], "absent", "缺席成员")
    return tuple(absences)


def _check_attendance(
    members: tuple[Member, ...], present: tuple[str, ...], absent: tuple[Absence, ...]
) -> None:
    # The spec: present + absent must together be exactly the members (the quorum's denominator).
    present_set = set(present)
    for index, absence in enumerate(absent):
        if absence.member in present_set:
            raise RecordError(f"absent[{index}].member", f'成员 "{absence.member}" 同时列为到会和缺席')
    listed = present_set | {a.member for a in absent}
    for member in members:
        if member.id not in listed:
            raise RecordError("present", f'成员 "{member.id}" 既不在 present 也不在 absent 中')


def _notice(value: Any) -> Notice:
    obj = _object(value, "notice", required=("sent_at", "channel", "items"), optional=())
    items = _list(obj["items"], "notice.items")
    return Notice(
        sent_at=_datetime(obj["sent_at"], "notice.sent_at"),
        channel=_enum(obj["channel"], "notice.channel", CHANNELS, "通知方式"),
        items=_unique([_str(v, f"notice.items[{i}]") for i, v in enumerate(items)], "notice.items", "议题"),
    )


def _items(
    value: Any, body: str, ids: frozenset[str], absent_ids: frozenset[str], owners: frozenset[str]
) -> tuple[Item, ...]:
    items = []
    seen: set[str] = set()
    for index, raw in enumerate(_list(value, "items")):
        item = _item(raw, f"items[{index}]", body, ids, absent_ids, owners)
        if item.id in seen:
            raise RecordError(f"items[{index}].id", f'议题编号 "{item.id}" 重复')
        seen.add(item.id)
        items.append(item)
    return tuple(items)


def _item(
    value: Any, path: str, body: str, ids: frozenset[str], absent_ids: frozenset[str], owners: frozenset[str]
) -> Item:
    obj = _object(value, path, required=_ITEM_KEYS, optional=("decision",))
    speakers = _member_ids(obj["speakers"], f"{path}.speakers", ids, unique=False)
    for index, speaker in enumerate(speakers):
        if speaker in absent_ids:
            raise RecordError(f"{path}.speakers[{index}]", f'成员 "{speaker}" 缺席，不能列为发言人')
    opinions = []
    for index, raw in enumerate(_list(obj["written_opinions"], f"{path}.written_opinions")):
        opath = f"{path}.written_opinions[{index}]"
        oobj = _object(raw, opath, required=("member", "position"), optional=())
        member = _member_ref(oobj["member"], f"{opath}.member", ids)
        if member not in absent_ids:
            # R1§7(3): written opinions are those of absent members; a present member votes.
            raise RecordError(f"{opath}.member", f'成员 "{member}" 已到会，书面意见只能来自缺席成员')
        opinions.append(
            WrittenOpinion(member, _enum(oobj["position"], f"{opath}.position", POSITIONS, "书面意见"))
        )
    _unique([o.member for o in opinions], f"{path}.written_opinions", "书面意见的成员")
    # The spec: `decision` defaults to true at a team meeting, false at the bodies that only prepare.
    decision = obj.get("decision", body == "team")
    return Item(
        id=_str(obj["id"], f"{path}.id"),
        title=_str(obj["title"], f"{path}.title", allow_empty=True),
        category=_enum(obj["category"], f"{path}.category", CATEGORIES, "议题类别"),
        owner=_member_ref(obj["owner"], f"{path}.owner", owners),
        approved=_bool(obj["approved"], f"{path}.approved"),
        evaluation_report=_bool(obj["evaluation_report"], f"{path}.evaluation_report"),
        speakers=speakers,
        written_opinions=tuple(opinions),
        conflicts=_member_ids(obj["conflicts"], f"{path}.conflicts", ids),
        recused=_member_ids(obj["recused"], f"{path}.recused", ids),
        decision=_bool(decision, f"{path}.decision"),
        deferred=_bool(obj["deferred"], f"{path}.deferred"),
        vote=None if obj["vote"] is None else _vote(obj["vote"], f"{path}.vote", ids, absent_ids),
    )


def _vote(value: Any, path: str, ids: frozenset[str], absent_ids: frozenset[str]) -> Vote:
    obj = _object(value, path, required=("method",), optional=("ballots", *_COUNT_KEYS))
    method = _enum(obj["method"], f"{path}.method", METHODS, "表决方式")
    has_counts = any(key in obj for key in _COUNT_KEYS)
    if "ballots" in obj:
        if method != "named_ballot":
            raise RecordError(
                f"{path}.ballots", f"只有记名投票（named_ballot）才能逐人记票，本表决方式为 {method}"
            )
        if has_counts:
            raise RecordError(path, "不能同时给出 ballots 和 for/against/abstain 票数")
        return _named_ballots(obj["ballots"], f"{path}.ballots", method, ids, absent_ids)
    for key in _COUNT_KEYS:
        if key not in obj:
            raise RecordError(
                f"{path}.{key}",
                "缺少字段（表决须给出 for、against、abstain 三项票数，记名投票也可给出 ballots）",
            )
    for_, against, abstain = (_count(obj[key], f"{path}.{key}") for key in _COUNT_KEYS)
    return Vote(method, for_, against, abstain)


def _named_ballots(
    value: Any, path: str, method: str, ids: frozenset[str], absent_ids: frozenset[str]
) -> Vote:
    if not isinstance(value, dict):
        raise RecordError(path, f"应为对象（成员编号 → for/against/abstain），实际为{json_type(value)}")
    ballots = []
    for member, choice in value.items():
        bpath = f"{path}.{member}"
        _member_ref(member, bpath, ids)
        if member in absent_ids:
            # R1§7(5): absent members do not vote (their written opinions are not votes).
            raise RecordError(bpath, f'成员 "{member}" 缺席，不能投票')
        ballots.append(Ballot(member, _enum(choice, bpath, CHOICES, "投票")))
    counted = [b.choice for b in ballots]
    return Vote(
        method,
        counted.count("for"),
        counted.count("against"),
        counted.count("abstain"),
        ballots=tuple(ballots),
    )


# ---------------------------------------------------------------------------------------------------
# Field readers: each returns the value or raises RecordError naming the path.


def _show(value: Any) -> str:
    # A string as JSON writes it: a newline in the value must not break the one line of the message.
    text = json.dumps(value, ensure_ascii=False) if isinstance(value, str) else json_type(value).strip()
    return text if len(text) <= 60 else text[:57] + "…"


def _object(value: Any, path: str, *, required: Iterable[str], optional: Iterable[str]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise RecordError(path, f"应为对象，实际为{json_type(value)}")
    required = tuple(required)
    for key in required:
        if key not in value:
            raise RecordError(_join(path, key), "缺少字段")
    known = set(required) | set(optional)
    for key in value:
        if key not in known:
            # Strict on purpose: a misspelt optional field (e.g. "decison") must not silently default.
            raise RecordError(_join(path, str(key)), "未知字段")
    return value


def _join(path: str, key: str) -> str:
    if not key.isidentifier():
        # An odd key (spaces, a newline) is quoted, so the error stays one readable line.
        return f"{path}[{json.dumps(key, ensure_ascii=True)}]"
    return f"{path}.{key}" if path else key


def _list(value: Any, path: str) -> list[Any]:
    if not isinstance(value, list):
        raise RecordError(path, f"应为数组，实际为{json_type(value)}")
    return value


def _str(value: Any, path: str, *, allow_empty: bool = False) -> str:
    if not isinstance(value, str):
        raise RecordError(path, f"应为字符串，实际为{json_type(value)}")
    if not allow_empty and not value.strip():
        raise RecordError(path, "不能为空")
    return value


def _bool(value: Any, path: str) -> bool:
    if not isinstance(value, bool):
        raise RecordError(path, f"应为 true 或 false，实际为{json_type(value)}")
    return value


def _count(value: Any, path: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise RecordError(path, f"应为非负整数，实际为{json_type(value)}")
    if value < 0:
        raise RecordError(path, f"票数不能为负数（{value}）")
    return value


def _enum(value: Any, path: str, allowed: Mapping[str, str], what: str) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise RecordError(path, f"未知的{what} {_show(value)}（应为 {'、'.join(allowed)} 之一）")
    return value


def _member_ref(value: Any, path: str, ids: frozenset[str]) -> str:
    if not isinstance(value, str):
        raise RecordError(path, f"应为成员编号（字符串），实际为{json_type(value)}")
    if value not in ids:
        raise RecordError(path, f'未知成员 "{value}"')
    return value


def _member_ids(value: Any, path: str, ids: frozenset[str], *, unique: bool = True) -> tuple[str, ...]:
    refs = [_member_ref(v, f"{path}[{i}]", ids) for i, v in enumerate(_list(value, path))]
    return _unique(refs, path, "成员") if unique else tuple(refs)


def _unique(values: list[str], path: str, what: str) -> tuple[str, ...]:
    seen: set[str] = set()
    for index, value in enumerate(values):
        if value in seen:
            raise RecordError(f"{path}[{index}]", f'{what} "{value}" 重复')
        seen.add(value)
    return tuple(values)


def _datetime(value: Any, path: str) -> datetime:
    if not isinstance(value, str):
        raise RecordError(path, f"应为带时区的 ISO 8601 时间字符串，实际为{json_type(value)}")
    text = value.strip()
    # Python 3.10's fromisoformat does not read a trailing "Z"; it means UTC.
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise RecordError(path, f"不是带时区的 ISO 8601 时间：{_show(value)}") from None
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        raise RecordError(path, f"不是带时区的 ISO 8601 时间（缺少时区，如 +08:00）：{_show(value)}")
    if not MIN_YEAR <= parsed.year <= MAX_YEAR:
        raise RecordError(path, f"年份 {parsed.year} 超出支持的范围（{MIN_YEAR}–{MAX_YEAR} 年）")
    return parsed
