"""The party office's entry points beside the cases (R21): the published reception schedule
(定点接访) and the committee's hearing of the monthly report on receptions. Each checks the
actor's permission, refuses bad input naming the field, writes in one transaction with its audit
entry."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone, translation

from zhidu.core import audit
from zhidu.obligations.services import complete_by_key
from zhidu.org.models import Person, Township
from zhidu.petitions.inputs import acting, checked_day, checked_text, is_leader, refuse
from zhidu.petitions.models import MonthlyReport, ReceptionDay

if TYPE_CHECKING:
    from django.http import HttpRequest

    from zhidu.core.permissions import Actor


def schedule(
    *,
    township: Township,
    day: datetime.date | None,
    starts_at: datetime.time | None,
    ends_at: datetime.time | None,
    place: str,
    leader: Person | None,
    note: str = "",
    by: Person,
    user: Actor | None = None,
    request: HttpRequest | None = None,
) -> ReceptionDay:
    """定点接访: the party office publishes a leader's reception day and place."""
    user = acting(user, by, "petitions.register", township.pk)
    if day is None:
        refuse("day", "接访日期：请填写日期")
    if starts_at is None or ends_at is None:
        refuse("starts_at" if starts_at is None else "ends_at", "接访时间：请填写开始和结束时间")
    if ends_at <= starts_at:
        refuse("ends_at", "结束时间：应晚于开始时间")
    place = checked_text(place, "place", "接访地点", limit=100)
    note = checked_text(note, "note", "备注", required=False, limit=200)
    if leader is None or leader.township_id != township.pk or not is_leader(leader, day):
        refuse("leader", "接访领导：请选择本镇领导班子成员")
    with transaction.atomic():
        row = ReceptionDay.objects.create(
            township=township,
            day=day,
            starts_at=starts_at,
            ends_at=ends_at,
            place=place,
            leader=leader,
            note=note,
        )
        audit.record(user, "petitions.schedule", row, summary=f"定点接访安排：{row}", request=request)
    return row


def hear_report(
    report: MonthlyReport,
    *,
    heard_on: datetime.date | None,
    by: Person,
    user: Actor | None = None,
    request: HttpRequest | None = None,
) -> MonthlyReport:
    """The party office records the day the committee heard the month's report; its duty completes."""
    user = acting(user, by, "petitions.register", report.township_id)
    if report.heard_on is not None:
        refuse("heard_on", "听取日期：已记录")
    heard_on = checked_day(heard_on, "heard_on", "听取日期", today=timezone.localdate())
    if heard_on < report.month:
        refuse("heard_on", "听取日期：不能早于所报告的月份")
    with transaction.atomic():
        report.heard_on, report.recorded_by = heard_on, by
        report.save(update_fields=["heard_on", "recorded_by"])
        complete_by_key(
            report.township, f"petition-monthly-report:{report.month:%Y-%m}", by=user, request=request
        )
        with translation.override("zh-hans"):  # the audit trail is written in Chinese
            summary = f"党委听取{report}"
        audit.record(user, "petitions.hear_report", report, summary=summary, request=request)
    return report
