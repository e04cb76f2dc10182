"""A situation as the workbook sent with the monthly claim: the "état de situation".

Per lot, every contract line: contract quantity, unit price, contract amount, cumulative
percent (the only figure typed), cumulative quantity and amount, the previous situation's
amount and the month's; lot subtotals; then the totals: cumulative, previous, the month's amount,
the price revision (its coefficient in a cell), the advance recovered (its amount and thresholds
in cells), the amount excl. VAT, the VAT (its rate in a cell, or the autoliquidation mention),
the retention (its rate in a cell), the net to pay and the due date. Every amount is a live
formula over the cells beside it, with the conventions of :mod:`bimquant.situation`: changing a
percent or a rate in Excel or LibreOffice updates every total. Then the lots and the stages.
Text from the model or the rule set is stored as text, never as a formula.
"""

from __future__ import annotations

from pathlib import Path

from bimquant.situation import Situation
from bimquant.report.dpgf import MONEY, QUANTITY, RATE, SYMBOLS, page_setup
from bimquant.report.tables import append_table, put_number, put_text
from bimquant.messages import section

LABELS = section("situation_sheet")

PERCENT = '0.0000" %"'


def write_situation(claim: Situation, path: Path, locale: str | None = None) -> None:
    """Write the situation workbook (see the module's docstring) in ``locale`` (default: the
    contract's language)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    language = locale or claim.info.get("language", "fr")
    words = LABELS.get(language, LABELS["en"])
    money = MONEY.format(symbol=SYMBOLS.get(claim.currency, claim.currency))
    bold = Font(bold=True)
    totals = claim.totals
    book = Workbook()
    sheet = book.active
    sheet.title = words["sheet"]
    title = words["title"].format(number=claim.info["number"], period=claim.info["period"])
    page_setup(sheet, title, Path(claim.info.get("contract", "")).name, words["page"], landscape=True)

    def number(row: int, column: int, value, fmt: str, font=None):
        return put_number(sheet, row, column, value, fmt, font)

    put_text(sheet, 1, 1, title).font = Font(bold=True, size=14)
    basis = claim.info.get("price_basis", "")
    basis = words["basis"].get(basis, basis)
    put_text(sheet, 2, 1, words["contract"].format(contract=Path(claim.info.get("contract", "")).name, basis=basis))
    header = 4
    for column, text in enumerate(words["headers"], start=1):
        put_text(sheet, header, column, text).font = bold
    row, subtotals = header + 1, []
    signed = set(claim.info.get("signed_codes") or claim.lines["code"])
    signed_rows: list[int] = []
    line_rows: list[range] = []
    for lot, lines in claim.lines.groupby("lot", sort=False):
        put_text(sheet, row, 1, lot).font = bold
        row += 1
        first = row
        for line in lines.to_dict(orient="records"):
            if line["code"] in signed:
                signed_rows.append(row)
            put_text(sheet, row, 1, line["code"])
            put_text(sheet, row, 2, line["label"])
            put_text(sheet, row, 3, line["unit"])
            number(row, 4, line["contract_quantity"], QUANTITY)
            number(row, 5, line["unit_price"], money)
            number(row, 6, f"=ROUND(D{row}*E{row},2)", money)
            number(row, 7, line["cumulative_percent"], PERCENT)
            number(row, 8, f"=ROUND(D{row}*G{row}/100,2)", QUANTITY)
            number(row, 9, f"=ROUND(F{row}*G{row}/100,2)", money)
            number(row, 10, line["previous_amount"], money)
            number(row, 11, f"=I{row}-J{row}", money)
            row += 1
        line_rows.append(range(first, row))
        put_text(sheet, row, 2, f"{words['subtotal']} {lot}").font = bold
        for column, index in (("F", 6), ("I", 9), ("J", 10), ("K", 11)):
            number(row, index, f"=SUM({column}{first}:{column}{row - 1})", money, bold)
        subtotals.append(row)
        row += 2

    def total_of(column: str) -> str:
        return "=" + "+".join(f"{column}{r}" for r in subtotals) if subtotals else "=0"

    def line(label: str, formula, font=None) -> int:
        nonlocal row
        put_text(sheet, row, 2, label).font = font or Font()
        number(row, 11, formula, money, font)
        row += 1
        return row - 1

    all_rows = [r for first_last in line_rows for r in first_last]
    contract = line(words["contract_total"], total_of("F"))
    cumulative = line(words["cumulative"], total_of("I"), bold)
    previous = line(words["previous"], total_of("J"))
    period = line(words["period"], f"=K{cumulative}-K{previous}", bold)
    revision = line(words["revision"], f"=ROUND(K{period}*(G{row}-1),2)")
    number(revision, 7, totals["revision_coefficient"], "0.0000")
    base = line(words["advance_base"], "=" + _sum_of_rows("F", signed_rows)) if signed_rows != all_rows else contract
    advance = line(words["advance"], f"=ROUND(K{base}*G{row}/100,2)")
    settings = claim.info["settings_used"]
    number(advance, 7, settings["advance_pct"], RATE)
    number(advance, 8, settings["advance_start_pct"], RATE)
    number(advance, 9, settings["advance_end_pct"], RATE)
    share = f"MIN(1,MAX(0,(K{cumulative}/K{contract}*100-H{advance})/(I{advance}-H{advance})))"
    to_date = line(words["advance_to_date"], f"=IF(K{contract}=0,0,ROUND(K{advance}*{share},2))")
    before = line(words["advance_before"], totals["advance_recovered_to_date"] - totals["advance_recovered"])
    recovered = line(words["advance_recovered"], f"=K{to_date}-K{before}")
    excl = line(words["excl_vat"], f"=K{period}+K{revision}-K{recovered}", bold)
    vat = line(words["vat"], f"=ROUND(K{excl}*G{row}/100,2)")
    number(vat, 7, totals["vat_pct"], RATE)
    if totals.get("autoliquidation"):
        put_text(sheet, vat, 3, words["autoliquidation"])
    incl = settings["retention_base"] == "incl_vat"
    works = f"(K{period}+K{revision})"
    base = f"({works}+ROUND({works}*G{vat}/100,2))" if incl else works
    retention = line(words["retention"] if incl else words["retention_excl"], f"=ROUND({base}*G{row}/100,2)")
    number(retention, 7, totals["retention_pct"], RATE)
    line(words["net"], f"=K{excl}+K{vat}-K{retention}", bold)
    put_text(sheet, row, 2, words["due"])
    put_text(sheet, row, 11, totals["due_date"])
    sheet.print_title_rows = f"{header}:{header}"
    sheet.print_area = f"A1:K{row}"
    sheet.freeze_panes = f"A{header + 1}"
    for column, width in zip("ABCDEFGHIJK", (12, 50, 6, 12, 12, 15, 11, 12, 15, 15, 15)):
        sheet.column_dimensions[column].width = width
    for name, table in ((words["lots"], claim.lots), (words["stages"], claim.stages)):
        plain = book.create_sheet(title=name[:31])
        append_table(plain, table, locale=language, name=name)
        plain.freeze_panes = "A2"
    _history_sheet(book, claim, words, money)
    book.save(path)


def _history_sheet(book, claim: Situation, words: dict, money: str) -> None:
    """The cumulative amount claimed month by month, against the contract total, and its chart."""
    from openpyxl.chart import LineChart, Reference

    sheet = book.create_sheet(title=words["history"][:31])
    put_text(sheet, 1, 1, words["month"])
    put_text(sheet, 1, 2, words["cumulative"])
    put_text(sheet, 1, 3, words["contract_total"])
    billed = {h["period"]: h["cumulative"] for h in claim.info.get("history", [])}
    planned = {p["period"]: p["planned"] for p in claim.info.get("planned", [])}
    if planned:
        put_text(sheet, 1, 4, words["planned"])
    history = [{"period": month} for month in sorted(set(billed) | set(planned))]
    for row, month in enumerate(history, start=2):
        put_text(sheet, row, 1, month["period"])
        if month["period"] in billed:
            put_number(sheet, row, 2, billed[month["period"]], money)
        put_number(sheet, row, 3, claim.totals["contract"], money)
        if month["period"] in planned:
            put_number(sheet, row, 4, planned[month["period"]], money)
    sheet.column_dimensions["A"].width, sheet.column_dimensions["B"].width = 12, 24
    sheet.column_dimensions["C"].width = sheet.column_dimensions["D"].width = 24
    chart = LineChart()
    chart.title = words["history"]
    chart.y_axis.title = claim.currency
    last = len(history) + 1
    chart.add_data(
        Reference(sheet, min_col=2, max_col=4 if planned else 3, min_row=1, max_row=last), titles_from_data=True
    )
    chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=last))
    chart.width, chart.height = 18, 9
    sheet.add_chart(chart, "E2")


def _sum_of_rows(column: str, rows: list[int]) -> str:
    """``SUM(F5:F9,F12:F12)``: the cells of ``rows`` in ``column``, as few ranges as they make."""
    ranges, start = [], None
    for i, row in enumerate(rows):
        if start is None:
            start = row
        if i + 1 == len(rows) or rows[i + 1] != row + 1:
            ranges.append(f"{column}{start}:{column}{row}")
            start = None
    return f"SUM({','.join(ranges)})" if ranges else "0"
