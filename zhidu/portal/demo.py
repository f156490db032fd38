"""The demo township's public site: its identity and a few pages, so the site a visitor opens is not
empty. The passed decision of the demo's closed meeting is left for the party office to publish
(R1§7(6): its duty stays open).

Under the first page, the comment moderation at work (issue 15), every row through the entry points
a visitor's and the party office's pages call, so the holds are the real checks' verdicts: members
of the public sign up with the code sent by e-mail (read here from an in-memory mailbox: the demo
sends nothing outward), comment; the party office approves two, refuses one with the reason its
author reads beside it, and leaves the rest in its queue: one awaiting, one held for prohibited
content (the word list), one held as a near-duplicate of an approved one."""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterator
from contextlib import contextmanager

from zhidu.portal import services
from zhidu.portal.models import Article, PublicAccount
from zhidu.portal.services import comments, members

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"
# (contact, nickname): demo members of the public (example.com is reserved: nothing reaches anyone).
MEMBERS = [
    ("donggou.liu@example.com", "东沟村老刘"),
    ("xiling.wang@example.com", "西岭村小王"),
    ("shimen.zhao@example.com", "石门村赵大姐"),
    ("hekou.visitor@example.com", "过路客"),
]
APPROVED = [
    (0, "冬季检查要把村里的小作坊、烤烟房也查一查，去年东沟村就差点出过火情。"),
    (1, "建议把检查发现的问题和整改情况在村务公开栏公示，群众也好一起监督。"),
]
# A near-duplicate of the first (a word changed, "！" added): held as a duplicate (checks.duplicate_of).
DUPLICATE = (2, "冬季检查要把村里的小作坊、烤烟房也查查，去年东沟村就差点出过火情！")
# Spam with a listed word (网赌): held for prohibited content (checks.prohibited).
PROHIBITED = (3, "网赌平台稳赚不赔，加微信带你回本，名额有限。")
PENDING = (2, "村里独居老人家里的电线老化，检查时能不能顺便帮着看看？")
REFUSED = (
    1,
    "我家门口的快递柜什么时候能装上？",
    "与文章内容无关。快递柜的事请在本网站“社情民意”里提交，我们会转给相关部门答复。",
)


def create(township, people: dict, today: datetime.date) -> None:
    clerk, secretary = people["zhangmin"], people["yangdong"]
    services.save_profile(
        clerk.user,
        township,
        address=f"{township.name}人民路1号镇政府大院",
        phone="0914-4321000",
        office_hours="工作日 上午8:30–12:00，下午14:30–17:30",
        introduction=f"欢迎访问{township.name}公开网站。这里发布镇党委的公告公示、党务公开、新闻和接访安排。",
    )
    pages = [
        (
            "news",
            "",
            "镇党委召开第四季度安全生产工作部署会",
            "会议传达了上级安全生产工作要求，部署了冬季安全生产检查。\n\n各村、各部门要压实责任，确保安全。",
            "安全生产",
        ),
        (
            "notices",
            "",
            "关于开展冬季森林防火宣传的通知",
            "各村要通过广播、标语等形式开展森林防火宣传，严禁野外用火。",
            "森林防火、通知",
        ),
        (
            "party_affairs",
            "leadership",
            "镇党委领导班子分工",
            "党委书记主持党委全面工作；党委副书记协助书记抓党建工作。\n\n其他班子成员按分工负责。",
            "领导班子",
        ),
    ]
    published = []
    for category, subcategory, title, body, tags in pages:
        article = services.draft(
            clerk.user,
            township=township,
            category=category,
            subcategory=subcategory,
            title=title,
            body=body,
            tags=tags,
        )
        services.submit(clerk.user, article)
        published.append(services.approve_and_publish(secretary.user, article))
    demo_comments(township, people, published[0])


@contextmanager
def _mailbox() -> Iterator[list]:
    """E-mail delivered to Django's in-memory outbox for the while (zhidu.notifications.channels.email
    reads its settings when it sends): the demo reads the codes it signs its members up with."""
    from django.core import mail

    saved = {name: os.environ.get(name) for name in ("ZHIDU_EMAIL_BACKEND", "ZHIDU_SMTP_HOST")}
    os.environ["ZHIDU_EMAIL_BACKEND"] = LOCMEM
    os.environ.pop("ZHIDU_SMTP_HOST", None)
    outbox = getattr(mail, "outbox", None)
    mail.outbox = []
    try:
        yield mail.outbox
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        if outbox is None:
            del mail.outbox
        else:
            mail.outbox = outbox


def _sign_up(township, contact: str, nickname: str, outbox: list) -> PublicAccount:
    import re

    members.send_code(township=township, contact=contact)
    code = re.search(r"验证码是 (\d{6})", outbox[-1].body)
    if code is None:  # the message's wording changed (zhidu.portal.services.members.send_code)
        raise RuntimeError("demo: no code in the sign-up message")
    return members.verify(township=township, contact=contact, code=code.group(1), nickname=nickname)


def demo_comments(township, people: dict, article: Article) -> None:
    office = people["zhangmin"].user  # 党政办主任: the party office moderates (portal.moderate)
    with _mailbox() as outbox:
        accounts = [_sign_up(township, contact, name, outbox) for contact, name in MEMBERS]
    for who, text in APPROVED:
        comments.approve(office, comments.post(accounts[who], article, text))
    who, text, reason = REFUSED
    comments.refuse(office, comments.post(accounts[who], article, text), reason)
    for who, text in (DUPLICATE, PROHIBITED, PENDING):
        comments.post(accounts[who], article, text)
