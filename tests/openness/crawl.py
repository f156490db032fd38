"""R11 in the access crawl (tests/core/test_access_crawl.py): per township a branch, a random check of
it run to the notified result by the organization office, its self-check filed by a cadre. Every cadre
reads the assessments; the self-check and the rectification are filed only by the cadre named."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from tests.core import crawl_support
from tests.core.crawl_support import Secret, rows

SH = ZoneInfo("Asia/Shanghai")


def marker(tag: str, kind: str, n: int = 1) -> str:
    return crawl_support.marker(tag, kind, n)


def populate(t, *, team, clerk, discipline, owners, reporters) -> None:
    from zhidu.openness import services
    from zhidu.org.models import Branch, Person

    tag, principal, reporter = t.tag, team[0], owners[0][0]
    office = Person.objects.filter(township=t.township, department__kind="organization_office").first()
    branch = Branch.objects.create(township=t.township, name=f"{tag}村党支部")
    a = services.create_assessment(
        township=t.township, by=office, year=2026, kind="random", title="平时考核", plan="方案",
        units=[(branch, reporter)], inspectors=[discipline], user=office.user,
        at=datetime.datetime(2026, 5, 10, 9, tzinfo=SH),
    )  # fmt: skip
    services.approve_plan(a, by=clerk, note="党委会", user=clerk.user)
    unit = a.units.get()
    services.file_self_check(unit, by=reporter, report=f"自查{marker(tag, 'OPS')}", user=reporter.user)
    services.score_unit(unit, by=office, given={c.pk: "1" for c in a.sheet.criteria.all()}, user=office.user)
    services.propose(a, by=office, user=office.user)
    services.decide(a, by=principal, note="领导小组", user=principal.user)
    services.approve_result(a, by=clerk, note="党委会", user=clerk.user)
    services.notify(a, by=office, user=office.user)
    t.rows["openness_assessment"] = a
    t.rows["openness_unit"] = unit


SOURCES = {
    "openness/assessments/<pk>": rows("openness_assessment"),
    "openness/units/<pk>": rows("openness_unit"),
}


def _reporter(p, row, name):
    return None if p.person is not None and p.person.pk == row.reporter_id else 403


OWNERSHIP = {"openness:self-check": _reporter, "openness:rectify": _reporter}


def secrets(world, may) -> list[Secret]:
    found = []
    for t in world.values():
        viewers = lambda p, u: may(p, "openness.view")  # noqa: E731
        found.append(Secret(marker(t.tag, "OPS"), t.township.pk, viewers))
    return found
