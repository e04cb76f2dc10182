"""Costs against budget as a workbook and a picture.

The workbook: a summary (per lot, the totals, then the lines most over budget first), the
detail per line, the stages, what does not match (costs without progress, progress without
costs), the cost rows, and the curves (planned value, earned value, actual cost by month) with
their chart. The picture (PNG, matplotlib: the ``report`` extra) draws the same curves. Both
draw :func:`bimquant.costs.get_chart_series`, the series a test checks against the tables.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bimquant.costs import Costs, get_chart_series
from bimquant.errors import OutputError
from bimquant.report.dpgf import MONEY, SYMBOLS
from bimquant.report.tables import append_table, put_number, put_text
from bimquant.messages import Message, section

LABELS = section("costs_sheet")

FIGURES = ["budget", "earned", "actual", "cost_variance", "cpi", "eac", "eac_budget"]


def write_costs(report: Costs, path: Path, locale: str | None = None) -> None:
    """Write the costs workbook in ``locale`` (default: the contract's language)."""
    from openpyxl import Workbook
    from openpyxl.chart import LineChart, Reference
    from openpyxl.styles import Font

    language = locale or report.info.get("language", "fr")
    words = LABELS.get(language, LABELS["en"])
    money = MONEY.format(symbol=SYMBOLS.get(report.currency, report.currency))
    bold = Font(bold=True)
    book = Workbook()
    sheet = book.active
    sheet.title = words["summary"]
    put_text(sheet, 1, 1, words["title"].format(period=report.info["period"])).font = Font(bold=True, size=14)

    def figures(row: int, values: dict, font=None) -> None:
        for column, key in enumerate(FIGURES, start=2):
            value = values.get(key)
            fmt = "0.0000" if key == "cpi" else money
            put_number(sheet, row, column, value, fmt, font)

    put_text(sheet, 3, 1, words["lots"]).font = bold
    for column, text in enumerate(words["figures"], start=2):
        put_text(sheet, 3, column, text).font = bold
    row = 4
    for lot in report.lots.to_dict(orient="records"):
        put_text(sheet, row, 1, lot["lot"])
        figures(row, lot)
        row += 1
    put_text(sheet, row, 1, words["totals"]).font = bold
    figures(row, report.totals, bold)
    row += 2
    put_text(sheet, row, 1, words["worst"]).font = bold
    row += 1
    worst = report.lines[report.lines["cost_variance"] < 0].head(10)
    for line in worst.to_dict(orient="records"):
        put_text(sheet, row, 1, f"{line['code']} {line['label']}")
        figures(row, line)
        row += 1
    sheet.column_dimensions["A"].width = 56
    for column in "BCDEFGH":
        sheet.column_dimensions[column].width = 15
    unmatched = report.unmatched  # its issues in French through the catalogue (the JSON keeps their ids)
    for name, table, key in (
        (words["detail"], report.lines, "cost_lines"),
        (words["stages"], report.stages, "stages"),
        (words["unmatched"], unmatched, "unmatched"),
        (words["actuals"], report.actuals, "actuals"),
    ):
        plain = book.create_sheet(title=name[:31])
        append_table(plain, table, locale=language, name=key)
        plain.freeze_panes = "A2"
    curves = book.create_sheet(title=words["curves"][:31])
    series = get_chart_series(report)
    names = [key for key in ("planned", "earned", "actual") if key in series]
    months = sorted({month for key in names for month, _ in series[key]})
    put_text(curves, 1, 1, words["month"])
    for column, key in enumerate(names, start=2):
        put_text(curves, 1, column, words["series"][key])
        values = dict(series[key])
        for row, month in enumerate(months, start=2):
            if month in values:
                put_number(curves, row, column, values[month], money)
    for row, month in enumerate(months, start=2):
        put_text(curves, row, 1, month)
    chart = LineChart()
    chart.title = words["chart"]
    chart.y_axis.title = report.currency
    chart.add_data(
        Reference(curves, min_col=2, max_col=len(names) + 1, min_row=1, max_row=len(months) + 1), titles_from_data=True
    )
    chart.set_categories(Reference(curves, min_col=1, min_row=2, max_row=len(months) + 1))
    chart.width, chart.height = 18, 9
    curves.add_chart(chart, "F2")
    book.save(path)


def write_costs_chart(report: Costs, path: Path, locale: str | None = None) -> dict[str, list[tuple[str, float]]]:
    """Draw the curves into ``path`` (PNG); return the series drawn. :class:`OutputError`
    naming the extra when matplotlib is not installed."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.dates
        import matplotlib.pyplot as plt
    except ImportError:
        raise OutputError(Message("error.report.no_matplotlib"), Message("hint.report.install_report")) from None
    words = LABELS.get(locale or report.info.get("language", "fr"), LABELS["en"])
    series = get_chart_series(report)
    figure, axes = plt.subplots(figsize=(9, 5), constrained_layout=True)
    styles = {"planned": {"drawstyle": "steps-post"}, "earned": {"marker": "o"}, "actual": {"marker": "."}}
    for key in ("planned", "earned", "actual"):
        if key in series:
            months, values = zip(*series[key])
            # months as dates: the axis keeps them in order whichever series names one first
            dates = [dt.date(int(m[:4]), int(m[5:7]), 1) for m in months]
            axes.plot(dates, values, label=words["series"][key], **styles[key])
    axes.xaxis.set_major_formatter(matplotlib.dates.DateFormatter("%Y-%m"))
    axes.xaxis.set_major_locator(matplotlib.dates.MonthLocator())
    axes.set_ylim(bottom=0)
    axes.set_title(words["chart"])
    axes.set_ylabel(report.currency)
    axes.legend()
    figure.savefig(path, format="png", dpi=110)
    plt.close(figure)
    return series
