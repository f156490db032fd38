"""The entry points of personal-matter reports (R8): request, file, flag, and the one audited read.
Each checks the actor's permission first (MATRIX, the township, acting as themselves), then its
input (refusals name the field, in Chinese), changes the rows in one transaction,
writes `zhidu.core.audit.record(...)` and opens or completes the reporting obligation. Audit
summaries never carry the content nor the item: the audit trail is read by more people than R8 allows."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, NoReturn, cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from zhidu.core import audit
from zhidu.core.models import AuditEntry
from zhidu.core.permissions import actor_of, allowed, require, require_person
from zhidu.obligations.deadlines import DeadlineRule, resolve
from zhidu.obligations.models import Obligation
from zhidu.obligations.services import complete, open_obligation
from zhidu.org.models import Person
from zhidu.personal.models import READ, Flag, Item, Occasion, Report
from zhidu.trust.sealing import Sealed, bound, reveal_all
from zhidu.workdays.services import get_calendar

if TYPE_CHECKING:
    from django.http import HttpRequest

    from zhidu.core.permissions import Actor


State = Report.State
EARLIEST = datetime.date(2000, 1, 1)  # before any version of R8; and inside the working-day calendar
MAX_TEXT = 5000
REPORT_DAYS = 30  # R8 第五条、第六条: within 30 days of the event, or of qualifying as a leader
# R8 第二条(一): 机关内科级副职以上的干部.
REPORTING_RANKS = {Person.Rank.SECTION, Person.Rank.DEPUTY_SECTION}
# 第八条 (一)–(四), as the audit trail records them (data, not screen text).
FLAG_CN = {
    "late": "无正当理由不按时报告",
    "untrue": "不如实报告",
    "hidden": "隐瞒不报",
    "ignored_reply": "不按照组织答复意见办理",
}


def _refuse(field: str, message: str) -> NoReturn:
    raise ValidationError({field: message})


def _own_office(user: Actor | None, by: Person, action: str, report_township_id: int) -> Actor | None:
    """R8: a request or a flag is the township's own organization office's, never through the
    county view's township switch; the actor acts as `by`. Returns the actor."""
    actor = actor_of(user, by)
    require(actor, action)
    require_person(actor, by, action)
    if by.township_id != report_township_id:
        raise PermissionDenied(f"{action}: another township")
    return actor


def may_read(user: Actor | None, report: Report) -> bool:
    """R8: the reporter, or the township's own organization office and discipline inspection."""
    person = getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None
    if person is None:
        return False
    if person.pk == report.reporter_id:
        return True
    # A user with a person record is a logged-in user, never None.
    return allowed(cast("Actor", user), "personal.review") and person.township_id == report.township_id


def required_to_report(person: Person | None) -> bool:
    return person is not None and person.active and person.rank in REPORTING_RANKS


def deadline_rule(occasion: str, event_on: datetime.date) -> DeadlineRule:
    # 30 calendar days (第五条 "事后30天内", 第六条 "30日内"); a resignation reports with the application.
    if occasion == Occasion.RESIGNATION:
        return DeadlineRule("fixed", event_on)
    return DeadlineRule("after_days", event_on, REPORT_DAYS)


def _check(occasion: str | None, event_on: datetime.date | None, today: datetime.date) -> None:
    if occasion not in Occasion.values:
        _refuse("occasion", "报告情形：请选择报告情形")
    if event_on is None:
        _refuse("event_on", "事项发生日期：请填写日期")
    if event_on > today:
        _refuse("event_on", "事项发生日期：不能晚于今天")
    if event_on < EARLIEST:
        _refuse("event_on", "事项发生日期：不能早于2000年1月1日")


def _item(occasion: str, item: str) -> str:
    """An event is one item of 第三条 or 第四条; a new leader or a resignation reports them all."""
    if occasion != Occasion.EVENT:
        return Item.ALL
    if item not in Item.values or item == Item.ALL:
        _refuse("item", "报告事项：请选择第三条或第四条所列的一项")
    return item


def _obligation(report: Report, user: Actor | None) -> Obligation:
    duty, _ = open_obligation(
        township=report.township,
        kind="personal-report",
        article="R8",
        title="报告个人有关事项",
        key=f"personal:{report.pk}:file",
        rule=deadline_rule(report.occasion, report.event_on),
        assignee=report.reporter,
        source=report,
        actor=user,
    )
    return duty


def request_report(
    *,
    reporter: Person,
    occasion: str,
    event_on: datetime.date | None,
    by: Person,
    user: Actor | None = None,
    request: HttpRequest | None = None,
) -> Report:
    """The organization office asks a cadre to report (a new leader, a resignation, a known event):
    the cadre's obligation runs from the event date."""
    user = actor_of(user, by)
    require(user, "personal.request")
    require_person(user, by, "personal.request")
    today = timezone.localdate()
    if not required_to_report(reporter) or reporter.township_id != by.township_id:
        _refuse("reporter", "报告人：须为本镇科级副职以上的在职干部")
    _check(occasion, event_on, today)
    event_on = cast(datetime.date, event_on)  # _check refused a missing date
    due_at = resolve(deadline_rule(occasion, event_on), get_calendar()).due_at
    with transaction.atomic():
        report = Report.objects.create(
            township=reporter.township,
            reporter=reporter,
            occasion=occasion,
            item=Item.ALL if occasion != Occasion.EVENT else "",
            event_on=event_on,
            due_at=due_at,
            state=State.REQUESTED,
            requested_by=by,
        )
        _obligation(report, user)
        audit.record(
            user, "personal.request", report, summary=f"{report}（{reporter.name}）", request=request
        )
    return report


