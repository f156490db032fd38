"""The submitter told of each state of their opinion by the channel they chose (issue 16, R16):
one message a state with the receipt code and the follow link, the decision's public text, never
the personal data of the submitter, the representatives or the supporters."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.opinions.conftest import CONTENT, FIVE, NAME, PHONE, submit, through
from zhidu.notifications.models import Notification
from zhidu.opinions import notify, services
from zhidu.petitions import codes

pytestmark = pytest.mark.django_db


def rows():
    return list(Notification.objects.filter(topic=notify.TOPIC).order_by("pk"))


def test_each_state_once_by_email(people, town):
    opinion = submit(town, notify_by="email", notify_email="wxy@example.org", representatives=FIVE)
    through(opinion, people, to="done")
    services.publish_results(township=town, by=people["clerk"])
    sent = rows()
    # Verified and reported in one step: one message, of the report.
    assert [n.dedupe_key.split(":")[2] for n in sent] == [
        "submitted", "reported", "analysed", "adopted", "done", "published",
    ]  # fmt: skip
    assert {(n.channel, n.recipient_id) for n in sent} == {("email", None)}
    code = codes.grouped(opinion.code)
    for n in sent:
        assert code in n.body and f"{reverse('opinions:follow')}?code={code}" in n.body
        for personal in (NAME, PHONE, "代表1", "13800000001", CONTENT):
            assert personal not in n.body
    assert "采用：统一维修路灯" in sent[3].body and "已修复路灯三盏" in sent[4].body


def test_verified_without_reporting_is_its_own_message(people, town):
    opinion = submit(town, notify_by="sms")
    services.verify(opinion, verification="核实", report=False, by=people["deputy"])
    assert [n.dedupe_key.split(":")[2] for n in rows()] == ["submitted", "verified"]
    assert rows()[0].address.reveal(people["clerk"].user, "test") == PHONE


def test_the_office_enters_a_choice_and_no_choice_sends_nothing(people, town):
    submit(town, intake="letter", by=people["clerk"], user=people["clerk"].user)
    assert rows() == []
    with pytest.raises(ValidationError) as refused:
        submit(town, intake="phone", submitter_phone="", notify_by="sms", by=people["clerk"])
    assert "submitter_phone" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        submit(town, notify_by="email", notify_email="")
    assert "notify_email" in refused.value.message_dict


def test_the_public_form_offers_the_choice(client, town):
    page = client.get(reverse("opinions:submit", args=[town.code]))
    assert b'name="notify_by"' in page.content and b'name="notify_email"' in page.content
    follow = client.get(reverse("opinions:follow") + "?code=ABCD-EFGH-JKMN")
    assert b'value="ABCD-EFGH-JKMN"' in follow.content


def test_the_public_form_keeps_the_choice_and_refuses_a_missing_email(people, town):
    from django.test import Client

    from tests.opinions.test_views import form_data

    client = Client()
    url = reverse("opinions:submit", args=[town.code])
    refused = client.post(url, form_data(town, client, notify_by="email", notify_email=""))
    assert refused.status_code == 400 and "电子邮箱" in refused.content.decode()
    done = client.post(url, form_data(town, client, notify_by="email", notify_email="wxy@example.org"))
    assert done.status_code == 302
    [n] = rows()
    assert n.channel == "email" and n.address.reveal(people["clerk"].user, "test") == "wxy@example.org"
