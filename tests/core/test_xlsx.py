"""The one Excel ledger helper (zhidu.core.xlsx): what a clerk prints and filters, read back with
openpyxl as the office software reads the file."""

import datetime
import io

from openpyxl import Workbook, load_workbook

from tests.core.official import check_ledger
from zhidu.core.xlsx import ledger_sheet, workbook_bytes


def test_a_ledger_prints_and_filters_as_a_clerk_expects():
    book = Workbook()
    ledger_sheet(
        book.active,
        title="督查台账",
        township="柞水镇",
        period="2026年9月",
        columns=[("编号", 12), ("督查要求", 40), ("立项日期", 14)],
        rows=[["督查〔2026〕1号", "九月底前完成巡查\n并建立台账", datetime.date(2026, 9, 15)]],
        wrap={"督查要求"},
    )
    sheet = load_workbook(io.BytesIO(workbook_bytes(book))).active
    rows = check_ledger(sheet, title="柞水镇督查台账（2026年9月）", headers=["编号", "督查要求", "立项日期"])
    assert rows[0][:2] == ("督查〔2026〕1号", "九月底前完成巡查\n并建立台账")
    assert sheet["B3"].alignment.wrap_text and not sheet["A3"].alignment.wrap_text
    assert sheet["C3"].number_format == "yyyy-mm-dd"
    assert [sheet.column_dimensions[c].width for c in "ABC"] == [12, 40, 14]
    assert "&P" in sheet.oddFooter.center.text and "&N" in sheet.oddFooter.center.text


def test_an_empty_ledger_still_has_its_title_header_and_filter():
    book = Workbook()
    ledger_sheet(
        book.active,
        title="登记表",
        township="柞水镇",
        period="",
        columns=[("序号", 6), ("报告人", 10)],
        rows=[],
    )
    sheet = load_workbook(io.BytesIO(workbook_bytes(book))).active
    assert check_ledger(sheet, title="柞水镇登记表", headers=["序号", "报告人"]) == []
