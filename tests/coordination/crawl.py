"""R14 in the access crawl (tests/core/test_access_crawl.py): per township a leave of a team member
(acknowledged by the principal), a Friday briefing prepared by the party office and a matter report to
the principal. Leaves and briefings are read by whoever may view coordination; a matter report only by
its author, the principals and the party office; 销假 only by the member, the reply only by the
principal it was sent to."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from tests.core import crawl_support
from tests.core.crawl_support import Secret, rows

SH = ZoneInfo("Asia/Shanghai")


def marker(tag: str, kind: str, n: int = 1) -> str:
    # crawl_support imports this module before it defines `marker`: look it up when called.
    return crawl_support.marker(tag, kind, n)


def populate(t, *, team, clerk, discipline, owners, reporters) -> None:
    from zhidu.coordination import services

    tag, principal, member = t.tag, team[0], team[1]
    leave = services.report_leave(
        person=member, purpose="meeting", destination=f"县委会议{marker(tag, 'LEAVE')}",
        starts_at=datetime.datetime(2026, 6, 1, 8, tzinfo=SH), ends_on=datetime.date(2026, 6, 2), user=member.user,
        at=datetime.datetime(2026, 5, 29, 9, tzinfo=SH),
    )  # fmt: skip
    services.acknowledge(leave, by=principal, user=principal.user)
    t.rows["leave"] = leave
    briefing = services.open_week(t.township, datetime.date(2026, 6, 17))
    services.prepare(briefing, by=clerk, user=clerk.user)
    briefing.refresh_from_db()
    services.save(
        briefing, version=briefing.version, held_on=briefing.held_on, place="", notes=f"安排{marker(tag, 'BRF')}",
        entries={}, by=clerk, user=clerk.user,
    )  # fmt: skip
    t.rows["briefing"] = briefing
    t.rows["matter"] = services.submit(
        author=member, principal=principal, kind="report", subject=f"事项{marker(tag, 'MAT')}", content="内容",
        user=member.user,
    )  # fmt: skip


SOURCES = {
    "coordination/leave/<pk>": rows("leave"),
    "coordination/briefings/<pk>": rows("briefing"),
    "coordination/matters/<pk>": rows("matter"),
}


def _allowed(p, *actions: str) -> bool:
    from zhidu.core.permissions import allowed

    return p.user is not None and any(allowed(p.user, a) for a in actions)


def _leave_return(p, row, name):
    return None if p.person is not None and p.person.pk == row.person_id else 403


def _matter(p, row, name):
    """zhidu.coordination.services.may_read; the reply only by the principal it was sent to."""
    pid = p.person.pk if p.person is not None else None
    if name == "coordination:matter-reply":
        return None if pid == row.principal_id else 403
    own = pid in (row.author_id, row.principal_id)
    return None if own or _allowed(p, "coordination.acknowledge", "coordination.briefing") else 403


OWNERSHIP = {
    "coordination:leave-return": _leave_return,
    "coordination:matter": _matter,
    "coordination:matter-reply": _matter,
}


def secrets(world, may) -> list[Secret]:
    found = []
    for t in world.values():
        tag, pk = t.tag, t.township.pk
        viewers = lambda p, u: may(p, "coordination.view")  # noqa: E731
        found += [Secret(marker(tag, "LEAVE"), pk, viewers), Secret(marker(tag, "BRF"), pk, viewers)]
        m = t.rows["matter"]

        def matter_readers(p, u, m=m):
            own = p.person is not None and p.person.pk in (m.author_id, m.principal_id)
            return own or may(p, "coordination.acknowledge", "coordination.briefing")

        found.append(Secret(marker(tag, "MAT"), pk, matter_readers))
    return found
