"""The entry points of R17: keep the pairs, log a contact, report a village meal and decide it, record
a quarterly inspection and its rectification. Each checks the actor (MATRIX, the township, who they act
as), then the input (refusals name the field, in Chinese), writes in one transaction with its audit
entry, and opens or completes the obligation that follows (keys below)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, NoReturn, cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from zhidu import rules
from zhidu.core import audit
from zhidu.core.permissions import Actor, actor_of, allowed, require, require_person
from zhidu.obligations.deadlines import DeadlineRule
from zhidu.obligations.services import complete_by_key, open_obligation
from zhidu.org.models import Department, Person, Township, Village
from zhidu.work_style import checks
from zhidu.work_style.models import ReceptionInspection, ReceptionRequest, SupportContact, SupportPair
from zhidu.workdays.services import get_calendar

if TYPE_CHECKING:
    from django.http import HttpRequest

MAX_TEXT = 2000


def _refuse(field: str, message: str) -> NoReturn:
    raise ValidationError({field: message})


def parameters(township: Township, day: datetime.date) -> checks.WorkStyleParameters:
    return cast(checks.WorkStyleParameters, rules.parameters_for(township, checks.AREA, day))


def contact_key(pair: SupportPair, day: datetime.date) -> str:
    return f"contact-visit:p{pair.pk}:{checks.month_label(day)}"


def target(pair: SupportPair) -> str:
    """A pair as a sentence names it: 联系村东沟村, 帮扶户王大爷（东沟村）. In Chinese, whatever the reader's
    language: the duties' titles and the self-report's facts are written with it."""
    if pair.kind == SupportPair.Kind.VILLAGE:
        return f"联系村{pair.village.name}"
    return f"帮扶户{pair.household}（{pair.village.name}）"


def reader_target(pair: SupportPair) -> str:
    """The pair as a page names it, in the reader's language ("Contact village 东沟村")."""
    if pair.kind == SupportPair.Kind.VILLAGE:
        return gettext("Contact village %(village)s") % {"village": pair.village.name}
    return gettext("Supported household %(household)s (%(village)s)") % {
        "household": pair.household, "village": pair.village.name
    }  # fmt: skip


def inspection_key(village: Village, day: datetime.date) -> str:
    return f"zero-reception-inspection:v{village.pk}:{checks.quarter_label(day)}"


def month_due(day: datetime.date) -> datetime.date:
    """A month's contact is due at the end of its last working day."""
    return get_calendar().last_workday_on_or_before(checks.month_end(day))


def active_pairs(township: Township, day: datetime.date) -> QuerySet[SupportPair]:
    """The pairs in force some day of `day`'s month."""
    start = day.replace(day=1)
    return SupportPair.objects.filter(township=township, starts_on__lte=checks.month_end(day)).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=start)
    )


def _text(field: str, label: str, value: str, limit: int = MAX_TEXT) -> str:
    value = value.strip()
    if len(value) > limit:
        _refuse(field, f"{label}：不能超过{limit}字")
    return value


def _department(township: Township, kind: str) -> Department | None:
    return Department.objects.filter(township=township, kind=kind).first()


def _acts_as(user: Actor | None, by: Person, action: str, obj: object) -> Actor | None:
    actor = actor_of(user, by)
    require(actor, action, obj)
    require_person(actor, by, action)
    return actor


def add_pair(*, township: Township, member: Person, kind: str, village: Village, household: str,
             starts_on: datetime.date | None, by: Person, user: Actor | None = None,
             request: HttpRequest | None = None) -> SupportPair:  # fmt: skip
    """The party office records a team member's contact village or poor household (R17§3(1))."""
    actor = _acts_as(user, by, "work_style.pairs", township)
    if member.township_id != township.pk or village.township_id != township.pk:
        raise PermissionDenied("work_style.pairs: another township")
    if kind not in SupportPair.Kind.values:
        _refuse("kind", "结对类型：请选择联系村或贫困户")
    household = _text("household", "贫困户", household, 50)
    if kind == SupportPair.Kind.HOUSEHOLD and not household:
        _refuse("household", "贫困户：请填写户主姓名")
    if starts_on is None:
        _refuse("starts_on", "开始日期：请填写日期")
    if not any(term.covers(starts_on) for term in member.terms.all()):
        _refuse("member", "班子成员：该干部在开始日期不是班子成员")
    with transaction.atomic():
        pair = SupportPair.objects.create(
            township=township, member=member, kind=kind, village=village,
            household=household if kind == SupportPair.Kind.HOUSEHOLD else "", starts_on=starts_on,
        )  # fmt: skip
        audit.record(actor, "work_style.pair_add", pair, request=request,
                     summary=f"{member.name}：{pair.get_kind_display()} {pair}")  # fmt: skip
    return pair


