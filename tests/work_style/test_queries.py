"""Query budgets: the party office's view of the team and a member's page cost the same number of
queries whatever the number of pairs and contacts."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.work_style.helpers import pairs
from zhidu.work_style.models import SupportContact, SupportPair

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 12, 2, 10, tzinfo=ZoneInfo("Asia/Shanghai"))


def count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@time_machine.travel(NOW, tick=False)
def test_pages_cost_the_same_with_more_pairs_and_contacts(town, people, client):
    p = pairs(town, people)
    client.force_login(people["deputy"].user)
    team, index = reverse("work_style:team"), reverse("work_style:index")
    count(client, team)  # the calendar loaded once
    before = (count(client, team), count(client, index))
    for i in range(8):
        pair = SupportPair.objects.create(township=town, member=people["deputy"], kind="household",
                                          village=p["village"], household=f"户{i}", starts_on=datetime.date(2026, 1, 1))  # fmt: skip
        for day in (datetime.date(2026, 11, 3), datetime.date(2026, 12, 1)):
            SupportContact.objects.create(township=town, pair=pair, contacted_on=day, channel="sms", done="x")
    assert (count(client, team), count(client, index)) == before
