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

The providers' own callbacks, with no relay: WeCom's encrypted mode (加解密方案: a SHA1 signature
over the token, timestamp, nonce and ciphertext; AES-256-CBC with the EncodingAESKey; the CorpID at
the end of the plaintext) and DingTalk's outgoing robot (a timestamp and an HMAC-SHA256 of it under
the app's AppSecret, in the headers). Their keys come from the environment too (WECOM_CALLBACK,
DINGTALK_SECRET); unset, those endpoints refuse as well.

Commands: a text starting with a registered word (`register_command`; the daily logs register
"日志") goes to that area's handler; "确认" or "收到" confirms the sender's latest unconfirmed
receipt (a meeting's notice), here in the kernel."""

from __future__ import annotations

import base64
import binascii
import datetime
import hashlib
import hmac
import json
import re
import struct
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from django.utils import timezone

from zhidu.env import env_str

if TYPE_CHECKING:
    from zhidu.org.models import Person

TOKENS = {"sms": "ZHIDU_SMS_INBOUND_TOKEN", "wecom": "ZHIDU_WECOM_INBOUND_TOKEN"}
WECOM_CALLBACK = ("ZHIDU_WECOM_CALLBACK_TOKEN", "ZHIDU_WECOM_ENCODING_AES_KEY", "ZHIDU_WECOM_CORP_ID")
DINGTALK_SECRET = "ZHIDU_DINGTALK_APP_SECRET"
# The channels a message may come in by (services.receive): the token webhooks' and DingTalk's.
INBOUND_CHANNELS = {*TOKENS, "dingtalk"}
DINGTALK_MAX_SKEW = datetime.timedelta(hours=1)  # DingTalk's documented validity of a signature
CONFIRM_WORDS = ("确认", "收到", "确认收到", "已收到")
MAX_TEXT = 1000


class BadInput(ValueError):
    """The body is not a callback Zhidu reads: the message, in Chinese, goes back with a 400."""


class Refused(ValueError):
    """The callback is not the provider's (a bad signature, a stale timestamp, another corp's
    message): the message, in Chinese, goes back with a 403."""


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


# --- WeCom's encrypted callback (企业微信 回调 加解密方案) ------------------------------------------


@dataclass(frozen=True)
class WeComKeys:
    token: str
    aes_key: bytes  # the 32 bytes of the EncodingAESKey; the IV is its first 16
    corp_id: str


def wecom_keys() -> WeComKeys | None:
    """The app's callback settings, or None if any is unset or the EncodingAESKey is not the
    43 characters of base64 of a 32-byte key (the system check names the bad one)."""
    token, encoding_key, corp_id = (env_str(name).strip() for name in WECOM_CALLBACK)
    if not (token and encoding_key and corp_id):
        return None
    key = aes_key_of(encoding_key)
    return WeComKeys(token, key, corp_id) if key is not None else None


def aes_key_of(encoding_key: str) -> bytes | None:
    if len(encoding_key) != 43:
        return None
    try:
        key = base64.b64decode(encoding_key + "=", validate=True)
    except (binascii.Error, ValueError):
        return None
    return key if len(key) == 32 else None


def wecom_signature(token: str, timestamp: str, nonce: str, encrypted: str) -> str:
    """msg_signature: SHA1 of the token, timestamp, nonce and ciphertext, sorted and joined."""
    return hashlib.sha1("".join(sorted((token, timestamp, nonce, encrypted))).encode()).hexdigest()


def wecom_open(keys: WeComKeys, signature: str, timestamp: str, nonce: str, encrypted: str) -> bytes:
    """The plaintext of a callback's ciphertext (the echostr of the URL check, or a message's
    Encrypt field): the signature first (nothing is decrypted for a caller without the token),
    then AES-256-CBC, PKCS#7 to 32-byte blocks, and 16 random bytes + the length (4 bytes,
    network order) + the message + the CorpID, which must be ours."""
    if not (signature and timestamp and nonce and encrypted):
        raise BadInput("企业微信回调须有 msg_signature、timestamp、nonce 和密文")
    expected = wecom_signature(keys.token, timestamp, nonce, encrypted)
    if not hmac.compare_digest(signature.lower().encode(), expected.encode()):
        raise Refused("企业微信回调签名不正确")
    try:
        cipher = base64.b64decode(encrypted, validate=True)
    except (binascii.Error, ValueError):
        raise BadInput("企业微信密文不是有效的 Base64") from None
    if not cipher or len(cipher) % 16:
        raise BadInput("企业微信密文长度不正确")
    decryptor = Cipher(algorithms.AES(keys.aes_key), modes.CBC(keys.aes_key[:16])).decryptor()
    plain = decryptor.update(cipher) + decryptor.finalize()
    pad = plain[-1]
    if not 1 <= pad <= 32 or plain[-pad:] != bytes([pad]) * pad or len(plain) - pad < 20:
        raise BadInput("企业微信密文无法解密")
    content = plain[16:-pad]
    (length,) = struct.unpack("!I", content[:4])
    if 4 + length > len(content):
        raise BadInput("企业微信密文无法解密")
    receiver = content[4 + length :]
    if not hmac.compare_digest(receiver, keys.corp_id.encode()):
        raise Refused("企业微信回调不是发给本企业的（CorpID 不符）")
    return content[4 : 4 + length]


class _NoDoctype(ET.TreeBuilder):
    def doctype(self, name: str, pubid: str, system: str) -> None:
        raise BadInput("企业微信回调的 XML 不得含 DOCTYPE（实体声明）")


def _xml(body: bytes) -> ET.Element:
    """A callback's XML, refused (400) at a DOCTYPE: no entity, internal or external, is read."""
    try:
        return ET.fromstring(body, parser=ET.XMLParser(target=_NoDoctype()))
    except ET.ParseError:
        raise BadInput("请求内容不是有效的 XML") from None


def wecom_envelope(body: bytes) -> str:
    """The Encrypt field of the POSTed <xml><ToUserName/><Encrypt/><AgentID/></xml>."""
    encrypted = (_xml(body).findtext("Encrypt") or "").strip()
    if not encrypted:
        raise BadInput("企业微信回调须有 Encrypt 字段")
    return encrypted


def wecom_message(plain: bytes) -> Incoming | None:
    """The decrypted message XML as one Incoming (read like the relay's JSON); None for an event
    (entering the app, a menu click: nothing to file, no MsgId to keep it by)."""
    root = _xml(plain)
    fields = {child.tag: (child.text or "").strip() for child in root}
    if fields.get("MsgType") == "event":
        return None
    [message] = wecom_messages(json.dumps(fields).encode(), "application/json", {})
    return message


# --- DingTalk's outgoing robot (钉钉 机器人 接收消息) -------------------------------------------------


def dingtalk_signature(secret: str, timestamp: str) -> str:
    """The header `sign`: base64 of HMAC-SHA256 under the AppSecret of "<timestamp>\\n<AppSecret>"."""
    digest = hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def dingtalk_verified(timestamp: str, sign: str, now: datetime.datetime) -> bool | None:
    """None if no AppSecret is configured; else raises Refused for a bad signature or a timestamp
    (milliseconds) more than an hour away. DingTalk signs only the timestamp, not the body: the hour
    bounds a replay, and a message replayed within it is kept once by its msgId."""
    secret = env_str(DINGTALK_SECRET)
    if not secret:
        return None
    if not timestamp.isdigit() or not sign:
        raise Refused("钉钉回调须有 timestamp 和 sign 请求头")
    if not hmac.compare_digest(sign.encode(), dingtalk_signature(secret, timestamp).encode()):
        raise Refused("钉钉回调签名不正确")
    try:
        sent = datetime.datetime.fromtimestamp(int(timestamp) / 1000, tz=datetime.UTC)
    except (OverflowError, OSError, ValueError):
        raise Refused("钉钉回调的 timestamp 不正确") from None
    if abs(now - sent) > DINGTALK_MAX_SKEW:
        raise Refused("钉钉回调的 timestamp 已过期（超过 1 小时）")
    return True


def dingtalk_messages(body: bytes) -> list[Incoming]:
    """The robot's JSON: `text.content`, `senderStaffId` (the member's userid in the org, what
    a ContactAddress registers; `senderId` when the robot is not allowed to see it), `msgId`,
    `createAt` (milliseconds)."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise BadInput("请求内容不是有效的 JSON") from None
    if not isinstance(data, dict):
        raise BadInput("钉钉回调应为一个 JSON 对象")
    sender = _first(data, "senderStaffId", "senderId")
    message_id = _first(data, "msgId")
    if not sender or not message_id:
        raise BadInput("钉钉消息须有 senderStaffId（或 senderId）和 msgId")
    kind = _first(data, "msgtype") or "text"
    text_part = data.get("text")
    text = _first(text_part, "content") if kind == "text" and isinstance(text_part, dict) else f"〔{kind}〕"
    sender, text = _clean(sender, text or "〔空消息〕")
    return [Incoming(message_id[:100], sender, text, _moment(_first(data, "createAt"), timezone.now()))]


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
