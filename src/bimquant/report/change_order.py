"""A revision as the change order a works director sends: the "devis de travaux supplémentaires".

The first sheet lists, lot by lot, every priced work item whose quantity moved: contract
quantity, new quantity, delta, unit price, plus-value or moins-value; lot subtotals; the total
of plus-values, of moins-values, the total excl. VAT, the VAT and the total incl. VAT. Every
delta, amount and total is a live formula over the cells beside it; the VAT rate sits in a cell
of its own. Items without a contract price ("prix nouveaux") follow with their quantity and an
empty price to negotiate; typing one fills its amount, and the totals take it in. Then the
items, the elements, the trace and the map as plain tables. Text from the model or the rule
set is always stored as text, never as a formula.
"""

from __future__ import annotations

from pathlib import Path

from bimquant.report.dpgf import MONEY, QUANTITY, RATE, SYMBOLS, page_setup
from bimquant.report.tables import append_table, put_number, put_text
from bimquant.diff import Revision, say_price_source
from bimquant.messages import section

LABELS = section("change_order")

WIDTHS = {  # characters, for the columns a person reads in full
    "old_global_id": 24,
    "new_global_id": 24,
    "label": 48,
    "name": 30,
    "changes": 80,
    "lot": 24,
    "ifc_class": 20,
    "storey": 16,
}


