"""R2 书记办公会: observers (列席) invited as the items need them — not counted, never voting, and
owning items — and the secretary entrusting a deputy secretary to chair; then what the closed
meeting settled goes under supervision in one click (R2§14, R7)."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from docx import Document

from tests import factories
from tests.meetings.meeting_factory import SH, clerk_user, team
from zhidu.meetings import services
from zhidu.meetings.documents import minutes_docx
from zhidu.meetings.exchange import judge, member_id
from zhidu.meetings.models import Observer
from zhidu.meetings.record import RecordError, parse_meeting
from zhidu.obligations.models import Obligation
from zhidu.supervision import services as supervision
from zhidu.supervision.models import Source

pytestmark = pytest.mark.django_db

HELD = datetime.datetime(2026, 6, 18, 15, 0, tzinfo=SH)


@pytest.fixture
def people(town):
    people = team(town)
    office = factories.department(town, "other", "经济发展办公室")
    head = factories.person(town, "王主任", username="wang")
    head.department = office
    head.title = "经发办主任"
    head.save()
    office.head = head
    office.save()
    people["wang"] = head
    people["office"] = office
    return people


def item(town, people, owner, title="研究秋季防火工作安排", category="general"):
    proposed = services.propose_item(
        township=town, proposer=people["qiu"], title=title, category=category, owner=owner
    )
    services.decide_item(proposed, by=people["yang"], approve=True)
    return proposed


def office_meeting(town, people, items):
    return services.create_meeting(
        township=town,
        body="secretary_office",
        title="书记办公会",
        held_at=HELD,
        chair=people["yang"],
        recorder=people["qiu"],
        items=items,
        user=clerk_user(town),
    )


def held(m, people, *keys):
    statuses = {people[k].pk: ("present", "") for k in keys or ("yang", "qiu")}
    services.record_attendance(m, version=m.version, statuses=statuses, user=clerk_user(m))
    m.refresh_from_db()
    return m


# --- observers --------------------------------------------------------------------------------------


def test_an_item_owned_outside_the_body_is_judged_and_closed(town, people):
    """The bug of issue 11: `items[0].owner: 未知成员` made the meeting impossible to judge or close."""
    m = held(office_meeting(town, people, [item(town, people, people["wang"])]), people)
    assert list(m.observers.values_list("person__name", flat=True)) == ["王主任"]
    judged = judge(m)
    assert judged.error is None
    assert judged.record["observers"] == [{"id": member_id(people["wang"].pk), "name": "王主任"}]
    # Not counted: the quorum is the secretary and the deputy; no owner-absent for an observer.
    assert (judged.evaluation.quorum.expected, judged.evaluation.quorum.present) == (2, 2)
    assert not [f for r in judged.evaluation.items for f in r.findings if f.code == "owner-absent"]
    minutes = services.close_meeting(m, version=m.version, user=clerk_user(m))
    assert m.archive.get().record["observers"][0]["name"] == "王主任"
    assert minutes.label.startswith("测党书纪")


def test_a_team_member_outside_the_body_owning_an_item_is_an_observer(town, people):
    m = held(office_meeting(town, people, [item(town, people, people["qu"])]), people)
    assert judge(m).error is None
    assert m.observers.get().person == people["qu"]


def test_the_clerk_invites_observers_but_never_an_expected_member(town, people):
    m = office_meeting(town, people, [])
    services.invite_observer(m, people["hu"], version=m.version, reason="列席汇报", user=clerk_user(m))
    assert Observer.objects.get(meeting=m).reason == "列席汇报"
    with pytest.raises(ValidationError, match=r"应到会成员.*R2"):
        services.invite_observer(m, people["qiu"], version=m.version, user=clerk_user(m))
    with pytest.raises(PermissionDenied):
        services.invite_observer(m, people["lin"], version=m.version, user=people["yang"].user)


def test_the_five_person_group_invites_no_observer(town, people):
    m = services.create_meeting(
        township=town,
        body="five_person_group",
        title="五人小组会",
        held_at=HELD,
        chair=people["qiu"],
        user=clerk_user(town),
    )
    with pytest.raises(ValidationError, match="R3"):
        services.invite_observer(m, people["wang"], version=m.version, user=clerk_user(m))


def test_the_format_reads_observers_and_nothing_else_may_name_them():
    base = {
        "format": "zhidu.meeting/1",
        "body": "secretary_office",
        "held_at": "2026-06-18T15:00:00+08:00",
        "emergency": False,
        "members": [{"id": "yang", "name": "杨栋", "roles": ["secretary"]}],
        "chair": "yang",
        "present": ["yang"],
        "absent": [],
        "notice": None,
        "items": [],
    }
    entry = {
        "id": "i1", "title": "防火", "category": "general", "owner": "wang", "approved": True,
        "evaluation_report": False, "speakers": [], "written_opinions": [], "conflicts": [],
        "recused": [], "deferred": False, "vote": None,
    }  # fmt: skip
    with pytest.raises(RecordError, match="未知成员"):
        parse_meeting({**base, "items": [entry]})
    observers = [{"id": "wang", "name": "王主任"}]
    parsed = parse_meeting({**base, "observers": observers, "items": [entry]})
    assert parsed.items[0].owner == "wang" and parsed.name("wang") == "王主任"
    with pytest.raises(RecordError, match=r"items\[0\]\.speakers\[0\]"):
        parse_meeting({**base, "observers": observers, "items": [{**entry, "speakers": ["wang"]}]})
    with pytest.raises(RecordError, match=r"observers\[0\]\.id"):
        parse_meeting({**base, "observers": [{"id": "yang", "name": "杨栋"}]})


# --- the entrusted chair ------------------------------------------------------------------------------


def test_the_secretary_entrusts_a_deputy_who_chairs(town, people):
    m = office_meeting(town, people, [item(town, people, people["wang"])])
    services.entrust_chair(m, people["qiu"], by=people["yang"], version=m.version)
    m.refresh_from_db()
    assert (m.chair, m.chair_entrusted_by) == (people["qiu"], people["yang"])
    assert m.chair_entrusted_at is not None
    m = held(m, people)
    services.close_meeting(m, version=m.version, user=clerk_user(m))
    m.refresh_from_db()
    text = "\n".join(p.text for p in Document(io.BytesIO(minutes_docx(m))).paragraphs)
    assert "受杨栋同志委托，邱维兴同志" in text and "列席：王主任（经发办主任）" in text


@pytest.mark.parametrize("who", ["hu", "wang"])
def test_only_a_deputy_secretary_may_be_entrusted(town, people, who):
    m = office_meeting(town, people, [])
    with pytest.raises(ValidationError, match=r"只能委托党委副书记.*R2"):
        services.entrust_chair(m, people[who], by=people["yang"], version=m.version)


def test_only_the_secretary_entrusts_and_only_at_a_secretary_office_meeting(town, people):
    m = office_meeting(town, people, [])
    with pytest.raises(PermissionDenied):
        services.entrust_chair(m, people["qiu"], by=people["qiu"], version=m.version)
    team_meeting = services.create_meeting(
        township=town,
        body="team",
        title="党委会议",
        held_at=HELD,
        chair=people["yang"],
        user=clerk_user(town),
    )
    with pytest.raises(ValidationError, match=r"只有书记办公会.*R2"):
        services.entrust_chair(team_meeting, people["qiu"], by=people["yang"], version=team_meeting.version)


def test_the_clerk_cannot_hand_the_chair_to_a_deputy_without_the_entrusting(town, people):
    m = office_meeting(town, people, [])
    with pytest.raises(ValidationError, match=r"须由书记在会议页面委托.*R2"):
        services.record_attendance(
            m, version=m.version, statuses={}, chair_id=people["qiu"].pk, user=clerk_user(m)
        )


# --- what the meeting settled, under supervision in one click ------------------------------------------


def test_a_settled_item_goes_under_supervision_in_one_click(town, people):
    settled = item(town, people, people["wang"])
    m = held(office_meeting(town, people, [settled]), people)
    entry = m.entries.get()
    entry.resolution = "由经发办牵头制定秋季防火方案"
    entry.save()
    services.close_meeting(m, version=m.version, user=clerk_user(m))
    entry.refresh_from_db()
    assert supervision.passed_decision(entry)
    registered = supervision.register_from_decision(entry, by=people["clerk"])
    assert registered.source == Source.SECRETARY_OFFICE
    # R2§14: carried out by the deputy in charge, followed by the party office.
    assert registered.owner_person == people["qiu"] and registered.owner_department == people["office"]
    assert "书记办公会" in registered.basis and registered.requirements == "由经发办牵头制定秋季防火方案"
    assert supervision.register_from_decision(entry, by=people["clerk"]) == registered  # once
    duty = Obligation.objects.get(key=f"supervision-approve:{registered.pk}")
    assert duty.assignee == people["yang"]
    supervision.approve(registered, by=people["yang"])
    duty.refresh_from_db()
    assert duty.state == Obligation.State.DONE


def test_a_deferred_item_is_not_settled(town, people):
    m = held(office_meeting(town, people, [item(town, people, people["wang"])]), people)
    entry = m.entries.get()
    entry.deferred = True
    entry.save()
    services.close_meeting(m, version=m.version, user=clerk_user(m))
    entry.refresh_from_db()
    with pytest.raises(ValidationError):
        supervision.register_from_decision(entry, by=people["clerk"])
