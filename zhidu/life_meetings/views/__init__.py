"""Pages of the democratic life meeting (R13) and the R1§13 compliance report."""

from zhidu.life_meetings.views.after import (
    approve,
    confirm_measures,
    feedback,
    measure_check,
    measure_detail,
    measure_new,
    postpone,
    postpone_check,
    publish_feedback,
    report,
)
from zhidu.life_meetings.views.compliance import compliance_docx, compliance_page, compliance_present
from zhidu.life_meetings.views.meetings import (
    detail,
    hold,
    index,
    meeting_check,
    meeting_new,
    opinion,
    speech,
)

__all__ = [
    "approve",
    "compliance_docx",
    "compliance_page",
    "compliance_present",
    "confirm_measures",
    "detail",
    "feedback",
    "publish_feedback",
    "hold",
    "index",
    "measure_check",
    "measure_detail",
    "measure_new",
    "meeting_check",
    "meeting_new",
    "opinion",
    "postpone",
    "postpone_check",
    "report",
    "speech",
]
