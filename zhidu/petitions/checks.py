"""Petition reception (R21): the deadline of a case and its checks, exactly as `zhidu.petition/1`
of `../shared/spec/case-records.md`. The web app judges live cases (and the unsaved extension form)
with these same functions, and `zhidu evaluate` judges a file with them. Pure: no Django, no
database, no clock.

R21§4 "能当场答复的当场答复，不能当场答复的60日内办结答复；情况复杂的，可延长一次，延长期限不超过
30日，并告知来访人延期理由": the original due day is 60 days after the day the case was received (the
raw last day, then moved forward to a working day); one extension, decided before that day, with its
reason told to the petitioner before that day, moves it to 60 + days (at most 30)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from zhidu.rules import RuleParameters, parameter
from zhidu.rules.case_records import (
    CaseEvaluation,
    CaseFinding,
    CaseObligation,
    case_to_json,
    choice,
    day,
    integer,
    obj,
    text,
)
from zhidu.rules.findings import VIOLATION, Finding
from zhidu.rules.formats import InvalidRecord

AREA = "petitions"
FORMAT = "zhidu.petition/1"
MODES = ("scheduled", "appointment", "on_site")  # 定点接访, 重点约访, 带案下访
ARTICLE = "R21§4"


@dataclass(frozen=True)
class PetitionParameters(RuleParameters):
    """What a township may set of R21, versioned by the day it takes effect; the defaults are the
    rulebook's (and the spec's, which `zhidu evaluate` always uses)."""

    # R21§4 "60日内办结答复": calendar days after the day of receipt.
    answer_days: int = parameter(60, _("answer within (days)"))
    # R21§4 "延长一次，延长期限不超过30日".
    extension_max_days: int = parameter(30, _("longest extension (days)"))

    def __post_init__(self) -> None:
        if self.answer_days < 1:
            raise ValueError("answer_days: 至少为 1 天")
        if self.extension_max_days < 0:
            raise ValueError("extension_max_days: 不能为负数")


DEFAULTS = PetitionParameters()


@dataclass(frozen=True)
class Extension:
    decided_on: datetime.date
    days: int
    reason: str
    told_on: datetime.date | None


@dataclass(frozen=True)
class PetitionRecord:
    mode: str
    received_on: datetime.date
    answered_on: datetime.date | None = None
    extension: Extension | None = None


def _cn(day: datetime.date) -> str:
    """2026年10月8日, as findings write a day."""
    return f"{day.year}年{day.month}月{day.day}日"


def validate(record: PetitionRecord) -> None:
    """The impossible values of the spec: InvalidRecord naming the field (also the web form's)."""
    if record.mode not in MODES:
        raise InvalidRecord("mode", f"未知取值 {record.mode!r}（应为 {'、'.join(MODES)} 之一）")
    if record.answered_on is not None and record.answered_on < record.received_on:
        raise InvalidRecord("answered_on", "答复日期不能早于受理日期")
    ext = record.extension
    if ext is None:
        return
    if ext.decided_on < record.received_on:
        raise InvalidRecord("extension.decided_on", "延期决定日期不能早于受理日期")
    if ext.told_on is not None and ext.told_on < record.received_on:
        raise InvalidRecord("extension.told_on", "告知日期不能早于受理日期")
    if ext.days < 1:
        raise InvalidRecord("extension.days", "延长天数至少为1天")


def parse(data: Any) -> PetitionRecord:
    """The JSON document → the record, refusing what the spec calls invalid."""
    data = obj(data, "")
    mode = choice(data, "mode", MODES)
    received_on = day(data, "received_on")
    answered_on = day(data, "answered_on", nullable=True)
    if "extension" not in data:
        raise InvalidRecord("extension", "缺少字段")
    raw = data["extension"]
    extension = None
    if raw is not None:
        raw = obj(raw, "extension")
        decided_on = day(raw, "decided_on", "extension")
        days = integer(raw, "days", "extension")
        reason = text(raw, "reason", "extension", nullable=True)
        told_on = day(raw, "told_on", "extension", nullable=True)
        assert decided_on is not None and days is not None  # not nullable: the readers refused None
        extension = Extension(decided_on, days, reason, told_on)
    assert received_on is not None
    record = PetitionRecord(mode, received_on, answered_on, extension)
    validate(record)
    return record


def original_due(record: PetitionRecord, calendar, params: PetitionParameters = DEFAULTS):
    """R21§4: 60 days after receipt, moved forward to a working day (a `Due`: date, provisional)."""
    return calendar.after_days(record.received_on, params.answer_days)


def extension_findings(
    record: PetitionRecord, calendar, params: PetitionParameters = DEFAULTS
) -> tuple[list[CaseFinding], int | None]:
    """The findings of the extension and the days it counts for (None: it does not count)."""
    ext = record.extension
    if ext is None:
        return [], None
    original = original_due(record, calendar, params).date
    found: list[CaseFinding] = []
    counted: int | None = ext.days

    def finding(code: str, message: str) -> None:
        found.append(CaseFinding(Finding(code, VIOLATION, ARTICLE, message)))

    # R21§4 "延长期限不超过30日": a longer extension counts as the longest allowed.
    if ext.days > params.extension_max_days:
        finding("extension-too-long", f"延长期限{ext.days}日，超过{params.extension_max_days}日")
        counted = params.extension_max_days
    # An extension is decided within the original term: one decided after it cannot revive it.
    if ext.decided_on > original:
        finding("extension-late", f"延期决定于{_cn(ext.decided_on)}，晚于原办理期限{_cn(original)}")
        counted = None
    # R21§4 "并告知来访人延期理由": a reason, told before the original term ends.
    if not ext.reason.strip():
        finding("extension-no-reason", "延期未写明理由")
    if ext.told_on is None:
        finding("extension-not-told", "未告知来访人延期理由")
    elif ext.told_on > original:
        finding(
            "extension-not-told",
            f"告知来访人延期理由于{_cn(ext.told_on)}，晚于原办理期限{_cn(original)}",
        )
    return found, counted


def evaluate(record: PetitionRecord, calendar, params: PetitionParameters = DEFAULTS) -> CaseEvaluation:
    """The case judged: due day (with the extension when it counts), findings, the answer owed."""
    first = original_due(record, calendar, params)
    findings, counted = extension_findings(record, calendar, params)
    due = first if counted is None else calendar.after_days(record.received_on, params.answer_days + counted)
    provisional = bool(first.provisional or due.provisional)
    if record.answered_on is not None and record.answered_on > due.date:
        findings.append(
            CaseFinding(
                Finding(
                    "answer-late",
                    VIOLATION,
                    ARTICLE,
                    f"于{_cn(record.answered_on)}办结答复，超过办理期限{_cn(due.date)}",
                )
            )
        )
    obligations = []
    if record.answered_on is None:
        obligations.append(CaseObligation("answer", due.date, provisional))
    return CaseEvaluation(FORMAT, due.date, provisional, findings, obligations)


def evaluate_with_defaults(record: PetitionRecord, calendar) -> CaseEvaluation:
    return evaluate(record, calendar, DEFAULTS)


def to_document(record: PetitionRecord) -> dict[str, Any]:
    """The record in its `zhidu.petition/1` form (the export of every stored case)."""
    ext = record.extension
    return {
        "format": FORMAT,
        "mode": record.mode,
        "received_on": record.received_on.isoformat(),
        "answered_on": record.answered_on.isoformat() if record.answered_on else None,
        "extension": None
        if ext is None
        else {
            "decided_on": ext.decided_on.isoformat(),
            "days": ext.days,
            "reason": ext.reason,
            "told_on": ext.told_on.isoformat() if ext.told_on else None,
        },
    }


def register_format() -> None:
    """Teach `zhidu evaluate` the `zhidu.petition/1` format (from the app's ready())."""
    from zhidu.rules import formats

    formats.register(FORMAT, parse=parse, evaluate=evaluate_with_defaults, to_json=case_to_json)
