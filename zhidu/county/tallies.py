"""The county's view across its townships (issue 18): for one year, per township, the figures each
township's own pages compute for it alone, here by grouped queries with the township in GROUP BY, so
that the page costs the same number of queries for 2 townships as for 200:

- the obligations due in the year, done on time, done late, overdue (R1§13 执行本规则的情况, as
  `zhidu.life_meetings.compliance.obligation_tallies` counts them), and per article;
- the meetings held, and the findings of the archived meetings' verdicts by severity and article
  (R1§10, R1§14–16, as `zhidu.life_meetings.compliance.meeting_findings`);
- supervision items of the year open and overdue (R7, as `zhidu.supervision.reports.department_rows`);
- petitions received in the year still unanswered past their due day (R21§4: 60 days, or the
  extension's, as `zhidu.petitions.monthly.summary` counts overdue cases).

The tests hold every figure to the per-township function it mirrors (tests/county)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from zhidu.life_meetings.checks import Tally, article_order
from zhidu.meetings.models import ArchiveVersion, Meeting
from zhidu.meetings.verdict import verdict_of
from zhidu.obligations.models import Obligation
from zhidu.org.models import Township
from zhidu.petitions.models import Case
from zhidu.supervision.models import SupervisionItem

S = Obligation.State
SEVERITIES = ("invalid", "violation", "advice")
# R1§13: an obligation's state as the yearly report counts it.
OUTCOMES = {S.DONE: "on_time", S.DONE_LATE: "late", S.OVERDUE: "missing"}


@dataclass
class TownshipRow:
    township: Township
    articles: list[Tally] = field(default_factory=list)
    findings: list[dict[str, Any]] = field(default_factory=list)
    meetings_held: int = 0
    supervision_open: int = 0
    supervision_overdue: int = 0
    petitions_overdue: int = 0

    @property
    def due(self) -> int:
        return sum(t.total for t in self.articles)

    @property
    def on_time(self) -> int:
        return sum(t.on_time for t in self.articles)

    @property
    def late(self) -> int:
        return sum(t.late for t in self.articles)

    @property
    def overdue(self) -> int:
        return sum(t.missing for t in self.articles)

    @property
    def open(self) -> int:
        return sum(t.open for t in self.articles)

    def severity(self, name: str) -> int:
        return sum(f["count"] for f in self.findings if f["severity"] == name)

    @property
    def invalid(self) -> int:
        return self.severity("invalid")

    @property
    def violation(self) -> int:
        return self.severity("violation")

    @property
    def advice(self) -> int:
        return self.severity("advice")


def county_townships(county: str) -> QuerySet[Township]:
    """The townships of a county: Township.county equal (a blank county is the one county of a
    deployment that never named it)."""
    return Township.objects.filter(county=county).order_by("name")


def obligation_tallies(ids: Iterable[int], year: int) -> dict[int, list[Tally]]:
    """Per township and article, the year's obligations (due in the year): two grouped queries."""
    ids = list(ids)
    now = timezone.now()
    counts: dict[int, dict[str, dict[str, int]]] = defaultdict(dict)

    def bucket(township_id: int, article: str) -> dict[str, int]:
        return counts[township_id].setdefault(article, {"on_time": 0, "late": 0, "missing": 0, "open": 0})

    qs = Obligation.objects.filter(township_id__in=ids, due_at__year=year)
    rows = qs.values_list("township_id", "article", "state").annotate(n=Count("id")).order_by()
    for township_id, article, state, n in rows:
        bucket(township_id, article)[OUTCOMES.get(state, "open")] += n
    # An open row past its due time the sweep has not reached yet is missing too (as in R1§13's report).
    past = (
        qs.filter(state=S.OPEN, due_at__lt=now)
        .values_list("township_id", "article")
        .annotate(n=Count("id"))
        .order_by()
    )
    for township_id, article, n in past:
        tally = bucket(township_id, article)
        tally["open"] -= n
        tally["missing"] += n
    return {
        township_id: [Tally(a, **per[a]) for a in sorted(per, key=article_order)]
        for township_id, per in counts.items()
    }


