"""The portal's part of the access crawl (tests/core/test_access_crawl.py): per township a published
article (public: anyone reads it), a draft (its text marked: only the portal's staff of its
township read it, on the staff pages) and the public pages' arguments."""

from __future__ import annotations

from tests.core import crawl_support
from tests.core.crawl_support import Secret, Target, rows
from zhidu.portal import services


def marker(tag: str, kind: str, n: int = 1) -> str:
    return crawl_support.marker(tag, kind, n)


def populate(t, *, team, clerk, discipline, owners, reporters) -> None:
    user = clerk.user
    t.rows["article"] = services.publish(
        user, township=t.township, category="notices", title="公告", body="公告正文，公开可读。"
    )
    t.rows["article_draft"] = services.draft(
        user, township=t.township, category="news", title="草稿", body=f"草稿正文{marker(t.tag, 'PORD')}"
    )


def _township(world):
    return [Target({"township": t.township.code}, t.township.pk, t.township) for t in world.values()]


def _category(world):
    return [
        Target({"township": t.township.code, "category": "notices"}, t.township.pk, t.township)
        for t in world.values()
    ]


def _article(world):
    return [
        Target({"township": t.township.code, "pk": t.rows["article"].pk}, t.township.pk, t.rows["article"])
        for t in world.values()
    ]


SOURCES = {
    "site/<township>": _township,
    "site/<township>/c/<category>": _category,
    "site/<township>/a/<pk>": _article,
    "site/staff/articles/<pk>": rows("article_draft", "article"),
}


def secrets(world, may) -> list[Secret]:
    return [
        Secret(
            marker(t.tag, "PORD"),
            t.township.pk,
            # The draft's text: on the staff pages, to the portal's staff; never on a public page.
            lambda p, u: may(p, "portal.view") and (u == "portal:" or u.startswith("portal:staff")),
            only="portal:",
        )
        for t in world.values()
    ]
