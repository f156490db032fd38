"""The compliance audit of R1§14–16: pick meetings (a reproducible random sample of a period, or
those a complaint names), read the verdict stored with each one's latest ARCHIVED version (judged at
closing by the rules of its day with the same checks as `zhidu evaluate`; versions archived before
verdicts were stored are judged on read, the same way), and keep the report."""

from __future__ import annotations

import copy
import datetime
import random
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from zhidu.core import audit
from zhidu.meetings.models import CheckReport, Meeting
from zhidu.meetings.record import RecordError
from zhidu.meetings.verdict import latest_version, verdict_of


def draw_sample(
    township, period_from: datetime.date, period_to: datetime.date, size: int, seed: int
) -> list[Meeting]:
    """Closed meetings held in the period, `size` of them drawn with `seed` (same seed, same draw)."""
    candidates = list(
        Meeting.objects.filter(
            township=township,
            state=Meeting.State.CLOSED,
            held_at__date__gte=period_from,
            held_at__date__lte=period_to,
        ).order_by("held_at", "pk")
    )
    if size >= len(candidates):
        return candidates
    return sorted(random.Random(seed).sample(candidates, size), key=lambda m: (m.held_at, m.pk))


def judge_archive(meeting: Meeting) -> dict:
    version = latest_version(meeting)
    base = {
        "meeting": meeting.pk,
        "title": meeting.title,
        "body": meeting.body,
        "held_at": timezone.localtime(meeting.held_at).isoformat(),
        "minutes": str(meeting.minutes) if hasattr(meeting, "minutes") else "",
        "version": version.version if version else None,
    }
    if version is None:
        return {**base, "error": "没有归档记录"}
    try:
        # The verdict the minutes and the obligations followed; the chain covers it with the record.
        evaluation = copy.deepcopy(verdict_of(version).document)
    except RecordError as error:
        return {**base, "error": str(error)}
    titles = {item["id"]: item.get("title", item["id"]) for item in version.record.get("items", [])}
    for item in evaluation["items"]:
        item["title"] = titles.get(item["id"], item["id"])
    return {**base, "evaluation": evaluation}


def run_check(
    *,
    township,
    reason: str,
    user=None,
    note: str = "",
    period_from=None,
    period_to=None,
    size: int = 0,
    meetings=None,
) -> CheckReport:
    if reason == CheckReport.Reason.SAMPLE:
        if period_from is None or period_to is None or period_to < period_from:
            raise ValidationError({"period_to": "抽查期间无效：结束日期不能早于开始日期"})
        if size < 1:
            raise ValidationError({"size": "抽查数量至少为 1"})
        seed = secrets.randbits(48)
        chosen = draw_sample(township, period_from, period_to, size, seed)
    else:
        if not note.strip():
            raise ValidationError({"note": "按投诉检查须写明投诉内容"})
        seed = None
        chosen = [
            m for m in (meetings or []) if m.township_id == township.pk and m.state == Meeting.State.CLOSED
        ]
    if not chosen:
        raise ValidationError({"meetings": "没有可检查的已归档会议"})
    with transaction.atomic():
        report = CheckReport.objects.create(
            township=township,
            reason=reason,
            note=note,
            period_from=period_from,
            period_to=period_to,
            seed=seed,
            results=[judge_archive(m) for m in chosen],
            created_by=user,
        )
        report.meetings.set(chosen)
        audit.record(user, "meetings.check", report, summary=f"检查 {len(chosen)} 次会议", seed=seed)
    return report


def mark_sent(report: CheckReport, *, user=None) -> bool:
    with transaction.atomic():
        changed = CheckReport.objects.filter(pk=report.pk, sent_at__isnull=True).update(
            sent_at=timezone.now()
        )
        if changed:
            audit.record(user, "meetings.check_sent", report, summary="报送市级分管领导")
    report.refresh_from_db()
    return bool(changed)
