"""The entry points of annual self-reports (R10): start the year's report (opening its obligation),
save a draft, refresh the annex from the records, submit. Each checks the actor (MATRIX, the
township, acting as the member), then its input (refusals name the field, in Chinese), changes the
row in one transaction by a conditional UPDATE (a submitted report never changes again), writes the
audit entry and opens or completes the obligation. Audit summaries never carry the report's text."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any, NoReturn

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone, translation

from zhidu.core import audit
from zhidu.core.permissions import actor_of, allowed, require, require_person
from zhidu.obligations.deadlines import DeadlineRule, Resolved, resolve
from zhidu.obligations.services import complete_by_key, open_obligation
from zhidu.org.models import Person, TeamMembership, Township
from zhidu.rules import Finding, parameters_for
from zhidu.rules.year_facts import year_facts
from zhidu.self_reports import checks
from zhidu.self_reports.models import SelfReport
from zhidu.workdays.services import get_calendar

if TYPE_CHECKING:
    from django.http import HttpRequest

    from zhidu.core.permissions import Actor

State = SelfReport.State
KIND = "annual-self-report"
MAX_POINT = 8000  # characters of one point
MAX_ANNEX = 5000  # characters of one annex section
MAX_ANNEX_SECTIONS = 30
READERS = "self_reports.read_all"  # R10: the organization office, discipline inspection, the principal


def _refuse(field: str, message: str) -> NoReturn:
    raise ValidationError({field: message})


class Conflicting(Exception):
    """The report was saved elsewhere (another tab, another device) since this form was opened."""


# --- who and when -----------------------------------------------------------------------------------


def terms_in_year(township: Township, year: int) -> QuerySet[TeamMembership]:
    """The terms on the team that overlap `year` (R10§2: every member of the team reports)."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return (
        TeamMembership.objects.filter(township=township, starts_on__lte=last)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=first))
        .select_related("person")
    )


def team_in_year(township: Township, year: int) -> list[Person]:
    seen: dict[int, Person] = {}
    for term in terms_in_year(township, year).order_by("starts_on", "pk"):
        seen.setdefault(term.person_id, term.person)
    return list(seen.values())


def parameters(township: Township, year: int) -> checks.SelfReportParameters:
    # The committee's setting for the year: the version in force on the year's last day.
    found = parameters_for(township, checks.AREA, datetime.date(year, 12, 31))
    assert isinstance(found, checks.SelfReportParameters)
    return found


def deadline_rule(township: Township, year: int) -> DeadlineRule:
    # R10§4(1): at year end, by the day the committee set; a non-working day moves back.
    return DeadlineRule("last_workday_by", checks.due_anchor(year, parameters(township, year)))


def due(township: Township, year: int) -> Resolved:
    return resolve(deadline_rule(township, year), get_calendar())


def obligation_key(person: Person, year: int) -> str:
    # The key the committee's generator used before this area took the duty over: rows stay valid.
    return f"{KIND}:{person.pk}:{year}"


def may_read(user: Actor | None, report: SelfReport) -> bool:
    """The member reads their own; the organization office, discipline inspection and the principal
    of the township read every report of the year (drafts only by their author)."""
    person = getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None
    if person is None or user is None:
        return False
    if person.pk == report.person_id:
        return True
    return allowed(user, READERS) and person.township_id == report.township_id


def may_read_text(user: Actor | None, report: SelfReport) -> bool:
    """The text of a draft is its author's until submitted."""
    if not may_read(user, report):
        return False
    own = getattr(getattr(user, "person", None), "pk", None) == report.person_id
    return own or report.state == State.SUBMITTED


# --- the annex -----------------------------------------------------------------------------------


def fresh_annex(person: Person, year: int) -> list[dict[str, str]]:
    """The annex from the records of every area (zhidu.rules.year_facts), in Chinese: it is kept as
    data with the report, not as screen text."""
    with translation.override("zh-hans"):
        return [
            {
                "area": facts.area,
                "heading": str(facts.heading),
                "article": facts.article,
                "text": "\n".join(str(line) for line in facts.lines),
            }
            for facts in year_facts(person, year)
        ]


