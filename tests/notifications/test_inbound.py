"""Inbound messages (issue 16, R18 第三): the SMS gateway's and WeCom's callbacks, behind their
shared secret, attributed by the sender's registered number; "日志 …" files the member's daily log
through its entry point, "确认" confirms their latest meeting notice; unknown senders and texts
not understood are only recorded and answered; once per provider's message id; rate limited."""

import datetime
import json
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from tests.meetings import meeting_factory as mf
from tests.notifications.servers import HttpRecorder
from zhidu.core.models import AuditEntry
from zhidu.daily_logs.models import DailyLog
from zhidu.meetings import services as meetings
from zhidu.meetings.models import Attendance
from zhidu.notifications import delivery
from zhidu.notifications.models import ContactAddress, InboundMessage, Notification
from zhidu.notifications.views import inbound as views

pytestmark = pytest.mark.django_db
SH = ZoneInfo("Asia/Shanghai")
NOW = datetime.datetime(2026, 6, 15, 18, 30, tzinfo=SH)  # Monday evening, before the quiet hours
TOKEN = "s3cret-inbound-token"
LOG = "日志 今天走访东沟村三户困难群众。计划：明天整理走访台账。协调：民政办核实低保材料"


@pytest.fixture(autouse=True)
def _setup(monkeypatch):
    monkeypatch.setenv("ZHIDU_SMS_INBOUND_TOKEN", TOKEN)
    monkeypatch.setenv("ZHIDU_WECOM_INBOUND_TOKEN", TOKEN)
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def world():
    from tests import factories

    town = factories.township()
    people = mf.team(town)
    ContactAddress.objects.create(township=town, person=people["qiu"], channel="sms", address="13800000002")
    ContactAddress.objects.create(township=town, person=people["qiu"], channel="wecom", address="13800000002")
    return town, people


def sms(town, payload, token=TOKEN, **extra):
    url = reverse("notifications:inbound-sms", args=[town.code])
    headers = {"HTTP_X_ZHIDU_TOKEN": token} if token is not None else {}
    body = payload if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False)
    return Client().post(url, body, content_type="application/json", **headers, **extra)


def aliyun(text, phone="13800000002", seq=1001):
    """Aliyun's HTTP batch push of SmsUp (上行短信)."""
    return [{"phone_number": phone, "content": text, "send_time": "2026-06-15 18:29:40", "sequence_id": seq,
             "dest_code": "1069", "sign_name": "柞村镇"}]  # fmt: skip


# --- the secret ------------------------------------------------------------------------------------


def test_refused_without_the_secret_or_when_none_is_configured(world, monkeypatch):
    town, _ = world
    assert sms(town, aliyun(LOG), token=None).status_code == 403
    wrong = sms(town, aliyun(LOG), token="guess")
    assert wrong.status_code == 403 and wrong.json()["msg"] == "接收密钥不正确"
    monkeypatch.delenv("ZHIDU_SMS_INBOUND_TOKEN")
    unset = sms(town, aliyun(LOG))
    assert unset.status_code == 403 and "未配置" in unset.json()["msg"]
    assert not InboundMessage.objects.exists() and not DailyLog.objects.exists()


def test_the_token_may_come_in_the_query_string(world):
    town, _ = world
    url = reverse("notifications:inbound-sms", args=[town.code]) + f"?token={TOKEN}"
    answer = Client().post(url, json.dumps(aliyun("确认")), content_type="application/json")
    assert answer.status_code == 200 and answer.json()["code"] == 0


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("{not json", "JSON"),
        ([], "至多 100 条"),
        ([{"content": "日志 x"}], "发送号码"),
        ("[1, 2]", "JSON 对象"),
    ],
)
def test_bad_input_is_a_400_in_chinese(world, body, words):
    town, _ = world
    answer = sms(town, body)
    assert answer.status_code == 400 and words in answer.json()["msg"]
    assert not InboundMessage.objects.exists()


def test_an_unknown_township_is_a_404(world):
    answer = Client().post(
        reverse("notifications:inbound-sms", args=["nowhere"]), "[]", content_type="application/json",
        HTTP_X_ZHIDU_TOKEN=TOKEN,
    )  # fmt: skip
    assert answer.status_code == 404


# --- what a message does ---------------------------------------------------------------------------


def test_a_log_by_sms_files_the_members_log_for_today_once(world):
    town, people = world
    answer = sms(town, aliyun(LOG))
    assert answer.status_code == 200
    [result] = answer.json()["results"]
    assert result["outcome"] == "daily_log" and not result["duplicate"]
    log = DailyLog.objects.get()
    assert (log.member, log.day, log.channel) == (people["qiu"], datetime.date(2026, 6, 15), "sms")
    assert log.summary == "今天走访东沟村三户困难群众" and log.plan == "明天整理走访台账"
    assert log.support == "民政办核实低保材料"
    assert log.received_at == datetime.datetime(2026, 6, 15, 18, 29, 40, tzinfo=SH)  # the gateway's send_time
    entry = AuditEntry.objects.get(action="daily_logs.submit")
    assert entry.detail["channel"] == "sms"
    row = InboundMessage.objects.get()
    assert row.person == people["qiu"] and row.target_type == "daily_logs.dailylog"
    assert AuditEntry.objects.filter(action="notifications.inbound").count() == 1
    # The reply goes back by SMS through the outbox.
    [reply] = Notification.objects.filter(topic="notifications.reply")
    assert reply.recipient == people["qiu"] and reply.channel == "sms" and "工作日清" in reply.body
    # The gateway retries the same message: answered as before, nothing done twice.
    again = sms(town, aliyun(LOG)).json()["results"][0]
    assert again["duplicate"] and again["outcome"] == "daily_log"
    assert DailyLog.objects.count() == 1 and InboundMessage.objects.count() == 1
    assert Notification.objects.filter(topic="notifications.reply").count() == 1


