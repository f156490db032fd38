"""The annex's facts of R1 (zhidu.meetings.year_facts) and R7 (zhidu.supervision.year_facts), as
the annual self-report pre-fills them: counted from the records of the person's year, confidential
items counted but never named."""

import datetime

import pytest
import time_machine

from tests.self_reports.helpers import at
from zhidu.meetings.models import AgendaEntry, Attendance, Item, Meeting
from zhidu.rules.year_facts import year_facts
from zhidu.self_reports import services
from zhidu.supervision.models import FeedbackRound, SupervisionItem

pytestmark = pytest.mark.django_db


def meeting(town, people, when, state="closed", title="党委会议"):
    return Meeting.objects.create(
        township=town, body="team", title=title, held_at=when, chair=people["secretary"], state=state
    )


def attend(m, person, status, reason=""):
    return Attendance.objects.create(
        township=m.township, meeting=m, person=person, role="member", status=status, reason=reason
    )


def item(town, people, title, **extra):
    return Item.objects.create(
        township=town, title=title, category="general", owner=people["deputy"],
        proposed_by=people["deputy"], **extra,
    )  # fmt: skip


def test_meetings_attended_missed_and_items_with_their_outcome(town, people):
    deputy = people["deputy"]
    with time_machine.travel(at(2026, 3, 1), tick=False):
        road = item(town, people, "村道维修", state="approved")
        item(town, people, "推荐人选", state="approved", confidential=True)
        item(town, people, "新建公厕", state="proposed")
    first = meeting(town, people, at(2026, 3, 10, 9))
    attend(first, deputy, "present")
    AgendaEntry.objects.create(township=town, meeting=first, item=road, votes_for=5, votes_against=1,
                               votes_abstain=0, vote_method="show_of_hands")  # fmt: skip
    attend(meeting(town, people, at(2026, 5, 6, 9), title="五月党委会议"), deputy, "absent", "赴县开会")
    attend(meeting(town, people, at(2025, 12, 6, 9)), deputy, "absent")  # another year
    attend(meeting(town, people, at(2026, 6, 6, 9), state="draft"), deputy, "unknown")  # not held
    with time_machine.travel(at(2026, 12, 2), tick=False):
        facts = {f.area: f for f in year_facts(deputy, 2026)}
    lines = facts["meetings"].lines
    assert lines[0] == "2026年应出席会议2次，出席1次，缺席1次。"
    assert lines[1] == "缺席：2026年5月6日《五月党委会议》（赴县开会）"
    assert "分管议题3项。其中保密议题1项，不列标题。" in lines
    assert "议题《村道维修》：2026年3月10日会议表决：赞成5票、反对1票、弃权0票" in lines
    assert "议题《新建公厕》：待审批上会" in lines
    assert not any("推荐人选" in line for line in lines)
    assert facts["meetings"].article == "R1"


def _sup(town, people, number, deadline, state, **extra):
    dept = people["clerk"].department
    return SupervisionItem.objects.create(
        township=town, year=2026, number=number, source="superior", matter=f"督办{number}",
        requirements="按期完成", owner_department=dept, owner_person=people["deputy"],
        registered_on=datetime.date(2026, 3, 1), deadline=deadline, state=state,
        registered_by=people["discipline"], **extra,
    )  # fmt: skip


def _accepted(sup, people, submitted):
    FeedbackRound.objects.create(
        township=sup.township, item=sup, number=1, text="已完成", deadline=sup.deadline,
        owner_person=people["deputy"], owner_department=sup.owner_department, submitted_at=submitted,
        submitted_by=people["deputy"], decision="accepted",
    )  # fmt: skip


def test_supervision_items_on_time_late_overdue_and_in_hand(town, people):
    on_time = _sup(town, people, 1, datetime.date(2026, 4, 30), "closed")
    _accepted(on_time, people, at(2026, 4, 28))
    late = _sup(town, people, 2, datetime.date(2026, 5, 30), "accepted")
    _accepted(late, people, at(2026, 6, 5))
    _sup(town, people, 3, datetime.date(2026, 11, 30), "assigned")
    _sup(town, people, 4, datetime.date(2026, 12, 30), "assigned")
    with time_machine.travel(at(2026, 12, 2), tick=False):
        facts = {f.area: f for f in year_facts(people["deputy"], 2026)}
    lines = facts["supervision"].lines
    assert lines[0] == "牵头负责督办事项4项：按期办结1项，逾期办结1项，逾期未办结1项，办理中1项，待交办0项。"
    assert lines[1].endswith("《督办1》：按期办结，已销号")
    assert lines[2].endswith("《督办2》：逾期办结")
    assert lines[3].endswith("《督办3》：已逾期（反馈期限2026年11月30日）")


def test_the_annex_snapshot_is_in_chinese_whatever_the_language(town, people, settings):
    from django.utils import translation

    with translation.override("en"):
        annex = services.fresh_annex(people["deputy"], 2026)
    assert [s["area"] for s in annex[:2]] == ["meetings", "supervision"]
    assert annex[0]["heading"] == "会议出席及分管议题情况" and annex[1]["heading"] == "牵头督办事项办理情况"
    assert annex[0]["text"].startswith("2026年应出席会议0次")
