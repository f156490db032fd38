"""Inbound messages (issue 16, R18 第三): what the channels' webhooks hand in, read from the
provider's documented callback formats, and the commands an area registers for a text.

SMS gateway (上行短信): a POST of JSON, one message or a list (Aliyun's HTTP batch push of SmsUp:
`phone_number`, `content`, `send_time`, `sequence_id`; Tencent Cloud's: `mobile`, `text`, `time`; or
a plain `phone`/`text`/`id`), or the same names form-encoded. WeCom (企业微信 应用回调): the real
callback is AES-encrypted XML behind a signature; Zhidu accepts its decrypted fields as JSON
(`FromUserName`, `Content`, `MsgId`, `MsgType`, `CreateTime`), posted by the gateway or relay that
holds the callback key. Both are behind a shared secret from the environment
(ZHIDU_SMS_INBOUND_TOKEN, ZHIDU_WECOM_INBOUND_TOKEN), sent as the header X-Zhidu-Token or the
`token` query parameter (many gateways only let one configure a URL); unset, the webhook refuses.

Commands: a text starting with a registered word (`register_command`; the daily logs register
"日志") goes to that area's handler; "确认" or "收到" confirms the sender's latest unconfirmed
receipt (a meeting's notice), here in the kernel."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from zhidu.env import env_str

if TYPE_CHECKING:
    from zhidu.org.models import Person

TOKENS = {"sms": "ZHIDU_SMS_INBOUND_TOKEN", "wecom": "ZHIDU_WECOM_INBOUND_TOKEN"}
CONFIRM_WORDS = ("确认", "收到", "确认收到", "已收到")
MAX_TEXT = 1000


class BadInput(ValueError):
    """The body is not a callback Zhidu reads: the message, in Chinese, goes back with a 400."""


@dataclass(frozen=True)
class Incoming:
    message_id: str
    sender: str
    text: str
    received_at: datetime.datetime


# --- the shared secret ----------------------------------------------------------------------------


def authenticated(channel: str, offered: str) -> bool | None:
    """True if `offered` is the channel's secret (constant-time), False if not, None if the
    channel's inbound is not configured (no secret in the environment: refused too)."""
    secret = env_str(TOKENS[channel])
    if not secret:
        return None
    return hmac.compare_digest(offered.encode(), secret.encode())


# --- the provider formats -------------------------------------------------------------------------


def _first(data: Mapping[str, Any], *names: str) -> str:
    for name in names:
        value = data.get(name)
        if value not in (None, ""):
            return str(value).strip()
    return ""


def _moment(value: str, now: datetime.datetime) -> datetime.datetime:
    """A provider's time: seconds (or milliseconds) since the epoch, or "YYYY-MM-DD HH:MM:SS" in
    Beijing time; anything else, or a time in the future, is the moment it arrived."""
    if not value:
        return now
    try:
        if value.isdigit():
            seconds = int(value) / (1000 if len(value) > 11 else 1)
            moment = datetime.datetime.fromtimestamp(seconds, tz=datetime.UTC)
        else:
            naive = datetime.datetime.fromisoformat(value.replace("T", " "))
            moment = naive if naive.tzinfo else timezone.make_aware(naive)
    except (ValueError, OverflowError, OSError):
        return now
    return min(moment, now)


def _derived_id(sender: str, when: str, text: str) -> str:
    """A provider without a message id (Tencent Cloud's callback): the same message retried has
    the same sender, time and text."""
    return "h" + hashlib.sha256(f"{sender}\x00{when}\x00{text}".encode()).hexdigest()[:40]


def _records(body: bytes, content_type: str, form: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    if "json" in content_type or body[:1] in (b"{", b"["):
        try:
            data = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise BadInput("请求内容不是有效的 JSON") from None
    else:
        data = dict(form.items())
    items = data if isinstance(data, list) else [data]
    if not items or len(items) > 100 or not all(isinstance(i, dict) for i in items):
        raise BadInput("请求内容应为一条消息（JSON 对象）或至多 100 条消息的列表")
    return items


def _clean(sender: str, text: str) -> tuple[str, str]:
    sender = re.sub(r"^(\+?86)(?=1\d{10}$)", "", sender.replace(" ", "").replace("-", ""))
    return sender[:100], text.strip()[:MAX_TEXT]


def sms_messages(body: bytes, content_type: str, form: Mapping[str, Any]) -> list[Incoming]:
    now = timezone.now()
    found = []
    for data in _records(body, content_type, form):
        sender = _first(data, "phone_number", "mobile", "phone", "from", "sender")
        text = _first(data, "content", "text", "msg", "message")
        if not sender or not text:
            raise BadInput("每条短信须有发送号码（phone_number / mobile / phone）和内容（content / text）")
        when = _first(data, "send_time", "time", "timestamp")
        sender, text = _clean(sender, text)
        message_id = _first(data, "sequence_id", "id", "msgid", "msg_id", "message_id") or _derived_id(
            sender, when, text
        )
        found.append(Incoming(message_id[:100], sender, text, _moment(when, now)))
    return found


def wecom_messages(body: bytes, content_type: str, form: Mapping[str, Any]) -> list[Incoming]:
    now = timezone.now()
    found = []
    for data in _records(body, content_type, form):
        sender = _first(data, "FromUserName", "from_user", "userid", "mobile")
        message_id = _first(data, "MsgId", "msgid")
        if not sender or not message_id:
            raise BadInput("企业微信消息须有 FromUserName 和 MsgId")
        kind = _first(data, "MsgType") or "text"
        text = _first(data, "Content") if kind == "text" else f"〔{kind}〕"
        sender, text = _clean(sender, text or "〔空消息〕")
        found.append(Incoming(message_id[:100], sender, text, _moment(_first(data, "CreateTime"), now)))
    return found


PARSERS: dict[str, Callable[[bytes, str, Mapping[str, Any]], list[Incoming]]] = {
    "sms": sms_messages,
    "wecom": wecom_messages,
}


# --- commands -------------------------------------------------------------------------------------

# handler(person, the text after the word, channel, received at) -> (reply, the record it wrote).
# It refuses with a ValidationError (its message goes back to the sender) or PermissionDenied.
CommandHandler = Callable[["Person", str, str, datetime.datetime], tuple[str, Any]]
_commands: dict[str, CommandHandler] = {}


def register_command(word: str, handler: CommandHandler) -> None:
    _commands[word] = handler


def command_of(text: str) -> tuple[CommandHandler, str] | None:
    """The handler whose word starts the text, and the rest of the text ("日志：今天…" → "今天…")."""
    for word, handler in _commands.items():
        if text.startswith(word):
            return handler, text[len(word) :].lstrip(" ：:，,　\n")
    return None


def is_confirmation(text: str) -> bool:
    return text.strip(" 。.!！　\n") in CONFIRM_WORDS
