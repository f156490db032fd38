"""The entry points of R16 public opinion: submitting (the public on the portal, or the party office
entering a letter, phone call or visit), the village's or unit's verification and screening and its
report (第十九条), the party office's analysis and proposal (第二十条), the decision (adopted or not),
the record of what was done, the periodic publication of the results (第二十一条), an opinion made a
supervision item (R7, source 民情信箱), the one audited read of the personal data, and the monthly
analysis. Each checks the actor (MATRIX, the township, acting as themselves, and for the village or
unit its members: zhidu.opinions.access), then its input (refusals name the field, in Chinese),
changes the row with a conditional UPDATE on its state and version in one transaction, records the
step of the timeline and the audit entry. Audit summaries carry the opinion's number, never the
submitter's data."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, cast

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext

from zhidu.core import audit
from zhidu.core.models import AuditEntry
from zhidu.notifications import public
from zhidu.obligations.services import complete_by_key
from zhidu.opinions import access, checks, notify
from zhidu.opinions.models import Intake, MonthlyAnalysis, Opinion, OpinionStep, Topic
from zhidu.org.models import Department, Person, Township, Village
from zhidu.petitions import codes
from zhidu.petitions.inputs import acting, checked_day, checked_text, refuse
from zhidu.trust.sealing import Sealed, reveal_all

if TYPE_CHECKING:
    from django.http import HttpRequest

    from zhidu.core.permissions import Actor
    from zhidu.supervision.models import SupervisionItem

State = Opinion.State
PERSONAL = ("submitter_name", "submitter_phone", "submitter_address", "representatives", "supporter_names")
MAX_SUPPORTERS = 100000


# --- submitting ------------------------------------------------------------------------------------


def _place(township: Township, village: Village | None, department: Department | None) -> None:
    if (village is None) == (department is None):
        refuse("village", "所属村居或单位：请选择一个村居，或选择一个单位（第十三条：原则上向所在村居反映）")
    if village is not None and village.township_id != township.pk:
        refuse("village", "所属村居：不是本镇的村居")
    if department is not None and department.township_id != township.pk:
        refuse("department", "所属单位：不是本镇的单位")


def _representatives(text: str) -> tuple[list[str], str]:
    listed = checks.people(text)
    for finding in checks.representatives(len(listed)):
        refuse("representatives", f"{finding.message}（{finding.article}）")
    for line in listed:
        if len(line) > 100:
            refuse("representatives", "代表：每行填写一名代表的姓名和联系电话，不超过100字")
    return listed, "\n".join(listed)


def submit(
    *,
    township: Township,
    topic: str,
    title: str,
    content: str,
    village: Village | None = None,
    department: Department | None = None,
    intake: str = Intake.PORTAL,
    submitter_name: str,
    submitter_phone: str = "",
    submitter_address: str = "",
    representatives: str = "",
    supporter_count: int | None = 0,
    supporter_names: str = "",
    notify_by: str = "",
    notify_email: str = "",
    by: Person | None = None,
    user: Actor | None = None,
    request: HttpRequest | None = None,
) -> Opinion:
    """An opinion comes in (第十八条). On the portal anyone submits it (no actor: the view
    rate-limits the form and asks the captcha); a letter, a phone call or a visit is entered by the
    party office (`by`, acting as themselves). 第十六条: at most 5 representatives."""
    if intake not in Intake.values:
        refuse("intake", "反映方式：请选择书信、电话、网络或走访")
    if intake == Intake.PORTAL:
        if by is not None:
            refuse("intake", "反映方式：党办录入的请选择书信、电话或走访")
    else:
        if by is None:
            raise PermissionDenied("opinions.enter: no actor")
        user = acting(user, by, "opinions.enter", township.pk)
    if topic not in Topic.values:
        refuse("topic", "反映类别：请选择反映的事项类别")
    title = checked_text(title, "title", "事项摘要", limit=100)
    content = checked_text(content, "content", "反映内容")
    _place(township, village, department)
    name = checked_text(submitter_name, "submitter_name", "反映人姓名", limit=50)
    phone = checked_text(
        submitter_phone, "submitter_phone", "联系电话", required=intake == Intake.PORTAL, limit=30
    )
    if phone and not all(c.isdigit() or c in "-+ " for c in phone):
        refuse("submitter_phone", "联系电话：只能填写数字（可含“-”）")
    address = checked_text(submitter_address, "submitter_address", "住址", required=False, limit=200)
    listed, reps = _representatives(representatives)
    notify_by, notify_address = public.clean_choice(
        notify_by, phone, notify_email, phone_field="submitter_phone"
    )
    names = checks.people(supporter_names)
    if supporter_count is None:
        supporter_count = 0
    if supporter_count < 0 or supporter_count > MAX_SUPPORTERS:
        refuse("supporter_count", "支持者人数：请填写0或正整数")
    if listed == [] and (supporter_count or names):
        refuse("representatives", "代表：有支持者的多人反映，请填写推选的代表（至多5人）")
    today = timezone.localdate()
    fields = dict(
        township=township, topic=topic, title=title, content=content, village=village, department=department,
        intake=intake, submitter_name=name, submitter_phone=phone, submitter_address=address,
        representatives=reps, representative_count=len(listed),
        supporter_count=max(supporter_count, len(names)), supporter_names="\n".join(names),
        submitted_on=today, entered_by=by, notify_by=notify_by, notify_address=notify_address,
    )  # fmt: skip
    with transaction.atomic():
        for _attempt in range(5):
            try:
                with transaction.atomic():
                    opinion = Opinion.objects.create(code=codes.new_code(), **fields)
                break
            except IntegrityError:  # a receipt code drawn twice: draw again
                continue
        else:
            raise RuntimeError("could not draw a unique receipt code")
        OpinionStep.objects.create(township=township, opinion=opinion, state=State.SUBMITTED, by=by)
        audit.record(
            user, "opinions.submit", opinion, township=township, request=request,
            summary=f"{opinion}（{opinion.get_intake_display()}，{opinion.get_topic_display()}）",
        )  # fmt: skip
        notify.tell(opinion)
    return opinion


# --- the steps -------------------------------------------------------------------------------------


def _move(
    opinion: Opinion,
    *,
    from_states: tuple[str, ...],
    to: str,
    by: Person | None,
    user: Actor | None,
    request: HttpRequest | None,
    action: str,
    summary: str,
    tell: bool = True,
    **fields: object,
) -> Opinion:
    """One step: a conditional UPDATE on the state and the version (two clerks, two clicks: one
    wins, the other is told), its timeline row and its audit entry, in one transaction."""
    with transaction.atomic():
        claimed = Opinion.objects.filter(
            pk=opinion.pk, state__in=from_states, version=opinion.version
        ).update(state=to, version=F("version") + 1, **fields)
        if not claimed:
            refuse("__all__", "该社情民意的状态已改变，请刷新页面后再操作")
        opinion.refresh_from_db()
        OpinionStep.objects.create(township_id=opinion.township_id, opinion=opinion, state=to, by=by)
        audit.record(user, action, opinion, summary=f"{opinion}：{summary}", request=request)
        if tell:  # the submitter told of the new state (issue 16)
            notify.tell(opinion)
    return opinion


def verify(
    opinion: Opinion,
    *,
    verification: str,
    emerging: bool = False,
    report: bool = True,
    by: Person,
    user: Actor | None = None,
    request: HttpRequest | None = None,
) -> Opinion:
    """第十九条: the village or unit verifies it (核实), screens it (筛选) and marks a sign of an
    emerging problem (苗头性、倾向性问题); reported to the party office at once unless `report` is off."""
    user = acting(user, by, "opinions.verify", opinion.township_id)
    if not access.verifies(user, opinion):
        raise PermissionDenied("opinions.verify: not the opinion's village or unit")
    if opinion.state != State.SUBMITTED:
        refuse("__all__", "该社情民意已核实")
    text = checked_text(verification, "verification", "核实筛选情况")
    today = timezone.localdate()
    with transaction.atomic():
        _move(
            opinion, from_states=(State.SUBMITTED,), to=State.VERIFIED, by=by, user=user, request=request,
            action="opinions.verify", summary="核实筛选" + ("（苗头性、倾向性问题）" if emerging else ""),
            verification=text, emerging=bool(emerging), verified_by=by, verified_on=today,
            tell=not report,  # reported at once: one message, of the report
        )  # fmt: skip
        if report:
            send_up(opinion, by=by, user=user, request=request)
    return opinion


def send_up(
    opinion: Opinion, *, by: Person, user: Actor | None = None, request: HttpRequest | None = None
) -> Opinion:
    """第十九条 "并上报镇党委": the village or unit reports the verified opinion to the party office."""
    user = acting(user, by, "opinions.verify", opinion.township_id)
    if not access.verifies(user, opinion):
        raise PermissionDenied("opinions.verify: not the opinion's village or unit")
    if opinion.state != State.VERIFIED:
        refuse("__all__", "只能上报已核实的社情民意")
    return _move(
        opinion, from_states=(State.VERIFIED,), to=State.REPORTED, by=by, user=user, request=request,
        action="opinions.report", summary="上报党委", reported_on=timezone.localdate(),
    )  # fmt: skip


def analyse(
    opinion: Opinion,
    *,
    analysis: str,
    proposal: str,
    by: Person,
    user: Actor | None = None,
    request: HttpRequest | None = None,
) -> Opinion:
    """第二十条: the party office analyses the reported opinion and proposes (建设性、全局性、前瞻性)."""
    user = acting(user, by, "opinions.analyse", opinion.township_id)
    if opinion.state != State.REPORTED:
        refuse("__all__", "只能分析村居或单位已上报的社情民意")
    analysis = checked_text(analysis, "analysis", "整理分析")
    proposal = checked_text(proposal, "proposal", "意见建议")
    return _move(
        opinion, from_states=(State.REPORTED,), to=State.ANALYSED, by=by, user=user, request=request,
        action="opinions.analyse", summary="整理分析并提出意见建议", analysis=analysis, proposal=proposal,
        analysed_by=by, analysed_on=timezone.localdate(),
    )  # fmt: skip


def decide(
    opinion: Opinion,
    *,
    adopted: bool,
    note: str,
    by: Person,
    user: Actor | None = None,
    request: HttpRequest | None = None,
) -> Opinion:
    """The committee's decision on the proposal, recorded by the party office (or the principal):
    adopted (then carried out) or not adopted, with what the public is told (第二十一条)."""
    user = acting(user, by, "opinions.decide", opinion.township_id)
    if opinion.state != State.ANALYSED:
        refuse("__all__", "只能对已提出意见建议的社情民意作出采用决定")
    note = checked_text(note, "note", "采用情况说明")
    return _move(
        opinion, from_states=(State.ANALYSED,), to=State.ADOPTED if adopted else State.NOT_ADOPTED, by=by,
        user=user, request=request, action="opinions.decide", summary="采用" if adopted else "未采用",
        decision_note=note, decided_by=by, decided_on=timezone.localdate(),
    )  # fmt: skip


def complete(
    opinion: Opinion,
    *,
    note: str,
    done_on: datetime.date | None,
    by: Person,
    user: Actor | None = None,
    request: HttpRequest | None = None,
) -> Opinion:
    """An adopted opinion carried out (落实): what was done, shown to the public once published."""
    user = acting(user, by, "opinions.decide", opinion.township_id)
    if opinion.state != State.ADOPTED:
        refuse("__all__", "只能记录已采用的社情民意的落实情况")
    note = checked_text(note, "done_note", "落实情况")
    done_on = checked_day(done_on, "done_on", "落实日期", today=timezone.localdate())
    if opinion.decided_on is not None and done_on < opinion.decided_on:
        refuse("done_on", "落实日期：不能早于采用决定的日期")
    return _move(
        opinion, from_states=(State.ADOPTED,), to=State.DONE, by=by, user=user, request=request,
        action="opinions.complete", summary="落实完成", done_note=note, done_on=done_on,
    )  # fmt: skip


def publishable(township: Township) -> QuerySet[Opinion]:
    """What the next periodic publication carries (第二十一条): decided and, if adopted, done."""
    return Opinion.objects.filter(township=township, state__in=(State.DONE, State.NOT_ADOPTED)).order_by(
        "decided_on", "id"
    )


def result_text(opinion: Opinion) -> str:
    """The result as it is published (第二十一条): in Chinese, the public's language, whoever publishes."""
    with translation.override("zh-hans"):
        return reader_result(opinion)


