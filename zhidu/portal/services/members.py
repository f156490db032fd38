"""The entry points of the public's accounts (issue 15): send a one-time code to a mobile number or
an e-mail address, sign up or in with it, sign out. A member of the public is a PublicAccount, not a
staff User: nothing here grants a role (zhidu.portal.public_session).

The code: 6 digits from `secrets`, stored only as an HMAC keyed by the site's secret (a database
reader learns nothing), valid CODE_MINUTES, CODE_TRIES wrong tries, used once; a newer code voids the
older ones. Limits per contact (one code a minute, a few an hour) beside the views' per-address ones
(zhidu.trust.ratelimit). The code is sent at once through the channel's adapter of
zhidu.notifications, not queued in the outbox: the person is waiting for it, and the outbox would
keep the code's plaintext in its rows."""

from __future__ import annotations

import datetime
import hmac
import secrets
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac

from zhidu.core import audit
from zhidu.notifications.channels import Message, adapter
from zhidu.org.models import Township
from zhidu.portal import checks
from zhidu.portal.models import ContactChannel, PublicAccount, VerificationCode
from zhidu.trust import ratelimit

if TYPE_CHECKING:
    from django.http import HttpRequest

CODES_PER_MINUTE = 1  # per contact
CODES_PER_HOUR = 5  # per contact
NICKNAME_MAX = 20


def contact_digest(township: Township, contact: str) -> str:
    """The keyed hash an account is found by (the contact itself is sealed)."""
    message = f"{township.pk}\x00{contact}".encode()
    return salted_hmac("zhidu.portal.contact", message, algorithm="sha256").hexdigest()


def code_hash(digest: str, code: str) -> str:
    return salted_hmac("zhidu.portal.code", f"{digest}\x00{code}", algorithm="sha256").hexdigest()


def parse_contact(contact: str) -> tuple[str, str]:
    channel, normalized = checks.contact_kind(contact)
    if not channel:
        raise ValidationError({"contact": "手机号或邮箱：请填写11位手机号或电子邮箱地址"})
    return channel, normalized


def _limit(scope: str, subject: list[object], limit: int, window: int, message: str) -> None:
    verdict = ratelimit.hit(scope, subject, limit=limit, window=window)
    if not verdict.allowed:
        seconds = verdict.retry_after
        wait = f"{seconds}秒" if seconds < 120 else f"{ratelimit.minutes(seconds)}分钟"
        raise ValidationError({"contact": message.format(wait=wait)})


def send_code(
    *,
    township: Township,
    contact: str,
    request: HttpRequest | None = None,
    now: datetime.datetime | None = None,
) -> VerificationCode:
    """A member of the public asks for a code (the view has asked the captcha)."""
    channel, normalized = parse_contact(contact)
    digest = contact_digest(township, normalized)
    _limit(
        "portal-code-minute", [digest], CODES_PER_MINUTE, 60, "手机号或邮箱：验证码已发出，请{wait}后再获取"
    )
    _limit(
        "portal-code-hour", [digest], CODES_PER_HOUR, 3600, "手机号或邮箱：获取验证码次数过多，请{wait}后再试"
    )
    now = now or timezone.now()
    code = f"{secrets.randbelow(10**checks.CODE_DIGITS):0{checks.CODE_DIGITS}d}"
    with transaction.atomic():
        VerificationCode.objects.filter(township=township, contact_digest=digest, used_at=None).update(
            used_at=now
        )
        row = VerificationCode.objects.create(
            township=township,
            channel=channel,
            contact_digest=digest,
            code_hash=code_hash(digest, code),
            created_at=now,
            expires_at=now + datetime.timedelta(minutes=checks.CODE_MINUTES),
        )
        # Who: a member of the public not yet known (no account before the code is used).
        audit.record(
            "public", "portal.code_send", row, township=township, request=request,
            summary=f"发送验证码（{ContactChannel(channel).label}）",
        )  # fmt: skip
    text = f"您的验证码是 {code}，{checks.CODE_MINUTES}分钟内有效。如非本人操作，请忽略。"
    result = adapter(channel).send(Message(normalized, f"{township.name}网站验证码", text))
    if not result.ok:
        VerificationCode.objects.filter(pk=row.pk).update(used_at=now)
        raise ValidationError({"contact": "手机号或邮箱：验证码发送失败，请稍后再试或换一种方式"})
    return row


