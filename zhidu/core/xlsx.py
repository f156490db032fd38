"""Excel ledgers (台账) as a township office prints and files them, the one helper every .xlsx of
Zhidu goes through (the supervision ledger, the openness scores, the family-events register):

- a title row over the table, merged across it, bold: the township, the ledger's name and its
  period ("柞水镇督查台账（2026年9月）");
- the header row bold, centred, shaded, wrapped; thin borders on every cell of the table;
- the header frozen and an autofilter on it, so the clerk sorts and filters without losing it;
- print setup: landscape A4, fit to one page wide (as many pages long as it takes), the header
  row repeated on every printed page, centred, "第 n 页 共 m 页" in the footer;
- column widths in characters, long text wrapped, dates as yyyy-mm-dd.

Usage: ``ledger_sheet(sheet, title=..., township=..., period=..., columns=[(header, width), ...],
rows=..., wrap={"督查要求", ...})``, on a sheet of an openpyxl Workbook, then ``workbook_bytes``."""

from __future__ import annotations

import datetime
import io
from collections.abc import Collection, Iterable, Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

TITLE_ROW, HEADER_ROW = 1, 2
DATE_FORMAT = "yyyy-mm-dd"
_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="E7E6E6")


def ledger_sheet(
    sheet: Worksheet,
    *,
    title: str,
    township: str,
    period: str,
    columns: Sequence[tuple[str, float]],
    rows: Iterable[Sequence[object]],
    wrap: Collection[str] = (),
    date_format: str = DATE_FORMAT,
) -> Worksheet:
    """Write one ledger on `sheet`: the title row, the header row (`columns`: header and width in
    characters), then `rows`; columns whose header is in `wrap` wrap their text."""
    last = get_column_letter(len(columns))
    sheet.cell(TITLE_ROW, 1, f"{township}{title}（{period}）" if period else f"{township}{title}")
    if len(columns) > 1:
        sheet.merge_cells(f"A{TITLE_ROW}:{last}{TITLE_ROW}")
    head = sheet.cell(TITLE_ROW, 1)
    head.font = Font(bold=True, size=16)
    head.alignment = Alignment(horizontal="center", vertical="center")
    sheet.row_dimensions[TITLE_ROW].height = 32
    for index, (header, width) in enumerate(columns, start=1):
        cell = sheet.cell(HEADER_ROW, index, header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.fill, cell.border = _HEADER_FILL, _BORDER
        sheet.column_dimensions[get_column_letter(index)].width = width
    wrapped = {index for index, (header, _) in enumerate(columns, start=1) if header in wrap}
    for values in rows:
        sheet.append(list(values))
        for index, cell in enumerate(sheet[sheet.max_row], start=1):
            cell.border = _BORDER
            cell.alignment = Alignment(vertical="top", wrap_text=index in wrapped)
            if isinstance(cell.value, datetime.date):
                cell.number_format = date_format
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{max(sheet.max_row, HEADER_ROW)}"
    _print_setup(sheet)
    return sheet


def _print_setup(sheet: Worksheet) -> None:
    setup = sheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.fitToWidth, setup.fitToHeight = 1, 0  # one page wide, as many long as it takes
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"  # the header on every printed page
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = sheet.page_margins.bottom = 0.75
    sheet.oddFooter.center.text = "第 &P 页 共 &N 页"


def workbook_bytes(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
