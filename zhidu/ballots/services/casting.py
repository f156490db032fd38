"""Casting with a one-time code. The login only keeps outsiders out: nothing here receives the user,
writes an audit entry, a message, a session change or a log line, so no record of the system ties a
person to a ballot (tests/ballots/test_privacy.py captures all of them during a cast)."""

from __future__ import annotations

import typing
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F

from zhidu.ballots import codes as codebook
from zhidu.ballots.models import (
    AnonymousBallot,
    Assessment,
    AssessmentAnswer,
    BallotBox,
    Choice,
    CodeSlot,
    Rating,
)
from zhidu.ballots.services.common import refuse

UNKNOWN_CODE = "此选票码不属于本次投票，请核对卡片上的选票码"
USED_CODE = "此选票码已经投过票：每张选票码只能使用一次"
BAD_CODE = "选票码格式不正确：应为卡片上的10位字母和数字（如 7KQ2M-XD4RT）"
NOT_OPEN = "本次投票未开放或已结束"


@dataclass(frozen=True)
class CastResult:
    # Shown to the voter only when the township allows receipts (off by default).
    receipt: str | None
    choices: tuple[str, ...]


def cast(
    box: BallotBox, code_text: str, *, choice: str | None = None, answers: dict[int, str] | None = None
) -> CastResult:
    """Accept one ballot for `code_text`. For an agenda entry `choice` is for/against/abstain; for an
    assessment `answers` maps every subject id to a grade.

    1. Check the code's shape and the choice before touching the database.
    2. In one transaction: count the cast on the box *only if it is still open* (a conditional
       UPDATE, which also orders the cast against a concurrent close), flag the code used *only if
       unused* (the second of two concurrent casts with one code updates no row and is refused),
       then insert the ballot under a random id with the code's receipt hash."""
    code = codebook.normalize(code_text or "")
    if code is None:
        refuse("code", BAD_CODE)
    if box.is_assessment:
        # is_assessment: the box belongs to an assessment, not to an entry.
        subjects = list(typing.cast(Assessment, box.assessment).subjects.values_list("pk", flat=True))
        answers = answers or {}
        if set(answers) != set(subjects) or any(v not in Rating.values for v in answers.values()):
            refuse("answers", "请为每一位测评对象选择一个等次")
    elif choice not in Choice.values:
        refuse("choice", "请选择同意、反对或弃权")
    slot = codebook.slot_hash(box.salt, code)
    with transaction.atomic():
        if not BallotBox.objects.filter(
            pk=box.pk, state=BallotBox.State.OPEN, method=BallotBox.Method.ELECTRONIC
        ).update(cast_count=F("cast_count") + 1):
            refuse("code", NOT_OPEN)
        if not CodeSlot.objects.filter(box=box, code_hash=slot, used=False).update(used=True):
            used = CodeSlot.objects.filter(box=box, code_hash=slot).exists()
            refuse("code", USED_CODE if used else UNKNOWN_CODE)
        if box.is_assessment:
            # Both set and checked in step 1 (`answers` for an assessment, `choice` otherwise); the
            # type checker does not carry that across the two `is_assessment` tests.
            answers = typing.cast("dict[int, str]", answers)
            AssessmentAnswer.objects.bulk_create(
                [
                    AssessmentAnswer(
                        box=box, subject_id=s, receipt=codebook.receipt(box.salt, code, s), rating=r
                    )
                    for s, r in answers.items()
                ]
            )
            shown = tuple(answers[s] for s in subjects)
        else:
            choice = typing.cast(str, choice)
            AnonymousBallot.objects.create(box=box, receipt=codebook.receipt(box.salt, code), choice=choice)
            shown = (choice,)
    if not box.receipts:
        return CastResult(None, ())
    first = subjects[0] if box.is_assessment else None
    return CastResult(codebook.receipt(box.salt, code, first)[:16], shown)
