"""The public's accounts and comments through their entry points (zhidu.portal.services.members and
.comments): the code sent through the e-mail and SMS channels, stored hashed, expiring after 10
minutes, a few tries; the per-contact and per-account limits; the automatic holds; moderation by
the party office only; every write audited with who and from where."""

import datetime
import hashlib

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory
from django.utils import timezone

from tests.notifications.servers import HttpRecorder
from tests.portal.conftest import code_in, published, sign_up
from zhidu.core.models import AuditEntry
from zhidu.portal.models import Comment, PublicAccount, VerificationCode
from zhidu.portal.services import comments, members
from zhidu.trust import ratelimit

pytestmark = pytest.mark.django_db


def request_from(address="203.0.113.7"):
    return RequestFactory().post("/", REMOTE_ADDR=address)


def test_a_code_goes_by_e_mail_is_stored_hashed_and_signs_up_once(town, mailbox):
    row = members.send_code(township=town, contact="Reader@Example.cn", request=request_from())
    [message] = mailbox
    assert message.to == ["reader@example.cn"]
    code = code_in(message)
    assert code not in row.code_hash and len(row.code_hash) == 64
    assert row.code_hash != hashlib.sha256(code.encode()).hexdigest()  # keyed, not a plain hash
    account = members.verify(township=town, contact="reader@example.cn", code=code, nickname="东沟村民")
    assert account.nickname == "东沟村民" and account.channel == "email"
    # The contact is sealed; found again by its keyed digest only.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT contact FROM portal_publicaccount WHERE id = %s", [account.pk])
        [stored] = cursor.fetchone()
    assert "reader" not in stored and stored.startswith("s2:")
    with pytest.raises(ValidationError, match="已使用"):
        members.verify(township=town, contact="reader@example.cn", code=code)
    entries = AuditEntry.objects.filter(action__in=["portal.code_send", "portal.sign_up"]).order_by("pk")
    assert [e.action for e in entries] == ["portal.code_send", "portal.sign_up"]
    assert entries[0].address == "203.0.113.7" and "reader" not in entries[0].summary
    assert entries[0].actor_name == "public" and entries[0].actor is None
    assert entries[1].actor_name == f"public:{account.pk}"


def test_signing_in_again_finds_the_same_account(town, mailbox):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        first = sign_up(town)
        traveller.shift(datetime.timedelta(minutes=2))  # one code a minute per contact
        again = sign_up(town, contact="READER@example.cn")
    assert again.pk == first.pk and PublicAccount.objects.count() == 1
    assert AuditEntry.objects.filter(action="portal.sign_in").count() == 1


def test_a_code_goes_by_sms_through_the_gateway(town, monkeypatch):
    with HttpRecorder(answer={"code": "OK"}) as gateway:
        monkeypatch.setenv("ZHIDU_SMS_URL", gateway.url)
        members.send_code(township=town, contact="138-0013-8000")
    [got] = gateway.received
    assert got["json"]["phone"] == "13800138000" and "验证码是" in got["json"]["text"]


def test_an_unconfigured_channel_is_told_and_the_code_is_void(town, monkeypatch):
    monkeypatch.delenv("ZHIDU_SMS_URL", raising=False)
    with pytest.raises(ValidationError, match="发送失败"):
        members.send_code(township=town, contact="13800138000")
    assert VerificationCode.objects.get().used_at is not None


def test_a_code_expires_after_ten_minutes(town, mailbox):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        members.send_code(township=town, contact="reader@example.cn")
        code = code_in(mailbox[-1])
        traveller.shift(datetime.timedelta(minutes=10))
        with pytest.raises(ValidationError, match="已过期"):
            members.verify(township=town, contact="reader@example.cn", code=code)
    assert not PublicAccount.objects.exists()


def test_just_before_ten_minutes_the_code_still_works(town, mailbox):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        members.send_code(township=town, contact="reader@example.cn")
        traveller.shift(datetime.timedelta(minutes=9, seconds=59))
        assert members.verify(township=town, contact="reader@example.cn", code=code_in(mailbox[-1]))


def test_five_wrong_tries_void_the_code(town, mailbox):
    members.send_code(township=town, contact="reader@example.cn")
    code = code_in(mailbox[-1])
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for left in (4, 3, 2, 1):
        with pytest.raises(ValidationError, match=f"还可再试{left}次"):
            members.verify(township=town, contact="reader@example.cn", code=wrong)
    with pytest.raises(ValidationError, match="错误次数过多"):
        members.verify(township=town, contact="reader@example.cn", code=wrong)
    with pytest.raises(ValidationError, match="错误次数过多"):
        members.verify(township=town, contact="reader@example.cn", code=code)  # even the right one


