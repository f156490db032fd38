"""The entry points of the meetings area: one function per state change. Each checks the state,
changes the rows in one transaction, writes the audit entry and opens the obligations the rules
attach. Views, admin, API and commands call these and nothing else."""

from zhidu.meetings.services.closing import (
    close_meeting,
    correct_meeting,
    minutes_texts,
    next_minutes_number,
    sign_minutes,
)
from zhidu.meetings.services.common import Conflicting, bump
from zhidu.meetings.services.convene import (
    COMPOSITION,
    add_item,
    confirm_notice,
    create_meeting,
    declare_conflict,
    expected_members,
    latest_notice_day,
    request_absence,
    send_notice,
)
from zhidu.meetings.services.items import attach_materials, decide_item, propose_item
from zhidu.meetings.services.record import record_attendance, record_entry, record_reserved_opinion

__all__ = [
    "COMPOSITION",
    "Conflicting",
    "add_item",
    "attach_materials",
    "bump",
    "close_meeting",
    "confirm_notice",
    "correct_meeting",
    "create_meeting",
    "decide_item",
    "declare_conflict",
    "expected_members",
    "latest_notice_day",
    "minutes_texts",
    "next_minutes_number",
    "propose_item",
    "record_attendance",
    "record_entry",
    "record_reserved_opinion",
    "request_absence",
    "send_notice",
    "sign_minutes",
]
