"""The county's overview across its townships (issue 18), a township's row per article, and the
overview's Excel ledger. Read-only; the townships are those of the viewer's own county
(zhidu.county.tallies.county_townships): another county's township is a 404."""

from __future__ import annotations

from io import BytesIO

from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from zhidu.core.access import ZhiduRequest, requires
from zhidu.core.xlsx import ledger_sheet, workbook_bytes
from zhidu.county import tallies

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
YEARS_BACK = 5


def _county(request: ZhiduRequest) -> str:
    # The county is the viewer's own township's (the county view is a person of the county's offices).
    person = request.person
    return person.township.county if person is not None else ""


def _year(request: ZhiduRequest) -> tuple[int, list[int]]:
    this = timezone.localdate().year
    years = list(range(this, this - YEARS_BACK - 1, -1))
    raw = request.GET.get("year", "")
    year = int(raw) if raw.isascii() and raw.isdigit() else this
    return (year if year in years else this), years


def _county_name(county: str) -> str:
    return county or _("The county")


@requires("county.view")
def overview(request: ZhiduRequest) -> HttpResponse:
    county = _county(request)
    year, years = _year(request)
    table, sort = tallies.sort_rows(
        tallies.rows(tallies.county_townships(county), year), request.GET.get("sort", "name")
    )
    columns = [
        ("name", _("Township")),
        ("due", _("Obligations due")),
        ("on_time", _("Done on time")),
        ("late", _("Done late")),
        ("overdue", _("Overdue")),
        ("meetings_held", _("Meetings held")),
        ("invalid", _("Invalid findings")),
        ("violation", _("Violations")),
        ("advice", _("Advice")),
        ("supervision_open", _("Supervision open")),
        ("supervision_overdue", _("Supervision overdue")),
        ("petitions_overdue", _("Petitions past due")),
    ]
    headers = [
        {
            "key": key,
            "label": label,
            "current": sort.lstrip("-") == key,
            "descending": sort == f"-{key}",
            # A first click sorts the figures high to low (the worst first), the names A to Z.
            "next": key if sort == f"-{key}" or (key == "name" and sort != "name") else f"-{key}",
        }
        for key, label in columns
    ]
    return render(
        request,
        "county/overview.html",
        {
            "county": _county_name(county),
            "rows": table,
            "headers": headers,
            "sort": sort,
            "year": year,
            "years": years,
        },
    )


@requires("county.view")
def township(request: ZhiduRequest, pk: int) -> HttpResponse:
    county = _county(request)
    year, years = _year(request)
    town = get_object_or_404(tallies.county_townships(county), pk=pk)
    (row,) = tallies.rows([town], year)
    by_article: dict[str, dict[str, int]] = {}
    for f in row.findings:
        by_article.setdefault(f["article"], {s: 0 for s in tallies.SEVERITIES})[f["severity"]] = f["count"]
    return render(
        request,
        "county/township.html",
        {
            "county": _county_name(county),
            "row": row,
            "town": town,
            "findings": sorted(by_article.items(), key=lambda kv: tallies.article_order(kv[0])),
            "year": year,
            "years": years,
        },
    )


@requires("county.view")
def ledger(request: ZhiduRequest) -> FileResponse:
    county = _county(request)
    year, _years = _year(request)
    table = tallies.rows(tallies.county_townships(county), year)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Townships")
    ledger_sheet(
        sheet,
        title=_("townships' rule compliance"),
        township=_county_name(county),
        period=_("year %(year)s") % {"year": year},
        columns=[
            (_("Township"), 14),
            (_("Obligations due"), 10),
            (_("Done on time"), 10),
            (_("Done late"), 10),
            (_("Overdue"), 10),
            (_("Not yet due"), 10),
            (_("Meetings held"), 10),
            (_("Invalid findings"), 10),
            (_("Violations"), 10),
            (_("Advice"), 10),
            (_("Supervision open"), 10),
            (_("Supervision overdue"), 10),
            (_("Petitions past due"), 10),
        ],
        rows=(
            (
                r.township.name,
                r.due,
                r.on_time,
                r.late,
                r.overdue,
                r.open,
                r.meetings_held,
                r.invalid,
                r.violation,
                r.advice,
                r.supervision_open,
                r.supervision_overdue,
                r.petitions_overdue,
            )
            for r in table
        ),
    )
    articles = book.create_sheet(_("By article"))
    ledger_sheet(
        articles,
        title=_("obligations by article"),
        township=_county_name(county),
        period=_("year %(year)s") % {"year": year},
        columns=[
            (_("Township"), 14),
            (_("Article"), 12),
            (_("Obligations due"), 10),
            (_("Done on time"), 10),
            (_("Done late"), 10),
            (_("Overdue"), 10),
            (_("Not yet due"), 10),
        ],
        rows=(
            (r.township.name, t.article, t.total, t.on_time, t.late, t.missing, t.open)
            for r in table
            for t in r.articles
        ),
    )
    name = f"{_county_name(county)}{year}年各乡镇执行制度情况.xlsx"
    return FileResponse(BytesIO(workbook_bytes(book)), as_attachment=True, filename=name, content_type=XLSX)
