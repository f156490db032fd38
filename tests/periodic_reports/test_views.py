"""R15 pages: the secretary's branch list, a refused form naming the field with the typed text kept,
the live check on the unsaved form, the committee's quarter, and who may read a report."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from tests import factories
from tests.periodic_reports.helpers import roster
from zhidu.periodic_reports.models import BranchReport, MemberReport

pytestmark = pytest.mark.django_db
SH = ZoneInfo("Asia/Shanghai")
TODAY = datetime.datetime(2026, 12, 2, 10, 0, tzinfo=SH)


@pytest.fixture
def r(town, people):
    return roster(town, people)


@time_machine.travel(TODAY, tick=False)
def test_the_secretary_sees_the_branch_and_records_with_errors_kept(login, people, r):
    client = login(people["cadre"])
    page = client.get(reverse("periodic_reports:index")).content.decode()
    assert f'data-member="{r["plain"].pk}"' in page and "机关党支部" in page
    url = reverse("periodic_reports:record", args=[r["plain"].pk])
    answer = client.post(url, {"period": "2026-B6", "channel": "oral", "reported_on": "2026-13-01",
                               "content": "口头汇报：思想稳定"})  # fmt: skip
    body = answer.content.decode()
    assert answer.status_code == 400 and 'id="id_reported_on_error"' in body and "口头汇报：思想稳定" in body
    assert not MemberReport.objects.exists()
    answer = client.post(url, {"period": "2026-B6", "channel": "oral", "reported_on": "2026-12-01",
                               "content": "口头汇报：思想稳定"})  # fmt: skip
    report = MemberReport.objects.get()
    assert answer.status_code == 302 and answer["Location"] == reverse(
        "periodic_reports:report", args=[report.pk]
    )


@time_machine.travel(TODAY, tick=False)
def test_the_live_check_judges_the_unsaved_form(login, people, r):
    client = login(people["deputy"])
    url = reverse("periodic_reports:check", args=[r["deputy"].pk])
    body = client.post(url, {"period": "2026-B6", "channel": "written", "content": "",
                             "reported_on": "2026-12-02"}).content.decode()  # fmt: skip
    assert 'data-code="report-content-missing"' in body and "R15§2" in body
    assert not MemberReport.objects.exists()
    # Another member's form: not his to fill.
    assert client.post(reverse("periodic_reports:check", args=[r["plain"].pk]), {}).status_code == 403


@time_machine.travel(datetime.datetime(2027, 1, 6, 10, tzinfo=SH), tick=False)
def test_the_committee_sees_received_and_missing(login, people, r):
    client = login(people["cadre"])
    client.post(reverse("periodic_reports:branch-report", args=[r["organs"].pk]),
                {"period": "2026-Q4", "channel": "written", "reported_on": "2026-12-30",
                 "content": "本季度工作情况", "reporter_name": ""})  # fmt: skip
    report = BranchReport.objects.get()
    page = login(people["secretary"]).get(reverse("periodic_reports:committee") + "?quarter=2026-Q4")
    body = page.content.decode()
    assert f'data-branch="{r["organs"].pk}"' in body and 'data-status="received"' in body
    assert 'data-status="missing"' in body and "东沟村党支部未报送" in body
    assert (
        login(people["secretary"])
        .get(reverse("periodic_reports:branch-detail", args=[report.pk]))
        .status_code
        == 200
    )
    # A cadre who is not the branch's secretary does not read it.
    other = factories.person(people["cadre"].township, "钱干部", username="qian")
    assert login(other).get(reverse("periodic_reports:branch-detail", args=[report.pk])).status_code == 403


@time_machine.travel(TODAY, tick=False)
def test_a_report_is_read_by_its_member_the_secretary_and_the_office(login, people, r):
    report = MemberReport.objects.create(
        township=r["deputy"].township, member=r["deputy"], period="2026-B6", channel="written",
        reported_on=datetime.date(2026, 12, 1), content="内容", recorded_by=people["deputy"],
    )  # fmt: skip
    url = reverse("periodic_reports:report", args=[report.pk])
    for who, status in (
        ("deputy", 200),
        ("cadre", 200),
        ("organization", 200),
        ("clerk", 403),
        ("secretary", 403),
    ):
        assert login(people[who]).get(url).status_code == status, who
