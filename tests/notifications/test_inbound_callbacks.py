"""The providers' own callbacks, with no relay (issue 16, R18 第三): WeCom's encrypted app callback
(its URL check and messages) and DingTalk's outgoing robot. The payloads are made here with the
providers' documented algorithms (an encryptor of the test's own, not the code's decryptor), and
WeCom's published example (the Sample.py of its WXBizMsgCrypt) is decrypted as it stands. Through
Django's test client and through a live server over HTTP: a daily log and a receipt confirmation
land on the right person; a bad signature, a stale timestamp and another corp's message are refused."""

import base64
import datetime
import hashlib
import hmac
import json
import struct
import urllib.error
import urllib.parse
import urllib.request
from zoneinfo import ZoneInfo

import pytest
import time_machine
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from django.test import Client
from django.urls import reverse

from tests.meetings import meeting_factory as mf
from zhidu.core.models import AuditEntry
from zhidu.daily_logs.models import DailyLog
from zhidu.meetings import services as meetings
from zhidu.meetings.models import Attendance
from zhidu.notifications.models import ContactAddress, InboundMessage, Notification

SH = ZoneInfo("Asia/Shanghai")
NOW = datetime.datetime(2026, 6, 15, 18, 30, tzinfo=SH)  # Monday evening, before the quiet hours
LOG = "日志 今天走访东沟村三户困难群众。计划：明天整理走访台账。协调：民政办核实低保材料"

# WeCom's published example (WXBizMsgCrypt, Sample.py): the settings and two signed callbacks.
SAMPLE_TOKEN = "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo"
SAMPLE_KEY = "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt"
SAMPLE_CORP = "ww1436e0e65a779aee"
SAMPLE_VERIFY = {
    "msg_signature": "012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb",
    "timestamp": "1476416373",
    "nonce": "47744683",
    "echostr": "fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA==",
}
SAMPLE_ECHO = "1288432023552776189"
SAMPLE_POST = {"msg_signature": "0c3914025cb4b4d68103f6bfc8db550f79dcf48e", "timestamp": "1476422779",
               "nonce": "1597212914"}  # fmt: skip
SAMPLE_ENCRYPT = (
    "Kl7kjoSf6DMD1zh7rtrHjFaDapSCkaOnwu3bqLc5tAybhhMl9pFeK8NslNPVdMwmBQTNoW4mY7AIjeLvEl3NyeTkAgGzBhzTtRLN"
    "shw2AEew+kkYcD+Fq72Kt00fT0WnN87hGrW8SqGc+NcT3mu87Ha3dz1pSDi6GaUA6A0sqfde0VJPQbZ9U+3JWcoD4Z5jaU0y9GSh"
    "010wsHF8KZD24YhmZH4ch4Ka7ilEbjbfvhKkNL65HHL0J6EYJIZUC2pFrdkJ7MhmEbU2qARR4iQHE7wy24qy0cRX3Mfp6iELcDNf"
    "SsPGjUQVDGxQDCWjayJOpcwocugux082f49HKYg84EpHSGXAyh+/oxwaWbvL6aSDPOYuPDGOCI8jmnKiypE+"
)

# This test's own app.
TOKEN = "Zh1duCallbackT0ken"
AES_KEY = base64.b64encode(bytes(range(32))).decode().rstrip("=")  # 43 characters
CORP = "ww0123456789abcdef"
APP_SECRET = "dingtalk-app-secret-for-the-tests"


@pytest.fixture(autouse=True)
def _setup(monkeypatch):
    monkeypatch.setenv("ZHIDU_WECOM_CALLBACK_TOKEN", TOKEN)
    monkeypatch.setenv("ZHIDU_WECOM_ENCODING_AES_KEY", AES_KEY)
    monkeypatch.setenv("ZHIDU_WECOM_CORP_ID", CORP)
    monkeypatch.setenv("ZHIDU_DINGTALK_APP_SECRET", APP_SECRET)
    with time_machine.travel(NOW, tick=True):
        yield


def _world():
    from tests import factories

    town = factories.township()
    people = mf.team(town)
    for channel in ("wecom", "dingtalk"):
        ContactAddress.objects.create(
            township=town, person=people["qiu"], channel=channel, address="13800000002"
        )
    ContactAddress.objects.create(township=town, person=people["hu"], channel="sms", address="13800000009")
    return town, people


