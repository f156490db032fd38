"""The audit trail page: filters by person, action, record and dates; pages; bad dates refused in
Chinese naming the field; another township's entries never shown."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from tests import factories
from zhidu.core.audit import record

pytestmark = pytest.mark.django_db


@pytest.fixture
def trail(town, people):
    other = factories.township("河口镇", "hekou")
    for day in (1, 2, 3):
        with time_machine.travel(datetime.datetime(2026, 10, day, 10, tzinfo=datetime.timezone.utc)):
            record(people["clerk"].user, "meetings.close", township=town, summary=f"十月{day}日闭会")
            record(people["organization"].user, "personal.read", township=town, summary=f"查阅{day}")
    record(None, "personal.read", township=other, summary="外镇查阅")
    return people


def get(client, **params):
    return client.get(reverse("audit"), params)


def test_filters_combine_and_the_other_township_stays_out(client, trail):
    client.force_login(trail["discipline"].user)
    page = get(client).content.decode()
    assert "十月1日闭会" in page and "外镇查阅" not in page
    reads = get(client, action="personal.").content.decode()
    assert "查阅1" in reads and "闭会" not in reads
    by_person = get(client, who="organization", since="2026-10-02", until="2026-10-02").content.decode()
    assert "查阅2" in by_person and "查阅1" not in by_person and "查阅3" not in by_person


def test_bad_dates_are_refused_naming_the_field(client, trail):
    client.force_login(trail["organization"].user)
    response = get(client, since="2026-02-30")
    assert response.status_code == 400 and "开始日期" in response.content.decode()
    response = get(client, since="2026-10-03", until="2026-10-01")
    assert response.status_code == 400 and "结束日期" in response.content.decode()


def test_pages_of_fifty_keep_the_filter(client, town, people):
    for n in range(120):
        record(None, "test.bulk", township=town, summary=f"第{n}条")
    client.force_login(people["discipline"].user)
    first = get(client, action="test.").content.decode()
    assert "第119条" in first and "第69条" not in first and "action=test." in first
    third = get(client, action="test.", page=3).content.decode()
    assert "第0条" in third and "第119条" not in third


def test_cadres_and_team_members_do_not_read_the_trail(client, people):
    for persona in ("cadre", "deputy", "clerk"):
        client.force_login(people[persona].user)
        assert get(client).status_code == 403, persona