def _note(text: str, head: str) -> str:
    """The note without the head the result writes itself: "未采用：未采用：…" it said."""
    text = text.strip()
    for mark in ("：", ":"):
        if text.startswith(head + mark):
            return text[len(head) + len(mark) :].strip()
    return text


def reader_result(opinion: Opinion) -> str:
    """The result in the reader's language (the page that previews the publication); the note is
    what the party office typed."""
    if opinion.state == State.NOT_ADOPTED:
        return gettext("Not adopted: %(note)s") % {"note": _note(opinion.decision_note, "未采用")}
    return gettext("Adopted and carried out: %(note)s") % {
        "note": _note(opinion.done_note or opinion.decision_note, "已采用并落实")
    }


def publish_results(
    *, township: Township, title: str = "", by: Person, user: Actor | None = None,
    request: HttpRequest | None = None,
) -> list[Opinion]:  # fmt: skip
    """第二十一条 "定期反馈采用及落实情况": every opinion decided (and, if adopted, done) since the last
    publication is published at once: each gets its public result (what the follower reads by the
    code), and one article of the portal's public-opinion category lists them (no personal data:
    the summary, the village or unit, the result)."""
    user = acting(user, by, "opinions.publish", township.pk)
    rows = list(publishable(township).select_related("village", "department"))
    if not rows:
        refuse("__all__", "没有待公布的采用及落实情况")
    today = timezone.localdate()
    title = checked_text(title, "title", "公布标题", required=False, limit=100) or (
        f"{township.name}社情民意采用及落实情况（{today.year}年{today.month}月{today.day}日）"
    )
    with transaction.atomic():
        url = _to_portal(township, title, rows, user, request)
        for opinion in rows:
            _move(
                opinion, from_states=(State.DONE, State.NOT_ADOPTED), to=State.PUBLISHED, by=by, user=user,
                request=request, action="opinions.publish", summary="公布采用及落实情况",
                result=result_text(opinion), published_on=today, published_url=url,
            )  # fmt: skip
    return rows


