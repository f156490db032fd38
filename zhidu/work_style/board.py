"""What the R17 pages show: each team member's pairs and this month's contact, judged by the pure
checks (pairing and month findings). One query per table, bounded by the township's team and pairs."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from zhidu.org.models import Person, Township, team_on
from zhidu.rules import Finding
from zhidu.work_style import checks
from zhidu.work_style.models import SupportContact, SupportPair
from zhidu.work_style.services import active_pairs, month_due, parameters


@dataclass
class PairRow:
    pair: SupportPair
    last: SupportContact | None  # the latest contact this month
    previous_month: bool  # contacted last month


@dataclass
class MemberRow:
    person: Person
    pairs: list[PairRow] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def _last_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1) - datetime.timedelta(days=1)


def pair_rows(township: Township, pairs: list[SupportPair], today: datetime.date) -> list[PairRow]:
    start = _last_month(today).replace(day=1)
    contacts = SupportContact.objects.filter(
        township=township, pair__in=pairs, contacted_on__gte=start
    ).order_by("contacted_on", "id")
    this_month: dict[int, SupportContact] = {}
    last_month: set[int] = set()
    for c in contacts:
        if c.contacted_on.month == today.month:
            this_month[c.pair_id] = c
        else:
            last_month.add(c.pair_id)
    return [PairRow(p, this_month.get(p.pk), p.pk in last_month) for p in pairs]


def team_rows(township: Township, today: datetime.date) -> list[MemberRow]:
    """Each team member of today: their pairs, this month's contacts, and the findings: no village or no
    household (R17§3(1)), a pair not contacted last month (its due day passed)."""
    params = parameters(township, today)
    members = {t.person.pk: MemberRow(t.person) for t in team_on(township, today)}
    pairs = [p for p in active_pairs(township, today).select_related("village") if p.member_id in members]
    last = _last_month(today)
    due = month_due(last)
    for row in pair_rows(township, pairs, today):
        member = members[row.pair.member_id]
        member.pairs.append(row)
        if row.pair.starts_on <= last:
            member.findings += checks.month_findings(
                member.person.name, str(row.pair), row.previous_month, due, today
            )
    for member in members.values():
        kinds = [r.pair.kind for r in member.pairs]
        member.findings = (
            checks.pairing_findings(
                checks.MemberPairs(member.person.name, kinds.count("village"), kinds.count("household")),
                params,
            )
            + member.findings
        )
    return sorted(members.values(), key=lambda m: m.person.name)