def clean_annex(annex: Any) -> list[dict[str, str]]:
    """The annex as posted: a list of sections with text, each field a string, lengths bounded."""
    if not isinstance(annex, list):
        _refuse("annex", "附件：格式不正确")
    if len(annex) > MAX_ANNEX_SECTIONS:
        _refuse("annex", f"附件：最多{MAX_ANNEX_SECTIONS}部分")
    sections = []
    for n, section in enumerate(annex, start=1):
        if not isinstance(section, dict):
            _refuse("annex", "附件：格式不正确")
        text = str(section.get("text") or "").replace("\r\n", "\n").strip()
        if len(text) > MAX_ANNEX:
            _refuse(f"annex_{n}", f"附件第{n}部分：不能超过{MAX_ANNEX}字")
        sections.append(
            {
                "area": str(section.get("area") or "")[:40],
                "heading": str(section.get("heading") or "")[:80],
                "article": str(section.get("article") or "")[:20],
                "text": text,
            }
        )
    return sections


def clean_points(points: Any) -> list[str]:
    if not isinstance(points, (list, tuple)) or len(points) != len(checks.POINTS):
        _refuse("points", "报告内容：须为第三部分所列7项")
    cleaned = []
    for point, text in zip(checks.POINTS, points, strict=True):
        text = str(text or "").replace("\r\n", "\n").strip()
        if len(text) > MAX_POINT:
            _refuse(f"point_{point.number}", f"第{point.number}项：不能超过{MAX_POINT}字")
        cleaned.append(text)
    return cleaned


def findings(report: SelfReport, points: list[str], annex: list, now: datetime.datetime) -> list[Finding]:
    """The same pure checks on the saved report or on the unsaved form."""
    return checks.check_report(
        checks.ReportDraft(
            points=tuple(points),
            due_at=report.due_at,
            now=now,
            submitted_at=report.submitted_at,
            annex_sections=sum(1 for s in annex if str(s.get("text", "")).strip()),
        )
    )


# --- entry points --------------------------------------------------------------------------------


def _as_member(user: Actor | None, person: Person, action: str) -> Actor | None:
    user = actor_of(user, person)
    require(user, action, person)
    require_person(user, person, action)
    return user


def start_report(
    *, person: Person, year: int, user: Actor | None = None, request: HttpRequest | None = None
) -> SelfReport:
    """The member's report of `year` (created once, empty, with its obligation). Idempotent."""
    user = _as_member(user, person, "self_reports.write")
    report = ensure_report(person, year, actor=user)
    if report is None:
        _refuse("year", f"年度：{year}年不在本人班子任期内，无需述德述职述廉")
    return report


def ensure_report(person: Person, year: int, *, actor: Actor | None) -> SelfReport | None:
    """The report row and the obligation of a member of the team in `year` (None for anyone else)."""
    return open_report(person, year, actor=actor)[0]


def open_report(person: Person, year: int, *, actor: Actor | None) -> tuple[SelfReport | None, bool]:
    """`ensure_report`, and whether this call opened its obligation (the yearly generator counts
    only what it opened: a second job running at the same moment loses the race and opens nothing;
    a duty the committee's generator opened before this area took it over is reused by its key)."""
    township = person.township
    if person.pk not in {p.pk for p in team_in_year(township, year)}:
        return None, False
    existing = SelfReport.objects.filter(township=township, person=person, year=year).first()
    if existing is not None:
        return existing, False
    resolved = due(township, year)
    try:
        with transaction.atomic():
            report = SelfReport.objects.create(
                township=township,
                person=person,
                year=year,
                points=[""] * len(checks.POINTS),
                due_at=resolved.due_at,
                provisional=resolved.provisional,
            )
            _duty, opened = open_obligation(
                township=township,
                kind=KIND,
                article="R10",
                title=f"{year}年度述德述职述廉",
                key=obligation_key(person, year),
                rule=deadline_rule(township, year),
                assignee=person,
                source=report,
                actor=actor,
            )
            audit.record(actor, "self_reports.start", report, summary=f"{report}（{person.name}）")
    except IntegrityError:  # two tabs, or the generator at the same moment: the other one stands
        return SelfReport.objects.get(township=township, person=person, year=year), False
    return report, opened