@pytest.fixture
def world(db):
    return _world()


# --- WeCom's algorithm, written out here ----------------------------------------------------------


def wecom_encrypt(
    xml: str, *, key: str = AES_KEY, corp: str = CORP, random16: bytes = b"0123456789abcdef"
) -> str:
    """16 random bytes + the length (4 bytes, network order) + the message + the CorpID, PKCS#7
    padded to 32 bytes, AES-256-CBC under base64decode(EncodingAESKey + "=") with its first 16 bytes
    as the IV, base64."""
    aes = base64.b64decode(key + "=")
    body = xml.encode()
    plain = random16 + struct.pack(">I", len(body)) + body + corp.encode()
    pad = 32 - len(plain) % 32
    plain += bytes([pad]) * pad
    encryptor = Cipher(algorithms.AES(aes), modes.CBC(aes[:16])).encryptor()
    return base64.b64encode(encryptor.update(plain) + encryptor.finalize()).decode()


def sign(token: str, timestamp: str, nonce: str, encrypted: str) -> str:
    return hashlib.sha1("".join(sorted([token, timestamp, nonce, encrypted])).encode()).hexdigest()


def wecom_text(content: str, msg_id: str, sender: str = "13800000002", msg_type: str = "text") -> str:
    created = int(NOW.timestamp()) - 20
    return (
        f"<xml><ToUserName><![CDATA[{CORP}]]></ToUserName><FromUserName><![CDATA[{sender}]]></FromUserName>"
        f"<CreateTime>{created}</CreateTime><MsgType><![CDATA[{msg_type}]]></MsgType>"
        f"<Content><![CDATA[{content}]]></Content><MsgId>{msg_id}</MsgId><AgentID>1000002</AgentID></xml>"
    )


def wecom_post(xml: str, *, token: str = TOKEN, corp: str = CORP, nonce: str = "1597212914"):
    """The query string and body of WeCom's POST of a message."""
    encrypted = wecom_encrypt(xml, corp=corp)
    timestamp = str(int(NOW.timestamp()))
    query = {
        "msg_signature": sign(token, timestamp, nonce, encrypted),
        "timestamp": timestamp,
        "nonce": nonce,
    }
    body = f"<xml><ToUserName><![CDATA[{CORP}]]></ToUserName><Encrypt><![CDATA[{encrypted}]]></Encrypt>"
    return query, (body + "<AgentID><![CDATA[1000002]]></AgentID></xml>").encode()


def callback_url(town) -> str:
    return reverse("notifications:inbound-wecom-callback", args=[town.code])


def post_wecom(town, query, body):
    url = f"{callback_url(town)}?{urllib.parse.urlencode(query)}"
    return Client().post(url, body, content_type="text/xml")


# --- DingTalk's algorithm, written out here --------------------------------------------------------


def dingtalk_headers(timestamp: int | None = None, secret: str = APP_SECRET) -> dict[str, str]:
    ms = str(int(NOW.timestamp() * 1000) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"{ms}\n{secret}".encode(), hashlib.sha256).digest()
    return {"timestamp": ms, "sign": base64.b64encode(digest).decode()}


def dingtalk_body(content: str, msg_id: str, staff_id: str = "13800000002") -> dict:
    """The outgoing robot's JSON (a member @-mentioning the robot in the team's group)."""
    return {
        "conversationId": "cidLbE1gSU0xBxdV6xvTfP6bg==",
        "atUsers": [{"dingtalkId": "$:LWCP_v1:$robot"}],
        "chatbotUserId": "$:LWCP_v1:$robot",
        "msgId": msg_id,
        "senderNick": "邱明",
        "isAdmin": False,
        "senderStaffId": staff_id,
        "sessionWebhookExpiredTime": int(NOW.timestamp() * 1000) + 3600_000,
        "createAt": int(NOW.timestamp() * 1000) - 5000,
        "conversationType": "2",
        "senderId": "$:LWCP_v1:$sender",
        "conversationTitle": "镇党委班子",
        "isInAtList": True,
        "sessionWebhook": "https://oapi.dingtalk.com/robot/sendBySession?session=x",
        "text": {"content": content},
        "msgtype": "text",
    }


