"""The entry points of petition reception (R21): the reception schedule, registering a case, the
leader's instruction (批示), routing to the handling department, the extension, the answer, the one
audited read of the petitioner's data, and the committee's hearing of the monthly report. Each
checks the actor's permission (MATRIX, the township, acting as themselves), then its input
(refusals name the field, in Chinese), changes the rows in one transaction, writes the audit entry
and opens or completes the answer obligation. Audit summaries carry the receipt code, never the
petitioner's data."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, cast

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from zhidu.core import audit
from zhidu.core.models import AuditEntry
from zhidu.core.permissions import Role, roles_of
from zhidu.notifications import public
from zhidu.obligations.deadlines import DeadlineRule
from zhidu.obligations.services import complete_by_key, open_obligation
from zhidu.org.models import Department, Person, Township
from zhidu.petitions import access, checks, codes, notify, search_sources
from zhidu.petitions.inputs import acting, checked_day, checked_text, is_leader, refuse
from zhidu.petitions.judging import evaluate, original_due, params, validated
from zhidu.petitions.models import Case, Channel, Mode, ReceptionDay
from zhidu.trust.sealing import Sealed, reveal_all

if TYPE_CHECKING:
    from django.http import HttpRequest

    from zhidu.core.permissions import Actor

PERSONAL = ("petitioner_name", "petitioner_phone", "petitioner_id_number", "petitioner_address", "issue")


# --- the answer obligation -------------------------------------------------------------------------


def _keys(case: Case) -> list[str]:
    base = f"petition:{case.pk}:answer"
    return [base, f"{base}:department", f"{base}:extended", f"{base}:extended:department"]


def _open_duties(case: Case, user: Actor | None) -> None:
    """R21§4: the receiving leader and, once routed, the handling department owe the answer by the
    due day (reminded by the obligations engine before it). After an extension that counts, the
    duties run to the new due day; the original ones were closed by the extension."""
    if case.state == Case.State.ANSWERED:
        return
    suffix = ":extended" if case.extended else ""
    # The rule itself, not its day: a provisional year's deadline is recomputed when the State
    # Council's notice is entered (zhidu.obligations.services.recompute).
    p = params(case)
    days = p.answer_days + (min(case.extension_days or 0, p.extension_max_days) if case.extended else 0)
    rule = DeadlineRule("after_days", case.received_on, days)
    # No subject: the compliance page and the audit trail are read by more people than R21 names.
    title = f"办结答复{case}（{case.get_mode_display()}，{case.received_on:%Y-%m-%d}受理）"
    base = f"petition:{case.pk}:answer{suffix}"
    open_obligation(
        township=case.township, kind="petition-answer", article=checks.ARTICLE, title=title, key=base,
        rule=rule, assignee=case.leader, source=case, actor=user,
    )  # fmt: skip
    if case.department is not None:
        open_obligation(
            township=case.township, kind="petition-answer", article=checks.ARTICLE, title=title,
            key=f"{base}:department", rule=rule, department=case.department, source=case, actor=user,
        )  # fmt: skip


def _close_duties(case: Case, keys: list[str], user: Actor | None, request: HttpRequest | None) -> None:
    for key in keys:
        complete_by_key(case.township, key, by=user, request=request)


# --- registering a case ----------------------------------------------------------------------------


def register(
    *,
    township: Township,
    mode: str,
    received_on: datetime.date | None,
    leader: Person | None,
    subject: str,
    petitioner_name: str,
    petitioner_phone: str = "",
    petitioner_id_number: str = "",
    petitioner_address: str = "",
    issue: str,
    reception: ReceptionDay | None = None,
    appointment_at: datetime.datetime | None = None,
    answer_now: str = "",
    notify_by: str = "",
    notify_email: str = "",
    by: Person,
    user: Actor | None = None,
    request: HttpRequest | None = None,
) -> Case:
    """The party office records a case received at a reception; answered at once when possible
    (R21§4 "能当场答复的当场答复"), otherwise the 60-day answer obligation opens."""
    user = acting(user, by, "petitions.register", township.pk)
    today = timezone.localdate()
    if mode not in Mode.values:
        refuse("mode", "接访方式：请选择定点接访、重点约访或带案下访")
    received_on = checked_day(received_on, "received_on", "受理日期", today=today)
    if leader is None or leader.township_id != township.pk or not is_leader(leader, received_on):
        refuse("leader", "接访领导：请选择本镇领导班子成员")
    if reception is not None and reception.township_id != township.pk:
        refuse("reception", "接访安排：不是本镇的安排")
    if mode == Mode.APPOINTMENT and appointment_at is None:
        refuse("appointment_at", "约访时间：重点约访请填写约定的时间")
    fields = {
        "subject": checked_text(subject, "subject", "事项摘要", limit=100),
        "petitioner_name": checked_text(petitioner_name, "petitioner_name", "来访人姓名", limit=50),
        "petitioner_phone": checked_text(
            petitioner_phone, "petitioner_phone", "联系电话", required=False, limit=30
        ),
        "petitioner_id_number": _id_number(petitioner_id_number),
        "petitioner_address": checked_text(
            petitioner_address, "petitioner_address", "住址", required=False, limit=200
        ),
        "issue": checked_text(issue, "issue", "反映问题"),
    }
    answer_now = checked_text(answer_now, "answer_now", "当场答复", required=False)
    notify_by, notify_address = public.clean_choice(
        notify_by, fields["petitioner_phone"], notify_email, phone_field="petitioner_phone"
    )
    with transaction.atomic():
        for _attempt in range(5):
            try:
                with transaction.atomic():
                    case = Case.objects.create(
                        township=township, code=codes.new_code(), mode=mode, received_on=received_on,
                        leader=leader, reception=reception, appointment_at=appointment_at,
                        due_on=received_on, registered_by=by, notify_by=notify_by,
                        notify_address=notify_address, **fields,
                    )  # fmt: skip
                break
            except IntegrityError:  # a receipt code drawn twice: draw again
                continue
        else:
            raise RuntimeError("could not draw a unique receipt code")
        if answer_now:
            case.answer, case.answered_on, case.answered_by = answer_now, received_on, by
            case.state = Case.State.ANSWERED
        case.due_on = evaluate(case).due or received_on
        case.save()
        audit.record(
            user, "petitions.register", case, summary=f"{case}（{case.get_mode_display()}）", request=request
        )
        _open_duties(case, user)
        if (
            case.mode == Mode.APPOINTMENT
            and case.appointment_at is not None
            and case.state != Case.State.ANSWERED
        ):
            _book(case, user)
        notify.tell(case, "answered" if case.state == Case.State.ANSWERED else "accepted")
    return case


def _book(case: Case, user: Actor | None) -> None:
    """重点约访: the office books the petitioner with the leader; the leader's duty is to meet them
    and instruct (批示) by the end of that day. The instruction completes it."""
    day = timezone.localtime(case.appointment_at).date()
    open_obligation(
        township=case.township, kind="petition-appointment", article="R21",
        title=f"重点约访{case}（{timezone.localtime(case.appointment_at):%Y-%m-%d %H:%M}）并作出批示",
        key=f"petition:{case.pk}:appointment", rule=DeadlineRule("fixed", day), assignee=case.leader,
        source=case, actor=user,
    )  # fmt: skip


def _id_number(value: str) -> str:
    """A resident ID number (GB 11643: 18 characters, the last a digit or X) when given."""
    value = (value or "").strip().upper()
    if value and not (
        len(value) == 18 and value[:17].isdigit() and (value[17].isdigit() or value[17] == "X")
    ):
        refuse("petitioner_id_number", "身份证号码：应为18位（最后一位可为X）")
    return value


# --- instruction, routing, extension, answer -------------------------------------------------------


def _open(case: Case) -> None:
    if case.state == Case.State.ANSWERED:
        refuse("__all__", "该来访事项已办结答复")


def instruct(
    case: Case, *, instruction: str, by: Person, user: Actor | None = None, request: HttpRequest | None = None
) -> Case:
    """批示: the receiving leader (or the principal) instructs how the case is to be handled."""
    user = acting(user, by, "petitions.instruct", case.township_id)
    if by.pk != case.leader_id and Role.PRINCIPAL not in roles_of(cast("Actor", user)):
        raise PermissionDenied("petitions.instruct: not the receiving leader")
    _open(case)
    text = checked_text(instruction, "instruction", "领导批示")
    with transaction.atomic():
        case.instruction, case.instructed_by, case.instructed_on = text, by, timezone.localdate()
        case.save(update_fields=["instruction", "instructed_by", "instructed_on"])
        audit.record(user, "petitions.instruct", case, summary=f"{case}：领导批示", request=request)
        complete_by_key(case.township, f"petition:{case.pk}:appointment", by=user, request=request)
    return case


def route(
    case: Case,
    *,
    department: Department | None,
    by: Person,
    user: Actor | None = None,
    request: HttpRequest | None = None,
) -> Case:
    """The party office routes the case to the handling department (交办); the department then owes
    the answer by the due day."""
    user = acting(user, by, "petitions.route", case.township_id)
    _open(case)
    if department is None or department.township_id != case.township_id:
        refuse("department", "承办单位：请选择本镇的科室")
    with transaction.atomic():
        previous = case.department
        case.department, case.routed_on, case.state = department, timezone.localdate(), Case.State.ROUTED
        case.handler = department.head
        case.save(update_fields=["department", "routed_on", "state", "handler"])
        if previous is not None and previous.pk != department.pk:
            _close_duties(case, [k for k in _keys(case) if k.endswith(":department")], user, request)
        audit.record(
            user, "petitions.route", case, summary=f"{case}：交{department.name}办理", request=request
        )
        _open_duties(case, user)
        notify.tell(case, "routed")
    return case


def extend(
    case: Case,
    *,
    decided_on: datetime.date | None,
    days: int | None,
    reason: str,
    told_on: datetime.date | None = None,
    told_how: str = "",
    by: Person,
    user: Actor | None = None,
    request: HttpRequest | None = None,
) -> Case:
    """R21§4: a complex case extended once, by at most 30 days, its reason told to the petitioner.
    The party office records the decision and when and how the petitioner was told; what the rule
    forbids (a second extension, too long, after the term, no reason) is refused, a telling not yet
    done is recorded later with `tell`."""
    user = acting(user, by, "petitions.extend", case.township_id)
    _open(case)
    if case.extended:
        refuse("days", "延长天数：本事项已延期一次，R21只允许延长一次")
    today = timezone.localdate()
    decided_on = checked_day(decided_on, "decided_on", "延期决定日期", today=today)
    if told_on is not None:
        told_on = checked_day(told_on, "told_on", "告知日期", today=today)
    if days is None:
        refuse("days", "延长天数：请填写天数")
    reason = checked_text(reason, "reason", "延期理由", required=False)
    if told_on is not None and told_how not in Channel.values:
        refuse("told_how", "告知方式：请选择如何告知来访人")
    evaluation = validated(case, decided_on=decided_on, days=days, reason=reason, told_on=told_on)
    refused = {f.finding.code for f in evaluation.findings} - {"extension-not-told", "answer-late"}
    for code, field in (
        ("extension-too-long", "days"),
        ("extension-late", "decided_on"),
        ("extension-no-reason", "reason"),
    ):
        if code in refused:
            message = next(f.finding.message for f in evaluation.findings if f.finding.code == code)
            refuse(field, f"{message}（{checks.ARTICLE}）")
    with transaction.atomic():
        case.extension_decided_on, case.extension_days, case.extension_reason = decided_on, days, reason
        case.extension_told_on, case.extension_told_how = told_on, told_how if told_on else ""
        case.due_on = evaluation.due or case.due_on
        case.save()
        # The original duties end here (the original due day stays in their history and the audit).
        _close_duties(case, _keys(case)[:2], user, request)
        audit.record(
            user, "petitions.extend", case, summary=f"{case}：延期{days}日至{case.due_on.isoformat()}",
            request=request, original_due=original_due(case).isoformat(),
        )  # fmt: skip
        _open_duties(case, user)
        notify.tell(case, "extended")
    return case


def tell(
    case: Case,
    *,
    told_on: datetime.date | None,
    told_how: str,
    by: Person,
    user: Actor | None = None,
    request: HttpRequest | None = None,
) -> Case:
    """Record when and how the petitioner was told the reason of the extension."""
    user = acting(user, by, "petitions.extend", case.township_id)
    if not case.extended:
        refuse("told_on", "告知日期：本事项没有延期")
    if case.extension_told_on is not None:
        refuse("told_on", "告知日期：已记录告知")
    told_on = checked_day(told_on, "told_on", "告知日期", today=timezone.localdate())
    if told_how not in Channel.values:
        refuse("told_how", "告知方式：请选择如何告知来访人")
    validated(case, told_on=told_on)
    with transaction.atomic():
        case.extension_told_on, case.extension_told_how = told_on, told_how
        case.save(update_fields=["extension_told_on", "extension_told_how"])
        audit.record(user, "petitions.tell", case, summary=f"{case}：告知延期理由", request=request)
    return case


def answer(
    case: Case,
    *,
    text: str,
    answered_on: datetime.date | None,
    by: Person,
    user: Actor | None = None,
    request: HttpRequest | None = None,
) -> Case:
    """The handling department records its answer (办结并答复). The answer is shown to the
    petitioner on the public page: it must not carry personal data."""
    user = acting(user, by, "petitions.answer", case.township_id)
    if not access.in_department(user, case):
        raise PermissionDenied("petitions.answer: not the handling department")
    _open(case)
    answered_on = checked_day(answered_on, "answered_on", "答复日期", today=timezone.localdate())
    body = checked_text(text, "answer", "答复意见")
    evaluation = validated(case, answered_on=answered_on)
    with transaction.atomic():
        claimed = (
            Case.objects.filter(pk=case.pk)
            .exclude(state=Case.State.ANSWERED)
            .update(answer=body, answered_on=answered_on, answered_by=by, state=Case.State.ANSWERED)
        )
        if not claimed:
            refuse("__all__", "该来访事项已办结答复")
        case.refresh_from_db()
        search_sources.on_saved(Case, case)  # the conditional UPDATE sends no post_save
        late = any(f.finding.code == "answer-late" for f in evaluation.findings)
        _close_duties(case, _keys(case), user, request)
        audit.record(user, "petitions.answer", case, summary=f"{case}：办结答复", request=request, late=late)
        notify.tell(case, "answered")
    return case


# --- the one read of personal data -----------------------------------------------------------------


def read(
    case: Case, *, user: Actor | None, request: HttpRequest | None = None, reason: str = ""
) -> dict[str, str]:
    """Every sealed field of the case under ONE audit entry naming the reader, the case and the
    fields. Only those handling the case (access.handles)."""
    if not access.handles(user, case):
        raise PermissionDenied("petitions.read")
    values = {name: cast(Sealed, getattr(case, name)) for name in PERSONAL}
    if not any(values.values()):
        return dict.fromkeys(PERSONAL, "")
    return reveal_all(user, f"{reason or '查阅'}：{case}", values, target=case, request=request)


def lookup(typed: str) -> Case | None:
    """The public lookup by receipt code (the view rate-limits it)."""
    code = codes.normalize(typed)
    if not codes.well_formed(code):
        return None
    return Case.objects.select_related("township", "department").filter(code=code).first()


def readers(case: Case) -> QuerySet[AuditEntry]:
    """Who read this case's personal data, newest first (the audit entries of its reads)."""
    return AuditEntry.objects.filter(
        township=case.township, action="petitions.read", target_type="petitions.case", target_id=str(case.pk)
    ).order_by("-at", "-id")


