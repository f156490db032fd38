"""R18 in the access crawl (tests/core/test_access_crawl.py): per township two team members' logs of
today (the second names an unfinished task owned by a cadre) and the first member's weekly review.
A log is read by its member, by the principal and the supervisors (the board's readers) and by the
owner of a task it names; a member's week and export by the member and the board's readers."""

from __future__ import annotations

from tests.core import crawl_support
from tests.core.crawl_support import Secret, rows


def marker(tag: str, kind: str, n: int = 1) -> str:
    # crawl_support imports this module before it defines `marker`: look it up when called.
    return crawl_support.marker(tag, kind, n)


def _members(team):
    return team[3:5] if len(team) >= 5 else team[:2]


def populate(t, *, team, clerk, discipline, owners, reporters) -> None:
    from django.utils import timezone

    from zhidu.daily_logs import services
    from zhidu.daily_logs.checks import monday_of
    from zhidu.daily_logs.models import WeeklyReview

    tag, today = t.tag, timezone.localdate()
    first, second = _members(team)
    cadre = owners[0][0]
    t.rows["daily_member1"], t.rows["daily_member2"] = first, second
    t.rows["daily_log1"] = services.submit(
        member=first, day=today, summary=f"走访企业{marker(tag, 'DLOG', 1)}", plan="调度会", user=first.user
    )
    t.rows["daily_log2"] = services.submit(
        member=second, day=today, summary=f"调研{marker(tag, 'DLOG', 2)}", plan="开会", user=second.user,
        tasks=[services.TaskInput(f"征地协调{marker(tag, 'DTASK')}", "两户未签字", cadre, today)],
    )  # fmt: skip
    t.rows["daily_task_owner"] = cadre
    t.rows["daily_term1"], t.rows["daily_term2"] = (m.terms.first() for m in (first, second))
    # The demo files the last worked week's reviews: on a Friday that week is this one, so make room
    # for the crawl's own review (its marker is what the crawl looks for).
    WeeklyReview.objects.filter(member=first, week=monday_of(today)).delete()
    services.file_review(member=first, review=f"本周总结{marker(tag, 'DREV')}", user=first.user)


SOURCES = {
    "daily-logs/log/<pk>": rows("daily_log1", "daily_log2"),
    "daily-logs/member/<pk>": rows("daily_member1", "daily_member2"),
    "daily-logs/due/<pk>": rows("daily_term1", "daily_term2"),
}


def _allowed(p, *actions: str) -> bool:
    from zhidu.core.permissions import allowed

    return p.user is not None and any(allowed(p.user, a) for a in actions)


def _log(p, row, name):
    me = p.person
    if me is not None and (row.member_id == me.pk or _allowed(p, "daily_logs.board")):
        return None
    if me is not None and row.unfinished.filter(owner=me).exists():
        return None
    return 403


def _member(p, row, name):
    own = p.person is not None and p.person.pk == row.pk
    return None if own or _allowed(p, "daily_logs.board") else 403


def _term(p, row, name):
    own = p.person is not None and p.person.pk == row.person_id
    return None if own or _allowed(p, "daily_logs.board") else 403


OWNERSHIP = {
    "daily_logs:due": _term,
    "daily_logs:log-detail": _log,
    "daily_logs:member-week": _member,
    "daily_logs:member-export": _member,
}


def secrets(world, may) -> list[Secret]:
    found = []
    for t in world.values():
        tag, pk, r = t.tag, t.township.pk, t.rows
        task_owner = r["daily_task_owner"]
        for n in (1, 2):
            # The second log names a task of the cadre's: its owner reads the log.
            readers = {r[f"daily_member{n}"].pk, *([task_owner.pk] if n == 2 else [])}
            found.append(Secret(marker(tag, "DLOG", n), pk, lambda p, u, ids=readers: (
                p.person is not None and p.person.pk in ids) or may(p, "daily_logs.board")))  # fmt: skip
        owner, member = r["daily_task_owner"], r["daily_member2"]
        # The task's duty is its owner's; its title is on the compliance page and in the audit trail.
        found.append(Secret(marker(tag, "DTASK"), pk, lambda p, u, o=owner, m=member: p.person is not None and (
            p.person.pk in (o.pk, m.pk)) or may(p, "daily_logs.board", "compliance.view", "audit.view")))  # fmt: skip
        first = r["daily_member1"]
        found.append(Secret(marker(tag, "DREV"), pk, lambda p, u, m=first: (
            p.person is not None and p.person.pk == m.pk) or may(p, "daily_logs.board")))  # fmt: skip
    return found
