from zhidu.periodic_reports.views.committee import (
    branch_check,
    branch_detail,
    branch_report,
    committee,
    member_edit,
    roster,
)
from zhidu.periodic_reports.views.reports import check, index, record, report

__all__ = [
    "branch_check",
    "branch_detail",
    "branch_report",
    "check",
    "committee",
    "index",
    "member_edit",
    "record",
    "report",
    "roster",
]