def _nickname(text: str) -> str:
    name = (text or "").strip()
    if len(name) > NICKNAME_MAX:
        raise ValidationError({"nickname": f"昵称：不能超过{NICKNAME_MAX}字"})
    if name and checks.prohibited(name, word_list()):
        raise ValidationError({"nickname": "昵称：含有不宜使用的词语，请换一个"})
    return name or f"网友{secrets.randbelow(9000) + 1000}"


def word_list() -> dict[str, tuple[str, ...]]:
    from zhidu.portal.services.comments import word_list as words

    return words()


def verify(
    *,
    township: Township,
    contact: str,
    code: str,
    nickname: str = "",
    request: HttpRequest | None = None,
    now: datetime.datetime | None = None,
) -> PublicAccount:
    """Sign up (the first time) or in with the code just received. A wrong code counts a try."""
    channel, normalized = parse_contact(contact)
    digest = contact_digest(township, normalized)
    now = now or timezone.now()
    typed = "".join((code or "").split())
    row = (
        VerificationCode.objects.filter(township=township, contact_digest=digest)
        .order_by("-created_at", "-pk")
        .first()
    )
    if row is None:
        raise ValidationError({"code": "验证码：请先获取验证码"})
    refusal = checks.code_refusal(
        now=now, expires_at=row.expires_at, attempts=row.attempts, used=row.used_at is not None
    )
    if refusal:
        raise ValidationError({"code": refusal})
    if not hmac.compare_digest(row.code_hash, code_hash(digest, typed)):
        VerificationCode.objects.filter(pk=row.pk).update(attempts=F("attempts") + 1)
        left = checks.CODE_TRIES - row.attempts - 1
        raise ValidationError(
            {"code": f"验证码：不正确，还可再试{left}次" if left > 0 else "验证码：错误次数过多，请重新获取"}
        )
    name = _nickname(nickname)
    with transaction.atomic():
        # The conditional UPDATE: of two posts of one code, only one signs in.
        if not VerificationCode.objects.filter(
            pk=row.pk, used_at=None, attempts__lt=checks.CODE_TRIES
        ).update(used_at=now):
            raise ValidationError({"code": "验证码：已使用，请重新获取"})
        account = PublicAccount.objects.filter(township=township, contact_digest=digest).first()
        created = account is None
        if account is None:
            try:
                with transaction.atomic():
                    account = PublicAccount.objects.create(
                        township=township, channel=channel, contact_digest=digest, contact=normalized,
                        nickname=name, created_at=now, signed_in_at=now,
                    )  # fmt: skip
            except IntegrityError:  # signed up a moment ago in another tab
                account = PublicAccount.objects.get(township=township, contact_digest=digest)
                created = False
        if not created:
            PublicAccount.objects.filter(pk=account.pk).update(signed_in_at=now)
        action = "portal.sign_up" if created else "portal.sign_in"
        audit.record(
            account, action, account, township=township, request=request,
            summary=f"{'注册' if created else '登录'}（{ContactChannel(channel).label}）",
        )  # fmt: skip
    return account


def sign_out(account: PublicAccount, *, request: HttpRequest | None = None) -> None:
    """Signing out voids the account's cookies on every device (its epoch moves on)."""
    with transaction.atomic():
        PublicAccount.objects.filter(pk=account.pk).update(session_epoch=F("session_epoch") + 1)
        audit.record(account, "portal.sign_out", account, township=account.township, request=request)
