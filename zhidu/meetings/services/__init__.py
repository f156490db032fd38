"""The entry points of the meetings area: one function per state change. Each checks the actor's
permission (zhidu.core.permissions.require: the MATRIX action and the meeting's township) and the
state, changes the rows in one transaction, bumps the meeting's version, writes the audit entry
(with the request's address, zhidu.core.request_context) and opens the obligations the rules attach.
Nothing is sent from here: reminders of the obligations go out from the sweep, after the commit.
Views, admin, API, commands and the ballots area call these and nothing else."""

from zhidu.meetings.services.attendees import entrust_chair, invite_observer
from zhidu.meetings.services.ballot_results import record_ballot_result, record_void_ballot
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
    leave_reasons,
    request_absence,
    send_notice,
)
from zhidu.meetings.services.corrections import cancel_meeting, edit_meeting, withdraw_item
from zhidu.meetings.services.decisions import (
    must_send_minutes,
    passed_decisions,
    record_emergency_action,
    record_minutes_sent,
    report_emergency_action,
    unreported_emergencies,
)
from zhidu.meetings.services.items import (
    attach_materials,
    decide_item,
    leader_decide_item,
    propose_item,
    proposed_with_key,
    resubmit_item,
)
from zhidu.meetings.services.record import record_attendance, record_entry, record_reserved_opinion

__all__ = [
    "COMPOSITION",
    "Conflicting",
    "add_item",
    "attach_materials",
    "bump",
    "cancel_meeting",
    "close_meeting",
    "confirm_notice",
    "correct_meeting",
    "create_meeting",
    "decide_item",
    "declare_conflict",
    "edit_meeting",
    "entrust_chair",
    "expected_members",
    "invite_observer",
    "latest_notice_day",
    "leader_decide_item",
    "leave_reasons",
    "minutes_texts",
    "must_send_minutes",
    "passed_decisions",
    "next_minutes_number",
    "propose_item",
    "proposed_with_key",
    "record_attendance",
    "record_ballot_result",
    "record_emergency_action",
    "record_entry",
    "record_minutes_sent",
    "record_reserved_opinion",
    "record_void_ballot",
    "report_emergency_action",
    "request_absence",
    "resubmit_item",
    "send_notice",
    "sign_minutes",
    "unreported_emergencies",
    "withdraw_item",
]
