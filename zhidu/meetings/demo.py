"""Demo meetings for 柞村镇: last week's team meeting, closed with numbered minutes, and next
working days' meeting in preparation, so every persona meets a living record on first log-in.
Each step is done by the persona whose work it is (the clerk, the proposer, the secretary), through
the same entry points and permission checks as the web."""

from __future__ import annotations

import datetime

from django.utils import timezone

from zhidu.meetings import services
from zhidu.workdays.services import get_calendar


def create(township, people: dict, today: datetime.date) -> None:
    cal = get_calendar()
    clerk, secretary, deputy = people["zhangmin"], people["yangdong"], people["qiuweixing"]

    def item(title, category, owner, report=False, approve=True):
        created = services.propose_item(
            township=township,
            proposer=owner,
            title=title,
            category=category,
            owner=owner,
            evaluation_report="items/demo-evaluation-report.pdf" if report else None,
        )
        if approve:
            services.decide_item(created, by=secretary, approve=True)
        return created

    # Last week: a team meeting that decided a road fund and heard a safety briefing.
    past_day = cal.before_workdays(today, 5).date
    held = timezone.make_aware(datetime.datetime.combine(past_day, datetime.time(15, 0)))
    road = item("拨付村级道路维修资金", "large_funds", deputy, report=True)
    brief = item("通报第四季度安全生产情况", "general", people["linping"])
    past = services.create_meeting(
        township=township,
        body="team",
        title=f"{past_day.year}年第{past_day.month}月党委会议",
        held_at=held,
        chair=secretary,
        place="镇政府三楼会议室",
        recorder=clerk,
        items=[road, brief],
        user=clerk.user,
    )
    services.send_notice(past, version=past.version, at=held - datetime.timedelta(days=3), user=clerk.user)
    past.refresh_from_db()
    absent = people["xuwen"]
    team = [a.person for a in past.attendance.select_related("person")]
    services.record_attendance(
        past,
        version=past.version,
        statuses={p.pk: ("absent", "县人武部集训") if p == absent else ("present", "") for p in team},
        user=clerk.user,
    )
    past.refresh_from_db()
    entries = {e.item_id: e for e in past.entries.all()}
    present = [p for p in team if p != absent]
    order = [p.pk for p in present if p != secretary] + [secretary.pk]
    services.record_entry(
        entries[road.pk],
        version=past.version,
        speakers=order,
        recused=set(),
        vote_method="named_ballot",
        counts=None,
        ballots={p.pk: ("against" if p == people["huxinlu"] else "for") for p in present},
        opinions={absent.pk: "for"},
        deferred=False,
        discussion="与会成员认为道路年久失修，应优先安排。",
        resolution="同意拨付村级道路维修资金，由经济发展办公室组织实施。",
        implementer="经济发展办公室（林平）",
        user=clerk.user,
    )
    past.refresh_from_db()
    services.close_meeting(past, version=past.version, user=clerk.user)

    # Coming up: a meeting whose notice is still to be sent.
    next_day = cal.after_workdays(today, 3).date
    upcoming_at = timezone.make_aware(datetime.datetime.combine(next_day, datetime.time(9, 0)))
    plan = item("柞村镇工业园区道路建设项目", "major_project", deputy, report=True)
    services.create_meeting(
        township=township,
        body="team",
        title=f"{next_day.month}月{next_day.day}日党委会议",
        held_at=upcoming_at,
        chair=secretary,
        place="镇政府三楼会议室",
        recorder=clerk,
        items=[plan],
        user=clerk.user,
    )
    # Waiting for the principal: a proposal from a department.
    item("调整社会事务办公室副主任人选", "personnel", people["qujianqiang"], approve=False)
