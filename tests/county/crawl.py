"""The county overview's part of the access crawl: a township's row is named by the township itself
(county/<pk>); the crawl's two townships are of two counties (the demo's 示范县 and a blank one), so
the county viewer of A meets B's as a 404, as any row out of scope."""

from __future__ import annotations

from tests.core.crawl_support import Target


def _townships(world):
    return [Target({"pk": t.township.pk}, t.township.pk, t.township) for t in world.values()]


SOURCES = {"county/<pk>": _townships}
