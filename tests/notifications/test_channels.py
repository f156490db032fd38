"""Each channel against a real local server (127.0.0.1 only)."""

import base64
import hashlib
import hmac
import urllib.parse

from tests.notifications.servers import HttpRecorder
from zhidu.notifications.channels import DingTalk, Email, Message, Sms, WeCom, sign
from zhidu.notifications.channels.dingtalk import signed_url

MESSAGE = Message(
    "13800000001", "会议通知：党委会议", "时间：2026年6月18日 15:00", "http://zhidu.test/r/abc/"
)


def test_email_goes_through_smtp(smtp):
    result = Email().send(Message("qiu@example.org", "会议通知：党委会议", "议题：道路维修", "http://x/r/1/"))
    assert result.ok, result.answer
    [mail] = smtp.messages
    assert mail["to"] == ["qiu@example.org"]
    assert mail["subject"] == "会议通知：党委会议"
    assert "议题：道路维修" in mail["body"] and "http://x/r/1/" in mail["body"]


def test_email_unreachable_server_is_a_temporary_failure(monkeypatch):
    from tests.notifications.servers import free_port

    monkeypatch.setenv("ZHIDU_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("ZHIDU_SMTP_PORT", str(free_port()))
    result = Email().send(MESSAGE)
    assert not result.ok and not result.permanent


def test_email_defaults_to_the_console(monkeypatch, capsys):
    monkeypatch.delenv("ZHIDU_SMTP_HOST", raising=False)
    monkeypatch.delenv("ZHIDU_EMAIL_BACKEND", raising=False)
    assert Email().send(Message("a@example.org", "主题", "正文")).ok
    assert "a@example.org" in capsys.readouterr().out  # nothing left the machine


def test_sms_gateway_template_and_key(monkeypatch):
    with HttpRecorder(answer={"code": "OK"}) as gateway:
        monkeypatch.setenv("ZHIDU_SMS_URL", f"{gateway.url}/send")
        monkeypatch.setenv("ZHIDU_SMS_KEY", "k-123")
        monkeypatch.setenv("ZHIDU_SMS_TEMPLATE", '{"to": "$phone", "content": "$text", "sign": "柞村镇"}')
        result = Sms().send(Message("13800000001", "通知", 'say "hi"'))
    assert result.ok and "OK" in result.answer
    [got] = gateway.received
    assert got["path"] == "/send" and got["headers"]["X-Api-Key"] == "k-123"
    assert got["json"] == {"to": "13800000001", "content": '【通知】\nsay "hi"', "sign": "柞村镇"}


def test_sms_refused_is_permanent_and_unconfigured_sends_nothing(monkeypatch):
    with HttpRecorder(answer={"error": "bad phone"}, status=400) as gateway:
        monkeypatch.setenv("ZHIDU_SMS_URL", gateway.url)
        result = Sms().send(MESSAGE)
    assert not result.ok and result.permanent and "bad phone" in result.answer
    monkeypatch.delenv("ZHIDU_SMS_URL")
    assert Sms().send(MESSAGE).permanent


def test_wecom_robot_text_with_mention(wecom):
    assert WeCom().send(MESSAGE).ok
    [got] = wecom.received
    assert got["path"] == "/cgi-bin/webhook/send?key=test-key"
    assert got["json"]["msgtype"] == "text"
    assert got["json"]["text"]["mentioned_mobile_list"] == ["13800000001"]
    assert (
        "会议通知：党委会议" in got["json"]["text"]["content"]
        and MESSAGE.link in got["json"]["text"]["content"]
    )


def test_wecom_errcode_is_a_failure(monkeypatch):
    with HttpRecorder(answer={"errcode": 93000, "errmsg": "invalid webhook url"}) as server:
        monkeypatch.setenv("ZHIDU_WECOM_WEBHOOK", server.url)
        result = WeCom().send(MESSAGE)
    assert not result.ok and "93000" in result.answer


def test_dingtalk_sign_is_the_documented_hmac():
    secret, ts = "SEC0123456789abcdef", 1750000000000
    expected = base64.b64encode(
        hmac.new(secret.encode(), f"{ts}\n{secret}".encode(), hashlib.sha256).digest()
    )
    assert urllib.parse.unquote_plus(sign(secret, ts)) == expected.decode()
    url = signed_url("http://h/robot/send?access_token=t", secret, ts)
    assert url == f"http://h/robot/send?access_token=t&timestamp={ts}&sign={sign(secret, ts)}"


def test_dingtalk_robot_signed_and_at_mobile(monkeypatch):
    with HttpRecorder() as robot:
        monkeypatch.setenv("ZHIDU_DINGTALK_WEBHOOK", f"{robot.url}/robot/send?access_token=tok")
        monkeypatch.setenv("ZHIDU_DINGTALK_SECRET", "SECxyz")
        assert DingTalk().send(MESSAGE).ok
    [got] = robot.received
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(got["path"]).query)
    ts = query["timestamp"][0]
    digest = hmac.new(b"SECxyz", f"{ts}\nSECxyz".encode(), hashlib.sha256).digest()
    assert query["sign"][0] == base64.b64encode(digest).decode() and query["access_token"] == ["tok"]
    assert got["json"]["at"] == {"atMobiles": ["13800000001"], "isAtAll": False}
    assert got["json"]["text"]["content"].startswith("【会议通知：党委会议】")
