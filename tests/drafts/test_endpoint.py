"""The drafts endpoint (zhidu.drafts.views): a user keeps and reads only their own draft, in the
township they work in; a refusal is a 400 whose Chinese message names the field; a form accepted
forgets its draft, a form refused or met by an expired session keeps it."""

from __future__ import annotations

import datetime
import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from tests import factories
from zhidu.drafts import services
from zhidu.drafts.models import Draft

pytestmark = pytest.mark.django_db
URL = "/drafts/"


def keep(client, key="meetings.record:7", typed=None, **extra):
    body = {"key": key, "typed": json.dumps(typed if typed is not None else {"reason_3": "出差"}), **extra}
    return client.post(URL, body)


def test_the_url_is_the_one_the_page_names():
    assert reverse("drafts:draft") == URL and reverse("drafts:discard") == URL + "discard/"


def test_a_draft_is_kept_and_read_back(login, people):
    client = login(people["clerk"])
    answer = keep(client, typed={"reason_3": "出差", "recused_4": ["on"]})
    assert answer.status_code == 200
    assert answer.json()["draft"]["data"] == {"reason_3": "出差", "recused_4": ["on"]}
    read = client.get(URL, {"key": "meetings.record:7"}).json()["draft"]
    assert read["data"] == {"reason_3": "出差", "recused_4": ["on"]}
    assert "年" in read["saved"]  # the time in Chinese, shown in the notice
    keep(client, typed={"reason_3": "开会"})
    assert Draft.objects.get().data == {"reason_3": "开会"}  # one row per user and form


def test_no_draft_reads_as_null(login, people):
    assert login(people["clerk"]).get(URL, {"key": "supervision.new"}).json() == {"draft": None}


def test_only_the_users_own_draft_is_read_or_discarded(people):
    mine, other = Client(), Client()
    mine.force_login(people["clerk"].user)
    other.force_login(people["deputy"].user)
    keep(mine, typed={"discussion": "仅本人可见"})
    assert other.get(URL, {"key": "meetings.record:7"}).json() == {"draft": None}
    assert other.post(URL + "discard/", {"key": "meetings.record:7"}).json() == {"discarded": 0}
    keep(other, typed={"discussion": "另一人的"})
    assert mine.get(URL, {"key": "meetings.record:7"}).json()["draft"]["data"] == {"discussion": "仅本人可见"}
    assert mine.post(URL + "discard/", {"key": "meetings.record:7"}).json() == {"discarded": 1}
    assert list(Draft.objects.values_list("user__username", flat=True)) == ["deputy"]


def test_a_draft_belongs_to_its_township(people, town):
    """A county viewer who switches to another township of the county only reads there (issue 18):
    no draft is kept or shown there, and what was typed at home stays home."""
    county = factories.person(town, "县级查看员", username="county", county_view=True)
    other = factories.township("河口镇", "hekou")
    client = Client()
    client.force_login(county.user)
    keep(client, key="supervision.new", typed={"matter": "柞村镇的事项"})
    assert Draft.objects.get().township == town
    client.post(reverse("switch-township"), {"township": other.pk, "next": "/"})
    assert client.get(URL, {"key": "supervision.new"}).status_code == 403
    assert (
        client.post(URL, {"key": "supervision.new", "typed": '{"matter": "河口镇的事项"}'}).status_code == 403
    )
    assert Draft.objects.count() == 1
    client.post(reverse("switch-township"), {"township": town.pk, "next": "/"})
    assert client.get(URL, {"key": "supervision.new"}).json()["draft"]["data"] == {"matter": "柞村镇的事项"}


def test_anonymous_is_sent_to_log_in(client):
    answer = keep(client)
    assert answer.status_code == 302 and answer["Location"].startswith(reverse("login"))
    assert not Draft.objects.exists()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("{not json", "草稿不是有效的 JSON"),
        ("[1, 2]", "草稿应为字段名和值的对象"),
        ('{"summary": 3}', "草稿的字段 summary 不是文本"),
    ],
)
def test_a_bad_draft_is_refused_with_a_chinese_message_naming_the_field(login, people, typed, message):
    client = login(people["clerk"])
    with override("zh-hans"):
        answer = client.post(
            URL, {"key": "meetings.record:7", "typed": typed}, HTTP_ACCEPT_LANGUAGE="zh-hans"
        )
    assert answer.status_code == 400
    text = answer.content.decode()
    assert "已输入内容：" in text and message in text  # the field's label, then why
    assert not Draft.objects.exists()


