"""The Word documents (督查事项拟办呈批表, 督查通报) and the Excel ledger, opened as a user's office
software would open them, and the department report."""

import datetime
from io import BytesIO

import pytest
import time_machine
from django.urls import reverse
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import RGBColor
from openpyxl import load_workbook

from tests.core.official import check_ledger, colophon_text
from tests.supervision.helpers import assigned, at, register, submitted
from zhidu.supervision import services

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _september():
    with time_machine.travel(at(2026, 9, 15), tick=False):
        yield


def url(name, *args):
    return reverse(f"supervision:{name}", args=args)


def _docx(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml"
    )
    return Document(BytesIO(response.content))


def _fields(doc) -> dict:
    return {row.cells[0].text: row.cells[1].text for row in doc.tables[0].rows}


def test_the_approval_form(client, town, people):
    item = register(town, people, other_departments=[people["social_dept"]])
    services.approve(item, by=people["secretary"], note="同意，请经发办抓紧落实。")
    client.force_login(people["discipline"].user)
    doc = _docx(client.get(url("approval-form", item.pk)))
    masthead, number, title = [p for p in doc.paragraphs if p.text][:3]
    assert masthead.text == "中共柞村镇纪律检查委员会"
    assert masthead.runs[0].font.color.rgb == RGBColor(0xC0, 0x00, 0x00)
    assert title.text == "督查事项拟办呈批表"
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    run = title.runs[0]
    assert run.font.name == "方正小标宋简体"
    assert run._element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    assert number.text == "督查〔2026〕1号"
    table = doc.tables[0]
    # Proportioned columns (32 + 124 mm = the text width), and room for the principal to sign.
    assert [round(c.width.mm) for c in table.rows[0].cells] == [32, 124]
    signing = next(r for r in table.rows if r.cells[0].text == "领导批示")
    assert signing.height.mm >= 40
    assert doc.core_properties.author == "柞村镇"
    fields = _fields(doc)
    assert fields["督查事项"] == "落实秸秆禁烧工作"
    assert fields["事项来源"] == "上级批示"
    assert fields["承办单位"] == "经济发展办公室"
    assert fields["责任人"] == "周强"
    assert fields["协办单位"] == "社会事务办公室"
    assert fields["反馈期限"] == "2026年9月25日"
    assert "同意，请经发办抓紧落实。" in fields["领导批示"] and "杨书记" in fields["领导批示"]


def test_the_supervision_notice_for_the_owner(client, town, people):
    item = assigned(town, people)
    client.force_login(people["owner"].user)
    response = client.get(url("notice", item.pk))
    doc = _docx(response)
    # The body's paragraphs, then the 版记's (its box at the foot of the last page).
    texts = [p.text for p in doc.paragraphs if p.text] + colophon_text(response.content).split("\n")
    assert texts[:4] == ["中共柞村镇纪律检查委员会", "督查〔2026〕1号", "督查通报", "经济发展办公室："]
    assert "请于2026年9月25日前将办理情况书面反馈" in texts[4]
    assert _fields(doc)["督查要求"] == "九月底前完成全镇巡查并建立台账"
    assert texts[-3:] == ["柞村镇纪委办公室", "2026年9月15日", "柞村镇纪委办公室\t2026年9月15日印发"]
    client.force_login(people["social"].user)
    assert client.get(url("notice", item.pk)).status_code == 404


def test_no_notice_before_the_approval(client, town, people):
    """The 督查通报 says the leader approved the item (R7): before the approval it is refused, in
    words, for Word and PDF alike; the approval form (which the principal signs) still prints."""
    item = register(town, people)
    client.force_login(people["discipline"].user)
    for name in ("notice", "notice-pdf"):
        response = client.get(url(name, item.pk), follow=True)
        assert response.redirect_chain == [(url("item-detail", item.pk), 302)]
        assert [str(m) for m in response.context["messages"]] == ["督查事项经审批后方可印发督查通报。"]
    assert _docx(client.get(url("approval-form", item.pk))).tables[0].rows[-1].cells[1].text == ""


def test_the_ledger_and_the_department_report(client, town, people):
    on_time = submitted(town, people)
    services.accept(on_time, by=people["discipline"])
    late = assigned(town, people, matter="整治河道垃圾", deadline=datetime.date(2026, 9, 18))
    with time_machine.travel(at(2026, 9, 21), tick=False):
        services.submit_feedback(late, by=people["owner"], text="已清理")
        services.reject(
            late,
            by=people["discipline"],
            requirements="建立长效机制",
            new_deadline=datetime.date(2026, 9, 30),
        )
    assigned(
        town,
        people,
        matter="养老服务",
        department=people["social_dept"],
        owner=people["social"],
        deadline=datetime.date(2026, 9, 16),
    )
    client.force_login(people["discipline"].user)
    with time_machine.travel(at(2026, 9, 22), tick=False):
        client.force_login(people["discipline"].user)
        response = client.get(url("ledger") + "?year=2026")
        page = client.get(url("report") + "?year=2026").content.decode()
    assert response.status_code == 200
    book = load_workbook(BytesIO(b"".join(response.streaming_content)))
    ledger = book["督查台账"]
    data = check_ledger(
        ledger,
        title="柞村镇督查台账（2026年）",
        headers=["编号", "事项来源", "督查事项", "督查要求", "承办单位", "责任人", "协办单位", "立项日期",
                 "反馈期限", "状态"],
    )  # fmt: skip
    headers = [c.value for c in ledger[2]]
    assert "反馈内容" in headers and "最近反馈日期" in headers
    rows = {r[0]: dict(zip(headers, r, strict=True)) for r in data}
    first = rows["督查〔2026〕1号"]
    assert (first["督查事项"], first["承办单位"], first["责任人"]) == (
        "落实秸秆禁烧工作",
        "经济发展办公室",
        "周强",
    )
    assert first["督查要求"] == "九月底前完成全镇巡查并建立台账"
    assert first["立项日期"].date() == datetime.date(2026, 9, 15) and first["状态"] == "已验收、待归档"
    assert first["是否按期"] == "是" and first["反馈内容"].startswith("第1次（9月")
    second = rows["督查〔2026〕2号"]
    assert (second["反馈期限"].date(), second["反馈次数"], second["未通过次数"], second["是否按期"]) == (
        datetime.date(2026, 9, 30),
        1,
        1,
        "否",
    )
    assert "未通过" in second["反馈内容"]
    stats = check_ledger(
        book["部门统计"], title="柞村镇督查事项部门统计（2026年）", headers=["承办单位", "事项数"]
    )
    summary = {r[0]: r for r in stats}
    # 经济发展办公室: 2 items, 2 reports, 1 on time, the late one 3 days after its deadline.
    assert summary["经济发展办公室"][1:9] == (2, 0, 2, 0, 2, 1, 0.5, 3.0)
    assert summary["社会事务办公室"][4] == 1  # past its deadline without feedback
    assert "经济发展办公室" in page and "50%" in page and "3.0" in page