def _own_draft(user: Actor | None, report: SelfReport, action: str) -> Actor | None:
    user = _as_member(user, report.person, action)
    if report.state != State.DRAFT:
        _refuse("points", "报告已提交，不能再修改")
    return user


def _write(report: SelfReport, version: int | None, **fields: Any) -> None:
    """Conditional UPDATE: only a draft, only the version the form was opened on."""
    rows = SelfReport.objects.filter(pk=report.pk, state=State.DRAFT)
    if version is not None:
        rows = rows.filter(version=version)
    changed = rows.update(version=F("version") + 1, updated_at=timezone.now(), **fields)
    if not changed:
        report.refresh_from_db()
        if report.state != State.DRAFT:
            _refuse("points", "报告已提交，不能再修改")
        raise Conflicting(report.pk)
    report.refresh_from_db()


def save_draft(
    report: SelfReport,
    *,
    points: Any,
    annex: Any = None,
    version: int | None = None,
    user: Actor | None = None,
    request: HttpRequest | None = None,
) -> SelfReport:
    """Keep what the member wrote (points, and the annex as edited); nothing is checked but lengths."""
    user = _own_draft(user, report, "self_reports.write")
    fields: dict[str, Any] = {"points": clean_points(points)}
    if annex is not None:
        fields["annex"] = clean_annex(annex)
    with transaction.atomic():
        _write(report, version, **fields)
        audit.record(
            user, "self_reports.save", report, summary=f"{report}（{report.person.name}）", request=request
        )
    return report


def refresh_annex(
    report: SelfReport,
    *,
    points: Any,
    version: int | None = None,
    user: Actor | None = None,
    request: HttpRequest | None = None,
) -> SelfReport:
    """Replace the annex by the records' facts as they stand now, keeping the points as typed."""
    user = _own_draft(user, report, "self_reports.write")
    fields = {
        "points": clean_points(points),
        "annex": fresh_annex(report.person, report.year),
        "annex_refreshed_at": timezone.now(),
    }
    with transaction.atomic():
        _write(report, version, **fields)
        audit.record(
            user,
            "self_reports.refresh_annex",
            report,
            summary=f"{report}（{report.person.name}）",
            request=request,
        )
    return report


def submit(
    report: SelfReport,
    *,
    points: Any,
    annex: Any,
    version: int | None = None,
    user: Actor | None = None,
    request: HttpRequest | None = None,
    at: datetime.datetime | None = None,
) -> SelfReport:
    """Submit the report: every point written (R10§3); late is allowed and marked (R10§4(1)).
    From now on the text is read-only."""
    user = _own_draft(user, report, "self_reports.write")
    now = at or timezone.now()
    cleaned_points, cleaned_annex = clean_points(points), clean_annex(annex)
    problems = checks.blocking(findings(report, cleaned_points, cleaned_annex, now))
    if problems:
        raise ValidationError(
            {
                f"point_{f.article.rsplit('(', 1)[1].rstrip(')')}": f"{f.message}，请填写后再提交"
                for f in problems
            }
        )
    late = now > report.due_at
    with transaction.atomic():
        _write(
            report,
            version,
            points=cleaned_points,
            annex=cleaned_annex,
            state=State.SUBMITTED,
            submitted_at=now,
            late=late,
        )
        complete_by_key(
            report.township, obligation_key(report.person, report.year), by=user, at=now, request=request
        )
        audit.record(
            user,
            "self_reports.submit",
            report,
            summary=f"{report}（{report.person.name}）",
            request=request,
            late=late,
        )
    return report