def end_pair(pair: SupportPair, *, ends_on: datetime.date | None, by: Person, user: Actor | None = None,
             request: HttpRequest | None = None) -> SupportPair:  # fmt: skip
    actor = _acts_as(user, by, "work_style.pairs", pair)
    if ends_on is None or ends_on < pair.starts_on:
        _refuse("ends_on", "结束日期：不能早于开始日期")
    with transaction.atomic():
        pair.ends_on = ends_on
        pair.save(update_fields=["ends_on"])
        audit.record(actor, "work_style.pair_end", pair, summary=str(pair), request=request)
    return pair


def contact_draft(
    pair: SupportPair, contacted_on: datetime.date | None, channel: str, done: str, today: datetime.date
) -> checks.ContactDraft:
    due = month_due(contacted_on) if contacted_on is not None else None
    return checks.ContactDraft(contacted_on, channel, done, today, pair.starts_on, due)


def log_contact(pair: SupportPair, *, contacted_on: datetime.date | None, channel: str, done: str,
                by: Person, user: Actor | None = None, request: HttpRequest | None = None) -> SupportContact:  # fmt: skip
    """The member logs a contact with their pair (R17§3(1)); it completes that month's duty."""
    actor = _acts_as(user, by, "work_style.contact", pair)
    if pair.member_id != by.pk:
        raise PermissionDenied("work_style.contact: only the member logs their own contacts")
    today = timezone.localdate()
    if channel not in SupportContact.Channel.values:
        _refuse("channel", "联系方式：请选择走访、电话或短信")
    if contacted_on is None:
        _refuse("contacted_on", "联系日期：请填写日期")
    if contacted_on > today:
        _refuse("contacted_on", "联系日期：不能晚于今天")
    if contacted_on < pair.starts_on or (pair.ends_on is not None and contacted_on > pair.ends_on):
        _refuse("contacted_on", "联系日期：不在结对期间内")
    done = _text("done", "联系内容", done)
    if not done:
        _refuse("done", "联系内容：请写明做了什么")
    with transaction.atomic():
        contact = SupportContact.objects.create(
            township=pair.township, pair=pair, contacted_on=contacted_on, channel=channel, done=done
        )
        audit.record(actor, "work_style.contact", contact, request=request,
                     summary=f"{by.name}联系{pair}（{contact.get_channel_display()}）")  # fmt: skip
        complete_by_key(pair.township, contact_key(pair, contacted_on), by=actor, request=request)
    return contact


def report_reception(*, township: Township, village: Village, meal_on: datetime.date | None, guests: str,
                     reason: str, by: Person, user: Actor | None = None,
                     request: HttpRequest | None = None) -> ReceptionRequest:  # fmt: skip
    """A village's report of a meal it must host (R17§3(3)), entered by a cadre for the village
    committee; the committee's decision is a duty of the party office until recorded."""
    actor = _acts_as(user, by, "work_style.reception_report", township)
    if village.township_id != township.pk:
        raise PermissionDenied("work_style.reception_report: another township")
    if meal_on is None:
        _refuse("meal_on", "就餐日期：请填写日期")
    guests = _text("guests", "就餐人员", guests, 200)
    reason = _text("reason", "特殊情况", reason)
    if not guests:
        _refuse("guests", "就餐人员：请填写")
    if not reason:
        _refuse("reason", "特殊情况：请写明确需在村就餐的原因")
    office = _department(township, Department.Kind.PARTY_OFFICE)
    with transaction.atomic():
        row = ReceptionRequest.objects.create(
            township=township, village=village, meal_on=meal_on, guests=guests, reason=reason, reported_by=by
        )
        audit.record(actor, "work_style.reception_report", row, request=request,
                     summary=f"{village.name}{meal_on.isoformat()}就餐报告")  # fmt: skip
        if office is not None:
            open_obligation(
                township=township, kind="zero-reception-decision", article=checks.RECEPTION,
                title=f"党委审议{village.name}{meal_on.month}月{meal_on.day}日在村就餐报告",
                key=f"zero-reception-decision:r{row.pk}", rule=DeadlineRule("fixed", meal_on, 0, datetime.time(9)),
                department=office, source=row, actor=actor,
            )  # fmt: skip
    return row


def decide_reception(row: ReceptionRequest, *, approve: bool, note: str, by: Person, user: Actor | None = None,
                     request: HttpRequest | None = None) -> ReceptionRequest:  # fmt: skip
    """The committee's decision on a village meal (R17§3(3) 由党委审议决定), recorded with its reason."""
    actor = _acts_as(user, by, "work_style.reception_decide", row)
    if row.state != ReceptionRequest.State.PENDING:
        _refuse("approve", "决定：该报告已经作出决定")
    note = _text("note", "决定理由", note)
    if not note:
        _refuse("note", "决定理由：请写明同意或不同意的理由")
    State = ReceptionRequest.State
    with transaction.atomic():
        # A conditional update: two offices deciding at once, only the first decision stands.
        changed = ReceptionRequest.objects.filter(pk=row.pk, state=State.PENDING).update(
            state=State.APPROVED if approve else State.REFUSED, decided_by=by, decided_at=timezone.now(),
            decision_note=note,
        )  # fmt: skip
        if not changed:
            _refuse("approve", "决定：该报告已经作出决定")
        row.refresh_from_db()
        audit.record(actor, "work_style.reception_decide", row, request=request,
                     summary=f"{row.village.name}就餐报告：{row.get_state_display()}")  # fmt: skip
        complete_by_key(row.township, f"zero-reception-decision:r{row.pk}", by=actor, request=request)
    return row