def post_dingtalk(town, body, headers=None):
    headers = dingtalk_headers() if headers is None else headers
    return Client().post(
        reverse("notifications:inbound-dingtalk", args=[town.code]),
        json.dumps(body, ensure_ascii=False),
        content_type="application/json",
        headers=headers,
    )


def send_notice(town, people):
    meeting = mf.meeting(town, people, [mf.approved_item(town, people)])
    meetings.send_notice(meeting, version=meeting.version, at=NOW, user=mf.clerk_user(meeting))
    return meeting


# --- WeCom: the published example ------------------------------------------------------------------


def test_wecoms_published_url_check_and_message_are_read(world, monkeypatch):
    town, _ = world
    monkeypatch.setenv("ZHIDU_WECOM_CALLBACK_TOKEN", SAMPLE_TOKEN)
    monkeypatch.setenv("ZHIDU_WECOM_ENCODING_AES_KEY", SAMPLE_KEY)
    monkeypatch.setenv("ZHIDU_WECOM_CORP_ID", SAMPLE_CORP)
    answer = Client().get(callback_url(town), SAMPLE_VERIFY)
    assert answer.status_code == 200 and answer.content.decode() == SAMPLE_ECHO
    body = (
        f"<xml><ToUserName><![CDATA[{SAMPLE_CORP}]]></ToUserName>\n<Encrypt><![CDATA[{SAMPLE_ENCRYPT}]]></Encrypt>\n"
        "<AgentID><![CDATA[1000002]]></AgentID>\n</xml>"
    ).encode()
    answer = post_wecom(town, SAMPLE_POST, body)
    assert answer.status_code == 200 and answer.content == b""
    row = InboundMessage.objects.get()
    assert (row.channel, row.message_id, row.sender, row.text) == (
        "wecom",
        "1456453720",
        "ChenJiaShun",
        "你好",
    )
    assert row.outcome == "unknown" and row.person is None  # ChenJiaShun is no one of this township


def test_the_url_check_with_a_signature_of_another_token_is_refused(world):
    town, _ = world
    echo = wecom_encrypt("1288432023552776189")
    query = {"timestamp": "1476416373", "nonce": "47744683", "echostr": echo}
    good = Client().get(
        callback_url(town), {**query, "msg_signature": sign(TOKEN, "1476416373", "47744683", echo)}
    )
    assert good.status_code == 200 and good.content == b"1288432023552776189"
    bad = Client().get(
        callback_url(town), {**query, "msg_signature": sign("guess", "1476416373", "47744683", echo)}
    )
    assert bad.status_code == 403 and "签名" in bad.json()["msg"]
    missing = Client().get(callback_url(town))
    assert missing.status_code == 400


# --- WeCom: what a message does --------------------------------------------------------------------


def test_a_log_by_wecom_files_the_senders_log_once(world):
    town, people = world
    query, body = wecom_post(wecom_text(LOG, "7339000000000000101"))
    answer = post_wecom(town, query, body)
    assert answer.status_code == 200 and answer.content == b""  # WeCom: no passive reply
    log = DailyLog.objects.get()
    assert (log.member, log.day, log.channel) == (people["qiu"], datetime.date(2026, 6, 15), "wechat")
    assert log.summary == "今天走访东沟村三户困难群众" and log.plan == "明天整理走访台账"
    row = InboundMessage.objects.get()
    assert (
        row.person == people["qiu"]
        and row.outcome == "daily_log"
        and row.target_type == "daily_logs.dailylog"
    )
    assert AuditEntry.objects.filter(action="notifications.inbound").count() == 1
    [reply] = Notification.objects.filter(topic="notifications.reply")
    assert reply.recipient == people["qiu"] and reply.channel == "wecom"
    # WeCom retries the same message (a new nonce, the same MsgId): nothing done twice.
    query, body = wecom_post(wecom_text(LOG, "7339000000000000101"), nonce="99")
    assert post_wecom(town, query, body).status_code == 200
    assert DailyLog.objects.count() == 1 and InboundMessage.objects.count() == 1
    assert Notification.objects.filter(topic="notifications.reply").count() == 1


