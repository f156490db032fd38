"""The portal's part of the access crawl (tests/core/test_access_crawl.py): per township a published
article (public: anyone reads it), a draft (its text marked: only the portal's staff of its
township read it, on the staff pages), a member of the public's refused comment (its text marked:
only the party office reads it, in the moderation queue; refused, so that the crawl's own posts to
approve it change nothing), a published article's attachment (anyone downloads it), a draft's
attachment (its content marked: only the portal's staff download it, on the staff pages) and the
public pages' arguments."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.utils import timezone

from tests.core import crawl_support
from tests.core.crawl_support import Secret, Target, rows
from zhidu.portal import services
from zhidu.portal.models import Comment, PublicAccount
from zhidu.portal.services import attachments, comments


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
    account = PublicAccount.objects.create(
        township=t.township, channel="email", contact_digest=f"crawl-{t.tag}", contact=f"{t.tag}@example.cn",
        nickname="网友", created_at=timezone.now(),
    )  # fmt: skip
    comment = Comment.objects.create(
        township=t.township, article=t.rows["article"], account=account,
        body=f"评论{marker(t.tag, 'PORC')}", created_at=timezone.now(),
    )  # fmt: skip
    t.rows["comment"] = comments.refuse(user, comment, "与文章内容无关")
    with_file = services.draft(
        user, township=t.township, category="notices", title="公告", body="公告正文，公开可读。"
    )
    t.rows["attachment"] = attachments.attach(
        user, with_file, ContentFile(b"%PDF-1.4 public", name="通知.pdf")
    )
    services.submit(user, with_file)
    t.rows["article_attached"] = services.approve_and_publish(team[0].user, with_file)
    content = f"%PDF-1.4 {marker(t.tag, 'PORA')}".encode()
    t.rows["attachment_draft"] = attachments.attach(
        user, t.rows["article_draft"], ContentFile(content, name="草稿附件.pdf")
    )
    t.rows["article_draft"].refresh_from_db()


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


def _attachment(world):
    """A published article's attachment (a draft's is a 404 to everyone: tests/portal/test_attachments.py)."""
    return [
        Target(
            {
                "township": t.township.code,
                "pk": t.rows["article_attached"].pk,
                "attachment": t.rows["attachment"].pk,
            },
            t.township.pk,
            t.rows["attachment"],
        )
        for t in world.values()
    ]


SOURCES = {
    "site/<township>": _township,
    "site/<township>/a/<pk>/files/<attachment>": _attachment,
    "site/staff/attachments/<pk>": rows("attachment_draft", "attachment"),
    "site/<township>/c/<category>": _category,
    "site/<township>/a/<pk>": _article,
    "site/staff/articles/<pk>": rows("article_draft", "article"),
    "site/staff/comments/<pk>": rows("comment"),
}


def _refused_queue(world):
    a = world["A"]  # the queue is per township: one township's persona reads its own
    return [Target({}, a.township.pk, a.rows["comment"])]


QUERIES = {"portal:staff-comments": (_refused_queue, lambda t: "state=refused")}


def secrets(world, may) -> list[Secret]:
    return (
        [
            Secret(
                marker(t.tag, "PORC"),
                t.township.pk,
                # A comment not approved: to the party office, in the queue; never on a public page.
                lambda p, u: may(p, "portal.moderate") and u.startswith("portal:staff-comment"),
                only="portal:",
            )
            for t in world.values()
        ]
        + [
            Secret(
                marker(t.tag, "PORD"),
                t.township.pk,
                # The draft's text: on the staff pages, to the portal's staff; never on a public page.
                lambda p, u: may(p, "portal.view") and (u == "portal:" or u.startswith("portal:staff")),
                only="portal:",
            )
            for t in world.values()
        ]
        + [
            Secret(
                marker(t.tag, "PORA"),
                t.township.pk,
                # A draft's attachment: downloaded by the portal's staff, never from the public site.
                lambda p, u: may(p, "portal.view") and u == "portal:staff-attachment",
                only="portal:",
            )
            for t in world.values()
        ]
    )
