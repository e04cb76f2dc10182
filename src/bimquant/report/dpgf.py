"""The budget as a spreadsheet an estimator keeps working in: a DPGF sheet with live formulas.

Amount = ROUND(quantity x unit price, 2) on every line, lot subtotals, direct cost, overheads,
contingency, margin, VAT and totals are formulas over the cells above, and the rates sit in
cells of their own: changing a unit price or a rate in Excel or LibreOffice updates every total.
An item without a price has an empty price cell; typing one fills its amount.
Text from the model or the rule set is always stored as text, never as a formula.
"""

from __future__ import annotations

from pathlib import Path

from bimquant.estimate import Budget
from bimquant.report.tables import append_table, put_text

LABELS = {
    "fr": {
        "sheet": "DPGF",
        "trace": "Détail par élément",
        "unpriced": "Sans prix",
        "lots": "Lots",
        "headers": ["N°", "Désignation", "U", "Quantité", "PU HT", "Montant HT", "Part"],
        "subtotal": "Sous-total",
        "direct": "Total déboursé sec",
        "site": "Frais de chantier",
        "general": "Frais généraux",
        "contingency": "Aléas",
        "subtotal_all": "Sous-total HT hors marge",
        "margin": "Marge",
        "total_excl": "Total HT",
        "vat": "TVA",
        "total_incl": "Total TTC",
        "rate": "taux %",
        "area": "Surface utile des locaux (IfcSpace) m2",
        "area_slabs": "Surface des dalles de plancher (maquette sans locaux ; ce n'est pas la SDP) m2",
        "per_m2": "Coût HT par m2",
        "incomplete": "INCOMPLET : {n} article(s) sans prix (feuille « Sans prix »)",
        "title": "Estimation",
    },
    "en": {
        "sheet": "Estimate",
        "trace": "Element trace",
        "unpriced": "Unpriced",
        "lots": "Lots",
        "headers": ["No.", "Description", "Unit", "Quantity", "Unit price", "Amount", "Share"],
        "subtotal": "Subtotal",
        "direct": "Direct cost",
        "site": "Site overheads",
        "general": "General overheads",
        "contingency": "Contingency",
        "subtotal_all": "Subtotal before margin",
        "margin": "Margin",
        "total_excl": "Total excl. VAT",
        "vat": "VAT",
        "total_incl": "Total incl. VAT",
        "rate": "rate %",
        "area": "Net floor area of the rooms (IfcSpace) m2",
        "area_slabs": "Floor slab area (no rooms in the model) m2",
        "per_m2": "Cost per m2 excl. VAT",
        "incomplete": "INCOMPLETE: {n} item(s) without a price (sheet 'Unpriced')",
        "title": "Estimate",
    },
}
MONEY = '#,##0.00 "{symbol}"'
QUANTITY = "#,##0.00"
RATE = '0.00" %"'
SYMBOLS = {"EUR": "€", "GBP": "£", "USD": "$"}


def write_dpgf(budget: Budget, path: Path) -> None:
    """Write the budget workbook: DPGF sheet with formulas, element trace, unpriced items, in
    the rule set's language (``budget.info["language"]``), titled ``budget.info["title"]``."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    words = LABELS.get(budget.info.get("language", "fr"), LABELS["en"])
    title = budget.info.get("title", "")
    money = MONEY.format(symbol=SYMBOLS.get(budget.currency, budget.currency))
    book = Workbook()
    sheet = book.active
    sheet.title = words["sheet"]
    bold = Font(bold=True)

    def text(row: int, column: int, value, font=None):
        cell = put_text(sheet, row, column, value)  # a label from the model or the rule set is never a formula
        if font:
            cell.font = font
        return cell

    def number(row: int, column: int, value, fmt: str, font=None):
        cell = sheet.cell(row=row, column=column, value=value)
        cell.number_format = fmt
        if font:
            cell.font = font
        return cell

    text(1, 1, f"{words['title']}: {title}", bold)
    for column, header in enumerate(words["headers"], start=1):
        text(3, column, header, bold)
    row = 4
    subtotal_cells = []
    for lot, lines in budget.lines.groupby("lot", sort=False):
        text(row, 1, lot, bold)
        row += 1
        first = row
        for line in lines.to_dict(orient="records"):
            text(row, 1, line["code"])
            text(row, 2, line["label"])
            text(row, 3, line["unit"])
            number(row, 4, line["quantity"], QUANTITY)
            if line["priced"]:
                number(row, 5, line["unit_price"], money)
            else:
                sheet.cell(row=row, column=5).number_format = money
            number(row, 6, f'=IF(E{row}="","",ROUND(D{row}*E{row},2))', money)
            row += 1
        text(row, 2, f"{words['subtotal']} {lot}", bold)
        number(row, 6, f"=SUM(F{first}:F{row - 1})", money, bold)
        subtotal_cells.append(row)
        row += 2
    direct = row
    text(direct, 2, words["direct"], bold)
    number(direct, 6, "=" + "+".join(f"F{r}" for r in subtotal_cells) if subtotal_cells else 0, money, bold)
    for r in subtotal_cells:
        number(r, 7, f"=IF($F${direct}=0,0,F{r}/$F${direct})", "0.0%")
    rates = budget.rates

    def rate_line(row: int, key: str, rate: float, base: int) -> int:
        """A line 'label, rate %, ROUND(base x rate / 100, 2)': the rate cell drives the amount."""
        text(row, 2, words[key])
        text(row, 3, words["rate"])
        number(row, 5, rate, RATE)
        number(row, 6, f"=ROUND(F{base}*E{row}/100,2)", money)
        return row

    site = rate_line(direct + 1, "site", rates.site_overheads_pct, direct)
    general = rate_line(direct + 2, "general", rates.general_overheads_pct, direct)
    contingency = rate_line(direct + 3, "contingency", rates.contingency_pct, direct)
    subtotal = direct + 4
    text(subtotal, 2, words["subtotal_all"], bold)
    number(subtotal, 6, f"=F{direct}+F{site}+F{general}+F{contingency}", money, bold)
    margin = rate_line(subtotal + 1, "margin", rates.margin_pct, subtotal)
    total_excl = margin + 1
    text(total_excl, 2, words["total_excl"], bold)
    number(total_excl, 6, f"=F{subtotal}+F{margin}", money, bold)
    vat = rate_line(total_excl + 1, "vat", rates.vat_pct, total_excl)
    total_incl = vat + 1
    text(total_incl, 2, words["total_incl"], bold)
    number(total_incl, 6, f"=F{total_excl}+F{vat}", money, bold)
    row = total_incl + 2
    area = budget.ratios.get("gross_floor_area_m2")
    if area:
        text(row, 2, words["area"] if budget.ratios.get("floor_area_basis") == "spaces" else words["area_slabs"])
        number(row, 4, area, QUANTITY)
        text(row + 1, 2, words["per_m2"])
        number(row + 1, 6, f"=ROUND(F{total_excl}/D{row},2)", money)
        row += 3
    if not budget.totals["complete"]:
        text(row, 2, words["incomplete"].format(n=budget.totals["unpriced_items"]), Font(bold=True, color="C00000"))
    for column, width in zip("ABCDEFG", (12, 60, 6, 14, 14, 18, 8)):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A4"
    for name, table in ((words["trace"], budget.trace), (words["unpriced"], budget.unpriced)):
        plain = book.create_sheet(title=name[:31])
        append_table(plain, table)
        plain.freeze_panes = "A2"
    book.save(path)
