"""The petition area's part of the access crawl (tests/core/test_access_crawl.py): two cases per
township, routed to the two owners' departments, their subjects marked (seen by those handling the
case and the principal) and the petitioner's name marked and sealed (only those handling it); a
monthly report; the public pages."""

from __future__ import annotations

import datetime

from django.utils import timezone

from tests.core import crawl_support
from tests.core.crawl_support import Secret, Target, rows
from zhidu.petitions import access, services
from zhidu.petitions.models import Case, MonthlyReport

# Without log-in: the schedule, following a case by its receipt code, the privacy notice.
PUBLIC = {"petitions:public-schedule", "petitions:follow", "petitions:privacy"}


def marker(tag: str, kind: str, n: int = 1) -> str:
    # crawl_support imports this module before it defines its own `marker`: reach it at run time.
    return crawl_support.marker(tag, kind, n)


def populate(t, *, team, clerk, discipline, owners, reporters) -> None:
    today = timezone.localdate()
    leaders = [team[1], team[-1]]
    for n, ((_person, department), leader) in enumerate(zip(owners, leaders, strict=True), start=1):
        case = services.register(
            township=t.township, mode="scheduled", received_on=today - datetime.timedelta(days=10 * n),
            leader=leader, subject=f"来访事项{marker(t.tag, 'PETS', n)}",
            petitioner_name=f"来访人{marker(t.tag, 'PETN', n)}", petitioner_phone="13800000000",
            issue="反映村道问题", by=clerk, user=clerk.user,
        )  # fmt: skip
        t.rows[f"petition{n}"] = services.route(case, department=department, by=clerk, user=clerk.user)
    t.rows["petition_report"] = MonthlyReport.objects.create(township=t.township, month=today.replace(day=1))


def _township(world):
    return [Target({"township": t.township.code}, t.township.pk, t.township) for t in world.values()]


SOURCES = {
    "petitions/<pk>": rows("petition1", "petition2"),
    "petitions/reports/<pk>": rows("petition_report"),
    "petitions/public/<township>": _township,
}


def _case(p, row, name):
    """zhidu.petitions.access: a case is seen by those handling it and the principal; only its
    department answers, only its leader (or the principal) instructs."""
    if not isinstance(row, Case):
        return None
    if not access.sees(p.user, row):
        return 403
    if name == "petitions:answer" and not access.in_department(p.user, row):
        return 403
    if name == "petitions:instruct" and not (
        p.person is not None
        and (p.person.pk == row.leader_id or access.Role.PRINCIPAL in access.roles_of(p.user))
    ):
        return 403
    return None


OWNERSHIP = {"petitions": _case}


def secrets(world, may) -> list[Secret]:
    found = []
    for t in world.values():
        for n in (1, 2):
            case = t.rows[f"petition{n}"]
            found.append(
                Secret(marker(t.tag, "PETS", n), t.township.pk, lambda p, u, c=case: access.sees(p.user, c))
            )
            found.append(
                Secret(
                    marker(t.tag, "PETN", n),
                    t.township.pk,
                    lambda p, u, c=case: access.handles(p.user, c),
                    sealed=True,
                )
            )
    return found