def write_change_order(revision: Revision, path: Path, locale: str | None = None) -> None:
    """Write the change-order workbook (see the module's docstring) in ``locale`` (default: the
    rule set's language)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    language = locale or revision.info.get("language", "fr")
    words = LABELS.get(language, LABELS["en"])
    money = MONEY.format(symbol=SYMBOLS.get(revision.currency, revision.currency))
    bold = Font(bold=True)
    book = Workbook()
    sheet = book.active
    sheet.title = words["sheet"]
    old, new = Path(revision.info.get("old_file", "")).name, Path(revision.info.get("new_file", "")).name
    page_setup(sheet, words["title"], f"{old} -> {new}", words["page"], landscape=True)

    def number(row: int, column: int, value, fmt: str, font=None):
        return put_number(sheet, row, column, value, fmt, font)

    put_text(sheet, 1, 1, words["title"]).font = Font(bold=True, size=14)
    put_text(sheet, 2, 1, words["from_to"].format(old=old, new=new))
    put_text(sheet, 3, 1, words["prices"].format(source=say_price_source(revision.info, language)))
    header_row = 5
    for column, text in enumerate(words["headers"], start=1):
        put_text(sheet, header_row, column, text).font = bold
    row = header_row + 1
    items = revision.items
    moved = items[(items["delta_quantity"] != 0) & items["unit_price"].notna()]
    subtotals = []
    for lot, lines in moved.groupby("lot", sort=False):
        put_text(sheet, row, 1, lot).font = bold
        row += 1
        first = row
        for line in lines.to_dict(orient="records"):
            _line(sheet, row, line, money, omitted=_omitted_here(revision, line))
            number(row, 7, line["unit_price"], money)
            row += 1
            if _omitted_here(revision, line):
                put_text(sheet, row, 2, words["omitted"].format(q=f"{line['omitted_quantity']:g}", unit=line["unit"]))
                row += 1
        put_text(sheet, row, 2, f"{words['subtotal']} {lot}").font = bold
        number(row, 8, f"=SUM(H{first}:H{row - 1})", money, bold)
        number(row, 9, f"=SUM(I{first}:I{row - 1})", money, bold)
        subtotals.append(row)
        row += 2
    if not subtotals:
        put_text(sheet, row, 2, words["nothing"])
        row += 2
    new_prices = items[items["new_price"]]
    new_rows = []
    if len(new_prices):
        put_text(sheet, row, 1, words["new_prices"]).font = bold
        row += 1
        for line in new_prices.to_dict(orient="records"):
            _line(sheet, row, line, money)
            sheet.cell(row=row, column=7).number_format = money  # empty: the price to agree
            new_rows.append(row)
            row += 1
        row += 1
    parts_h = [f"H{r}" for r in subtotals + new_rows]
    parts_i = [f"I{r}" for r in subtotals + new_rows]
    plus = row
    put_text(sheet, plus, 2, words["plus"]).font = bold
    number(plus, 8, f"=SUM({','.join(parts_h)})" if parts_h else 0, money, bold)  # SUM: an unpriced line is ""
    minus = plus + 1
    put_text(sheet, minus, 2, words["minus"]).font = bold
    number(minus, 9, f"=SUM({','.join(parts_i)})" if parts_i else 0, money, bold)
    total = minus + 1
    put_text(sheet, total, 2, words["total_excl"]).font = bold
    number(total, 9, f"=H{plus}-I{minus}", money, bold)
    vat = total + 1
    put_text(sheet, vat, 2, words["vat"])
    put_text(sheet, vat, 6, words["rate"])
    number(vat, 7, revision.totals.get("vat_pct", 20.0), RATE)
    number(vat, 9, f"=ROUND(I{total}*G{vat}/100,2)", money)
    put_text(sheet, vat + 1, 2, words["total_incl"]).font = bold
    number(vat + 1, 9, f"=I{total}+I{vat}", money, bold)
    last = vat + 1
    red = Font(bold=True, color="C00000")
    if revision.totals.get("new_prices"):
        last += 2
        put_text(sheet, last, 2, words["incomplete"].format(n=revision.totals["new_prices"])).font = red
    warnings = revision.info.get("warnings_fr" if language == "fr" else "warnings", [])
    for warning in warnings:  # across the sheet's width, wrapped: a client reads it whole, printed too
        last += 1
        cell = put_text(sheet, last, 2, f"{words['warning']} {warning}")
        cell.font, cell.alignment = red, Alignment(wrap_text=True, vertical="top")
        sheet.merge_cells(start_row=last, start_column=2, end_row=last, end_column=9)
        sheet.row_dimensions[last].height = 15 * (1 + len(cell.value) // 150)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.print_area = f"A1:I{last}"
    sheet.freeze_panes = f"A{header_row + 1}"
    for column, width in zip("ABCDEFGHI", (12, 56, 6, 13, 13, 13, 13, 15, 15)):
        sheet.column_dimensions[column].width = width
    names = LABELS.get(language, LABELS["en"])["sheets"]
    for key in ("items", "elements", "trace", "map"):
        plain = book.create_sheet(title=names[key][:31])
        table = getattr(revision, key)
        append_table(plain, table, locale=language, name=key)
        plain.freeze_panes = "A2"
        for index, column in enumerate(table.columns, start=1):
            plain.column_dimensions[get_column_letter(index)].width = WIDTHS.get(column, 14)
    book.save(path)


def _omitted_here(revision: Revision, line: dict) -> float:
    """The quantity of the line's omissions and re-readings left out of the change order."""
    if revision.totals.get("omissions_billed"):
        return 0.0
    value = line.get("omitted_quantity") or 0.0
    return round(float(value), 2) if value == value else 0.0


def _line(sheet, row: int, line: dict, money: str, omitted: float = 0.0) -> None:
    """N°, label, unit, quantities, delta and the plus- and moins-value formulas of one line;
    ``omitted``: the part of the delta that is omissions and re-readings, out of the amounts."""
    put_text(sheet, row, 1, line["code"])
    put_text(sheet, row, 2, line["label"])
    put_text(sheet, row, 3, line["unit"])
    sheet.cell(row=row, column=4, value=line["old_quantity"]).number_format = QUANTITY
    sheet.cell(row=row, column=5, value=line["new_quantity"]).number_format = QUANTITY
    delta = f"=E{row}-D{row}" + (f"-({omitted!r})" if omitted else "")
    sheet.cell(row=row, column=6, value=delta).number_format = QUANTITY
    amount = f"ROUND(F{row}*G{row},2)"  # the unused column stays blank ("" is left out of a SUM)
    sheet.cell(row=row, column=8, value=f'=IF(G{row}="","",IF({amount}>0,{amount},""))').number_format = money
    sheet.cell(row=row, column=9, value=f'=IF(G{row}="","",IF({amount}<0,-{amount},""))').number_format = money
