"""The petitioner told of each step by the channel they chose (issue 16, R21): one message per
step (accepted, routed, extended with the reason, answered) to the sealed address, with the receipt
code and the follow link, nothing of anyone's personal data; the quiet hours apply; delivered to a
real local SMS gateway and SMTP server."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from tests.notifications.servers import HttpRecorder, SmtpServer
from tests.petitions.conftest import ID_NUMBER, ISSUE, NAME, PHONE, at, register
from zhidu.core.models import AuditEntry
from zhidu.notifications import delivery
from zhidu.notifications.models import Notification
from zhidu.petitions import codes, notify, services

pytestmark = pytest.mark.django_db
D = datetime.date


def rows():
    return list(Notification.objects.filter(topic=notify.TOPIC).order_by("pk"))


def zh(msgid, **values):
    with translation.override("zh-hans"):
        return gettext(msgid) % values


def test_by_sms_each_step_queues_one_message_with_the_code(people):
    with time_machine.travel(at(2026, 8, 6), tick=False):  # Thursday 10:00
        case = register(people, notify_by="sms")
        assert case.notify_address.reveal(people["clerk"].user, "test") == PHONE
        services.route(
            case, department=people["handler"].department, by=people["clerk"], user=people["clerk"].user
        )
    with time_machine.travel(at(2026, 9, 30), tick=False):
        services.extend(
            case, decided_on=D(2026, 9, 30), days=30, reason="情况复杂，需多部门会商", told_on=D(2026, 9, 30),
            told_how="sms", by=people["clerk"], user=people["clerk"].user,
        )  # fmt: skip
    with time_machine.travel(at(2026, 10, 12), tick=False):
        services.answer(
            case,
            text="已答复",
            answered_on=D(2026, 10, 12),
            by=people["handler"],
            user=people["handler"].user,
        )
    sent = rows()
    assert [n.dedupe_key.split(":")[2] for n in sent] == ["accepted", "routed", "extended", "answered"]
    assert {n.channel for n in sent} == {"sms"} and all(n.recipient_id is None for n in sent)
    code = codes.grouped(case.code)
    for n in sent:
        assert code in n.body and reverse("petitions:follow") + f"?code={code}" in n.body
        for personal in (NAME, PHONE, ID_NUMBER, ISSUE, "东沟村"):
            assert personal not in n.body and personal not in n.subject
    assert "情况复杂，需多部门会商" in sent[2].body and "2026年11月4日" in sent[2].body
    assert (
        zh(
            "given to %(department)s to handle, to be answered by %(day)s",
            department="社会事务办公室",
            day="2026年10月8日",
        )
        in sent[1].body
    )
    # The address is sealed on the outbox row too, and opening it is audited.
    assert str(sent[0].address) != PHONE
    assert AuditEntry.objects.filter(action="petitions.read", summary__contains="发送办理进展通知").exists()


def test_at_night_the_message_waits_for_the_working_morning(people):
    with time_machine.travel(at(2026, 8, 7, 22), tick=False):  # Friday night → Monday 08:00
        register(people, notify_by="sms")
    [n] = rows()
    assert n.next_attempt_at == at(2026, 8, 10, 8)


def test_no_choice_sends_nothing_and_a_bad_address_is_refused(people):
    with time_machine.travel(at(2026, 8, 6), tick=False):
        register(people)
        assert rows() == []
        with pytest.raises(ValidationError) as refused:
            register(people, notify_by="email", notify_email="not-an-address")
        assert "notify_email" in refused.value.message_dict
        with pytest.raises(ValidationError) as refused:
            clerk = people["clerk"]
            services.register(
                township=clerk.township, mode="scheduled", received_on=D(2026, 8, 6), leader=people["deputy"],
                subject="宅基地边界纠纷", petitioner_name=NAME, petitioner_phone="0571-8888888", issue=ISSUE,
                notify_by="sms", by=clerk, user=clerk.user,
            )  # fmt: skip
        assert "petitioner_phone" in refused.value.message_dict
        with pytest.raises(ValidationError):
            register(people, notify_by="wecom")


def test_delivered_to_a_local_gateway_and_smtp_server(people, monkeypatch):
    monkeypatch.setenv("ZHIDU_NOTIFY_MORNING", "00:00")
    monkeypatch.setenv("ZHIDU_NOTIFY_NIGHT", "23:59")
    with HttpRecorder(answer={"ok": True}) as gateway, SmtpServer() as smtp:
        monkeypatch.setenv("ZHIDU_SMS_URL", f"{gateway.url}/send")
        monkeypatch.setenv("ZHIDU_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("ZHIDU_SMTP_PORT", str(smtp.port))
        with time_machine.travel(at(2026, 8, 6), tick=False):
            by_sms = register(people, notify_by="sms")
            register(people, notify_by="email", notify_email="wxy@example.org")
            delivery.deliver_due()
        assert [r["json"]["phone"] for r in gateway.received] == [PHONE]
        assert codes.grouped(by_sms.code) in gateway.received[0]["json"]["text"]
        assert [m["to"] for m in smtp.messages] == [["wxy@example.org"]]
    assert {n.state for n in rows()} == {"sent"}


def test_the_office_form_records_the_petitioners_choice(login, people):
    client = login(people["clerk"])
    data = {
        "mode": "scheduled", "received_on": "2026-08-06", "leader": people["deputy"].pk, "subject": "宅基地纠纷",
        "petitioner_name": NAME, "petitioner_phone": "0571-8888888", "issue": ISSUE, "notify_by": "sms",
    }  # fmt: skip
    with time_machine.travel(at(2026, 8, 6), tick=False):
        refused = client.post(reverse("petitions:new"), data)
        assert refused.status_code == 400 and "11位手机号码" in refused.content.decode()
        data["petitioner_phone"] = PHONE
        assert client.post(reverse("petitions:new"), data).status_code == 302
    [n] = rows()
    assert n.channel == "sms" and "宅基地纠纷" not in n.body