def test_a_confirmation_by_wecom_confirms_the_senders_notice(world):
    town, people = world
    meeting = send_notice(town, people)
    query, body = wecom_post(wecom_text("确认", "7339000000000000201"))
    assert post_wecom(town, query, body).status_code == 200
    row = InboundMessage.objects.get()
    assert row.outcome == "receipt" and row.person == people["qiu"]
    assert Attendance.objects.get(meeting=meeting, person=people["qiu"]).notice_confirmed_at is not None
    others = Attendance.objects.filter(meeting=meeting).exclude(person=people["qiu"])
    assert others and all(a.notice_confirmed_at is None for a in others)
    notices = Notification.objects.filter(topic="meetings.notice", recipient=people["qiu"])
    assert notices and all(n.confirmed_via == "wecom" for n in notices)


def test_a_wecom_event_is_acknowledged_and_not_kept(world):
    town, _ = world
    event = (
        f"<xml><ToUserName><![CDATA[{CORP}]]></ToUserName><FromUserName><![CDATA[13800000002]]></FromUserName>"
        "<CreateTime>1781519380</CreateTime><MsgType><![CDATA[event]]></MsgType>"
        "<Event><![CDATA[enter_agent]]></Event><AgentID>1000002</AgentID></xml>"
    )
    query, body = wecom_post(event)
    assert post_wecom(town, query, body).status_code == 200
    assert not InboundMessage.objects.exists()


@pytest.mark.parametrize(
    "how",
    ["signature of another token", "signature over other ciphertext", "another corp"],
)
def test_a_wecom_message_not_signed_or_not_ours_is_refused(world, how):
    town, _ = world
    xml = wecom_text(LOG, "7339000000000000301")
    if how == "another corp":
        query, body = wecom_post(xml, corp="ww_someone_else")
        words = "CorpID"
    else:
        query, body = wecom_post(xml, token="guess" if how.endswith("token") else TOKEN)
        words = "签名"
        if how.endswith("ciphertext"):
            _, body = wecom_post(wecom_text("确认", "7339000000000000302"))
    answer = post_wecom(town, query, body)
    assert answer.status_code == 403 and words in answer.json()["msg"]
    assert not InboundMessage.objects.exists() and not DailyLog.objects.exists()


def _signed_envelope(encrypted: str):
    query = {
        "msg_signature": sign(TOKEN, "1781519380", "1", encrypted),
        "timestamp": "1781519380",
        "nonce": "1",
    }
    return query, f"<xml><Encrypt><![CDATA[{encrypted}]]></Encrypt></xml>".encode()


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b"not xml", "XML"),
        (b"<xml><ToUserName>x</ToUserName></xml>", "Encrypt"),
        (b'<!DOCTYPE xml [<!ENTITY e "x">]><xml><Encrypt>&e;</Encrypt></xml>', "DOCTYPE"),
        ("signed:not base64!", "Base64"),
        ("signed:" + base64.b64encode(b"0123456789").decode(), "长度"),
        # 64 bytes that are no ciphertext of this key (fixed: xdist workers must collect the same ids).
        ("signed:" + base64.b64encode(bytes(range(64))).decode(), "解密"),
        ("signed-message:<xml><MsgType>text</MsgType>", "XML"),
        ("signed-message:<xml><MsgType>text</MsgType><Content>x</Content></xml>", "MsgId"),
    ],
)
def test_a_malformed_wecom_callback_is_a_400(world, body, words):
    town, _ = world
    query = {"msg_signature": "0" * 40, "timestamp": "1781519380", "nonce": "1"}
    if isinstance(body, str) and body.startswith("signed:"):
        query, body = _signed_envelope(body.removeprefix("signed:"))
    elif isinstance(body, str):
        query, body = _signed_envelope(wecom_encrypt(body.removeprefix("signed-message:")))
    answer = post_wecom(town, query, body)
    assert answer.status_code == 400 and words in answer.json()["msg"], answer.content.decode()
    assert not InboundMessage.objects.exists()


