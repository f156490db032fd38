"""R21 pages: registering (a refusal names the field and keeps the typed text), the case page (the
petitioner's data to those handling it, audited), the live rule check of the extension form, the
export, the monthly report, and the public pages: follow by receipt code (no personal data, rate
limit, captcha after failures), the schedule, the privacy notice."""

import datetime
import json

import pytest
import time_machine
from django.urls import reverse

from tests import factories
from tests.core.crawl_support import readable
from tests.core.official import check_pdf, check_xml
from tests.petitions.conftest import ISSUE, NAME, PHONE, at, register
from zhidu.core.models import AuditEntry
from zhidu.obligations.models import Obligation
from zhidu.petitions import checks, codes, monthly, office, services
from zhidu.petitions.models import Case, MonthlyReport

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def case(people):
    with time_machine.travel(at(2026, 8, 6), tick=False):
        made = register(people)
        return services.route(made, department=people["handler"].department, by=people["clerk"])


def test_register_refusal_names_the_field_and_keeps_the_text(login, people):
    client = login(people["clerk"])
    data = {
        "mode": "scheduled", "received_on": "2026-12-02", "leader": people["deputy"].pk, "subject": "宅基地纠纷",
        "petitioner_name": NAME, "petitioner_id_number": "12345", "issue": ISSUE,
    }  # fmt: skip
    response = client.post(reverse("petitions:new"), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "身份证号码" in body and ISSUE in body and NAME in body
    assert not Case.objects.exists()
    data["petitioner_id_number"] = ""
    response = client.post(reverse("petitions:new"), data)
    made = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("petitions:detail", args=[made.pk])


def test_the_case_page_shows_the_petitioner_to_those_handling_it(login, people, case):
    url = reverse("petitions:detail", args=[case.pk])
    body = login(people["handler"]).get(url).content.decode()
    assert NAME in body and PHONE in body and 'id="answer-submit"' in body
    assert AuditEntry.objects.filter(action="petitions.read", actor=people["handler"].user).count() == 1
    principal = login(people["secretary"]).get(url).content.decode()
    assert case.subject in principal and NAME not in principal
    assert login(people["other"]).get(url).status_code == 403
    stranger = factories.personas(factories.township("东山镇", "dongshan"), prefix="ds-")["clerk"]
    assert login(stranger).get(url).status_code == 404


def test_the_live_check_judges_the_unsaved_extension(login, people, case):
    client = login(people["clerk"])
    url = reverse("petitions:extension-check", args=[case.pk])
    with time_machine.travel(at(2026, 9, 30), tick=False):
        panel = client.post(url, {"decided_on": "2026-09-30", "days": "45", "reason": ""}).content.decode()
        assert 'data-code="extension-too-long"' in panel and 'data-code="extension-no-reason"' in panel
        assert 'data-code="extension-not-told"' in panel and "R21§4" in panel
        ok = client.post(
            url, {"decided_on": "2026-09-30", "days": "30", "reason": "需会商", "told_on": "2026-09-30"}
        )
        assert 'data-code="none"' in ok.content.decode() and "2026年11月4日" in ok.content.decode()
        refused = client.post(
            reverse("petitions:extend", args=[case.pk]),
            {"decided_on": "2026-09-30", "days": "45", "reason": "需多部门会商"},
        )
    assert refused.status_code == 400
    body = refused.content.decode()
    assert "超过30日" in body and "需多部门会商" in body
    assert not Case.objects.get(pk=case.pk).extended


def test_the_export_is_a_petition_record(login, people, case):
    response = login(people["discipline"]).get(reverse("petitions:export", args=[case.pk]))
    document = json.loads(response.content)
    assert checks.parse(document).received_on == D(2026, 8, 6)
    assert NAME not in response.content.decode()
    everything = json.loads(login(people["clerk"]).get(reverse("petitions:export-all")).content)
    assert [row["code"] for row in everything] == [case.code]


def test_follow_by_code_shows_no_personal_data(client, case):
    url = reverse("petitions:follow")
    assert client.get(url).status_code == 200
    response = client.post(url, {"code": codes.grouped(case.code).lower()})
    body = response.content.decode()
    assert response.status_code == 200 and 'id="followed-case"' in body and 'data-state="routed"' in body
    assert "2026年10月8日" in body  # 60 days from 6 August, past the National Day holiday
    for secret in (NAME, PHONE, ISSUE, "11010519491231002X"):
        assert secret not in body


def test_follow_asks_the_captcha_after_failures_and_is_rate_limited(client, case):
    url = reverse("petitions:follow")
    for _ in range(3):
        response = client.post(url, {"code": "ABCD-EFGH-JKMN"})
        assert response.status_code == 404 and 'id="not-found"' in response.content.decode()
    asked = client.get(url).content.decode()
    assert 'name="captcha_1"' in asked
    refused = client.post(url, {"code": case.code})
    assert refused.status_code == 400 and 'id="followed-case"' not in refused.content.decode()
    statuses = [client.post(url, {"code": "ABCD-EFGH-JKMN"}).status_code for _ in range(30)]
    assert statuses[-1] == 429


def test_public_schedule_and_privacy_need_no_log_in(client, people, town):
    with time_machine.travel(at(2026, 12, 2), tick=False):
        office.schedule(
            township=town, day=D(2026, 12, 9), starts_at=datetime.time(9), ends_at=datetime.time(11),
            place="镇政府一楼群众接待室", leader=people["deputy"], by=people["clerk"],
        )  # fmt: skip
        body = client.get(reverse("petitions:public-schedule", args=[town.code])).content.decode()
    assert "镇政府一楼群众接待室" in body and people["deputy"].name in body
    assert client.get(reverse("petitions:privacy")).status_code == 200
    assert client.get(reverse("petitions:public-schedule", args=["nowhere"])).status_code == 404


def test_monthly_report_duty_and_hearing(login, people, town, case):
    with time_machine.travel(at(2026, 9, 3), tick=False):
        assert monthly.generate(town, D(2026, 9, 3)) == 1
        assert monthly.generate(town, D(2026, 9, 4)) == 0
    duty = Obligation.objects.get(key="petition-monthly-report:2026-08")
    assert (duty.department, duty.due_at.date()) == (people["clerk"].department, D(2026, 9, 30))
    report = MonthlyReport.objects.get(township=town)
    client = login(people["clerk"])
    with time_machine.travel(at(2026, 9, 10), tick=False):
        page = client.get(reverse("petitions:report", args=[report.pk])).content.decode()
        assert 'id="report-total"' in page and "社会事务办公室" in page
        summary = monthly.summary(town, D(2026, 8, 1), D(2026, 9, 10))
        assert (summary.total.received, summary.total.open) == (1, 1)
        assert "2026年8月接访情况报告" in page and "合计" in page
        client.cookies["django_language"] = "en"
        english = client.get(reverse("petitions:report", args=[report.pk])).content.decode()
        assert "Report on receptions, August 2026" in english and "合计" not in english
        client.cookies["django_language"] = "zh-hans"
        response = client.post(reverse("petitions:report-hear", args=[report.pk]), {"heard_on": "2026-09-10"})
    assert response.status_code == 302
    duty.refresh_from_db()
    assert duty.state == "done"
    assert AuditEntry.objects.get(action="petitions.hear_report").summary == "党委听取2026年8月接访情况报告"


def test_aging_is_the_offices(login, people, case):
    with time_machine.travel(at(2026, 10, 12), tick=False):
        body = login(people["clerk"]).get(reverse("petitions:aging")).content.decode()
        assert login(people["deputy"]).get(reverse("petitions:aging")).status_code == 403
    assert 'data-band="overdue"' in body and case.subject in body


def test_the_receipt_and_the_report_document(login, people, town, case):
    client = login(people["clerk"])
    receipt = client.get(reverse("petitions:receipt", args=[case.pk])).content.decode()
    assert (
        codes.grouped(case.code) in receipt and reverse("petitions:follow") in receipt and NAME not in receipt
    )
    assert login(people["handler"]).get(reverse("petitions:receipt", args=[case.pk])).status_code == 403
    with time_machine.travel(at(2026, 9, 3), tick=False):
        monthly.generate(town, D(2026, 9, 3))
        report = MonthlyReport.objects.get(township=town)
        secretary = login(people["secretary"])
        secretary.cookies["django_language"] = "en"  # the document stays Chinese for an English reader
        response = secretary.get(reverse("petitions:report-document", args=[report.pk]))
        text = readable(response.content)
        check_xml(response.content, township=town.name)  # GB/T 9704 layout
        check_pdf(response.content)
    assert "受理1件" in text and "定点接访" in text and NAME not in text and case.subject not in text
