"""The R9 pages by persona: the declarant and the two offices read a declaration, everyone else is
refused (403), another township's is not found (404); the form keeps what was typed and names the
field in Chinese; the live panel warns before the mistake; the Word form, the register and the
record export; nothing sealed shows to anyone else."""

import datetime
import io
import json
import zipfile

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from tests.core.official import check_ledger, check_pdf, check_xml
from tests.family_events.conftest import at
from zhidu.core.models import AuditEntry
from zhidu.family_events import services
from zhidu.family_events.models import Declaration, prohibitions_for

pytestmark = pytest.mark.django_db
RELATIVES = "儿子林晓峰与李婷婷"


@pytest.fixture(autouse=True)
def _september():
    with time_machine.travel(at(2026, 9, 20), tick=False), translation.override("zh-hans"):
        yield


def form_data(**changes):
    data = {
        "kind": "wedding", "whose": "child", "event_on": "2026-10-12", "purpose": "儿子结婚", "time": "中午",
        "place": "柞村镇某饭店", "guests": "120", "standard": "每桌600元", "relatives": RELATIVES,
        "guest_list": "亲属", "attested": [p.value for p in prohibitions_for("wedding")], "action": "submit",
    }  # fmt: skip
    data.update(changes)
    return data


@pytest.fixture
def declaration(people):
    services.declare(
        declarant=people["cadre_a"],
        content=services.Content(
            kind="wedding", event_on=datetime.date(2026, 10, 12), purpose="儿子结婚", time="中午", place="饭店",
            guests=120, standard="每桌600元", relatives=RELATIVES, guest_list="亲属",
            attested=[p.value for p in prohibitions_for("wedding")],
        ),
        submit=True, user=people["cadre_a"].user,
    )  # fmt: skip
    return Declaration.objects.get()


def url(name, *args):
    return reverse(f"family_events:{name}", args=args)


@pytest.mark.parametrize(
    ("persona", "status"),
    [("cadre_a", 200), ("discipline", 200), ("organization", 200), ("cadre_b", 403), ("clerk", 403),
     ("secretary", 403), ("staff", 403)],
)  # fmt: skip
def test_who_reads_a_declaration(client, people, declaration, persona, status):
    client.force_login(people[persona].user)
    for name in ("detail", "docx", "record"):
        response = client.get(url(name, declaration.pk))
        assert response.status_code == status, name
        if status == 403:
            assert RELATIVES.encode() not in response.content
    reads = AuditEntry.objects.filter(action="family_events.read", actor=people[persona].user)
    assert reads.exists() == (status == 200)


def test_another_township_is_not_found(client, elsewhere, declaration):
    client.force_login(elsewhere["discipline"].user)
    assert client.get(url("detail", declaration.pk)).status_code == 404


def test_a_cadre_declares_and_bad_input_keeps_what_was_typed(client, people):
    client.force_login(people["cadre_a"].user)
    assert client.get(url("new")).status_code == 200
    response = client.post(url("new"), form_data(place="", guests="很多"))
    assert response.status_code == 400
    body = response.content.decode()
    assert "人数" in body and "儿子结婚" in body and RELATIVES in body
    assert not Declaration.objects.exists()
    response = client.post(url("new"), form_data(place=""))
    assert response.status_code == 400 and "地点" in response.content.decode()
    response = client.post(url("new"), form_data(attested=["no_gifts"]))
    assert response.status_code == 400 and "纪律承诺" in response.content.decode()
    response = client.post(url("new"), form_data())
    d = Declaration.objects.get()
    assert (
        response.status_code == 302 and d.state == "submitted" and d.report_on == datetime.date(2026, 9, 20)
    )
    page = client.get(url("detail", d.pk)).content.decode()
    assert RELATIVES in page and 'data-code="ok"' in page


def test_a_draft_is_saved_then_submitted(client, people):
    client.force_login(people["cadre_a"].user)
    client.post(url("new"), form_data(action="draft", place="", attested=[]))
    d = Declaration.objects.get()
    assert d.state == "draft"
    page = client.get(url("edit", d.pk)).content.decode()
    assert RELATIVES in page
    client.post(url("edit", d.pk), form_data())
    d.refresh_from_db()
    assert d.state == "submitted"
    assert client.get(url("edit", d.pk)).status_code == 403


def test_the_live_panel_warns_that_the_10_days_have_passed(client, people):
    client.force_login(people["cadre_a"].user)
    response = client.post(url("check"), form_data(event_on="2026-09-28"))
    body = response.content.decode()
    assert (
        response.status_code == 200
        and "距办理日已不足10天：已逾期申报" in body
        and 'data-code="report-late"' in body
    )
    body = client.post(url("check"), form_data()).content.decode()
    assert 'data-code="ok"' in body and "2026年9月30日" in body
    body = client.post(url("check"), form_data(place="", attested=[])).content.decode()
    assert 'data-code="incomplete"' in body and 'data-code="no-attestation"' in body
    body = client.post(url("check"), {"kind": "", "event_on": "x"}).content.decode()
    assert "report-late" not in body


