"""The drafts kernel's part of the access crawl: drafts of three users per township, each key
carrying a marker; GET /drafts/ lists the user's own, so a draft shown to anyone but its user, or
in another township, is a leak the crawl reports."""

from __future__ import annotations

from tests.core.crawl_support import Secret, marker
from zhidu.drafts import services


def _writers(t, team, clerk, owners):
    return [team[0], clerk, owners[0][0]]


def populate(t, *, team, clerk, discipline, owners, reporters) -> None:
    for n, person in enumerate(_writers(t, team, clerk, owners), start=1):
        key = f"supervision.new:{marker(t.tag, 'DRF', n)}"
        t.rows[f"draft{n}"] = services.save(person.user, t.township, key, {"matter": "草稿"})


def secrets(world, may) -> list[Secret]:
    found = []
    for t in world.values():
        for n in (1, 2, 3):
            draft = t.rows[f"draft{n}"]
            found.append(Secret(marker(t.tag, "DRF", n), t.township.pk,
                                lambda p, u, d=draft: p.user is not None and p.user.pk == d.user_id))  # fmt: skip
    return found
