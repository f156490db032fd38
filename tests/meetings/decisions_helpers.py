"""Running a meeting of the seven-member team through to its minutes, for the tests of what a
decision leads to (复议, referrals, emergency reports, minutes sent to the city)."""

import datetime
from zoneinfo import ZoneInfo

from tests.meetings.meeting_factory import approved_item, clerk_user, meeting
from zhidu.meetings import services

SH = ZoneInfo("Asia/Shanghai")


def at(*args):
    return datetime.datetime(*args, tzinfo=SH)


def members(people):
    return {k: p for k, p in people.items() if k != "clerk"}


def held(town, people, items, *, held_at, vote="for", body="team", **texts):
    """A meeting with `items`, everyone present, each item voted by named ballot (`vote` from each
    member; None: not voted), with the minutes' `texts` (resolution, basis, supervision…)."""
    m = meeting(town, people, items, held_at=held_at, body=body)
    services.send_notice(m, version=m.version, user=clerk_user(m))
    m.refresh_from_db()
    services.record_attendance(
        m,
        version=m.version,
        statuses={p.pk: ("present", "") for p in members(people).values()},
        user=clerk_user(m),
    )
    m.refresh_from_db()
    for entry in m.entries.all():
        services.record_entry(
            entry,
            version=m.version,
            speakers=[],
            recused=set(),
            vote_method="named_ballot" if vote else "",
            counts=None,
            ballots={p.pk: vote for p in members(people).values()} if vote else None,
            opinions={},
            deferred=False,
            resolution=texts.pop("resolution", f"同意：{entry.item.title}"),
            user=clerk_user(entry),
            **texts,
        )
        m.refresh_from_db()
    return m


def closed(town, people, items, *, held_at, **kwargs):
    m = held(town, people, items, held_at=held_at, **kwargs)
    services.close_meeting(m, version=m.version, user=clerk_user(m))
    m.refresh_from_db()
    return m


__all__ = ["approved_item", "at", "clerk_user", "closed", "held", "members"]