def _to_portal(
    township: Township, title: str, rows: list[Opinion], user: Actor | None, request: HttpRequest | None
) -> str:
    """One article in the portal's public-opinion category (zhidu.portal); its address is kept on
    each opinion. The batch is named by its first opinion (each opinion is published once)."""
    from zhidu.portal import services as portal

    with translation.override("zh-hans"):  # the public's article, whoever publishes it
        body = "\n\n".join(
            f"{n}. 【{o.get_topic_display()}】{o.title}（{o.place}）\n{result_text(o)}"
            for n, o in enumerate(rows, 1)
        )
    article = portal.publish(
        user, township=township, category="opinions", title=title, body=body,
        source_type="opinions.opinion", source_id=rows[0].pk, tags=("社情民意",), request=request,
    )  # fmt: skip
    return article.get_absolute_url()[:300]


# --- a supervision item (R7, 民情信箱) -------------------------------------------------------------


def supervise(
    opinion: Opinion,
    *,
    owner_department: Department,
    owner_person: Person,
    deadline: datetime.date,
    requirements: str = "",
    by: Person,
    user: Actor | None = None,
    request: HttpRequest | None = None,
) -> SupervisionItem:
    """An opinion becomes a supervision item (R7, source 民情信箱) through R7's own entry point, which
    checks its own permission and input; the opinion keeps the link (once)."""
    from zhidu.supervision import services as supervision
    from zhidu.supervision.models import Source

    user = acting(user, by, "opinions.supervise", opinion.township_id)
    if opinion.supervision_item_id is not None:
        refuse("__all__", "该社情民意已立项督办")
    if opinion.state == State.SUBMITTED:
        refuse("__all__", "请先由村居或单位核实后再立项督办")
    requirements = (requirements or "").strip() or opinion.proposal or "核实办理并反馈"
    with transaction.atomic():
        item = supervision.register(
            township=opinion.township, by=by, source=Source.MAILBOX, matter=opinion.title[:200],
            requirements=requirements, owner_department=owner_department, owner_person=owner_person,
            deadline=deadline, basis=f"社情民意（回执码{codes.grouped(opinion.code)}）：{opinion.content}",
            user=user, request=request,
        )  # fmt: skip
        linked = Opinion.objects.filter(pk=opinion.pk, supervision_item__isnull=True).update(
            supervision_item=item, version=F("version") + 1
        )
        if not linked:
            refuse("__all__", "该社情民意已立项督办")
        opinion.refresh_from_db()
        audit.record(
            user, "opinions.supervise", opinion, summary=f"{opinion}：立项督办{item}", request=request
        )
    return item


