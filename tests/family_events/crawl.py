"""R9 in the access crawl (tests/core/test_access_crawl.py): two declarations of two leading cadres
per township, a spot check with a flag. The purpose is read by the declarant and the two offices;
the relatives, the spot check's findings and the flag's evidence are sealed, read by the same."""

from __future__ import annotations

import datetime

from django.utils import timezone

from tests.core import crawl_support
from tests.core.crawl_support import Secret, rows
from zhidu.family_events import oversight, services
from zhidu.family_events.models import prohibitions_for


def marker(tag: str, kind: str, n: int = 1) -> str:
    # crawl_support imports this module before it defines `marker`: look it up when called.
    return crawl_support.marker(tag, kind, n)


def populate(t, *, team, clerk, discipline, owners, reporters) -> None:
    tag, today = t.tag, timezone.localdate()
    for n, person in enumerate(reporters, start=1):
        t.rows[f"declaration{n}"] = services.declare(
            declarant=person,
            content=services.Content(
                kind="wedding", event_on=today + datetime.timedelta(days=30), purpose=f"儿子结婚{marker(tag, 'FEV', n)}",
                time="中午", place="饭店", guests=80, standard="每桌500元", relatives=f"儿子{marker(tag, 'FES', n)}",
                guest_list=f"亲属{marker(tag, 'FES', n)}", attested=[p.value for p in prohibitions_for("wedding")],
            ),
            submit=True, user=person.user,
        )  # fmt: skip
    t.rows["spot_check"] = oversight.record_spot_check(
        subject=reporters[0], declaration=t.rows["declaration1"], checked_at=timezone.now(),
        place=f"饭店{marker(tag, 'FSP')}", found=f"人数超出{marker(tag, 'FSF')}", flag_code="untrue",
        by=discipline, user=discipline.user,
    )  # fmt: skip


SOURCES = {
    "family-events/<pk>": rows("declaration1", "declaration2"),
    "family-events/spot-checks/<pk>": rows("spot_check"),
}


def _declaration(p, row, name):
    """R9: the declarant and the township's discipline inspection and organization office read a
    declaration (zhidu.family_events.views.common.load); a submitted one is no longer edited."""
    if name == "family_events:edit":
        return 403
    own = p.person is not None and row.declarant_id == p.person.pk
    reviewer = p.person is not None and bool(p.person.township_id == row.township_id) and _reviews(p)
    return None if own or reviewer else 403


def _reviews(p) -> bool:
    from zhidu.core.permissions import allowed

    return p.user is not None and allowed(p.user, "family_events.review")


OWNERSHIP = {name: _declaration for name in (
    "family_events:detail", "family_events:edit", "family_events:review", "family_events:flag",
    "family_events:docx", "family_events:record",
)}  # fmt: skip


def secrets(world, may) -> list[Secret]:
    found = []
    for t in world.values():
        tag, pk = t.tag, t.township.pk
        for n in (1, 2):
            d = t.rows[f"declaration{n}"]

            def readers(p, u, d=d):
                return (p.person is not None and p.person.pk == d.declarant_id) or may(
                    p, "family_events.review"
                )

            found.append(Secret(marker(tag, "FEV", n), pk, readers))
            found.append(Secret(marker(tag, "FES", n), pk, readers, sealed=True))
        offices = lambda p, u: may(p, "family_events.review")  # noqa: E731
        found.append(Secret(marker(tag, "FSP"), pk, offices))
        found.append(Secret(marker(tag, "FSF"), pk, offices, sealed=True))
    return found
