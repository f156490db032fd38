"""The department report (per year, or one month of it) and its Excel ledger."""

from __future__ import annotations

from io import BytesIO

from django.http import FileResponse
from django.shortcuts import render
from django.utils import timezone

from zhidu.core.access import requires, scoped
from zhidu.supervision import reports
from zhidu.supervision.accountability import ineligible
from zhidu.supervision.models import SupervisionItem

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _period(request) -> tuple[int, int | None]:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year") or today.year)
    except ValueError:
        year = today.year
    try:
        month = int(request.GET.get("month") or 0) or None
    except ValueError:
        month = None
    if month is not None and not 1 <= month <= 12:
        month = None
    return year, month


@requires("supervision.report")
def department_report(request):
    year, month = _period(request)
    today = timezone.localdate()
    items = list(reports.period_items(request.township, year, month))
    # DISTINCT on the township-leading (township, year, number) index: one row per year, not per item.
    years = sorted(
        set(scoped(SupervisionItem.objects, request).order_by().values_list("year", flat=True).distinct())
        | {today.year}
    )
    rows = reports.department_rows(items, today)
    monthly = reports.monthly_chart(reports.monthly_counts(request.township, year), year, month)
    return render(
        request,
        "supervision/report.html",
        {
            "rows": rows,
            "charts": [reports.bar_geometry(chart) for chart in reports.department_charts(rows)],
            "monthly": monthly,
            "monthly_columns": reports.column_geometry(monthly),
            "year": year,
            "month": month,
            "years": years,
            "months": range(1, 13),
            "ineligible": ineligible(request.township, year),
        },
    )


@requires("supervision.report")
def ledger(request):
    year, month = _period(request)
    content = reports.ledger_workbook(
        reports.period_items(request.township, year, month),
        timezone.localdate(),
        township=request.township.name,
        period=f"{year}年{f'{month}月' if month else ''}",
    )
    name = f"督查台账{year}年{f'{month}月' if month else ''}.xlsx"
    return FileResponse(BytesIO(content), as_attachment=True, filename=name, content_type=XLSX)
