import pytest

from tests import factories


@pytest.fixture
def people(town):
    """The personas; the clerk heads the party office (党政办主任), `editor` is a clerk of it."""
    cast = factories.personas(town)
    office = cast["clerk"].department
    office.head = cast["clerk"]
    office.save(update_fields=["head"])
    cast["editor"] = factories.person(town, "李党办", username="editor", dept_kind="party_office")
    return cast


def make(people, who="editor", **kwargs):
    from zhidu.portal import services

    kwargs.setdefault("category", "notices")
    kwargs.setdefault("title", "关于村道修缮的公告")
    kwargs.setdefault("body", "经镇党委研究，决定于十月修缮东沟村村道。\n\n施工期间请绕行。")
    kwargs.setdefault("tags", "村道、公告")
    p = people[who]
    return services.draft(p.user, township=p.township, **kwargs)


@pytest.fixture
def mailbox(monkeypatch):
    """The e-mail channel delivers to Django's test outbox (zhidu.notifications.channels.email)."""
    from django.core import mail

    monkeypatch.setenv("ZHIDU_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
    monkeypatch.delenv("ZHIDU_SMTP_HOST", raising=False)
    mail.outbox = []
    return mail.outbox


def code_in(message) -> str:
    import re

    return re.search(r"验证码是 (\d{6})", message.body).group(1)


def sign_up(town, contact="reader@example.cn", nickname="东沟村民"):
    """A member of the public with an account (through the two entry points, as the pages do)."""
    from django.core import mail

    from zhidu.portal.services import members

    members.send_code(township=town, contact=contact)
    return members.verify(township=town, contact=contact, code=code_in(mail.outbox[-1]), nickname=nickname)


def published(people, **kwargs):
    from zhidu.portal import services

    p = people["clerk"]
    kwargs.setdefault("category", "notices")
    kwargs.setdefault("title", "关于村道修缮的公告")
    kwargs.setdefault("body", "经镇党委研究，决定于十月修缮东沟村村道。")
    return services.publish(p.user, township=p.township, **kwargs)
