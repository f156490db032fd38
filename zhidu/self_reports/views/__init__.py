"""Pages of R10 annual self-reports: the year's list and a member's report (reports.py), its Word
document (document.py), and the year's report meeting (meeting.py)."""
