"""R19 in the access crawl (tests/core/test_access_crawl.py): per township, a talk held with one
follow-up card handed to a unit, and a talk still booked. The contents are sealed: read by the cadre,
the leader, the organization office and discipline inspection; the card also by the head of the unit."""

from __future__ import annotations

from django.utils import timezone

from tests.core import crawl_support
from tests.core.crawl_support import Secret, rows
from zhidu.requested_talks import services
from zhidu.requested_talks.models import FollowUpCard, TalkBooking


def marker(tag: str, kind: str, n: int = 1) -> str:
    # crawl_support imports this module before it defines `marker`: look it up when called.
    return crawl_support.marker(tag, kind, n)


def populate(t, *, team, clerk, discipline, owners, reporters) -> None:
    tag, today, r = t.tag, timezone.localdate(), t.rows
    cadre, talker = owners[0][0], team[1]  # a cadre and the deputy secretary (R19 part 二)
    r["rtalk_booking1"] = services.book(
        cadre=cadre, talker=talker, designated=False, channel="phone", topics=["own"], day=today, urgent=True,
        summary=f"约谈内容{marker(tag, 'RTK', 1)}", user=cadre.user,
    )  # fmt: skip
    services.record(
        r["rtalk_booking1"], by=talker, held_on=today, text=f"约谈记录{marker(tag, 'RTR')}",
        requests=[f"要求{marker(tag, 'RTC')}"], user=talker.user,
    )  # fmt: skip
    card = r["rtalk_booking1"].cards.get()
    r["rtalk_card"] = services.hand_over(card, by=talker, department=owners[1][1], user=talker.user)
    other = owners[1][0]
    r["rtalk_booking2"] = services.book(
        cadre=other, talker=team[0], designated=False, channel="email", topics=["proposals"], day=today,
        urgent=True, summary=f"约谈内容{marker(tag, 'RTK', 2)}", user=other.user,
    )  # fmt: skip


SOURCES = {
    "requested-talks/<pk>": rows("rtalk_booking1", "rtalk_booking2"),
    "requested-talks/cards/<pk>": rows("rtalk_card"),
}


def _reads(p, booking: TalkBooking) -> bool:
    if p.person is None or p.person.township_id != booking.township_id:
        return False
    return p.person.pk in (booking.cadre_id, booking.talker_id) or _oversees(p)


def _oversees(p) -> bool:
    from zhidu.core.permissions import allowed

    return p.user is not None and allowed(p.user, "requested_talks.oversee")


def _reads_card(p, card: FollowUpCard) -> bool:
    head = card.department.head_id if card.department else None
    return _reads(p, card.booking) or (p.person is not None and p.person.pk in (card.reviewer_id, head))


def _row(p, row, name):
    if isinstance(row, FollowUpCard):
        return None if _reads_card(p, row) else 403
    return None if _reads(p, row) else 403


OWNERSHIP = {"requested_talks": _row}


def secrets(world, may) -> list[Secret]:
    found = []
    for t in world.values():
        tag, pk, r = t.tag, t.township.pk, t.rows
        for n in (1, 2):
            b = r[f"rtalk_booking{n}"]
            found.append(Secret(marker(tag, "RTK", n), pk, lambda p, u, b=b: _reads(p, b), sealed=True))
        b = r["rtalk_booking1"]
        found.append(Secret(marker(tag, "RTR"), pk, lambda p, u, b=b: _reads(p, b), sealed=True))
        c = r["rtalk_card"]
        found.append(Secret(marker(tag, "RTC"), pk, lambda p, u, c=c: _reads_card(p, c), sealed=True))
    return found