# --- the one read of personal data, the public lookup -----------------------------------------------


def read(
    opinion: Opinion, *, user: Actor | None, request: HttpRequest | None = None, reason: str = ""
) -> dict[str, str]:
    """Every sealed field of the opinion under ONE audit entry naming the reader and the fields.
    Only the party office and those verifying it (access.handles)."""
    if not access.handles(user, opinion):
        raise PermissionDenied("opinions.read")
    values = {name: cast(Sealed, getattr(opinion, name)) for name in PERSONAL}
    if not any(values.values()):
        return dict.fromkeys(PERSONAL, "")
    return reveal_all(user, f"{reason or '查阅'}：{opinion}", values, target=opinion, request=request)


def readers(opinion: Opinion) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(
        township=opinion.township, action="opinions.read", target_type="opinions.opinion",
        target_id=str(opinion.pk),
    ).order_by("-at", "-id")  # fmt: skip


def lookup(typed: str) -> Opinion | None:
    """The public lookup by receipt code (the view rate-limits it)."""
    code = codes.normalize(typed)
    if not codes.well_formed(code):
        return None
    return Opinion.objects.select_related("township", "village", "department").filter(code=code).first()


# --- the monthly analysis --------------------------------------------------------------------------


def record_analysis(
    row: MonthlyAnalysis,
    *,
    summary: str,
    by: Person,
    user: Actor | None = None,
    request: HttpRequest | None = None,
) -> MonthlyAnalysis:
    """第二十条: the party office records the month's analysis (topics, trends, by village); its duty
    completes."""
    user = acting(user, by, "opinions.analyse", row.township_id)
    if row.done_on is not None:
        refuse("summary", "分析意见：本月分析已记录")
    summary = checked_text(summary, "summary", "分析意见")
    with transaction.atomic():
        claimed = MonthlyAnalysis.objects.filter(pk=row.pk, done_on__isnull=True).update(
            summary=summary, done_on=timezone.localdate(), recorded_by=by
        )
        if not claimed:
            refuse("summary", "分析意见：本月分析已记录")
        row.refresh_from_db()
        complete_by_key(row.township, f"opinion-monthly-analysis:{row.month:%Y-%m}", by=user, request=request)
        audit.record(user, "opinions.monthly_analysis", row, summary=str(row), request=request)
    return row
