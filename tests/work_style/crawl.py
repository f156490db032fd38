"""R17 rows for the access crawl: in each township a pair of the first team member with a logged
contact, a village meal report and an inspection finding, each text carrying a marker. A contact is
read by its member only; a meal report by every cadre; an inspection by the team's readers and the
person responsible for its rectification."""

from __future__ import annotations

import datetime

from django.utils import timezone

from tests.core import crawl_support
from tests.core.crawl_support import Secret, rows
from zhidu.org.models import Village
from zhidu.work_style.models import ReceptionInspection, ReceptionRequest, SupportContact, SupportPair
from zhidu.work_style.services import may_rectify


def marker(tag: str, kind: str, n: int = 1) -> str:
    # crawl_support imports this module before it defines `marker`: look it up when called.
    return crawl_support.marker(tag, kind, n)


SOURCES = {
    "work-style/pairs/<pk>": rows("ws_pair"),
    "work-style/receptions/<pk>": rows("ws_reception"),
    "work-style/inspections/<pk>": rows("ws_inspection"),
    "work-style/villages/<village>": rows("ws_village", kw="village"),
}


def populate(t, *, team, clerk, discipline, owners, reporters) -> None:
    town, today = t.township, timezone.localdate()
    village = Village.objects.create(township=town, name=f"抽查村{t.tag}")
    pair = SupportPair.objects.create(township=town, member=team[0], kind="village", village=village,
                                      starts_on=datetime.date(2026, 1, 1))  # fmt: skip
    SupportContact.objects.create(township=town, pair=pair, contacted_on=today, channel="visit",
                                  done=f"走访{marker(t.tag, 'WSC')}")  # fmt: skip
    t.rows["ws_pair"], t.rows["ws_village"] = pair, village
    t.rows["ws_reception"] = ReceptionRequest.objects.create(
        township=town, village=village, meal_on=today, guests="调研组", reason=f"山区{marker(t.tag, 'WSR')}",
        reported_by=owners[0][0],
    )  # fmt: skip
    t.rows["ws_inspection"] = ReceptionInspection.objects.create(
        township=town, village=village, quarter="2026-Q4", inspected_on=today, findings=marker(t.tag, "WSI"),
        rectify_by=today + datetime.timedelta(days=10), responsible=owners[0][0], inspected_by=discipline,
    )  # fmt: skip


def _owner(p, row, name):
    if name in ("work_style:contact", "work_style:contact-check"):
        return None if p.person is not None and row.member_id == p.person.pk else 403
    if name == "work_style:inspection":
        return None if p.user is not None and may_rectify(p.person, p.user, row) else 403
    return None


OWNERSHIP = {"work_style": _owner}


def secrets(world, may) -> list[Secret]:
    found = []
    for t in world.values():
        pk, pair, inspection = t.township.pk, t.rows["ws_pair"], t.rows["ws_inspection"]
        found.append(
            Secret(
                marker(t.tag, "WSC"),
                pk,
                lambda p, u, r=pair: p.person is not None and p.person.pk == r.member_id,
            )
        )
        found.append(Secret(marker(t.tag, "WSR"), pk, lambda p, u: may(p, "work_style.view")))
        found.append(Secret(marker(t.tag, "WSI"), pk, lambda p, u, r=inspection: (
            may(p, "work_style.team") or (p.person is not None and p.person.pk == r.responsible_id))))  # fmt: skip
    return found