def test_the_wecom_callback_refuses_when_not_configured(world, monkeypatch):
    town, _ = world
    query, body = wecom_post(wecom_text(LOG, "7339000000000000401"))
    monkeypatch.setenv("ZHIDU_WECOM_ENCODING_AES_KEY", "too-short")  # not a 43-character key: unusable
    assert post_wecom(town, query, body).status_code == 403
    monkeypatch.delenv("ZHIDU_WECOM_ENCODING_AES_KEY")
    answer = post_wecom(town, query, body)
    assert answer.status_code == 403 and "未配置" in answer.json()["msg"]
    assert Client().get(callback_url(town), SAMPLE_VERIFY).status_code == 403
    assert not InboundMessage.objects.exists()


def test_the_wecom_callback_of_an_unknown_township_is_a_404(world):
    query, body = wecom_post(wecom_text(LOG, "7339000000000000501"))
    url = reverse("notifications:inbound-wecom-callback", args=["nowhere"])
    assert (
        Client().post(f"{url}?{urllib.parse.urlencode(query)}", body, content_type="text/xml").status_code
        == 404
    )


# --- DingTalk --------------------------------------------------------------------------------------


def test_a_log_by_dingtalk_files_the_senders_log_once(world):
    town, people = world
    answer = post_dingtalk(town, dingtalk_body(LOG, "msgLOG1"))
    assert answer.status_code == 200
    [result] = answer.json()["results"]
    assert result["outcome"] == "daily_log" and "msgtype" not in answer.json()  # nothing posted in the chat
    log = DailyLog.objects.get()
    assert (log.member, log.channel) == (people["qiu"], "dingtalk")
    row = InboundMessage.objects.get()
    assert (row.channel, row.sender, row.person) == ("dingtalk", "13800000002", people["qiu"])
    [reply] = Notification.objects.filter(topic="notifications.reply")
    assert reply.recipient == people["qiu"] and reply.channel == "dingtalk"
    # The robot retries (a new signature, the same msgId).
    again = post_dingtalk(
        town, dingtalk_body(LOG, "msgLOG1"), dingtalk_headers(int(NOW.timestamp() * 1000) + 9)
    )
    assert again.json()["results"][0]["duplicate"]
    assert DailyLog.objects.count() == 1 and InboundMessage.objects.count() == 1


def test_a_confirmation_by_dingtalk_confirms_the_senders_notice(world):
    town, people = world
    meeting = send_notice(town, people)
    # Hu has no DingTalk address: his staff id is the SMS number he registered.
    result = post_dingtalk(town, dingtalk_body("收到", "msgOK1", staff_id="13800000009")).json()["results"][0]
    assert result["outcome"] == "receipt", result
    assert Attendance.objects.get(meeting=meeting, person=people["hu"]).notice_confirmed_at is not None
    assert Attendance.objects.get(meeting=meeting, person=people["qiu"]).notice_confirmed_at is None
    notices = Notification.objects.filter(topic="meetings.notice", recipient=people["hu"])
    assert notices and all(n.confirmed_via == "dingtalk" for n in notices)


def test_an_unknown_dingtalk_sender_is_only_recorded(world):
    town, _ = world
    result = post_dingtalk(town, dingtalk_body(LOG, "msgX", staff_id="manager4585")).json()["results"][0]
    assert result["outcome"] == "unknown" and not DailyLog.objects.exists()


@pytest.mark.parametrize(
    ("headers", "words"),
    [
        ({}, "请求头"),
        ({"timestamp": "x", "sign": "y"}, "请求头"),
        (dingtalk_headers(secret="guess"), "签名"),
        ({**dingtalk_headers(), "timestamp": str(int(NOW.timestamp() * 1000) + 1)}, "签名"),
        (dingtalk_headers(int(NOW.timestamp() * 1000) - 3601_000), "过期"),
        (dingtalk_headers(int(NOW.timestamp() * 1000) + 3601_000), "过期"),
    ],
    ids=["no headers", "not a timestamp", "another secret", "another timestamp", "stale", "future"],
)
def test_a_dingtalk_call_not_signed_now_is_refused(world, headers, words):
    town, _ = world
    answer = post_dingtalk(town, dingtalk_body(LOG, "msgBAD"), headers)
    assert answer.status_code == 403 and words in answer.json()["msg"]
    assert not InboundMessage.objects.exists() and not DailyLog.objects.exists()