def test_the_office_enters_a_phone_report(client, people):
    client.force_login(people["clerk"].user)
    data = {"declarant": people["cadre_b"].pk, "whose": "parent", "event_on": "2026-09-22", "received_at": "2026-09-20T08:30",
            "purpose": "父亲去世", "place": "石门村", "guests": "", "time": "", "standard": ""}  # fmt: skip
    response = client.post(url("oral"), data | {"received_at": "昨天"})
    assert response.status_code == 400 and "接报时间" in response.content.decode()
    assert "父亲去世" in response.content.decode()
    response = client.post(url("oral"), data)
    assert response.status_code == 302
    d = Declaration.objects.get()
    assert (
        d.state == "oral" and d.received_by == people["clerk"] and d.kind == "funeral" and d.whose == "parent"
    )
    # The party office took the call; it does not read the declaration afterwards (R9 names the readers).
    assert client.get(url("detail", d.pk)).status_code == 403
    client.force_login(people["cadre_a"].user)
    assert client.get(url("oral")).status_code == 403


def test_review_correction_and_flag_pages(client, people, declaration):
    client.force_login(people["discipline"].user)
    response = client.post(url("review", declaration.pk), {"decision": "correct", "note": ""})
    assert response.status_code == 400 and "补正说明" in response.content.decode()
    response = client.post(url("review", declaration.pk), {"decision": "correct", "note": "请写明桌数"})
    assert response.status_code == 302
    declaration.refresh_from_db()
    assert declaration.state == "correction"
    response = client.post(url("flag", declaration.pk), {"code": "improper", "evidence": ""})
    assert response.status_code == 400
    client.post(url("flag", declaration.pk), {"code": "improper", "evidence": "使用公车接亲"})
    assert declaration.flags.get().code == "improper"
    client.force_login(people["organization"].user)
    assert client.post(url("review", declaration.pk), {"decision": "accept"}).status_code == 403
    client.force_login(people["cadre_a"].user)
    page = client.get(url("detail", declaration.pk)).content.decode()
    assert "请写明桌数" in page and "使用公车接亲" not in page


def test_spot_checks(client, people, declaration):
    client.force_login(people["discipline"].user)
    data = {"subject": people["cadre_a"].pk, "declaration": declaration.pk, "checked_at": "2026-09-20T09:00",
            "place": "饭店", "found": "", "flag_code": ""}  # fmt: skip
    response = client.post(url("spot-check-new"), data)
    assert response.status_code == 400 and "检查情况" in response.content.decode()
    response = client.post(url("spot-check-new"), data | {"found": "未见违规", "flag_code": "untrue"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "未见违规" in page
    assert "饭店" in client.get(url("spot-checks")).content.decode()
    for who in ("cadre_a", "clerk"):
        client.force_login(people[who].user)
        assert client.get(url("spot-checks")).status_code == 403


def test_the_word_form_and_the_register(client, people, declaration):
    client.force_login(people["discipline"].user)
    response = client.get(url("docx", declaration.pk))
    check_xml(response.content, township=declaration.township.name)  # GB/T 9704 layout
    check_pdf(response.content)
    assert client.get(url("pdf", declaration.pk)).content[:4] == b"%PDF"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        xml = archive.read("word/document.xml").decode()
    assert (
        "领导干部婚丧嫁娶等事宜报告单" in xml and RELATIVES in xml and "不收受亲戚以外人员的礼品和礼金" in xml
    )
    response = client.get(url("register") + "?year=2026")
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = check_ledger(
        sheet, title="柞村镇领导干部婚丧嫁娶等事宜报告登记表（2026年）", headers=["序号", "报告人", "职务"]
    )
    assert rows[0][1] == "林平" and rows[0][5] == "儿子结婚"
    assert RELATIVES not in str(rows)
    record = json.loads(client.get(url("record", declaration.pk)).content)
    assert record["format"] == "zhidu.family-event/1" and record["attestation"] is True
    client.force_login(people["cadre_a"].user)
    assert client.get(url("register")).status_code == 403


def test_a_draft_is_on_the_cadres_duties_with_a_link_to_it(client, people):
    client.force_login(people["cadre_a"].user)
    client.post(url("new"), form_data(action="draft"))
    d = Declaration.objects.get()
    page = client.get(reverse("duties")).content.decode()
    assert url("detail", d.pk) in page and "2026年9月30日" in page


def test_the_live_panel_of_a_phone_report(client, people):
    client.force_login(people["clerk"].user)
    data = {"mode": "oral", "event_on": "2026-09-25", "received_at": "2026-09-24T19:30"}
    body = client.post(url("check"), data).content.decode()
    assert 'data-obligation="written-form"' in body and "2026年10月8日" in body and "report-late" not in body
    body = client.post(url("check"), data | {"received_at": "2026-09-26T08:00"}).content.decode()
    assert 'data-code="report-late"' in body
    assert client.post(url("check"), data | {"event_on": "坏日期"}).status_code == 200
