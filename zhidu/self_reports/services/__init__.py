"""The entry points of R10 annual self-reports: the reports (reports.py) and the year's report
meeting (meeting.py). Views, the generator and the demo call these and nothing else writes the rows."""

from zhidu.self_reports.services.meeting import (
    Attendee,
    add_participant,
    assessment_of,
    attendees,
    participant_findings,
    remove_participant,
    start_assessment,
    year_of,
)
from zhidu.self_reports.services.reports import (
    Conflicting,
    due,
    ensure_report,
    findings,
    fresh_annex,
    may_read,
    may_read_text,
    refresh_annex,
    save_draft,
    start_report,
    submit,
    team_in_year,
)

__all__ = [
    "Attendee",
    "Conflicting",
    "add_participant",
    "assessment_of",
    "attendees",
    "due",
    "ensure_report",
    "findings",
    "fresh_annex",
    "may_read",
    "may_read_text",
    "participant_findings",
    "refresh_annex",
    "remove_participant",
    "save_draft",
    "start_assessment",
    "start_report",
    "submit",
    "team_in_year",
    "year_of",
]