def meeting_findings(ids: Iterable[int], year: int) -> dict[int, list[dict[str, Any]]]:
    """Per township, the findings of the latest archive version of each meeting held in the year,
    per article and severity: one query for the versions (their stored verdicts). A version archived
    before verdicts were stored is judged on read (zhidu.meetings.verdict), as on its own page."""
    latest = (
        ArchiveVersion.objects.filter(meeting=OuterRef("meeting")).order_by("-version").values("version")[:1]
    )
    versions = (
        ArchiveVersion.objects.filter(township_id__in=list(ids), meeting__held_at__year=year)
        .filter(version=Subquery(latest))
        .select_related("township")
        .only("township", "meeting_id", "version", "evaluation", "counts", "record")
    )
    counts: dict[int, dict[tuple[str, str], int]] = defaultdict(dict)
    for version in versions:
        document = version.evaluation if version.counts is not None else None
        if document is None:
            document = verdict_of(version).document
        found = list(document.get("findings", []))
        for item in document.get("items", []):
            found += item.get("findings", [])
        per = counts[version.township_id]
        for f in found:
            key = (f["article"], f["severity"])
            per[key] = per.get(key, 0) + 1
    return {
        township_id: [
            {"article": a, "severity": s, "count": n}
            for (a, s), n in sorted(per.items(), key=lambda kv: (article_order(kv[0][0]), kv[0][1]))
        ]
        for township_id, per in counts.items()
    }


def meetings_held(ids: Iterable[int], year: int) -> dict[int, int]:
    rows = Meeting.objects.filter(township_id__in=list(ids), held_at__year=year).values_list("township_id")
    return dict(rows.annotate(n=Count("id")).order_by())


def supervision(ids: Iterable[int], year: int, today: datetime.date) -> dict[int, tuple[int, int]]:
    """Per township, the year's supervision items (R7) not closed, and assigned past their deadline."""
    State = SupervisionItem.State
    rows = (
        SupervisionItem.objects.filter(township_id__in=list(ids), year=year)
        .values_list("township_id")
        .annotate(
            open=Count("id", filter=~Q(state=State.CLOSED)),
            overdue=Count("id", filter=Q(state=State.ASSIGNED, deadline__lt=today)),
        )
        .order_by()
    )
    return {township_id: (open_, overdue) for township_id, open_, overdue in rows}


def petitions_overdue(ids: Iterable[int], year: int, today: datetime.date) -> dict[int, int]:
    """Per township, cases received in the year not answered by their due day (R21§4: 60 days from
    receipt, or the one extension's)."""
    rows = (
        Case.objects.filter(
            township_id__in=list(ids), received_on__year=year, answered_on__isnull=True, due_on__lt=today
        )
        .values_list("township_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return dict(rows)


def rows(townships: Iterable[Township], year: int, today: datetime.date | None = None) -> list[TownshipRow]:
    """One row per township, in the order given: a constant number of queries, whatever their number."""
    today = today or timezone.localdate()
    townships = list(townships)
    ids = [t.pk for t in townships]
    articles = obligation_tallies(ids, year)
    findings = meeting_findings(ids, year)
    held = meetings_held(ids, year)
    items = supervision(ids, year, today)
    petitions = petitions_overdue(ids, year, today)
    return [
        TownshipRow(
            township=t,
            articles=articles.get(t.pk, []),
            findings=findings.get(t.pk, []),
            meetings_held=held.get(t.pk, 0),
            supervision_open=items.get(t.pk, (0, 0))[0],
            supervision_overdue=items.get(t.pk, (0, 0))[1],
            petitions_overdue=petitions.get(t.pk, 0),
        )
        for t in townships
    ]


# The columns a county viewer sorts by (?sort=…, "-" first for descending).
SORTS = (
    "name",
    "due",
    "on_time",
    "late",
    "overdue",
    "meetings_held",
    "invalid",
    "violation",
    "advice",
    "supervision_open",
    "supervision_overdue",
    "petitions_overdue",
)


def sort_rows(table: list[TownshipRow], key: str) -> tuple[list[TownshipRow], str]:
    """The rows sorted by a column of SORTS (an unknown key: by name); returns the key applied."""
    descending = key.startswith("-")
    name = key.lstrip("-")
    if name not in SORTS:
        return sorted(table, key=lambda r: r.township.name), "name"
    if name == "name":
        ordered = sorted(table, key=lambda r: r.township.name, reverse=descending)
    else:
        # Ties by name, always ascending, so the order is stable whichever way the column goes.
        ordered = sorted(table, key=lambda r: r.township.name)
        ordered.sort(key=lambda r: getattr(r, name), reverse=descending)
    return ordered, ("-" if descending else "") + name
