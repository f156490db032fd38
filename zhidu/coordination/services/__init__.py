"""The R14 entry points, one per state change (leave, the Friday briefing, matter reports)."""

from zhidu.coordination.services.briefing import (
    Conflicting,
    EntryInput,
    close,
    open_week,
    prepare,
    prepare_week,
    save,
)
from zhidu.coordination.services.common import principals
from zhidu.coordination.services.leave import acknowledge, cancel_leave, expected_acknowledgers, report_leave
from zhidu.coordination.services.matters import may_read, reply, submit

__all__ = [
    "Conflicting",
    "EntryInput",
    "acknowledge",
    "cancel_leave",
    "close",
    "expected_acknowledgers",
    "may_read",
    "open_week",
    "prepare",
    "prepare_week",
    "principals",
    "reply",
    "report_leave",
    "save",
    "submit",
]