def test_a_draft_too_large_is_refused(login, people):
    client = login(people["clerk"])
    answer = keep(client, typed={"discussion": "字" * (services.MAX_BYTES // 3 + 10)})
    assert answer.status_code == 400 and "草稿太长" in answer.content.decode()
    assert not Draft.objects.exists()
    fields = {f"reason_{n}": "x" for n in range(services.MAX_FIELDS + 1)}
    assert keep(client, typed=fields).status_code == 400


@pytest.mark.parametrize("key", ["", "x" * 201, "Meetings.record:1", "meetings.record:1/../2", "a:b:c"])
def test_an_unknown_form_key_is_refused(login, people, key):
    client = login(people["clerk"])
    assert keep(client, key=key).status_code == 400
    assert client.get(URL, {"key": key}).status_code == 400


def test_secrets_are_never_kept(login, people):
    client = login(people["clerk"])
    keep(
        client, typed={"password": "s3cret!", "otp_token": "123456", "new_password1": "x", "place": "会议室"}
    )
    assert Draft.objects.get().data == {"place": "会议室"}


def test_the_job_forgets_drafts_after_thirty_days(people, town):
    clerk = people["clerk"].user
    old = services.save(clerk, town, "petitions.new", {"summary": "旧"})
    services.save(clerk, town, "opinions.new", {"summary": "新"})
    Draft.objects.filter(pk=old.pk).update(updated_at=timezone.now() - datetime.timedelta(days=31))
    assert services.load(clerk, town, "petitions.new") is None  # expired even before the sweep
    from zhidu.obligations import jobs

    jobs.run()
    assert list(Draft.objects.values_list("key", flat=True)) == ["opinions.new"]


# --- a form sent forgets its draft (zhidu.drafts.middleware) ----------------------------------------


def _petition_draft(client):
    keep(client, key="petitions.new", typed={"summary": "群众来信：道路破损"})


def test_an_accepted_form_discards_its_draft_and_a_refused_one_keeps_it(login, people):
    client = login(people["clerk"])
    _petition_draft(client)
    refused = client.post(reverse("petitions:new"), {"zhidu_draft": "petitions.new"})
    assert refused.status_code == 400
    assert Draft.objects.filter(key="petitions.new").exists()
    # Any accepted form post (a redirect) naming the draft forgets it; the language switch is one.
    accepted = client.post(
        reverse("set_language"), {"language": "zh-hans", "next": "/", "zhidu_draft": "petitions.new"}
    )
    assert accepted.status_code == 302
    assert not Draft.objects.filter(key="petitions.new").exists()


def test_a_post_met_by_an_expired_session_keeps_the_draft(login, people, settings):
    client = login(people["clerk"])
    _petition_draft(client)
    session = client.session
    session["zhidu_last_seen"] = int(timezone.now().timestamp()) - 10 * 3600  # idle far too long
    session.save()
    answer = client.post(reverse("petitions:new"), {"summary": "x", "zhidu_draft": "petitions.new"})
    assert answer.status_code == 302 and answer["Location"].startswith(reverse("login"))
    assert Draft.objects.filter(key="petitions.new").exists()


def test_another_users_draft_is_not_discarded_by_naming_it(people):
    mine, other = Client(), Client()
    mine.force_login(people["clerk"].user)
    other.force_login(people["deputy"].user)
    _petition_draft(mine)
    other.post(reverse("set_language"), {"language": "zh-hans", "next": "/", "zhidu_draft": "petitions.new"})
    assert Draft.objects.filter(key="petitions.new").exists()


def test_the_users_unsent_forms_are_listed_without_their_text(people):
    mine, other = Client(), Client()
    mine.force_login(people["clerk"].user)
    other.force_login(people["deputy"].user)
    keep(mine, key="petitions.new", typed={"summary": "群众来信"})
    keep(other, key="opinions.new", typed={"summary": "另一人的"})
    listed = mine.get(URL).json()["drafts"]
    assert [d["key"] for d in listed] == ["petitions.new"]
    assert "群众来信" not in mine.get(URL).content.decode("unicode_escape")


def test_the_system_and_an_outsider_keep_no_draft(town, people):
    from django.contrib.auth import get_user_model
    from django.core.exceptions import PermissionDenied

    from zhidu.core.permissions import SYSTEM

    with pytest.raises(PermissionDenied):
        services.save(SYSTEM, town, "supervision.new", {"matter": "x"})
    outsider = Client()
    outsider.force_login(get_user_model().objects.create_user("outsider", password="x"))
    assert keep(outsider).status_code == 403  # no person, no township
    assert not Draft.objects.exists()
