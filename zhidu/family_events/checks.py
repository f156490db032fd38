"""Family-event declarations (R9 婚丧嫁娶等事宜申报): the `zhidu.family-event/1` record of
`../shared/spec/case-records.md`, its parameters, and the pure checks that judge it. The web form is
judged by the same functions on the unsaved form, the stored declarations on their export, and
`zhidu evaluate` on a file. Pure: no database, no clock; the working-day calendar is passed in."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from zhidu.rules import VIOLATION, Finding, RuleParameters, parameter
from zhidu.rules.case_records import (
    CaseEvaluation,
    CaseFinding,
    CaseObligation,
    boolean,
    case_to_json,
    choice,
    day,
    integer,
    obj,
    text,
)
from zhidu.rules.formats import InvalidRecord

AREA = "family_events"  # this area's namespace in the township's rule set (zhidu.rules)
FORMAT = "zhidu.family-event/1"
KINDS = ("wedding", "funeral", "birth", "birthday", "housewarming", "promotion", "school")
FUNERAL = "funeral"
CHANNELS = ("written", "oral")
# R9§2 说明办理事由、时间、地点、人数和标准: the five contents of the written form, in its order.
DETAIL_NAMES = {"purpose": "办理事由", "time": "时间", "place": "地点", "guests": "人数", "standard": "标准"}
EARLIEST_REPORT_DAYS = 366  # the spec: a report more than a year ahead of the event is not a record of it


@dataclass(frozen=True)
class FamilyEventParameters(RuleParameters):
    """What a township may set of R9 (namespace "family_events"); the defaults are the seed's."""

    # R9§2 "要提前 10 天报告《领导干部婚丧嫁娶等事宜报告单》" (calendar days, moved back past days off).
    report_days: int = parameter(10, _("written form due before the event (days)"))
    # R9§2 "口头报告的，需于事后 10 天内补报" (calendar days, moved forward past days off).
    written_days: int = parameter(10, _("written form after an oral funeral report (days)"))

    def __post_init__(self) -> None:
        if self.report_days < 0 or self.written_days < 0:
            raise ValueError("report_days, written_days: 不能为负数")


DEFAULTS = FamilyEventParameters()


@dataclass(frozen=True)
class Report:
    on: datetime.date
    channel: str  # "written" (the 报告单) or "oral" (a funeral only)


@dataclass(frozen=True)
class Details:
    purpose: str = ""
    time: str = ""
    place: str = ""
    guests: int | None = None
    standard: str = ""


@dataclass(frozen=True)
class FamilyEvent:
    kind: str
    event_on: datetime.date
    report: Report | None
    written_on: datetime.date | None
    details: Details
    attestation: bool


# --- the record ----------------------------------------------------------------------------------


def parse(data: Any) -> FamilyEvent:
    """The decoded document → the record, or InvalidRecord naming the field (in Chinese)."""
    data = obj(data, "")
    kind = choice(data, "kind", KINDS)
    event_on = day(data, "event_on")
    assert event_on is not None  # not nullable
    report = None
    if data.get("report", 0) is not None:
        raw = obj(data.get("report") if "report" in data else _missing("report"), "report")
        on = day(raw, "on", "report")
        assert on is not None
        report = Report(on, choice(raw, "channel", CHANNELS, "report"))
    written_on = day(data, "written_on", nullable=True)
    raw_details = obj(data.get("details") if "details" in data else _missing("details"), "details")
    guests = integer(raw_details, "guests", "details", nullable=True)
    if guests is not None and guests < 0:
        raise InvalidRecord("details.guests", f"人数不能为负数：{guests}")
    details = Details(
        purpose=text(raw_details, "purpose", "details", nullable=True),
        time=text(raw_details, "time", "details", nullable=True),
        place=text(raw_details, "place", "details", nullable=True),
        guests=guests,
        standard=text(raw_details, "standard", "details", nullable=True),
    )
    record = FamilyEvent(kind, event_on, report, written_on, details, boolean(data, "attestation"))
    validate(record)
    return record


def _missing(name: str) -> Any:
    raise InvalidRecord(name, "缺少字段")


def validate(record: FamilyEvent) -> None:
    """The impossible values of the spec: a report or written form over a year before the event, a
    written form "following" a written report."""
    earliest = record.event_on - datetime.timedelta(days=EARLIEST_REPORT_DAYS)
    if record.report is not None and record.report.on < earliest:
        raise InvalidRecord("report.on", f"报告日期 {record.report.on} 早于办理日前366天")
    if record.written_on is not None:
        if record.written_on < earliest:
            raise InvalidRecord("written_on", f"补报日期 {record.written_on} 早于办理日前366天")
        if record.report is not None and record.report.channel == "written":
            raise InvalidRecord("written_on", "书面报告无需补报：written_on 应为 null")


