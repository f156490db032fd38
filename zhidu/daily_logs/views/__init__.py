"""The pages of R18 daily work logs: a member's phone form (member.py), the party office's board and
entry of SMS/WeChat reports (office.py), a member's week, weekly review and export (week.py)."""
