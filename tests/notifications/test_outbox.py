"""The outbox: written in the state change's transaction, never twice, claimed once, retried with
backoff, failed after N attempts; and the daily digest of duties, one per person per day."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import transaction

from tests import factories
from zhidu.core.audit import AuditEntry
from zhidu.notifications import delivery, digest
from zhidu.notifications.models import ContactAddress, Notification
from zhidu.notifications.outbox import enqueue
from zhidu.obligations.deadlines import DeadlineRule
from zhidu.obligations.services import open_obligation

pytestmark = pytest.mark.django_db
SH = ZoneInfo("Asia/Shanghai")
NOON = datetime.datetime(2026, 6, 17, 12, 0, tzinfo=SH)  # a Wednesday


@pytest.fixture
def town():
    return factories.township()


@pytest.fixture
def member(town):
    p = factories.person(town, "邱维兴", username="qiu")
    ContactAddress.objects.create(township=town, person=p, channel="email", address="qiu@example.org")
    ContactAddress.objects.create(township=town, person=p, channel="wecom", address="13800000001")
    return p


def queue(town, member, key="k1", **kw):
    with transaction.atomic():
        return enqueue(
            township=town,
            topic="test",
            key=key,
            subject="主题",
            body="正文",
            recipient=member,
            now=NOON,
            **kw,
        )


def test_one_row_per_channel_never_twice(town, member):
    assert {n.channel for n in queue(town, member)} == {"email", "wecom"}
    assert queue(town, member) == []
    assert Notification.objects.count() == 2


def test_rolled_back_state_change_sends_nothing(town, member):
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue(township=town, topic="test", key="k", subject="s", body="b", recipient=member, now=NOON)
        raise RuntimeError("the state change failed")
    assert not Notification.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_is_refused():
    town = factories.township()
    person = factories.person(town, "胡新璐")
    with pytest.raises(RuntimeError):
        enqueue(township=town, topic="test", key="k", subject="s", body="b", recipient=person, now=NOON)


def test_a_person_without_channels_gets_nothing_and_public_needs_an_address(town):
    nobody = factories.person(town, "林平")
    assert queue(town, nobody) == []
    with pytest.raises(ValueError), transaction.atomic():
        enqueue(township=town, topic="t", key="p", subject="s", body="b", channel="sms", now=NOON)


def test_public_address_is_sealed(town, smtp):
    with transaction.atomic():
        [n] = enqueue(
            township=town,
            topic="t",
            key="p",
            subject="s",
            body="b",
            address="a@example.org",
            channel="email",
            now=NOON,
        )
    with transaction.atomic():
        again = enqueue(
            township=town,
            topic="t",
            key="p",
            subject="s",
            body="b",
            address="a@example.org",
            channel="email",
            now=NOON,
        )
    assert again == [] and Notification.objects.count() == 1
    stored = Notification.objects.values_list("address", flat=True).get(pk=n.pk)
    assert "a@example.org" not in str(stored)
    assert delivery.deliver_due(NOON).sent == 1
    assert smtp.messages[0]["to"] == ["a@example.org"]
    assert AuditEntry.objects.filter(action="notifications.address_read").exists()


def test_two_claims_one_winner(town, member):
    n = queue(town, member, channel="email")[0]
    assert delivery.claim(n.pk, NOON) is True
    assert delivery.claim(n.pk, NOON) is False
    n.refresh_from_db()
    assert (n.state, n.attempts) == ("sending", 1)


def test_a_second_runner_while_the_first_sends_sends_nothing(town, member, wecom, monkeypatch):
    """Two runners at once, interleaved deterministically: while the first is inside the provider's
    call, the second runs the whole step; the robot still receives the message once."""
    from zhidu.notifications.channels import WeCom

    queue(town, member, channel="wecom")
    real, inner = WeCom.send, []

    def send_while_another_runs(self, message):
        inner.append(delivery.deliver_due(NOON))
        return real(self, message)

    monkeypatch.setattr(WeCom, "send", send_while_another_runs)
    assert delivery.deliver_due(NOON).sent == 1
    assert inner == [delivery.Delivered()] and len(wecom.received) == 1


def test_the_step_reads_a_bounded_number_of_rows(town, member, django_assert_max_num_queries, monkeypatch):
    monkeypatch.setenv("ZHIDU_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
    for n in range(20):
        queue(town, member, key=f"b{n}", channel="email")
    # Per message: the claim, the row, its address, the answer (a constant number, no N+1 growth).
    with django_assert_max_num_queries(4 * 20 + 12):  # + the audit entry and its chain
        assert delivery.deliver_due(NOON).sent == 20


def test_not_claimed_before_its_time(town, member):
    n = queue(town, member, channel="email")[0]
    assert delivery.claim(n.pk, NOON - datetime.timedelta(seconds=1)) is False


def test_delivered_once_to_real_servers(town, member, smtp, wecom):
    queue(town, member)
    first = delivery.deliver_due(NOON)
    again = delivery.deliver_due(NOON)
    assert (first.sent, again.sent) == (2, 0)
    assert len(smtp.messages) == 1 and len(wecom.received) == 1
    assert set(Notification.objects.values_list("state", flat=True)) == {"sent"}
    assert "errcode" in Notification.objects.get(channel="wecom").answer


def test_retried_with_backoff_then_failed(town, member, monkeypatch, working_hours):
    from tests.notifications.servers import free_port

    monkeypatch.setenv("ZHIDU_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("ZHIDU_SMTP_PORT", str(free_port()))  # nobody listens
    monkeypatch.setenv("ZHIDU_NOTIFY_ATTEMPTS", "3")
    n = queue(town, member, channel="email")[0]
    now = NOON
    waits = []
    for _ in range(2):
        assert delivery.deliver_due(now).retried == 1
        n.refresh_from_db()
        assert n.state == "queued"
        waits.append(n.next_attempt_at - now)
        assert delivery.deliver_due(n.next_attempt_at - datetime.timedelta(seconds=1)) == delivery.Delivered()
        now = n.next_attempt_at
    assert waits == [datetime.timedelta(seconds=60), datetime.timedelta(seconds=120)]
    assert delivery.deliver_due(now).failed == 1
    n.refresh_from_db()
    assert (n.state, n.attempts) == ("failed", 3) and n.answer


def test_unconfigured_channel_fails_at_once(town, member, monkeypatch):
    monkeypatch.delenv("ZHIDU_WECOM_WEBHOOK", raising=False)
    queue(town, member, channel="wecom")
    assert delivery.deliver_due(NOON).failed == 1
    assert "not configured" in Notification.objects.get().answer


def test_stale_sending_is_failed_not_resent(town, member):
    n = queue(town, member, channel="email")[0]
    assert delivery.claim(n.pk, NOON)
    delivery.deliver_due(NOON + delivery.STALE + datetime.timedelta(minutes=1))
    n.refresh_from_db()
    assert n.state == "failed" and "interrupted" in n.answer


def test_night_message_waits_for_the_morning(town, member):
    with transaction.atomic():
        [n] = enqueue(township=town, topic="t", key="night", subject="s", body="b", recipient=member,
                      channel="email", now=datetime.datetime(2026, 6, 17, 22, 0, tzinfo=SH))  # fmt: skip
    assert n.next_attempt_at == datetime.datetime(2026, 6, 18, 8, 0, tzinfo=SH)


# --- the digest ---------------------------------------------------------------------------------


def duty(town, person, key, due_day, leader=None):
    return open_obligation(
        township=town, kind="test", article="R1§7(2)", title=f"职责{key}", key=key,
        rule=DeadlineRule("fixed", due_day, 0, datetime.time(17, 30)), assignee=person,
    )  # fmt: skip


def test_digest_lists_today_and_the_next_working_day_once_a_day(town, member):
    duty(town, member, "fri", datetime.date(2026, 6, 12))  # Friday
    duty(town, member, "mon", datetime.date(2026, 6, 15))  # Monday: the next working day after Friday
    duty(town, member, "tue", datetime.date(2026, 6, 16))
    friday_morning = datetime.datetime(2026, 6, 12, 8, 30, tzinfo=SH)
    assert digest.queue_digests(town, friday_morning.date(), friday_morning) == 1
    assert (
        digest.queue_digests(town, friday_morning.date(), friday_morning + datetime.timedelta(hours=3)) == 0
    )
    rows = Notification.objects.filter(topic="duties.digest")
    assert rows.count() == 2  # one person, two channels, one message each
    body = rows.first().body
    assert "职责fri" in body and "职责mon" in body and "职责tue" not in body


def test_no_digest_before_the_morning_nor_on_a_rest_day(town, member):
    duty(town, member, "mon", datetime.date(2026, 6, 15))
    early = datetime.datetime(2026, 6, 12, 7, 0, tzinfo=SH)
    saturday = datetime.datetime(2026, 6, 13, 10, 0, tzinfo=SH)
    dragon_boat = datetime.datetime(2026, 6, 19, 10, 0, tzinfo=SH)  # 端午节
    assert digest.queue_digests(town, dragon_boat.date(), dragon_boat) == 0
    assert digest.queue_digests(town, early.date(), early) == 0
    assert digest.queue_digests(town, saturday.date(), saturday) == 0


def only_this_step(monkeypatch):
    """The job with only this kernel's step (the areas' generators need their own rows)."""
    from zhidu.obligations import jobs

    assert jobs.generators()["notifications"] is digest.step
    monkeypatch.setattr(jobs, "_generators", {"notifications": digest.step})
    return jobs


def test_digest_runs_in_the_scheduler_job(town, member, smtp, wecom, monkeypatch):
    jobs = only_this_step(monkeypatch)

    duty(town, member, "today", datetime.date(2026, 6, 17))
    with time_machine.travel(datetime.datetime(2026, 6, 17, 9, 0, tzinfo=SH), tick=False):
        result = jobs.run()
    assert result.opened["notifications"] == 1
    assert Notification.objects.filter(topic="duties.digest").count() == 2


def test_dry_run_queues_and_sends_nothing(town, member, smtp, monkeypatch):
    jobs = only_this_step(monkeypatch)

    duty(town, member, "today", datetime.date(2026, 6, 17))
    with time_machine.travel(datetime.datetime(2026, 6, 17, 9, 0, tzinfo=SH), tick=False):
        assert jobs.run(dry_run=True).opened["notifications"] == 1
    assert not Notification.objects.exists() and smtp.messages == []


def test_no_digest_for_a_person_who_left(town, member):
    duty(town, member, "fri", datetime.date(2026, 6, 12))
    member.active = False
    member.save(update_fields=["active"])
    friday_morning = datetime.datetime(2026, 6, 12, 8, 30, tzinfo=SH)
    assert digest.queue_digests(town, friday_morning.date(), friday_morning) == 0