def file(
    *,
    reporter: Person,
    details: str,
    explanation: str = "",
    occasion: str | None = None,
    item: str = "",
    event_on: datetime.date | None = None,
    report: Report | None = None,
    user: Actor | None = None,
    request: HttpRequest | None = None,
    at: datetime.datetime | None = None,
) -> Report:
    """The cadre files a report: a new one, or the one the office requested (`report`). Late (after
    the due time) needs the explanation of the special reason (第五条)."""
    user = actor_of(user, reporter)
    require(user, "personal.file", reporter)
    require_person(user, reporter, "personal.file")
    now = at or timezone.now()
    if not required_to_report(reporter):
        _refuse("reporter", "报告人：本规定适用于科级副职以上的干部")
    if report is not None:
        if report.reporter_id != reporter.pk:
            _refuse("reporter", "报告人：只能填报本人的报告")
        if report.state != State.REQUESTED:
            _refuse("details", "该报告已填报，不能重复填报")
        occasion, event_on = report.occasion, report.event_on
        item = item or report.item
    _check(occasion, event_on, timezone.localdate(now))
    # _check refused an unknown occasion and a missing date.
    occasion, event_on = cast(str, occasion), cast(datetime.date, event_on)
    item = _item(occasion, item)
    details = (details or "").strip()
    explanation = (explanation or "").strip()
    if not details:
        _refuse("details", "报告内容：请如实填写报告内容")
    if len(details) > MAX_TEXT or len(explanation) > MAX_TEXT:
        _refuse("details" if len(details) > MAX_TEXT else "explanation", f"内容过长：不能超过{MAX_TEXT}字")
    due_at = (
        report.due_at
        if report is not None
        else resolve(deadline_rule(occasion, event_on), get_calendar()).due_at
    )
    late = now > due_at
    if late and not explanation:
        _refuse("explanation", "逾期说明：已超过报告期限，请说明未能按时报告的特殊原因")
    fields = {"item": item, "details": details, "explanation": explanation}
    with transaction.atomic():
        if report is None:
            report = Report.objects.create(
                township=reporter.township,
                reporter=reporter,
                occasion=occasion,
                event_on=event_on,
                due_at=due_at,
                state=State.FILED,
                filed_at=now,
                late=late,
                **fields,
            )
        else:
            # Claimed by a conditional UPDATE: two submissions never both file it.
            # The sealed texts are bound to this report's row (zhidu.trust.sealing.bound).
            sealed = {
                name: bound(Report, name, report.pk, fields[name]) for name in ("details", "explanation")
            }
            claimed = Report.objects.filter(pk=report.pk, state=State.REQUESTED).update(
                state=State.FILED, filed_at=now, late=late, **{**fields, **sealed}
            )
            if not claimed:
                _refuse("details", "该报告已填报，不能重复填报")
            report.refresh_from_db()
        complete(_obligation(report, user), by=user, at=now, request=request)
        audit.record(
            user, "personal.file", report, summary=f"{report}（{reporter.name}）", request=request, late=late
        )
    return report


def flag(
    report: Report,
    *,
    code: str,
    note: str,
    by: Person,
    user: Actor | None = None,
    request: HttpRequest | None = None,
    at: datetime.datetime | None = None,
) -> Flag:
    """第八条: the organization office marks a report late, untrue, hidden or not following its reply."""
    user = _own_office(user, by, "personal.flag", report.township_id)
    if report.state != State.FILED:
        _refuse("code", "该报告尚未填报，不能标记")
    if by.pk == report.reporter_id:
        _refuse("code", "标记：不能标记本人的报告")
    if code not in Flag.Code.values:
        _refuse("code", "标记：请选择第八条所列情形")
    note = (note or "").strip()
    if not note:
        _refuse("note", "标记说明：请写明依据")
    if len(note) > MAX_TEXT:
        _refuse("note", f"标记说明：不能超过{MAX_TEXT}字")
    try:
        with transaction.atomic():
            mark = Flag.objects.create(
                township=report.township, report=report, code=code, note=note, by=by, at=at or timezone.now()
            )
            audit.record(user, "personal.flag", report, summary=f"{report}：{FLAG_CN[code]}", request=request)
    except IntegrityError:
        _refuse("code", "标记：该报告已有此项标记")
    return mark


def read(report: Report, *, user: Actor | None, request: HttpRequest | None = None, reason: str = "") -> dict:
    """The one way to the content: every sealed field of the report and its flags, opened under ONE
    audit entry (action personal.read) naming the reader, the report and the fields."""
    if not may_read(user, report):
        raise PermissionDenied("personal.review")
    # A sealed column reads as Sealed (zhidu.trust.sealing.SealedDescriptor); the Django plugin
    # types it as the text field it is stored in.
    values: dict[str, Sealed] = {
        "details": cast(Sealed, report.details),
        "explanation": cast(Sealed, report.explanation),
    }
    flags = list(report.flags.select_related("by"))
    for mark in flags:
        values[f"flag:{mark.pk}"] = cast(Sealed, mark.note)
    if not any(values.values()):
        return {"details": "", "explanation": "", "flags": []}
    # The summary names the report, so the /audit/ page shows who read what, never the content.
    summary = f"{reason or '查阅'}：{report}（{report.reporter.name}）"
    opened = reveal_all(user, summary, values, target=report, request=request)
    return {
        "details": opened["details"],
        "explanation": opened["explanation"],
        "flags": [{"flag": mark, "note": opened[f"flag:{mark.pk}"]} for mark in flags],
    }


def readers(report: Report) -> QuerySet[AuditEntry]:
    """Who read this report's content, newest first (the audit entries of its reads)."""
    return AuditEntry.objects.filter(
        township=report.township, action=READ, target_type="personal.report", target_id=str(report.pk)
    ).order_by("-at", "-id")
