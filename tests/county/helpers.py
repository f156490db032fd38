"""A county of generated townships (zhidu.generate) with archived meetings whose verdicts carry
findings: generate writes no archive versions, so a few are written here (one corrected twice: only
its latest version counts), beside one in another year and one of another county."""

from __future__ import annotations

import datetime

from tests import factories
from zhidu.generate import generate
from zhidu.meetings.models import ArchiveVersion, Meeting
from zhidu.org.models import Township

YEAR = 2026
SEVERITIES = ("invalid", "violation", "advice")


def finding(article: str, severity: str) -> dict[str, str]:
    return {"code": f"{article}-{severity}", "severity": severity, "article": article, "message": "—"}


def document(found: list[dict[str, str]], item_found: list[dict[str, str]] = ()) -> dict:
    return {
        "quorum": {"expected": 7, "present": 7, "required": 4, "met": True},
        "findings": found,
        "items": [{"id": "1", "outcome": "passed", "for": 7, "needed": 4, "findings": list(item_found)}],
        "obligations": [],
    }


def archive(meeting: Meeting, version: int, doc: dict) -> ArchiveVersion:
    return ArchiveVersion.objects.create(
        township_id=meeting.township_id,
        meeting=meeting,
        version=version,
        record={},
        evaluation=doc,
        counts={},
    )


def archive_some(town: Township, seed: int) -> None:
    """Findings on the township's first meetings of YEAR, varying with `seed` and the township."""
    meetings = list(Meeting.objects.filter(township=town, held_at__year=YEAR).order_by("held_at", "pk")[:4])
    for n, meeting in enumerate(meetings):
        severity = SEVERITIES[(n + seed + town.pk) % 3]
        archive(meeting, 1, document([finding("R1§7", "invalid")]))  # superseded below when n is even
        if n % 2 == 0:
            archive(
                meeting,
                2,
                document(
                    [finding("R1§7", severity)], [finding("R4", "violation"), finding("R1§9", severity)]
                ),
            )


def county(townships: int, seed: int = 7) -> list[Township]:
    """`townships` generated townships of one county (generate's 生成县1), each with findings."""
    generate(townships, 1, seed, until=datetime.date(YEAR, 12, 31))
    towns = list(Township.objects.filter(code__startswith=f"gen-{seed}-").order_by("pk"))
    for town in towns:
        archive_some(town, seed)
    return towns


def county_viewer(town: Township, username: str = "county-viewer"):
    return factories.person(town, "县委组织部查看员", username=username, county_view=True)


def another_county() -> Township:
    other = factories.township("外县镇", "waixian")
    other.county = "外县"
    other.save(update_fields=["county"])
    return other
