"""The public-opinion area's part of the access crawl (tests/core/test_access_crawl.py): two opinions
per township, of the two owners' units, their summaries marked (seen by the party office, the
principal and the unit) and the submitters' names marked and sealed (the party office and the
unit only); a month's analysis; the public pages (marked @public in the views)."""

from __future__ import annotations

from django.utils import timezone

from tests.core import crawl_support
from tests.core.crawl_support import Secret, Target, rows
from zhidu.opinions import access, services
from zhidu.opinions.models import MonthlyAnalysis, Opinion


def marker(tag: str, kind: str, n: int = 1) -> str:
    return crawl_support.marker(tag, kind, n)


def populate(t, *, team, clerk, discipline, owners, reporters) -> None:
    for n, (_person, department) in enumerate(owners, start=1):
        t.rows[f"opinion{n}"] = services.submit(
            township=t.township, topic="livelihood", title=f"社情民意{marker(t.tag, 'OPIS', n)}",
            content="反映村道路灯损坏", department=department,
            submitter_name=f"反映人{marker(t.tag, 'OPIN', n)}", submitter_phone="13800000000",
        )  # fmt: skip
    t.rows["opinion_month"] = MonthlyAnalysis.objects.create(
        township=t.township, month=timezone.localdate().replace(day=1, month=1)
    )


def _township(world):
    return [Target({"township": t.township.code}, t.township.pk, t.township) for t in world.values()]


SOURCES = {
    "opinions/<pk>": rows("opinion1", "opinion2"),
    "opinions/analysis/<pk>": rows("opinion_month"),
    "opinions/public/<township>": _township,
}

PARTY = {"opinions:analyse", "opinions:supervise"}
PLACE = {"opinions:verify", "opinions:report"}


def _opinion(p, row, name):
    """zhidu.opinions.access: an opinion is seen by the party office, its unit (or village) and the
    principal; its unit (or the party office) verifies; the party office analyses and supervises."""
    if not isinstance(row, Opinion):
        return None
    if not access.sees(p.user, row):
        return 403
    if name in PLACE and not access.verifies(p.user, row):
        return 403
    if name in PARTY and not access.party_office_of(p.user, row.township_id):
        return 403
    return None


OWNERSHIP = {"opinions": _opinion}


def secrets(world, may) -> list[Secret]:
    found = []
    for t in world.values():
        for n in (1, 2):
            row = t.rows[f"opinion{n}"]
            found.append(
                Secret(marker(t.tag, "OPIS", n), t.township.pk, lambda p, u, o=row: access.sees(p.user, o))
            )
            found.append(
                Secret(
                    marker(t.tag, "OPIN", n),
                    t.township.pk,
                    lambda p, u, o=row: access.handles(p.user, o),
                    sealed=True,
                )
            )
    return found