def test_a_new_code_voids_the_older_and_codes_are_limited_per_contact(town, mailbox):
    # At the start of an hour: the hourly limit counts in fixed windows (zhidu.trust.ratelimit).
    start = datetime.datetime(2026, 12, 4, 9, 0, 5, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))
    with time_machine.travel(start, tick=False) as traveller:
        members.send_code(township=town, contact="reader@example.cn")
        old = code_in(mailbox[-1])
        with pytest.raises(ValidationError, match="验证码已发出"):  # one a minute
            members.send_code(township=town, contact="reader@example.cn")
        traveller.shift(datetime.timedelta(seconds=61))
        members.send_code(township=town, contact="reader@example.cn")
        with pytest.raises(ValidationError, match="不正确"):  # only the newest code counts
            members.verify(township=town, contact="reader@example.cn", code=old)
        for _ in range(3):
            traveller.shift(datetime.timedelta(seconds=61))
            members.send_code(township=town, contact="reader@example.cn")
        traveller.shift(datetime.timedelta(seconds=61))
        with pytest.raises(ValidationError, match="次数过多"):
            members.send_code(township=town, contact="reader@example.cn")
    assert len(mailbox) == 5


def test_a_comment_waits_for_moderation_and_is_audited(town, people, mailbox):
    article = published(people)
    reader = sign_up(town)
    comment = comments.post(reader, article, "村道修好后请加装路灯。", request=request_from())
    assert comment.state == Comment.State.PENDING and comment.hold == ""
    entry = AuditEntry.objects.get(action="portal.comment")
    assert entry.actor_name == f"public:{reader.pk}" and entry.address == "203.0.113.7"
    assert comments.shown(article, None) == []
    assert comments.shown(article, reader) == [comment]
    other = sign_up(town, contact="13900139000@example.cn", nickname="西沟村民")
    assert comments.shown(article, other) == []


def test_prohibited_content_is_held_not_refused(town, people, mailbox):
    article = published(people)
    reader = sign_up(town)
    comment = comments.post(reader, article, "村里有人聚众 赌 博，请查处")
    assert comment.state == Comment.State.HELD and comment.hold == "prohibited"
    assert "涉赌" in comment.hold_detail


def test_a_near_duplicate_is_held_as_duplicate_from_the_same_or_another_account(town, people, mailbox):
    article = published(people)
    first, second = sign_up(town), sign_up(town, contact="other@example.cn", nickname="西沟村民")
    original = comments.post(first, article, "建议在东沟村村口增设路灯两盏，方便夜间出行")
    again = comments.post(first, article, "建议在东沟村村口增设路灯两盏，方便夜间出行！")
    pasted = comments.post(second, article, "建议在东沟村村口增设路灯三盏，方便夜间出行")
    assert original.state == Comment.State.PENDING
    assert again.hold == "duplicate" and pasted.hold == "duplicate"
    assert "重复" in pasted.hold_detail and again.hold_detail.startswith(f"与评论 #{original.pk}")


def test_comments_are_limited_per_account(town, people, mailbox):
    article = published(people)
    reader = sign_up(town)
    for n in range(comments.PER_ACCOUNT):
        comments.post(reader, article, f"第{n}条意见：{'路灯' * (n + 3)}水渠{n * 7}")
    with pytest.raises(ratelimit.RateLimited):
        comments.post(reader, article, "再来一条完全不同的意见")
    assert Comment.objects.count() == comments.PER_ACCOUNT


def test_only_a_signed_in_account_of_the_township_comments_a_published_article(town, people, mailbox):
    from tests import factories

    article = published(people)
    with pytest.raises(PermissionDenied):
        comments.post(None, article, "匿名评论")
    elsewhere = factories.township("别的镇", "other")
    stranger = sign_up(elsewhere)
    with pytest.raises(PermissionDenied):
        comments.post(stranger, article, "外镇的评论")
    reader = sign_up(town)
    with pytest.raises(ValidationError, match="评论：请填写"):
        comments.post(reader, article, "   ")


def test_the_party_office_approves_or_refuses_with_a_reason(town, people, mailbox):
    article = published(people)
    reader = sign_up(town)
    good = comments.post(reader, article, "感谢镇党委为群众办实事。")
    bad = comments.post(reader, article, "这条与文章无关的广告内容请忽略")
    clerk = people["clerk"].user
    comments.approve(clerk, good)
    with pytest.raises(ValidationError, match="理由"):
        comments.refuse(clerk, bad, "")
    comments.refuse(clerk, bad, "与文章内容无关")
    assert comments.shown(article, None) == [good]
    mine = comments.shown(article, reader)
    assert [c.state for c in mine] == ["approved", "refused"] and mine[1].refusal_reason == "与文章内容无关"
    with pytest.raises(ValidationError, match="不能这样操作"):
        comments.approve(clerk, bad)  # decided already
    assert AuditEntry.objects.filter(action="portal.comment_refuse", actor=clerk).exists()


def test_nobody_but_the_party_office_moderates(town, people, mailbox):
    from django.contrib.auth.models import AnonymousUser

    article = published(people)
    comment = comments.post(sign_up(town), article, "请公布施工时间。")
    for actor in (None, AnonymousUser(), people["secretary"].user, people["cadre"].user):
        with pytest.raises(PermissionDenied):
            comments.approve(actor, comment)
    assert Comment.objects.get().state == Comment.State.PENDING
