"""R20 in the access crawl (tests/core/test_access_crawl.py): per township, a talk of the principal
with the deputy secretary and a must-talk entered by the organization office. The words are sealed:
read by the talker and the people talked with; the must-talk's note by the organization office and
the talker named; the party office and the principal see the talk's page without the words."""

from __future__ import annotations

import datetime

from django.utils import timezone

from tests.core import crawl_support
from tests.core.crawl_support import Secret, rows
from zhidu.heart_talks import periodic, services
from zhidu.heart_talks.models import HeartTalk, MustTalk, TalkQuota
from zhidu.org.models import Person


def marker(tag: str, kind: str, n: int = 1) -> str:
    return crawl_support.marker(tag, kind, n)


def populate(t, *, team, clerk, discipline, owners, reporters) -> None:
    tag, today, r = t.tag, timezone.localdate(), t.rows
    talker = team[0]
    r["heart_talk"] = services.record_talk(
        talker=talker, participants=[team[1]], held_on=today - datetime.timedelta(days=1), mode="one_to_one",
        manner="inspiring", contents=[1, 5], notes=f"谈话{marker(tag, 'HTK')}", follow_up=f"跟进{marker(tag, 'HTF')}",
        user=talker.user,
    )  # fmt: skip
    periodic.generate(t.township, today)
    r["heart_quota"] = TalkQuota.objects.filter(township=t.township).order_by("pk").first()
    office = Person.objects.filter(township=t.township, department__kind="organization_office").first()
    r["heart_trigger"] = services.enter_trigger(
        person=owners[0][0], kind="difficulty", occurred_on=today, note=f"困难{marker(tag, 'HTT')}", by=office,
        user=office.user,
    )  # fmt: skip


SOURCES = {
    "heart-talks/<pk>": rows("heart_talk"),
    "heart-talks/triggers/<pk>": rows("heart_trigger"),
    "heart-talks/quotas/<pk>": rows("heart_quota"),
}


def _in_talk(p, talk: HeartTalk) -> bool:
    if p.person is None or p.person.township_id != talk.township_id:
        return False
    return p.person.pk == talk.talker_id or talk.seats.filter(person=p.person).exists()


def _allowed(p, action) -> bool:
    from zhidu.core.permissions import allowed

    return p.user is not None and allowed(p.user, action)


def _reads_note(p, trigger: MustTalk) -> bool:
    if p.person is None or p.person.township_id != trigger.township_id:
        return False
    return p.person.pk == trigger.talker_id or _allowed(p, "heart_talks.trigger")


def _row(p, row, name):
    if isinstance(row, MustTalk):
        return None if _reads_note(p, row) else 403
    if isinstance(row, TalkQuota):
        own = p.person is not None and p.person.pk in (row.talker_id, row.talkee_id)
        same = p.person is not None and p.person.township_id == row.township_id
        return None if own or (same and _allowed(p, "heart_talks.oversee")) else 403
    if isinstance(row, HeartTalk):
        return None if _in_talk(p, row) or _allowed(p, "heart_talks.oversee") else 403
    return None


OWNERSHIP = {"heart_talks": _row}


def secrets(world, may) -> list[Secret]:
    found = []
    for t in world.values():
        tag, pk, r = t.tag, t.township.pk, t.rows
        talk, trigger = r["heart_talk"], r["heart_trigger"]
        for kind in ("HTK", "HTF"):
            found.append(Secret(marker(tag, kind), pk, lambda p, u, x=talk: _in_talk(p, x), sealed=True))
        found.append(Secret(marker(tag, "HTT"), pk, lambda p, u, x=trigger: _reads_note(p, x), sealed=True))
    return found
