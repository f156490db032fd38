"""R13 in the access crawl (tests/core/test_access_crawl.py): per township, last year's democratic
life meeting convened by the principal and held, a team member's speech, the criticism recorded,
a measure of a cadre, and a postponement asked. A speech is read by its participant and the readers
of every speech (the principal, the organization office, discipline inspection); the criticism by
those readers only; a measure's page by its responsible person and the area's readers."""

from __future__ import annotations

import datetime

from django.utils import timezone

from tests.core import crawl_support
from tests.core.crawl_support import Secret, rows
from zhidu.life_meetings import aftercare, services
from zhidu.life_meetings.models import LifeMeeting, Measure, Postponement, Speech


def marker(tag: str, kind: str, n: int = 1) -> str:
    return crawl_support.marker(tag, kind, n)


def populate(t, *, team, clerk, discipline, owners, reporters) -> None:
    tag, today, r = t.tag, timezone.localdate(), t.rows
    principal, member = team[0], team[1]
    m = services.create_meeting(
        by=principal, year=today.year - 1, theme=f"主题{marker(tag, 'LMT')}", planned_on=None
    )
    speech = Speech.objects.get(meeting=m, person=member)
    services.save_speech(speech, text=f"发言{marker(tag, 'LMS')}", submit=True)
    records = {speech.pk: (f"自我批评{marker(tag, 'LMC')}", "批评")}
    services.hold_meeting(m, by=principal, held_on=today, summary="", records=records)
    r["life_meeting"] = LifeMeeting.objects.get(pk=m.pk)
    r["life_measure"] = aftercare.add_measure(
        m, by=principal, text="整改走访群众", owner=owners[0][0], due_on=today + datetime.timedelta(days=30)
    )
    r["life_postponement"] = aftercare.request_postponement(
        by=principal, year=today.year, reason="换届", hold_by=today.replace(year=today.year + 1, day=1)
    )
    assert isinstance(r["life_postponement"], Postponement)


SOURCES = {
    "life-meetings/<pk>": rows("life_meeting"),
    "life-meetings/postponements/<pk>": rows("life_postponement"),
    "life-meetings/measures/<pk>": rows("life_measure"),
}


def _allowed(p, action) -> bool:
    from zhidu.core.permissions import allowed

    return p.user is not None and allowed(p.user, action)


def _same(p, row) -> bool:
    return p.person is not None and p.person.township_id == row.township_id


def _reads_all(p, row) -> bool:
    return _same(p, row) and _allowed(p, "life_meetings.read_all")


def _row(p, row, name):
    if isinstance(row, Measure):
        own = p.person is not None and p.person.pk == row.owner_id
        return None if own or (_same(p, row) and _allowed(p, "life_meetings.view")) else 403
    if isinstance(row, LifeMeeting) and name == "life_meetings:speech":
        joined = p.person is not None and Speech.objects.filter(meeting=row, person=p.person).exists()
        return None if joined else 403
    if isinstance(row, LifeMeeting) and name == "life_meetings:hold":
        return None if p.person is not None and p.person.pk == row.convener_id else 403
    return None


OWNERSHIP = {"life_meetings": _row}


def secrets(world, may) -> list[Secret]:
    found = []
    for t in world.values():
        tag, pk, m = t.tag, t.township.pk, t.rows["life_meeting"]
        speech = Speech.objects.get(meeting=m, text__contains=marker(tag, "LMS"))

        def speaker(p, u, s=speech):
            return (p.person is not None and p.person.pk == s.person_id) or _reads_all(p, s)

        found.append(Secret(marker(tag, "LMS"), pk, speaker))
        found.append(Secret(marker(tag, "LMC"), pk, lambda p, u, s=speech: _reads_all(p, s)))
    return found
