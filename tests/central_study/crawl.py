"""R12 in the access crawl (tests/core/test_access_crawl.py): per township a study plan recorded by
the party office, a session held on its topic and a team member's study note. Plans and sessions are
read by whoever may view central-group study; a note only by its member, the group's leader and the
organization office (central_study.oversee)."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from tests.core import crawl_support
from tests.core.crawl_support import Secret, rows

SH = ZoneInfo("Asia/Shanghai")
D = datetime.date


def marker(tag: str, kind: str, n: int = 1) -> str:
    return crawl_support.marker(tag, kind, n)


def populate(t, *, team, clerk, discipline, owners, reporters) -> None:
    from zhidu.central_study import services

    tag, member = t.tag, team[1]
    plan = services.create_plan(
        township=t.township, by=clerk, title="六月学习计划", starts_on=D(2026, 6, 1), ends_on=D(2026, 6, 30),
        topics=["专题一"], decided=f"党委会{marker(tag, 'CSP')}", user=clerk.user,
        at=datetime.datetime(2026, 6, 1, 9, tzinfo=SH),
    )  # fmt: skip
    t.rows["study_plan"] = plan
    t.rows["study_session"] = services.record_session(
        plan, by=clerk, kind="lecture", held_on=D(2026, 6, 10), subject="专题讲座", topic=plan.topics.first(),
        attendance={}, summary=f"讲座{marker(tag, 'CSS')}", user=clerk.user,
        at=datetime.datetime(2026, 6, 10, 17, tzinfo=SH),
    )  # fmt: skip
    t.rows["study_note"] = services.write_note(
        person=member, kind="reading", title="读书笔记", body=f"笔记{marker(tag, 'CSN')}", written_on=D(2026, 6, 10),
        user=member.user, at=datetime.datetime(2026, 6, 10, 20, tzinfo=SH),
    )  # fmt: skip


SOURCES = {
    "central-study/plans/<pk>": rows("study_plan"),
    "central-study/sessions/<pk>": rows("study_session"),
    "central-study/notes/<pk>": rows("study_note"),
}


def _allowed(p, *actions: str) -> bool:
    from zhidu.core.permissions import allowed

    return p.user is not None and any(allowed(p.user, a) for a in actions)


def _note(p, row, name):
    own = p.person is not None and p.person.pk == row.person_id
    return None if own or _allowed(p, "central_study.oversee") else 403


OWNERSHIP = {"central_study:note": _note}


def secrets(world, may) -> list[Secret]:
    found = []
    for t in world.values():
        tag, pk = t.tag, t.township.pk
        viewers = lambda p, u: may(p, "central_study.view")  # noqa: E731
        found += [Secret(marker(tag, "CSP"), pk, viewers), Secret(marker(tag, "CSS"), pk, viewers)]
        note = t.rows["study_note"]

        def note_readers(p, u, note=note):
            own = p.person is not None and p.person.pk == note.person_id
            return own or may(p, "central_study.oversee")

        found.append(Secret(marker(tag, "CSN"), pk, note_readers))
    return found
