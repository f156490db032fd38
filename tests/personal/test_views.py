"""The R8 pages by persona: only the organization office and discipline inspection read others'
reports; the reporter reads their own; everyone else is refused (403), another township's report is
not found (404); every read of content leaves an audit entry, and no page leaks the content."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from tests.personal.conftest import at
from zhidu.core.models import AuditEntry
from zhidu.personal import services
from zhidu.personal.models import Flag, Item, Occasion, Report

pytestmark = pytest.mark.django_db
DETAILS = "配偶在县城购买商品房一套"


@pytest.fixture(autouse=True)
def _october():
    with time_machine.travel(at(2026, 10, 20), tick=False):
        yield


@pytest.fixture
def report(people):
    return services.file(
        reporter=people["reporter"],
        occasion=Occasion.EVENT,
        item=Item.HOUSING,
        event_on=datetime.date(2026, 10, 10),
        details=DETAILS,
        user=people["reporter"].user,
    )


def url(name, *args):
    return reverse(f"personal:{name}", args=args)


def reads():
    return AuditEntry.objects.filter(action="personal.read")


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("reporter", 200),
        ("organization", 200),
        ("discipline", 200),
        ("colleague", 403),
        ("staff", 403),
        ("secretary", 403),
        ("deputy", 403),
        ("clerk", 403),
    ],
)
def test_who_reads_a_report(client, people, report, persona, status):
    client.force_login(people[persona].user)
    response = client.get(url("detail", report.pk))
    assert response.status_code == status
    if status == 200:
        assert DETAILS in response.content.decode()
        entry = reads().get()
        assert (entry.actor, entry.target_id) == (people[persona].user, str(report.pk))
    else:
        assert DETAILS not in response.content.decode() and not reads().exists()


def test_another_township_is_not_found(client, elsewhere, report):
    for persona in ("organization", "discipline", "reporter"):
        client.force_login(elsewhere[persona].user)
        assert client.get(url("detail", report.pk)).status_code == 404
        assert client.post(url("flag", report.pk), {"code": "late", "note": "x"}).status_code in {403, 404}
    assert not reads().exists()


def test_the_county_view_does_not_widen_who_reads(client, town, elsewhere, report):
    officer = elsewhere["organization"]
    officer.county_view = True
    officer.save(update_fields=["county_view"])
    client.force_login(officer.user)
    client.post(reverse("switch-township"), {"township": town.pk})
    assert client.get(url("detail", report.pk)).status_code == 403
    assert f'data-report="{report.pk}"' not in client.get(url("list")).content.decode()
    assert not reads().exists()


def test_a_county_administrator_does_not_read_reports(client, django_user_model, report):
    admin = django_user_model.objects.create_superuser("root", password="x-Very-long-1")
    client.force_login(admin)
    assert client.get(url("detail", report.pk)).status_code == 403
    assert client.get(url("list")).status_code == 403


def test_anonymous_is_sent_to_log_in(client, report):
    assert client.get(url("detail", report.pk))["Location"].startswith(reverse("login"))


def test_lists_show_own_reports_to_cadres_and_all_to_the_offices_without_content(client, people, report):
    client.force_login(people["colleague"].user)
    page = client.get(url("list")).content.decode()
    assert f'data-report="{report.pk}"' not in page
    client.force_login(people["reporter"].user)
    page = client.get(url("list")).content.decode()
    assert f'data-report="{report.pk}"' in page and DETAILS not in page
    client.force_login(people["organization"].user)
    page = client.get(url("list")).content.decode()
    assert f'data-report="{report.pk}"' in page and "周强" in page and DETAILS not in page
    assert not reads().exists()  # a list is not a read of content


@pytest.mark.parametrize(("persona", "status"), [("reporter", 200), ("staff", 403), ("organization", 403)])
def test_only_cadres_who_must_report_get_the_form(client, people, persona, status):
    client.force_login(people[persona].user)
    assert client.get(url("new")).status_code == status


def test_filing_through_the_page(client, people):
    client.force_login(people["colleague"].user)
    data = {"occasion": "event", "item": "securities", "event_on": "2026-08-01", "details": "持有基金10万元"}
    response = client.post(url("new"), data)
    assert response.status_code == 400
    assert "逾期说明：已超过报告期限" in response.content.decode()
    response = client.post(url("new"), {**data, "explanation": "年中才取得对账单"})
    report = Report.objects.get(reporter=people["colleague"])
    assert response.status_code == 302 and response["Location"] == url("detail", report.pk)
    assert report.late and "持有基金" not in str(report.details)


def test_flagging_is_the_organization_office_s(client, people, report):
    client.force_login(people["discipline"].user)
    assert client.post(url("flag", report.pk), {"code": "untrue", "note": "x"}).status_code == 403
    client.force_login(people["organization"].user)
    assert client.get(url("flag", report.pk)).status_code == 405
    response = client.post(url("flag", report.pk), {"code": "untrue", "note": ""})
    assert response.status_code == 400 and 'id="flag_note_error"' in response.content.decode()
    response = client.post(url("flag", report.pk), {"code": "untrue", "note": "与登记信息不符"})
    assert response.status_code == 302
    assert Flag.objects.get(report=report).code == "untrue"
    page = client.get(url("detail", report.pk)).content.decode()
    assert "与登记信息不符" in page and 'id="readers"' in page


def test_the_office_sees_who_read(client, people, report):
    client.force_login(people["discipline"].user)
    client.get(url("detail", report.pk))
    client.force_login(people["reporter"].user)
    own = client.get(url("detail", report.pk)).content.decode()
    assert 'id="readers"' not in own  # the reporter does not see the readers
    client.force_login(people["organization"].user)
    page = client.get(url("detail", report.pk)).content.decode()
    readers = page.split('id="readers"')[1]
    assert people["discipline"].user.username in readers and people["reporter"].user.username in readers
    assert reads().count() == 3
    audit = client.get(reverse("audit")).content.decode()
    assert "personal.read" in audit and DETAILS not in audit


def test_requesting_a_report(client, people):
    client.force_login(people["discipline"].user)
    assert client.get(url("request")).status_code == 403
    client.force_login(people["organization"].user)
    assert client.get(url("request")).status_code == 200
    response = client.post(
        url("request"),
        {"reporter": people["reporter"].pk, "occasion": "new_leader", "event_on": "2026-10-19"},
    )
    assert response.status_code == 302
    report = Report.objects.get(state="requested")
    client.force_login(people["reporter"].user)
    duties = client.get(reverse("duties")).content.decode()
    assert url("detail", report.pk) in duties
    assert client.get(url("file", report.pk)).status_code == 200
    response = client.post(url("file", report.pk), {"details": "全面报告各项"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.state, report.item, report.late) == ("filed", "all", False)
    client.force_login(people["colleague"].user)
    assert client.get(url("file", report.pk)).status_code == 403
