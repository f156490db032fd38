"""Query budgets: the committee's quarter and the secretary's branch list cost the same number of
queries whatever the number of branches, members and reports."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.periodic_reports.helpers import roster
from zhidu.org.models import Branch
from zhidu.periodic_reports import services
from zhidu.periodic_reports.models import BranchMember, BranchReport, MemberReport

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 12, 2, 10, tzinfo=ZoneInfo("Asia/Shanghai"))


def count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def grow(town, people, r, n):
    for i in range(n):
        branch = Branch.objects.create(township=town, name=f"第{i}党支部")
        BranchReport.objects.create(township=town, branch=branch, quarter="2026-Q4", channel="oral",
                                    reported_on=datetime.date(2026, 12, 1), reporter_name="书记", content="x",
                                    recorded_by=people["cadre"])  # fmt: skip
        member = BranchMember.objects.create(township=town, branch=r["organs"], name=f"党员{i}")
        MemberReport.objects.create(township=town, member=member, period="2026-B6", channel="oral",
                                    reported_on=datetime.date(2026, 12, 1), content="x", recorded_by=people["cadre"])  # fmt: skip


@time_machine.travel(NOW, tick=False)
def test_pages_cost_the_same_with_more_rows(town, people):
    r = roster(town, people)
    services.due_of(services.quarters_open(NOW.date())[0])  # the calendar loaded once
    committee, index = reverse("periodic_reports:committee"), reverse("periodic_reports:index")
    client, secretary = Client(), Client()
    client.force_login(people["organization"].user)
    secretary.force_login(people["cadre"].user)
    count(client, committee), count(secretary, index)  # sessions and the calendar warmed up
    before = (count(client, committee), count(secretary, index))
    grow(town, people, r, 8)
    assert (count(client, committee), count(secretary, index)) == before
