"""The public's account and comment pages and the party office's queue (zhidu.portal.views.members
and .moderation): the captcha, the two steps, the public session's own cookie (never a staff
session), the per-address limits, and who may moderate (anonymous: log in; staff without
portal.moderate: 403)."""

import pytest
from captcha.models import CaptchaStore
from django.test import Client
from django.urls import reverse

from tests.portal.conftest import code_in, published, sign_up
from zhidu.portal import public_session
from zhidu.portal.models import Comment
from zhidu.portal.services import comments
from zhidu.portal.views import members

pytestmark = pytest.mark.django_db


def captcha(client, town) -> dict:
    page = client.get(reverse("portal:account", args=[town.code]))
    key = page.content.decode().split('name="captcha_0" value="')[1].split('"')[0]
    return {"captcha_0": key, "captcha_1": CaptchaStore.objects.get(hashkey=key).response}


def signed_in_client(town, mailbox, contact="reader@example.cn", next_url=""):
    client = Client()
    account_url = reverse("portal:account", args=[town.code])
    answer = client.post(account_url, {"contact": contact, "next": next_url, **captcha(client, town)})
    assert answer.status_code == 200 and 'id="code-form"' in answer.content.decode()
    verify = reverse("portal:account-verify", args=[town.code])
    data = {"contact": contact, "code": code_in(mailbox[-1]), "nickname": "东沟村民", "next": next_url}
    answer = client.post(verify, data)
    assert answer.status_code == 302
    return client, answer


def test_signing_up_takes_the_captcha_then_the_code_and_keeps_what_was_typed(town, mailbox):
    client = Client()
    url = reverse("portal:account", args=[town.code])
    answer = client.post(url, {"contact": "reader@example.cn", "captcha_0": "x", "captcha_1": "y"})
    assert answer.status_code == 400 and not mailbox
    assert 'value="reader@example.cn"' in answer.content.decode()
    answer = client.post(url, {"contact": "不是号码", **captcha(client, town)})
    assert answer.status_code == 400 and "手机号或邮箱：请填写11位手机号" in answer.content.decode()
    article = published_for(town)
    client, answer = signed_in_client(town, mailbox, next_url=article.get_absolute_url())
    assert answer["Location"] == article.get_absolute_url()
    cookie = client.cookies[public_session.COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    page = client.get(article.get_absolute_url())
    assert 'id="comment-form"' in page.content.decode() and "东沟村民" in page.content.decode()


def published_for(town):
    from tests import factories

    people = factories.personas(town)
    return published(people)


def test_a_wrong_code_names_the_field_and_an_outside_next_is_ignored(town, mailbox):
    client = Client()
    client.post(
        reverse("portal:account", args=[town.code]), {"contact": "reader@example.cn", **captcha(client, town)}
    )
    verify = reverse("portal:account-verify", args=[town.code])
    answer = client.post(verify, {"contact": "reader@example.cn", "code": "000000x"})
    assert answer.status_code == 400 and "验证码：不正确" in answer.content.decode()
    data = {"contact": "reader@example.cn", "code": code_in(mailbox[-1]), "next": "https://evil.example/"}
    answer = client.post(verify, data)
    assert answer.status_code == 302 and answer["Location"] == reverse("portal:home", args=[town.code])


def test_a_comment_shows_to_its_author_as_awaiting_and_to_nobody_else(town, mailbox):
    article = published_for(town)
    client, _answer = signed_in_client(town, mailbox)
    url = reverse("portal:comment", args=[town.code, article.pk])
    answer = client.post(url, {"body": ""})
    assert answer.status_code == 400 and "评论：请填写评论内容" in answer.content.decode()
    answer = client.post(url, {"body": "请公布施工期间的绕行路线。"})
    comment = Comment.objects.get()
    assert answer.status_code == 302 and answer["Location"].endswith(f"#comment-{comment.pk}")
    mine = client.get(article.get_absolute_url()).content.decode()
    assert f'id="comment-{comment.pk}-state"' in mine and "请公布施工期间的绕行路线" in mine
    assert "请公布施工期间的绕行路线" not in Client().get(article.get_absolute_url()).content.decode()


def test_anyone_not_signed_in_is_sent_to_sign_in_and_a_forged_cookie_is_nobody(town, mailbox):
    article = published_for(town)
    url = reverse("portal:comment", args=[town.code, article.pk])
    answer = Client().post(url, {"body": "匿名评论"})
    assert answer.status_code == 302 and answer["Location"].startswith(
        reverse("portal:account", args=[town.code])
    )
    forged = Client()
    forged.cookies[public_session.COOKIE] = "1:0"
    assert forged.post(url, {"body": "伪造的评论"}).status_code == 302
    assert not Comment.objects.exists()


def test_signing_out_voids_the_cookie_on_every_device(town, mailbox):
    article = published_for(town)
    client, _answer = signed_in_client(town, mailbox)
    copied = Client()
    copied.cookies[public_session.COOKIE] = client.cookies[public_session.COOKIE].value
    client.post(reverse("portal:account-sign-out", args=[town.code]))
    answer = copied.post(reverse("portal:comment", args=[town.code, article.pk]), {"body": "退出后的评论"})
    assert answer.status_code == 302 and not Comment.objects.exists()


def test_a_public_account_is_no_staff_member(town, mailbox):
    client, _answer = signed_in_client(town, mailbox)
    for name in ("portal:staff-comments", "portal:staff-list"):
        answer = client.get(reverse(name))
        assert answer.status_code == 302 and answer["Location"].startswith(reverse("login"))


def test_codes_are_limited_per_address(town, mailbox):
    client = Client()
    url = reverse("portal:account", args=[town.code])
    for _ in range(members.CODES_PER_HOUR):
        client.post(url, {"contact": "x"})
    answer = client.post(url, {"contact": "x"})
    assert answer.status_code == 429 and answer["Retry-After"]


def test_only_the_party_office_reaches_the_queue_and_decides(town, people, mailbox, login):
    article = published(people)
    comment = comments.post(sign_up(town), article, "村里有人赌博，请查处")
    queue = reverse("portal:staff-comments")
    approve = reverse("portal:staff-comment-approve", args=[comment.pk])
    assert Client().get(queue).status_code == 302
    for who in ("secretary", "organization", "cadre"):
        client = login(people[who])
        assert client.get(queue).status_code == 403
        assert client.post(approve).status_code == 403
    client = login(people["clerk"])
    page = client.get(queue).content.decode()
    assert f'id="hold-{comment.pk}"' in page and "涉赌" in page
    refuse = reverse("portal:staff-comment-refuse", args=[comment.pk])
    client.post(refuse, {"reason": ""})
    assert Comment.objects.get().state == "held"  # no reason, nothing decided
    client.post(refuse, {"reason": "含有违法违规内容，请通过信访渠道反映"})
    assert Comment.objects.get().state == "refused"
    assert client.post(approve).status_code == 302 and Comment.objects.get().state == "refused"
