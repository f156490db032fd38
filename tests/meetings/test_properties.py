"""Properties: any valid record is judged without crashing into the allowed outcomes, and any
mutation of a valid record either parses or is refused with RecordError (never another error)."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.meetings.factory import FakeCalendar, record
from zhidu.meetings.checks import OUTCOMES, TOWNSHIP_DEFAULTS, evaluate
from zhidu.meetings.record import BODIES, CATEGORIES, CHOICES, METHODS, POSITIONS, RecordError, parse_meeting

IDS = ["m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8"]
START = dt.datetime(2020, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=8)))
OFFSETS = [dt.timezone(dt.timedelta(hours=h)) for h in (8, 0, -5, 14)]


def aware(draw) -> str:
    """An aware moment in 2020–2030, written in one of several UTC offsets."""
    moment = START + dt.timedelta(minutes=draw(st.integers(0, 11 * 365 * 24 * 60)))
    return moment.astimezone(draw(st.sampled_from(OFFSETS))).isoformat()


@st.composite
def valid_records(draw) -> dict[str, Any]:
    members = IDS[: draw(st.integers(1, len(IDS)))]
    present = draw(st.lists(st.sampled_from(members), unique=True))
    absent_ids = [m for m in members if m not in present]
    subset = lambda pool: st.lists(st.sampled_from(pool), unique=True) if pool else st.just([])  # noqa: E731
    items = []
    for index in range(draw(st.integers(0, 4))):
        vote = None
        kind = draw(st.sampled_from(["none", "counts", "ballots"]))
        if kind == "counts":
            vote = {"method": draw(st.sampled_from(list(METHODS)))}
            vote.update({k: draw(st.integers(0, 12)) for k in ("for", "against", "abstain")})
        elif kind == "ballots" and present:
            voters = draw(subset(present))
            vote = {
                "method": "named_ballot",
                "ballots": {m: draw(st.sampled_from(list(CHOICES))) for m in voters},
            }
        entry = {
            "id": f"i{index}",
            "title": f"议题{index}",
            "category": draw(st.sampled_from(list(CATEGORIES))),
            "owner": draw(st.sampled_from(members)),
            "approved": draw(st.booleans()),
            "evaluation_report": draw(st.booleans()),
            "speakers": draw(st.lists(st.sampled_from(present), max_size=8)) if present else [],
            "written_opinions": [
                {"member": m, "position": draw(st.sampled_from(list(POSITIONS)))}
                for m in draw(subset(absent_ids))
            ],
            "conflicts": draw(subset(members)),
            "recused": draw(subset(members)),
            "deferred": draw(st.booleans()),
            "vote": vote,
        }
        if draw(st.booleans()):
            entry["decision"] = draw(st.booleans())
        items.append(entry)
    notice = None
    if draw(st.booleans()):
        notice = {
            "sent_at": aware(draw),
            "channel": draw(st.sampled_from(["written", "phone"])),
            "items": draw(subset([i["id"] for i in items])),
        }
    return {
        "format": "zhidu.meeting/1",
        "body": draw(st.sampled_from(list(BODIES))),
        "held_at": aware(draw),
        "emergency": draw(st.booleans()),
        "members": [{"id": m, "name": f"成员{m}", "roles": ["member"]} for m in members],
        "chair": draw(st.sampled_from(present)) if present else members[0],
        "present": present,
        "absent": [{"member": m, "reason": draw(st.sampled_from(["", "请假"]))} for m in absent_ids],
        "notice": notice,
        "items": items,
    }


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(valid_records(), st.booleans())
def test_valid_records_are_judged_into_allowed_outcomes(data, provisional):
    try:
        meeting = parse_meeting(data)
    except RecordError as e:
        # Only the chair may make a generated record impossible (nobody present to chair).
        assert e.field_path == "chair" and not data["present"]
        return
    evaluation = evaluate(meeting, TOWNSHIP_DEFAULTS, FakeCalendar(provisional=provisional))
    assert [r.id for r in evaluation.items] == [i["id"] for i in data["items"]]
    for result, item in zip(evaluation.items, meeting.items, strict=True):
        assert result.outcome in OUTCOMES
        assert (result.for_ is None) == (result.needed is None) == (item.vote is None)
        if not evaluation.quorum.met:
            assert result.outcome == "invalid"
        for finding in result.findings:
            assert finding.severity in {"invalid", "violation", "advice"} and finding.message
    for obligation in evaluation.obligations:
        assert obligation.code in {"publish", "re-deliberate", "report-emergency"}
        assert (obligation.due is None) == (obligation.code != "publish")


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-3, 30)
    | st.floats(allow_nan=False)
    | st.text(max_size=8)
    | st.sampled_from(
        ["yang", "hu", "zhao", "i1", "for", "named_ballot", "personnel", "2026-03-10T09:00:00"]
    ),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=6,
)


def paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found += paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += paths(child, (*prefix, index))
    return found


@st.composite
def mutated_records(draw) -> Any:
    data = copy.deepcopy(record())
    data["absent"] = [{"member": "xu", "reason": "请假"}]
    data["present"].remove("xu")
    data["items"][0]["vote"] = {"method": "named_ballot", "ballots": {"yang": "for", "hu": "against"}}
    data["items"][0]["written_opinions"] = [{"member": "xu", "position": "for"}]
    for _ in range(draw(st.integers(1, 3))):
        target = draw(st.sampled_from(paths(data)))
        if not target:
            data = draw(JSON_VALUES)
            continue
        parent = data
        for step in target[:-1]:
            parent = parent[step]
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "delete":
            del parent[target[-1]]
        elif action == "add" and isinstance(parent, dict):
            parent[draw(st.text(max_size=6))] = draw(JSON_VALUES)
        else:
            parent[target[-1]] = draw(JSON_VALUES)
        if not isinstance(data, (dict, list)):
            break
    return data


@settings(max_examples=500, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_records())
def test_mutations_parse_or_raise_record_error(data):
    try:
        meeting = parse_meeting(data)
    except RecordError as e:
        assert "\n" not in str(e)
        return
    evaluation = evaluate(meeting, TOWNSHIP_DEFAULTS, FakeCalendar())
    assert all(r.outcome in OUTCOMES for r in evaluation.items)
