"""`zhidu.meeting/1` as a format of `zhidu evaluate` (spec: meeting-record.md): the parser, the checks
with the rulebook's defaults and the JSON out. Pure, like everything it imports: the command
registers it without setting Django up (zhidu.cli), the app's ready() through exchange.py."""

from __future__ import annotations

from typing import Any

from zhidu.meetings.checks import TOWNSHIP_DEFAULTS, Evaluation, evaluate
from zhidu.meetings.evaluation_json import to_json
from zhidu.meetings.record import FORMAT, parse_meeting
from zhidu.meetings.record import Meeting as MeetingRecord
from zhidu.rules import formats


def evaluate_with_defaults(record: MeetingRecord, calendar: Any) -> Evaluation:
    """`zhidu evaluate`: a record outside any township is judged by the rulebook's defaults."""
    return evaluate(record, TOWNSHIP_DEFAULTS, calendar)


def register_format() -> None:
    """Teach `zhidu evaluate` the `zhidu.meeting/1` format."""
    formats.register(FORMAT, parse=parse_meeting, evaluate=evaluate_with_defaults, to_json=to_json)