def test_a_dingtalk_signature_within_the_hour_is_accepted(world):
    town, _ = world
    headers = dingtalk_headers(int(NOW.timestamp() * 1000) - 3500_000)
    assert post_dingtalk(town, dingtalk_body("你好", "msgOLD"), headers).status_code == 200


@pytest.mark.parametrize(
    ("body", "words"),
    [("{not json", "JSON"), ("[1]", "JSON 对象"), ('{"text": {"content": "确认"}}', "msgId")],
)
def test_a_malformed_dingtalk_call_is_a_400(world, body, words):
    town, _ = world
    answer = Client().post(
        reverse("notifications:inbound-dingtalk", args=[town.code]), body, content_type="application/json",
        headers=dingtalk_headers(),
    )  # fmt: skip
    assert answer.status_code == 400 and words in answer.json()["msg"]


def test_the_dingtalk_webhook_refuses_when_not_configured(world, monkeypatch):
    town, _ = world
    monkeypatch.delenv("ZHIDU_DINGTALK_APP_SECRET")
    answer = post_dingtalk(town, dingtalk_body(LOG, "msgNO"))
    assert answer.status_code == 403 and "未配置" in answer.json()["msg"]
    assert Client().get(reverse("notifications:inbound-dingtalk", args=[town.code])).status_code == 405


# --- over HTTP, through a live server --------------------------------------------------------------


def _http(url: str, body: bytes | None = None, headers: dict | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=body, headers=headers or {}, method="POST" if body else "GET")
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310 (the live server on 127.0.0.1)
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.mark.django_db(transaction=True)
def test_both_providers_over_http(live_server):
    town, people = _world()
    meeting = send_notice(town, people)
    base = live_server.url + callback_url(town)
    # WeCom checks the URL, then a log arrives; a forged copy is refused.
    echo = wecom_encrypt("5927782489442352469")
    query = {"msg_signature": sign(TOKEN, "1781519380", "7", echo), "timestamp": "1781519380", "nonce": "7",
             "echostr": echo}  # fmt: skip
    assert _http(f"{base}?{urllib.parse.urlencode(query)}") == (200, b"5927782489442352469")
    query, body = wecom_post(wecom_text(LOG, "7339000000000000601"))
    headers = {"Content-Type": "text/xml"}
    assert _http(f"{base}?{urllib.parse.urlencode(query)}", body, headers) == (200, b"")
    forged = {**query, "msg_signature": "f" * 40}
    assert _http(f"{base}?{urllib.parse.urlencode(forged)}", body, headers)[0] == 403
    # DingTalk: Hu confirms his notice.
    url = live_server.url + reverse("notifications:inbound-dingtalk", args=[town.code])
    body = json.dumps(dingtalk_body("确认", "msgHTTP", staff_id="13800000009")).encode()
    status, answer = _http(url, body, {"Content-Type": "application/json", **dingtalk_headers()})
    assert status == 200 and json.loads(answer)["results"][0]["outcome"] == "receipt"
    stale = dingtalk_headers(int(NOW.timestamp() * 1000) - 7200_000)
    assert _http(url, body, {"Content-Type": "application/json", **stale})[0] == 403
    assert DailyLog.objects.get().member == people["qiu"]
    assert Attendance.objects.get(meeting=meeting, person=people["hu"]).notice_confirmed_at is not None
    assert InboundMessage.objects.count() == 2


def test_a_wecom_callback_set_up_by_halves_or_with_a_bad_key_stops_start_up(monkeypatch):
    from zhidu.notifications import system_checks

    assert system_checks.check_settings() == []
    monkeypatch.setenv("ZHIDU_WECOM_ENCODING_AES_KEY", AES_KEY[:-1])
    assert [e.id for e in system_checks.check_settings()] == ["zhidu.notifications.E004"]
    monkeypatch.delenv("ZHIDU_WECOM_CORP_ID")
    [error] = system_checks.check_settings()
    assert error.id == "zhidu.notifications.E003" and "ZHIDU_WECOM_CORP_ID" in error.msg