def test_a_log_without_its_plan_is_refused_and_the_sender_told_why(world):
    town, _ = world
    result = sms(town, aliyun("日志 今天开了两个会")).json()["results"][0]
    assert result["outcome"] == "refused" and "次日工作计划" in result["reply"]
    assert not DailyLog.objects.exists()


def test_a_second_log_the_same_day_is_refused(world):
    town, _ = world
    sms(town, aliyun(LOG, seq=1))
    result = sms(town, aliyun(LOG, seq=2)).json()["results"][0]
    assert result["outcome"] == "refused" and "已提交" in result["reply"]
    assert DailyLog.objects.count() == 1


def test_an_unknown_sender_is_recorded_and_answered_once_a_day(world):
    town, _ = world
    for seq in (1, 2):
        result = sms(town, aliyun(LOG, phone="+8613999999999", seq=seq)).json()["results"][0]
        assert result["outcome"] == "unknown"
    assert not DailyLog.objects.exists()
    rows = InboundMessage.objects.order_by("pk")
    assert [r.sender for r in rows] == ["13999999999", "13999999999"] and rows[0].person is None
    [reply] = Notification.objects.filter(topic="notifications.reply")
    assert reply.recipient is None and reply.channel == "sms"


def test_a_text_not_understood_is_answered_with_the_formats(world):
    town, _ = world
    result = sms(town, aliyun("你好")).json()["results"][0]
    assert result["outcome"] == "unparsed" and "日志" in result["reply"] and "确认" in result["reply"]


def test_tencent_clouds_callback_without_a_message_id(world):
    town, _ = world
    body = {
        "extend": "",
        "mobile": "13800000002",
        "nationcode": "86",
        "sign": "",
        "text": LOG,
        "time": 1781519380,
    }
    first = sms(town, body).json()["results"][0]
    assert first["outcome"] == "daily_log" and first["id"].startswith("h")
    assert sms(town, body).json()["results"][0]["duplicate"]


def test_a_confirmation_by_wecom_confirms_the_latest_meeting_notice(world):
    town, people = world
    meeting = mf.meeting(town, people, [mf.approved_item(town, people)])
    meetings.send_notice(meeting, version=meeting.version, at=NOW, user=mf.clerk_user(meeting))
    url = reverse("notifications:inbound-wecom", args=[town.code])
    payload = {"ToUserName": "ww1234", "FromUserName": "13800000002", "CreateTime": 1781519380, "MsgType": "text",
               "Content": "收到", "MsgId": "7339000000000000001", "AgentID": 1000002}  # fmt: skip
    answer = Client().post(
        url, json.dumps(payload), content_type="application/json", HTTP_X_ZHIDU_TOKEN=TOKEN
    )
    result = answer.json()["results"][0]
    assert result["outcome"] == "receipt", result
    attendance = Attendance.objects.get(meeting=meeting, person=people["qiu"])
    assert attendance.notice_confirmed_at is not None
    notices = Notification.objects.filter(topic="meetings.notice", recipient=people["qiu"])
    assert notices and all(n.confirmed_via == "wecom" for n in notices)
    # Nothing left to confirm.
    payload["MsgId"] = "7339000000000000002"
    again = Client().post(url, json.dumps(payload), content_type="application/json", HTTP_X_ZHIDU_TOKEN=TOKEN)
    assert again.json()["results"][0]["outcome"] == "nothing"


def test_a_sender_over_the_limit_is_not_processed(world, monkeypatch):
    town, _ = world
    monkeypatch.setattr(views, "PER_SENDER_PER_HOUR", 2)
    outcomes = [sms(town, aliyun("你好", seq=n)).json()["results"][0]["outcome"] for n in range(3)]
    assert outcomes == ["unparsed", "unparsed", "rate_limited"]
    assert InboundMessage.objects.count() == 2


def test_the_reply_reaches_a_local_sms_gateway(world, monkeypatch):
    town, _ = world
    with HttpRecorder(answer={"ok": True}) as gateway:
        monkeypatch.setenv("ZHIDU_SMS_URL", f"{gateway.url}/send")
        sms(town, aliyun(LOG))
        assert delivery.deliver_due(NOW).sent == 1
    [sent] = gateway.received
    assert sent["json"]["phone"] == "13800000002" and "工作日清" in sent["json"]["text"]


def test_the_inbound_page_is_the_offices(world, client):
    town, people = world
    sms(town, aliyun("你好"))
    client.force_login(mf.clerk_user(town))
    page = client.get(reverse("notifications:inbound"))
    assert (
        page.status_code == 200 and "你好" in page.content.decode() and "13800000002" in page.content.decode()
    )
    client.force_login(people["hu"].user)
    assert client.get(reverse("notifications:inbound")).status_code == 403