def to_record(record: FamilyEvent) -> dict[str, Any]:
    """The record as its `zhidu.family-event/1` document (the export of a stored declaration)."""
    d = record.details
    return {
        "format": FORMAT,
        "kind": record.kind,
        "event_on": record.event_on.isoformat(),
        "report": None
        if record.report is None
        else {"on": record.report.on.isoformat(), "channel": record.report.channel},
        "written_on": record.written_on.isoformat() if record.written_on else None,
        "details": {
            "purpose": d.purpose,
            "time": d.time,
            "place": d.place,
            "guests": d.guests,
            "standard": d.standard,
        },
        "attestation": record.attestation,
    }


# --- the checks ----------------------------------------------------------------------------------


def _finding(code: str, article: str, message: str) -> CaseFinding:
    return CaseFinding(Finding(code, VIOLATION, article, message))


def due_day(
    record: FamilyEvent, calendar: Any, p: FamilyEventParameters = DEFAULTS
) -> tuple[datetime.date, bool]:
    """R9§2: the first report's last day. A funeral is reported before it is held (办理前): the
    event day itself, as the spec fixes it; any other event 10 days before, moved back past days
    off (rulebook "N days before D")."""
    if record.kind == FUNERAL:
        return record.event_on, False
    due = calendar.before_days(record.event_on, p.report_days)
    return due.date, due.provisional


def written_due(
    record: FamilyEvent, calendar: Any, p: FamilyEventParameters = DEFAULTS
) -> tuple[datetime.date, bool]:
    """R9§2 口头报告的，需于事后10天内补报: 10 days after the funeral, moved forward past days off."""
    due = calendar.after_days(record.event_on, p.written_days)
    return due.date, due.provisional


def evaluate(record: FamilyEvent, calendar: Any, p: FamilyEventParameters = DEFAULTS) -> CaseEvaluation:
    findings: list[CaseFinding] = []
    obligations: list[CaseObligation] = []
    due, provisional = due_day(record, calendar, p)
    funeral = record.kind == FUNERAL
    report = record.report
    if report is None:
        # R9§2: not (yet) reported; what is owed is the report, due on the due day.
        if funeral:
            message = f"丧葬事宜应在办理前以口头或书面形式报告：尚未报告（应于{due:%Y年%-m月%-d日}前）"
        else:
            message = f"尚未报告：应提前{p.report_days}天报告《领导干部婚丧嫁娶等事宜报告单》（{due:%Y年%-m月%-d日}前）"
        findings.append(_finding("not-reported", "R9§2", message))
        obligations.append(CaseObligation("report", due, provisional))
    else:
        if report.on > due:
            if funeral:
                message = "丧葬事宜应在办理前报告：已逾期报告"
            else:
                message = f"距办理日已不足{p.report_days}天：已逾期申报（应于{due:%Y年%-m月%-d日}前报告）"
            findings.append(_finding("report-late", "R9§2", message))
        if report.channel == "oral" and not funeral:
            # R9§2: only 丧葬事宜 may be reported orally first; the others need the written form.
            findings.append(
                _finding("not-written", "R9§2", "只有丧葬事宜可先口头报告：其他事宜须提前书面报告《报告单》")
            )
        if report.channel == "oral" and funeral:
            written, written_provisional = written_due(record, calendar, p)
            if record.written_on is None:
                # The spec: `provisional` follows the due day and what is still owed.
                provisional = provisional or written_provisional
                obligations.append(CaseObligation("written-form", written, written_provisional))
            elif record.written_on > written:
                findings.append(
                    _finding(
                        "written-form-late",
                        "R9§2",
                        f"口头报告后应于事后{p.written_days}天内补报《报告单》"
                        f"（{written:%Y年%-m月%-d日}前）：已逾期补报",
                    )
                )
    has_form = report is not None and (report.channel == "written" or record.written_on is not None)
    if has_form:
        missing = [
            name
            for key, name in DETAIL_NAMES.items()
            if getattr(record.details, key) in ("", None)
            or (isinstance(getattr(record.details, key), str) and not getattr(record.details, key).strip())
        ]
        if missing:
            findings.append(_finding("incomplete", "R9§2", f"报告单内容不全：未说明{'、'.join(missing)}"))
    if report is not None and not record.attestation:
        findings.append(_finding("no-attestation", "R9§1", "未逐项承诺遵守第一部分“严守纪律规定”"))
    return CaseEvaluation(FORMAT, due, provisional, findings, obligations)


def evaluate_with_defaults(record: FamilyEvent, calendar: Any) -> CaseEvaluation:
    return evaluate(record, calendar, DEFAULTS)


to_json = case_to_json


def register_format() -> None:
    """Teach `zhidu evaluate` the `zhidu.family-event/1` format (from the app's ready(), through
    records.py, and from the command without Django)."""
    from zhidu.rules import formats

    formats.register(FORMAT, parse=parse, evaluate=evaluate_with_defaults, to_json=to_json)
