"""The R11 pages: bad input is refused with the field named and the typed text kept; the scoring
form's live panel judges the unsaved scores with the same check; the sheet prints as Word, the
scores export to Excel, the notified result prints as Word."""

import io
import re
import zipfile

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.core.official import check_ledger, check_pdf, check_xml
from tests.openness.test_assessment import run
from zhidu.openness import services
from zhidu.openness.models import OpennessAssessment, Publication

pytestmark = pytest.mark.django_db


def codes(response) -> list[str]:
    return re.findall(r'data-code="([\w-]+)"', response.content.decode())


def test_the_publication_form_names_the_field_and_keeps_the_text(p, login):
    client = login(p["clerk"])
    posted = {"category": "decisions", "published_on": "明天", "where": "村委会公开栏（东侧）"}
    response = client.post(reverse("openness:publication-new"), posted)
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="id_published_on_error"' in body and "村委会公开栏（东侧）" in body
    assert not Publication.objects.exists()


def test_the_assessment_form_needs_a_branch_and_an_inspector(p, login):
    client = login(p["organization"])
    posted = {
        "kind": "random",
        "year": "2026",
        "title": "第二次平时考核",
        "plan": "随机抽查",
        "inspectors": [],
    }
    response = client.post(reverse("openness:assessment-new"), posted)
    assert response.status_code == 400 and 'id="id_inspectors_error"' in response.content.decode()
    posted["inspectors"] = [str(p["discipline"].pk)]
    response = client.post(reverse("openness:assessment-new"), posted)
    assert response.status_code == 400 and "第二次平时考核" in response.content.decode()
    posted[f"reporter_{p['b1'].pk}"] = str(p["reporter"].pk)
    response = client.post(reverse("openness:assessment-new"), posted)
    assert response.status_code == 302
    assert OpennessAssessment.objects.get().units.get().reporter == p["reporter"]


def test_the_live_panel_warns_of_a_score_above_its_points(p, town, login):
    office = p["organization"]
    a = services.create_assessment(township=town, by=office, year=2026, kind="random", title="平时", plan="方案",
                                   units=[(p["b1"], p["reporter"])], inspectors=[office], user=office.user)  # fmt: skip
    services.approve_plan(a, by=p["clerk"], note="审定", user=p["clerk"].user)
    unit = a.units.get()
    first = a.sheet.criteria.first()
    url = reverse("openness:score-check", args=[unit.pk])
    client = login(office)
    assert codes(client.post(url, {f"score_{first.pk}": "9"})) == ["score-out-of-range", "criteria-unscored"]
    assert codes(client.post(url, {f"score_{first.pk}": "3"})) == ["criteria-unscored"]


def test_documents_and_export(p, town, login):
    a = run(p, town)
    client = login(p["organization"])
    sheet = client.get(reverse("openness:sheet"), {"docx": "1"})
    assert "评分标准" in zipfile.ZipFile(io.BytesIO(sheet.content)).read("word/document.xml").decode()
    result = client.get(reverse("openness:result-docx", args=[a.pk]))
    xml = zipfile.ZipFile(io.BytesIO(result.content)).read("word/document.xml").decode()
    assert "西岭村党支部" in xml and "不合格" in xml
    for content in (sheet.content, result.content):  # GB/T 9704: the one builder's layout
        check_xml(content, township=town.name)
    check_pdf(result.content)
    for pdf in (
        client.get(reverse("openness:sheet"), {"pdf": "1"}),
        client.get(reverse("openness:result-pdf", args=[a.pk])),
    ):
        assert pdf.status_code == 200 and pdf.content[:4] == b"%PDF"
    book = load_workbook(io.BytesIO(client.get(reverse("openness:scores-xlsx", args=[a.pk])).content))
    rows = check_ledger(book.active, title=f"柞村镇党务公开考核得分表（{a.title}）", headers=["党支部"])
    assert [c.value for c in book.active[2]][-3:] == ["总分", "档次", "年度考核调整(%)"]
    assert rows[0][0] == "东沟村党支部" and rows[0][-2] == "优秀" and rows[0][-1] == 20
    assert login(p["cadre"]).get(reverse("openness:scores-xlsx", args=[a.pk])).status_code == 403