def inspection_draft(
    inspected_on: datetime.date | None,
    findings: str,
    rectify_by: datetime.date | None,
    has_responsible: bool,
    today: datetime.date,
) -> checks.InspectionDraft:
    return checks.InspectionDraft(inspected_on, findings, rectify_by, has_responsible, today)


def inspect(*, township: Township, village: Village, inspected_on: datetime.date | None, findings: str,
            rectify_by: datetime.date | None, responsible: Person | None, by: Person, user: Actor | None = None,
            request: HttpRequest | None = None) -> ReceptionInspection:  # fmt: skip
    """Discipline inspection's quarterly check of a village (R17§3(3)); a finding opens the rectification
    duty of the responsible person (or the party office) until rectified (R17§4(6))."""
    actor = _acts_as(user, by, "work_style.inspect", township)
    if village.township_id != township.pk or (
        responsible is not None and responsible.township_id != township.pk
    ):
        raise PermissionDenied("work_style.inspect: another township")
    today = timezone.localdate()
    if inspected_on is None:
        _refuse("inspected_on", "检查日期：请填写日期")
    if inspected_on > today:
        _refuse("inspected_on", "检查日期：不能晚于今天")
    findings = _text("findings", "发现的问题", findings)
    if findings and rectify_by is None:
        _refuse("rectify_by", "整改期限：发现问题的，须确定整改期限")
    if findings and rectify_by is not None and rectify_by <= inspected_on:
        _refuse("rectify_by", "整改期限：须晚于检查日期")
    office = _department(township, Department.Kind.PARTY_OFFICE)
    quarter = checks.quarter_label(inspected_on)
    try:
        with transaction.atomic():
            row = ReceptionInspection.objects.create(
                township=township, village=village, quarter=quarter, inspected_on=inspected_on,
                findings=findings, rectify_by=rectify_by if findings else None,
                responsible=responsible if findings else None, inspected_by=by,
            )  # fmt: skip
            audit.record(actor, "work_style.inspect", row, request=request,
                         summary=f"{village.name}{quarter}零接待检查：{'发现问题' if findings else '未发现问题'}")  # fmt: skip
            complete_by_key(township, inspection_key(village, inspected_on), by=actor, request=request)
            if findings and (responsible is not None or office is not None):
                assert rectify_by is not None
                open_obligation(
                    township=township, kind="zero-reception-rectify", article=checks.RECTIFY,
                    title=f"{village.name}整改零接待检查发现的问题", key=f"zero-reception-rectify:i{row.pk}",
                    rule=DeadlineRule("fixed", rectify_by), assignee=responsible,
                    department=None if responsible is not None else office, source=row, actor=actor,
                )  # fmt: skip
    except IntegrityError:
        _refuse("village", f"村：{village.name}本季度已经检查")
    return row


def may_rectify(person: Person | None, user: Actor | None, row: ReceptionInspection) -> bool:
    if person is None or person.township_id != row.township_id or user is None:
        return False
    return (
        row.responsible_id == person.pk
        or allowed(user, "work_style.pairs")
        or allowed(user, "work_style.inspect")
    )


def rectify(row: ReceptionInspection, *, rectified_on: datetime.date | None, note: str, by: Person,
            user: Actor | None = None, request: HttpRequest | None = None) -> ReceptionInspection:  # fmt: skip
    """The rectification of an inspection's findings, by the responsible person or the party office."""
    actor = _acts_as(user, by, "work_style.rectify", row)
    if not may_rectify(by, actor, row):
        raise PermissionDenied("work_style.rectify: not the responsible person")
    if not row.findings or row.rectified_on is not None:
        _refuse("note", "整改情况：没有待整改的问题")
    if rectified_on is None or rectified_on > timezone.localdate() or rectified_on < row.inspected_on:
        _refuse("rectified_on", "整改完成日期：须在检查日期和今天之间")
    note = _text("note", "整改情况", note)
    if not note:
        _refuse("note", "整改情况：请写明整改措施和结果")
    with transaction.atomic():
        row.rectified_on, row.rectification = rectified_on, note
        row.save(update_fields=["rectified_on", "rectification"])
        audit.record(actor, "work_style.rectify", row, request=request, summary=f"{row.village.name}整改完成")
        complete_by_key(row.township, f"zero-reception-rectify:i{row.pk}", by=actor, request=request)
    return row