# --- the calendar changed ----------------------------------------------------------------------------


def recompute_due_days(years: set[int]) -> int:
    """R21§4 on the working-day calendar: when a holiday notice changes the working days of `years`
    (zhidu.workdays.signals.calendar_changed), the due day of every case not yet answered whose
    window touches those years is judged again, by the same function that set it. A day that moves
    is changed by a conditional UPDATE (a concurrent extension or answer wins), audited with the old
    and the new day; the duties follow their own rules (zhidu.obligations.services.recompute), and
    the petitioner's follow page shows the new day. Returns the number of cases moved."""
    moved = 0
    open_cases = Case.objects.exclude(state=Case.State.ANSWERED).select_related("township")
    for case in open_cases.iterator():
        touched = {case.received_on.year, case.received_on.year + 1, case.due_on.year}
        if not touched & years:
            continue
        new = evaluate(case).due or case.due_on
        if new == case.due_on:
            continue
        old = case.due_on
        with transaction.atomic():
            if (
                not Case.objects.filter(pk=case.pk, due_on=old)
                .exclude(state=Case.State.ANSWERED)
                .update(due_on=new)
            ):
                continue
            audit.record(
                None,
                "petitions.due_recomputed",
                case,
                summary=f"{case}：节假日安排调整，办结期限由{old.isoformat()}改为{new.isoformat()}",
                old=old.isoformat(),
                new=new.isoformat(),
                years=sorted(years),
            )
        moved += 1
    return moved


def on_calendar_changed(sender: object, years: set[int], **kwargs: object) -> None:
    recompute_due_days(set(years))
