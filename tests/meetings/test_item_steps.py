"""R4 议题 collection: a department's proposal goes to its leader in charge before the party office
collates it; the principal approves or returns it with a reason; the proposer revises and
resubmits. Each step is the next person's duty in 我的待办, linked to the item. R1§9 and R4: the
chair signs the minutes, and a decision needing the superior's approval or filing opens that duty."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.meetings.meeting_factory import clerk_user, meeting
from zhidu.meetings import services
from zhidu.meetings.checks import needs_leader_approval
from zhidu.meetings.models import Item
from zhidu.obligations.models import Obligation
from zhidu.org.models import Department

pytestmark = pytest.mark.django_db
State = Item.State


def duties(kind):
    return list(Obligation.objects.filter(kind=kind).order_by("id"))


def department_proposal(town, people, **kw):
    return services.propose_item(
        township=town,
        proposer=people["clerk"],
        title="更换镇机关办公设备",
        category="general",
        owner=people["deputy"],
        department=Department.objects.get(township=town, kind="party_office"),
        **kw,
    )


def test_only_a_department_proposal_waits_for_its_leader():
    assert needs_leader_approval(from_department=True, proposer_on_team=False, proposer_is_owner=False)
    assert not needs_leader_approval(from_department=False, proposer_on_team=False, proposer_is_owner=False)
    assert not needs_leader_approval(from_department=True, proposer_on_team=True, proposer_is_owner=False)
    assert not needs_leader_approval(from_department=True, proposer_on_team=False, proposer_is_owner=True)


def test_the_whole_round_with_a_return_and_a_resubmission(town, people):
    item = department_proposal(town, people)
    assert item.state == State.AWAITING_LEADER
    (leader_duty,) = duties("item-leader")
    assert leader_duty.assignee == people["deputy"] and leader_duty.source_id == str(item.pk)
    # The principal cannot approve before the leader in charge did.
    assert not services.decide_item(item, by=people["secretary"], approve=True)
    assert services.leader_decide_item(item, by=people["deputy"], approve=True)
    assert item.state == State.PROPOSED and item.leader_approved_at is not None
    leader_duty.refresh_from_db()
    assert leader_duty.state == Obligation.State.DONE
    (approve_duty,) = duties("item-approve")
    assert approve_duty.assignee == people["secretary"]
    assert services.decide_item(item, by=people["secretary"], approve=False, note="请补充采购预算")
    assert item.state == State.RETURNED and item.decision_note == "请补充采购预算"
    (revise,) = duties("item-revise")
    assert revise.assignee == people["clerk"]
    assert services.resubmit_item(
        item, by=people["clerk"], title="更换镇机关办公设备（附预算）", description="预算四万元"
    )
    # Back to the principal who returned it; the leader's approval stands.
    assert (item.state, item.resubmitted, item.decision_note) == (State.PROPOSED, 1, "")
    assert item.leader_approved_at is not None
    revise.refresh_from_db()
    assert revise.state == Obligation.State.DONE
    assert len(duties("item-approve")) == 2  # a new round, a new duty
    assert len(duties("item-leader")) == 1
    assert services.decide_item(item, by=people["secretary"], approve=True)
    assert item.state == State.APPROVED and item.title == "更换镇机关办公设备（附预算）"
    assert all(d.state == Obligation.State.DONE for d in Obligation.objects.filter(kind__startswith="item-"))
    actions = list(item_audit(item).values_list("action", flat=True))
    assert actions == [
        "item.propose", "item.leader_approve", "item.return", "item.resubmit", "item.approve",
    ]  # fmt: skip


def item_audit(item):
    from zhidu.core.models import AuditEntry

    return AuditEntry.objects.filter(target_id=str(item.pk), action__startswith="item.").order_by("id")


def test_the_leader_returns_with_a_reason_and_only_the_leader_decides(town, people):
    item = department_proposal(town, people)
    with pytest.raises(PermissionDenied):
        services.leader_decide_item(item, by=people["secretary"], approve=True, user=people["deputy"].user)
    with pytest.raises(ValidationError, match=r"须由其分管领导邱副书记审核.*R4"):
        services.leader_decide_item(item, by=people["secretary"], approve=True)
    with pytest.raises(ValidationError, match=r"退回议题须说明理由.*R4"):
        services.leader_decide_item(item, by=people["deputy"], approve=False)
    assert services.leader_decide_item(item, by=people["deputy"], approve=False, note="与年度计划重复")
    assert item.state == State.RETURNED and item.decided_by == people["deputy"]
    assert not services.leader_decide_item(item, by=people["deputy"], approve=True)
    # Returned by the leader: the revision goes back to the leader.
    services.resubmit_item(item, by=people["clerk"], title=item.title, description="已调整")
    assert item.state == State.AWAITING_LEADER


def test_only_the_proposer_resubmits(town, people):
    item = department_proposal(town, people)
    services.leader_decide_item(item, by=people["deputy"], approve=False, note="与年度计划重复")
    with pytest.raises(PermissionDenied):
        services.resubmit_item(
            item, by=people["deputy"], title="x", description="", user=people["clerk"].user
        )
    with pytest.raises(ValidationError, match="只有提出人"):
        services.resubmit_item(item, by=people["deputy"], title="x", description="")


def test_a_team_members_proposal_goes_straight_to_the_principal(town, people):
    item = services.propose_item(
        township=town, proposer=people["deputy"], title="调整分工", category="general", owner=people["deputy"]
    )
    assert item.state == State.PROPOSED
    assert [d.assignee for d in duties("item-approve")] == [people["secretary"]]


def test_a_department_proposal_needs_a_team_member_in_charge(town, people):
    office = Department.objects.get(township=town, kind="party_office")
    office.head = people["cadre"]
    office.save()
    with pytest.raises(ValidationError, match=r"须经分管领导同意.*R4"):
        services.propose_item(
            township=town,
            proposer=people["clerk"],
            title="更换设备",
            category="general",
            owner=people["cadre"],
            department=office,
        )


def test_closing_opens_the_signing_and_the_superiors_approval(town):
    from tests.meetings.meeting_factory import team

    members = team(town)
    item = services.propose_item(
        township=town,
        proposer=members["qiu"],
        title="申报省级美丽乡村示范村",
        category="major_decision",
        owner=members["qiu"],
        superior_action="approval",
    )
    services.decide_item(item, by=members["yang"], approve=True)
    m = meeting(town, members, [item])
    services.send_notice(m, version=m.version, user=clerk_user(m))
    m.refresh_from_db()
    present = [k for k in members if k != "clerk"]
    services.record_attendance(
        m, version=m.version, statuses={members[k].pk: ("present", "") for k in present}, user=clerk_user(m)
    )
    m.refresh_from_db()
    entry = m.entries.get()
    services.record_entry(
        entry,
        version=m.version,
        speakers=[members[k].pk for k in ("qiu", "guo", "qu", "hu", "lin", "xu", "yang")],
        recused=set(),
        vote_method="named_ballot",
        counts=None,
        ballots={members[k].pk: "for" for k in present},
        opinions={},
        deferred=False,
        user=clerk_user(m),
    )
    m.refresh_from_db()
    minutes = services.close_meeting(m, version=m.version, user=clerk_user(m))
    (sign,) = duties("sign-minutes")
    (superior,) = duties("superior-approval")
    assert sign.assignee == members["yang"] and superior.assignee == members["qiu"]
    assert superior.title == "报上级审批：申报省级美丽乡村示范村" and superior.article == "R4"
    services.sign_minutes(minutes, by=members["yang"])
    sign.refresh_from_db()
    assert sign.state in (Obligation.State.DONE, Obligation.State.DONE_LATE)
