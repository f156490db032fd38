"""The entry points of the ballots area (R1§7(4), R10): one function per state change. Each checks
the actor's permission (zhidu.core.permissions.require) and the state, changes the rows in one
transaction and writes the audit entry; a result reaches the meeting through the meetings entry
point. None of them ever receives or records who cast a ballot: `cast` takes no actor, the one-time
code is its credential. Views, admin and commands call these and nothing else."""

from zhidu.ballots.services.assessment import (
    RESULT_THRESHOLD,
    assessment_results,
    create_assessment,
)
from zhidu.ballots.services.boxes import create_box, issue_codes, void_box
from zhidu.ballots.services.casting import CastResult, cast
from zhidu.ballots.services.closing import close_box, published_lines, verify
from zhidu.ballots.services.paper import confirm_paper_count, enter_paper_count

__all__ = [
    "RESULT_THRESHOLD",
    "CastResult",
    "assessment_results",
    "cast",
    "close_box",
    "confirm_paper_count",
    "create_assessment",
    "create_box",
    "enter_paper_count",
    "issue_codes",
    "published_lines",
    "verify",
    "void_box",
]
