"""Supervision items reach their owner outward (issue 16, R7): the 交办, a failed check, the
acceptance, the closing and a reopening each queue one message per channel of the owner (and of the
owner department's head when someone else), in the step's transaction, with a link to the item."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext

from tests.supervision.helpers import assigned, at, member, register, submitted
from zhidu.notifications.models import ContactAddress, Notification
from zhidu.supervision import notify, services

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _september():
    with time_machine.travel(at(2026, 9, 15), tick=False):
        yield


@pytest.fixture
def reachable(town, people):
    ContactAddress.objects.create(
        township=town, person=people["owner"], channel="email", address="zq@example.org"
    )
    ContactAddress.objects.create(township=town, person=people["owner"], channel="sms", address="13800000011")
    return people


def zh(msgid):
    """The subject line as the owner reads it (Chinese once the translations are compiled)."""
    with translation.override("zh-hans"):
        return gettext(msgid)


def rows(**filters):
    return list(Notification.objects.filter(topic="supervision.item", **filters).order_by("pk"))


def test_registering_and_approving_tell_nobody_the_assignment_tells_the_owner(town, reachable):
    people = reachable
    item = register(town, people)
    services.approve(item, by=people["secretary"], user=people["secretary"].user)
    assert rows() == []
    services.assign(item, by=people["discipline"], user=people["discipline"].user)
    sent = rows()
    assert sorted(n.channel for n in sent) == ["email", "sms"]
    n = sent[0]
    assert (
        n.recipient == people["owner"]
        and n.subject == f"{zh('Supervision item assigned to you')}：{item.doc_number}"
    )
    assert "九月底前完成全镇巡查" in n.body and "2026年9月25日" in n.body
    assert n.link.endswith(f"/supervision/{item.pk}/") and n.target_id == str(item.pk)


def test_each_later_step_queues_its_own_message_once(town, reachable):
    people = reachable
    item = submitted(town, people)
    d = people["discipline"]
    services.reject(
        item, by=d, requirements="补充台账照片", new_deadline=datetime.date(2026, 9, 30), user=d.user
    )
    rejected = rows(
        channel="email", subject__startswith=zh("Supervision feedback sent back for rectification")
    )
    assert len(rejected) == 1 and "补充台账照片" in rejected[0].body and "2026年9月30日" in rejected[0].body
    services.submit_feedback(item, by=people["owner"], text="已补充。", user=people["owner"].user)
    services.accept(item, by=d, user=d.user)
    services.close(item, by=d, user=d.user)
    services.reopen(item, by=d, reason="群众再次反映", new_deadline=datetime.date(2026, 10, 20), user=d.user)
    subjects = [n.subject.split("：")[0] for n in rows(channel="email")]
    assert subjects == [zh(notify.HEADLINES[step]) for step in notify.HEADLINES]
    assert "群众再次反映" in rows(channel="email")[-1].body


def test_the_department_head_is_told_too_when_someone_else_owns_it(town, reachable):
    people = reachable
    ContactAddress.objects.create(
        township=town, person=people["colleague"], channel="email", address="qjf@example.org"
    )
    assigned(town, people, owner=people["colleague"])
    assert sorted(n.recipient.name for n in rows(channel="email")) == ["周强", "钱经发"]


def test_a_refused_step_queues_nothing(town, reachable):
    people = reachable
    item = register(town, people)
    with pytest.raises(ValidationError):
        services.assign(item, by=people["discipline"], user=people["discipline"].user)
    assert rows() == []


def test_someone_without_a_channel_gets_no_row(town, people):
    stranger = member(town, "孙无址", "sunwuzhi", people["economy"])
    assigned(town, people, owner=stranger)
    assert rows(recipient=stranger) == []
