"""The minutes (会议纪要) as a Word document in the official layout (R1§9, zhidu.core.docx), carrying
what the web minutes and the archive carry: recusals, the counted vote, reserved opinions (R1§11),
the written opinions of absent members (R1§7(3)), each decision's basis and supervision (R1§9), a
referral to the superior (R1§7(4)) and the 复议 links both ways (R1§12(4)). Confidential personnel
items stay out of the minutes, never out of the record. "签发" prints only once the chair signed."""

from __future__ import annotations

from django.utils import timezone

from zhidu.core.chinese import cn_date
from zhidu.core.docx import OfficialDocument
from zhidu.meetings.models import AgendaEntry, Attendance, Meeting
from zhidu.meetings.record import BODIES, METHODS
from zhidu.meetings.verdict import latest_verdict


def minutes_number(meeting: Meeting) -> str:
    return meeting.minutes.label


def observer_names(meeting: Meeting) -> str:
    """列席 (R2): the observers, as the minutes name them (姓名（职务或部门）)."""
    names = []
    for o in meeting.observers.select_related("person__department").order_by("id"):
        place = o.person.title or (o.person.department.name if o.person.department else "")
        names.append(f"{o.person.name}（{place}）" if place else o.person.name)
    return "、".join(names)


def chair_words(meeting: Meeting) -> str:
    """The chair as the minutes name them; R2: a deputy entrusted by the secretary says so."""
    if meeting.chair_entrusted_by is not None:
        return f"受{meeting.chair_entrusted_by.name}同志委托，{meeting.chair.name}同志"
    return f"{meeting.chair.name}同志"


def minutes_docx(meeting: Meeting) -> bytes:
    held = timezone.localtime(meeting.held_at)
    doc = OfficialDocument(
        masthead=f"中共{meeting.township.name}委员会",
        number=minutes_number(meeting),
        title=f"{BODIES[meeting.body]}纪要",
        township=meeting.township.name,
    )
    attendance = list(meeting.attendance.select_related("person").order_by("id"))
    present = "、".join(a.person.name for a in attendance if a.status == Attendance.Status.PRESENT)
    absent = "、".join(
        f"{a.person.name}（{a.reason or '未说明理由'}）"
        for a in attendance
        if a.status != Attendance.Status.PRESENT
    )
    observers = observer_names(meeting)
    doc.paragraph(
        f"{cn_date(held)}{held:%H:%M}，{chair_words(meeting)}在{meeting.place or '镇机关'}主持召开"
        f"{BODIES[meeting.body]}。出席：{present or '无'}。缺席：{absent or '无'}。"
        f"{f'列席：{observers}。' if observers else ''}"
        f"记录：{meeting.recorder.name if meeting.recorder else '未指定'}。现将会议议定事项纪要如下："
    )
    # The votes the stored verdict counted, not the rows' raw totals (R1§7(4): a recused member's
    # named ballot is not counted, so the minutes do not print it either).
    verdict = latest_verdict(meeting)
    number = 0
    entries = (
        meeting.entries.filter(withdrawn_at=None)
        .select_related("item", "item__reconsiders__meeting__minutes", "item__reconsiders__item")
        .prefetch_related(
            "conflicts__person",
            "reserved_opinions__person",
            "written_opinions__person",
            "changed_by__by__meeting__minutes",
            "changed_by__by__item",
        )
        .order_by("position", "id")
    )
    important = False
    for entry in entries:
        important = important or entry.item.important
        number += 1
        if entry.item.confidential:
            doc.heading(f"{_cn_number(number)}、干部人事事项（保密，详见会议记录）")
            continue
        doc.heading(f"{_cn_number(number)}、{entry.item.title}")
        # R1§12(4): a decision is changed only by a later one naming it; the old archive is never
        # edited (R1§10), so both minutes say it from the Reconsideration link.
        if entry.item.reconsiders is not None:
            doc.paragraph(f"复议变更{_decision(entry.item.reconsiders)}。")
        for change in entry.changed_by.all():
            doc.paragraph(f"本项决定已被{_decision(change.by)}复议变更。")
        if entry.referred:  # R1§7(4): not decided here, referred to the superior for a ruling
            doc.paragraph("本议题请求上级裁决。")
        elif entry.deferred:
            doc.paragraph("本议题暂缓表决。")
        recused = "、".join(c.person.name for c in entry.conflicts.all() if c.recused)
        if recused:  # R1§7(4), R4: they left the room and did not vote
            doc.paragraph(f"回避：{recused}。")
        for opinion in entry.written_opinions.all():  # R1§7(3): an absent member's written opinion
            doc.paragraph(
                f"{opinion.person.name}同志（缺席）书面意见：{POSITIONS_CN.get(opinion.position, opinion.position)}"
                + (f"。{opinion.text.strip()}" if opinion.text.strip() else "。")
            )
        if entry.discussion:
            doc.paragraph(entry.discussion)
        counted = verdict.counted(f"i{entry.item_id}") if verdict is not None else None
        if entry.vote_method and counted is not None:
            for_, against, abstain = counted
            doc.paragraph(
                f"表决方式：{METHODS[entry.vote_method]}。同意{for_}票，反对{against}票，弃权{abstain}票。"
            )
        if entry.resolution:
            doc.paragraph(f"会议决定：{entry.resolution}")
        if entry.basis:  # R1§9: what the decision rests on
            doc.paragraph(f"依据和理由：{entry.basis}")
        if entry.implementer:
            doc.paragraph(f"责任单位：{entry.implementer}")
        if entry.supervision:  # R1§9: how its execution is supervised
            doc.paragraph(f"监督办法：{entry.supervision}")
        for reserved in entry.reserved_opinions.all():  # R1§11: recorded; the resolution binds all the same
            doc.paragraph(f"{reserved.person.name}同志保留意见：{reserved.text.strip()}")
    minutes = meeting.minutes
    signed = timezone.localtime(minutes.signed_at).date() if minutes.signed_at else None
    if signed is not None and minutes.signed_by is not None:
        # The chair's sign-off (services.sign_minutes sets signed_by and signed_at together); before
        # it the minutes are not issued, so nothing prints "签发" and the 版记 leaves the date blank.
        doc.signature(f"签发：{minutes.signed_by.name}", cn_date(signed), room=False)
    # R1§9: important minutes go to the city-level leader in charge as well.
    doc.colophon(f"{meeting.township.name}党政办公室", signed, cc="市级分管领导" if important else "")
    return doc.to_bytes()


def _decision(entry: AgendaEntry) -> str:
    """Another meeting's decision as the minutes name it: its minutes' number and the item's title.
    A confidential personnel item's title stays out of the minutes (R1§9), here as in its own."""
    meeting = entry.meeting
    source = meeting.minutes.label if meeting.state == Meeting.State.CLOSED else meeting.title
    title = "干部人事事项（保密）" if entry.item.confidential else entry.item.title
    return f"{source}“{title}”"


POSITIONS_CN = {"for": "同意", "against": "不同意", "defer": "暂缓"}


def _cn_number(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
