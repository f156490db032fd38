"""Small builders for ballot tests: a team meeting with N present members and a personnel item."""

from __future__ import annotations

import datetime
import itertools
from zoneinfo import ZoneInfo

from tests import factories
from tests.meetings.meeting_factory import clerk_user
from zhidu.ballots import services
from zhidu.core.permissions import MATRIX, Role
from zhidu.meetings import services as meetings

R = Role
SH = ZoneInfo("Asia/Shanghai")
_seq = itertools.count(1)

# The ballot rows of the permission matrix.
PERMISSIONS = {k: v for k, v in MATRIX.items() if k.startswith(("ballots.", "assessments."))}
assert len(PERMISSIONS) == 7

HELD_AT = datetime.datetime(2026, 6, 18, 15, 0, tzinfo=SH)


def team(town, size: int, prefix: str = "m"):
    """`size` team members (the first is the secretary) and a party-office clerk."""
    n = next(_seq)
    members = [
        factories.person(
            town,
            f"成员{n}-{i}",
            username=f"{prefix}{n}x{i}",
            team_role="secretary" if i == 0 else "member",
            principal=i == 0,
        )
        for i in range(size)
    ]
    clerk = factories.person(town, f"党办{n}", username=f"clerk{n}", dept_kind="party_office")
    return members, clerk


def personnel_entry(town, members, clerk, *, present=None):
    """A team meeting with one personnel item; `present` members (default all) present."""
    item = meetings.propose_item(
        township=town,
        proposer=members[0],
        title=f"推荐干部人选{next(_seq)}",
        category="personnel",
        owner=members[0],
    )
    meetings.decide_item(item, by=members[0], approve=True)
    meeting = meetings.create_meeting(
        township=town,
        body="team",
        title="党委会议",
        held_at=HELD_AT,
        chair=members[0],
        recorder=clerk,
        items=[item],
        user=clerk_user(town),
    )
    present = members if present is None else present
    here = {p.pk for p in present}
    statuses = {
        a.person_id: (("present", "") if a.person_id in here else ("absent", "出差"))
        for a in meeting.attendance.all()
    }
    meetings.record_attendance(meeting, version=meeting.version, statuses=statuses, user=clerk_user(meeting))
    return meeting.entries.get()


def open_box(entry, codes=None, **kwargs):
    """An electronic box with its printed codes."""
    present = entry.meeting.attendance.filter(status="present").count()
    box = services.create_box(
        entry, method="electronic", codes=codes or present, **kwargs, user=clerk_user(entry)
    )
    return box, services.issue_codes(box, user=clerk_user(box))
