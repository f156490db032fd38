"""Opening a vote: a box for an agenda entry or an assessment (one function for both), the one-time
codes printed for it, and voiding it before it is counted."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from zhidu.ballots import codes as codebook
from zhidu.ballots.models import Assessment, BallotBox, BallotSettings, CodeSlot
from zhidu.ballots.services.closing import reshuffle
from zhidu.ballots.services.common import LIVE_STATES, claim, refuse, require, write_void_note
from zhidu.core import audit
from zhidu.meetings.models import AgendaEntry, Attendance, Meeting

if TYPE_CHECKING:
    from zhidu.core.permissions import Actor
    from zhidu.org.models import Person, Township


def voters_of(entry: AgendaEntry) -> int:
    """Present members not recused from the entry: who may vote on it (R1§7(4), R1§7(5))."""
    present = set(
        entry.meeting.attendance.filter(status=Attendance.Status.PRESENT).values_list("person_id", flat=True)
    )
    recused = set(entry.conflicts.filter(recused=True).values_list("person_id", flat=True))
    return len(present - recused)


def receipts_allowed(township: Township) -> bool:
    settings = BallotSettings.objects.filter(township=township).first()
    return bool(settings and settings.receipts_allowed)


def check_tellers(method: str, counter: Person | None, scrutineer: Person | None) -> None:
    if method != BallotBox.Method.PAPER:
        return
    if counter is None or scrutineer is None:
        refuse("counter", "纸质投票须指定计票人和监票人")
    if counter.pk == scrutineer.pk:
        refuse("scrutineer", "计票人和监票人须为两位不同的人员")


def _check_entry(entry: AgendaEntry, method: str, codes: int) -> None:
    if entry.meeting.state == Meeting.State.CLOSED:
        refuse("entry", "会议已结束并归档，不能再投票")
    if method not in BallotBox.Method.values:
        refuse("method", "请选择投票方式")
    voters = voters_of(entry)
    if voters == 0:
        refuse("codes", "请先登记出席情况：没有可投票的到会成员")
    if not 1 <= codes <= voters:
        refuse("codes", f"发出的选票数应在1至{voters}之间（到会且未回避的成员{voters}人）")


def _check_assessment(method: str, codes: int) -> None:
    if method not in BallotBox.Method.values:
        refuse("method", "请选择测评方式")
    if codes < 1:
        refuse("codes", "发出的测评码或测评表至少1张")


def create_box(
    subject: AgendaEntry | Assessment,
    *,
    method: str,
    codes: int,
    counter: Person | None = None,
    scrutineer: Person | None = None,
    user: Actor | None = None,
) -> BallotBox:
    """An anonymous vote on an agenda entry (R1§7(4)) or a round of a democratic assessment (R10).
    `codes`: the codes (electronic) or paper forms to issue; for an entry, one per present member
    who may vote. One round at a time, and none after a closed one (a new vote on an entry needs a
    re-deliberation). Paper is printed and handed out at once: the box opens, and is dated, now."""
    assessment = isinstance(subject, Assessment)
    require(user, "assessments.manage" if assessment else "ballots.manage", subject)
    # isinstance, not `assessment`, where the type checker must narrow `subject` (the same test).
    if isinstance(subject, Assessment):
        _check_assessment(method, codes)
    else:
        _check_entry(subject, method, codes)
    check_tellers(method, counter, scrutineer)
    field, boxes = (
        ("assessment", subject.boxes.all())
        if isinstance(subject, Assessment)
        else ("entry", subject.ballot_boxes.all())
    )
    if boxes.filter(state__in=LIVE_STATES).exists():
        refuse(field, "本次测评已有进行中的一轮" if assessment else "本议题已有一次进行中的无记名投票")
    if boxes.filter(state=BallotBox.State.CLOSED).exists():
        refuse(field, "本次测评已经完成" if assessment else "本议题已完成无记名投票；如需重新表决，须经复议")
    paper = method == BallotBox.Method.PAPER
    with transaction.atomic():
        box = BallotBox.objects.create(
            township=subject.township,
            entry=None if isinstance(subject, Assessment) else subject,
            assessment=subject if isinstance(subject, Assessment) else None,
            method=method,
            salt=codebook.new_salt(),
            codes_issued=codes,
            receipts=receipts_allowed(subject.township),
            counter=counter,
            scrutineer=scrutineer,
            state=BallotBox.State.OPEN if paper else BallotBox.State.PREPARED,
            opened_at=timezone.now() if paper else None,
        )
        title = subject.title if isinstance(subject, Assessment) else subject.item.title
        audit.record(user, "ballots.create", box, summary=title, method=method, issued=codes)
    return box


def issue_codes(box: BallotBox, *, user: Actor | None = None) -> list[str]:
    """Create the box's one-time codes and return them, for the one print page that shows them. Only
    their keyed hashes are stored, in hash order (not the printed order); a second call is refused, so
    the plaintext exists only in that one response."""
    require(user, "ballots.manage", box)
    if box.method != BallotBox.Method.ELECTRONIC:
        refuse("box", "纸质投票不使用选票码")
    plain = codebook.new_codes(box.codes_issued)
    with transaction.atomic():
        claim(
            box,
            [BallotBox.State.PREPARED],
            message="选票码已打印过：明文只显示一次。如需重印，请作废本次投票后重新发起",
            state=BallotBox.State.OPEN,
            opened_at=timezone.now(),
        )
        hashes = sorted(codebook.slot_hash(box.salt, code) for code in plain)
        CodeSlot.objects.bulk_create([CodeSlot(box=box, code_hash=h) for h in hashes])
        audit.record(user, "ballots.codes", box, summary=f"打印选票码{len(plain)}张", issued=len(plain))
    return [codebook.display(code) for code in plain]


def void_box(box: BallotBox, *, reason: str, user: Actor | None = None) -> None:
    """The clerk voids a vote before it is counted (codes lost or seen, the printer jammed…)."""
    require(user, "ballots.manage", box)
    reason = reason.strip()
    if not reason:
        refuse("reason", "作废须说明理由")
    with transaction.atomic():
        claim(
            box, LIVE_STATES, state=BallotBox.State.VOID, void_reason=reason[:300], closed_at=timezone.now()
        )
        reshuffle(box)  # the ballots already cast stay, but not in the order they were cast
        write_void_note(box, user)
        audit.record(user, "ballots.void", box, summary=reason[:300])
