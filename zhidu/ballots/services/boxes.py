"""Opening a vote: a box for an agenda entry, and the one-time codes printed for it."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from zhidu.ballots import codes as codebook
from zhidu.ballots.models import BallotBox, BallotSettings, CodeSlot
from zhidu.ballots.services.closing import reshuffle
from zhidu.ballots.services.common import LIVE_STATES, claim, refuse, write_void_note
from zhidu.core import audit
from zhidu.meetings.models import AgendaEntry, Attendance, Meeting


def voters_of(entry: AgendaEntry) -> int:
    """Present members not recused from the entry: who may vote on it (R1§7(4), R1§7(5))."""
    present = set(
        entry.meeting.attendance.filter(status=Attendance.Status.PRESENT).values_list("person_id", flat=True)
    )
    recused = set(entry.conflicts.filter(recused=True).values_list("person_id", flat=True))
    return len(present - recused)


def receipts_allowed(township) -> bool:
    settings = BallotSettings.objects.filter(township=township).first()
    return bool(settings and settings.receipts_allowed)


def check_tellers(method: str, counter, scrutineer) -> None:
    if method != BallotBox.Method.PAPER:
        return
    if counter is None or scrutineer is None:
        refuse("counter", "纸质投票须指定计票人和监票人")
    if counter.pk == scrutineer.pk:
        refuse("scrutineer", "计票人和监票人须为两位不同的人员")


def create_box(
    entry: AgendaEntry, *, method: str, codes: int, counter=None, scrutineer=None, user=None
) -> BallotBox:
    """An anonymous vote on an entry. `codes`: the codes (electronic) or paper ballots to issue, one
    per present member who may vote."""
    if entry.meeting.state == Meeting.State.CLOSED:
        refuse("entry", "会议已结束并归档，不能再投票")
    if method not in BallotBox.Method.values:
        refuse("method", "请选择投票方式")
    voters = voters_of(entry)
    if voters == 0:
        refuse("codes", "请先登记出席情况：没有可投票的到会成员")
    if not 1 <= codes <= voters:
        refuse("codes", f"发出的选票数应在1至{voters}之间（到会且未回避的成员{voters}人）")
    check_tellers(method, counter, scrutineer)
    boxes = entry.ballot_boxes.all()
    if boxes.filter(state__in=LIVE_STATES).exists():
        refuse("entry", "本议题已有一次进行中的无记名投票")
    if boxes.filter(state=BallotBox.State.CLOSED).exists():
        refuse("entry", "本议题已完成无记名投票；如需重新表决，须经复议")
    with transaction.atomic():
        box = BallotBox.objects.create(
            township=entry.township,
            entry=entry,
            method=method,
            salt=codebook.new_salt(),
            codes_issued=codes,
            receipts=receipts_allowed(entry.township),
            counter=counter,
            scrutineer=scrutineer,
            # Paper ballots are printed and handed out at once: the box is open from the start.
            state=BallotBox.State.OPEN if method == BallotBox.Method.PAPER else BallotBox.State.PREPARED,
            opened_at=timezone.now() if method == BallotBox.Method.PAPER else None,
        )
        audit.record(user, "ballots.create", box, summary=entry.item.title, method=method, issued=codes)
    return box


def issue_codes(box: BallotBox, *, user=None) -> list[str]:
    """Create the box's one-time codes and return them, for the one print page that shows them. Only
    their keyed hashes are stored, in hash order (not the printed order); a second call is refused, so
    the plaintext exists only in that one response."""
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


def void_box(box: BallotBox, *, reason: str, user=None) -> None:
    """The clerk voids a vote before it is counted (codes lost or seen, the printer jammed…)."""
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
