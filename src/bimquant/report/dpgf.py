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
from bimquant.report.tables import append_table, clean_text, put_number, put_text
from bimquant.messages import localize, say, section

LABELS = section("dpgf")
RESERVE_WORDS = section("reserves")
CLIENT_LABELS = section("dpgf_client")

MONEY = '#,##0.00 "{symbol}"'
QUANTITY = "#,##0.00"
RATE = '0.00" %"'
SYMBOLS = {"EUR": "€", "GBP": "£", "USD": "$"}


def write_dpgf(budget: Budget, path: Path, locale: str | None = None) -> None:
    """Write the budget workbook in the view ``budget.info["view"]``: ``client`` (what is sent,
    see :func:`write_client_dpgf`) or ``internal`` (the default here: direct cost, overheads and
    margin as lines with live formulas, element trace, unpriced items). ``locale``: the
    language of its words (default: the rule set's)."""
    if budget.info.get("view") == "client":
        write_client_dpgf(budget, path, locale)
    else:
        write_internal_dpgf(budget, path, locale)


def write_client_dpgf(budget: Budget, path: Path, locale: str | None = None) -> None:
    """The DPGF sent to the client: a recapitulation sheet, then a sheet per lot. Unit prices
    already carry site costs, overheads, contingency and margin (sales coefficient K, shown only
    in the internal view); lines of zero quantity are left out; amounts, lot totals, the total
    excl. VAT, the VAT and the total incl. VAT are live formulas. Each sheet prints on A4 with
    its header rows repeated, the project and model file in the page header and page numbers
    in the footer."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import quote_sheetname

    language = locale or budget.info.get("language", "fr")
    words, client = LABELS.get(language, LABELS["en"]), CLIENT_LABELS.get(language, CLIENT_LABELS["en"])
    money = MONEY.format(symbol=SYMBOLS.get(budget.currency, budget.currency))
    bold = Font(bold=True)
    title = budget.info.get("title", "")
    model = Path(budget.info.get("file", "")).name
    reserve = RESERVE_WORDS.get(language, RESERVE_WORDS["en"])
    lines_reserved = budget.reserves[budget.reserves["kind"] == "line"]
    marked = set(lines_reserved.loc[lines_reserved["status"] != "unpriced", "code"])
    book = Workbook()
    recap = book.active
    recap.title = client["recap"][:31]
    used = {recap.title.lower(), reserve["sheet"].lower()}
    lot_totals: list[tuple[str, str]] = []  # (lot, 'Sheet'!F<row>)
    running_head = (
        say("page.named", language, what=words["title"], name=title),
        say("page.named", language, what=client["model"], name=model),
    )
    for lot, lines in budget.lines.groupby("lot", sort=False):
        lines = lines[(lines["quantity"] != 0) & lines["priced"]]
        if lines.empty:  # nothing to build in this lot: no sheet, no line in the recapitulation
            continue
        sheet = book.create_sheet(title=_sheet_name(str(lot), used))
        page_setup(sheet, *running_head, client["page"])
        put_text(sheet, 1, 1, lot).font = bold
        for column, header in enumerate(words["headers"][:6], start=1):
            put_text(sheet, 3, column, header).font = bold
        row = 4
        for line in lines.to_dict(orient="records"):
            put_text(sheet, row, 1, line["code"])
            put_text(sheet, row, 2, line["label"])
            put_text(sheet, row, 3, line["unit"])
            sheet.cell(row=row, column=4, value=line["quantity"]).number_format = QUANTITY
            sheet.cell(row=row, column=5, value=line["sale_unit_price"]).number_format = money
            sheet.cell(row=row, column=6, value=f"=ROUND(D{row}*E{row},2)").number_format = money
            if line["code"] in marked:
                put_text(sheet, row, 7, reserve["mark"]).font = Font(italic=True, color="C00000")
            row += 1
        put_text(sheet, row, 2, f"{client['subtotal']} {lot}").font = bold
        total = sheet.cell(row=row, column=6, value=f"=SUM(F4:F{row - 1})" if row > 4 else 0)
        total.number_format, total.font = money, bold
        lot_totals.append((lot, f"{quote_sheetname(sheet.title)}!F{row}"))
        sheet.print_title_rows = "3:3"
        sheet.print_area = f"A1:G{row}" if marked else f"A1:F{row}"
        for column, width in zip("ABCDEFG", (12, 60, 6, 14, 14, 18, 16)):
            sheet.column_dimensions[column].width = width
    page_setup(recap, *running_head, client["page"])
    put_text(recap, 1, 1, client["recap_title"]).font = bold
    put_text(recap, 3, 1, client["lot"]).font = bold
    put_text(recap, 3, 2, client["amount"]).font = bold
    row = 4
    for lot, reference in lot_totals:
        put_text(recap, row, 1, lot)
        recap.cell(row=row, column=2, value=f"={reference}").number_format = money
        row += 1
    total_row = row + 1
    put_text(recap, total_row, 1, client["total_excl"]).font = bold
    cell = recap.cell(row=total_row, column=2, value=f"=SUM(B4:B{row - 1})" if row > 4 else 0)
    cell.number_format, cell.font = money, bold
    put_text(recap, total_row + 1, 1, f"{client['vat']} ({client['rate']})")
    recap.cell(row=total_row + 1, column=3, value=budget.rates.vat_pct).number_format = RATE
    recap.cell(row=total_row + 1, column=2, value=f"=ROUND(B{total_row}*C{total_row + 1}/100,2)").number_format = money
    put_text(recap, total_row + 2, 1, client["total_incl"]).font = bold
    cell = recap.cell(row=total_row + 2, column=2, value=f"=B{total_row}+B{total_row + 1}")
    cell.number_format, cell.font = money, bold
    recap.print_area = f"A1:C{total_row + 2}"
    if len(budget.reserves):
        put_text(recap, total_row + 4, 1, reserve["see"]).font = Font(bold=True, color="C00000")
        recap.print_area = f"A1:C{total_row + 4}"
    recap.column_dimensions["A"].width, recap.column_dimensions["B"].width = 60, 18
    write_reserves(book, budget, language, with_ids=False)  # last, after the lots; the recap points to it
    book.save(path)


def _said_provenance(text: str, words: dict) -> list[str]:
    """``"count 1, estimated 2"`` in the reader's words: ``["comptage : 1 élément", ...]``."""
    said = []
    for part in str(text or "").split(", "):
        source, _, n = part.rpartition(" ")
        if source:
            said.append(f"{words['sources'].get(source, source)}{words['colon']}{n}")
    return said


def write_reserves(book, budget: Budget, language: str, *, with_ids: bool) -> None:
    """The "Réserves" sheet: each group of building elements not priced once (nature, class,
    material, storey, count, volume, wall face, why) and each line with a reservation, in the
    estimator's words; ``with_ids`` adds bimquant's reason (in the sheet's language) and every GlobalId
    (the internal view)."""
    from openpyxl.styles import Font

    words = RESERVE_WORDS.get(language, RESERVE_WORDS["en"])
    sheet = book.create_sheet(title=words["sheet"])
    page_setup(sheet, words["title"], Path(budget.info.get("file", "")).name, "&P / &N", landscape=True)
    put_text(sheet, 1, 1, words["title"]).font = Font(bold=True)
    if budget.reserves.empty:
        put_text(sheet, 3, 1, words["none"])
        sheet.column_dimensions["A"].width = 90
        return
    headers = words["headers"] + (["GlobalId", "bimquant"] if with_ids else [])
    for column, header in enumerate(headers, start=1):
        put_text(sheet, 3, column, header).font = Font(bold=True)
    row = 4
    for reserve in budget.reserves.to_dict(orient="records"):
        status = reserve["status"]
        if reserve["kind"] == "elements":
            named = [v for v in (reserve["ifc_class"], reserve["type_name"]) if isinstance(v, str) and v]
            put_text(sheet, row, 1, " / ".join(named))
            put_text(sheet, row, 3, reserve["material"])
            put_text(sheet, row, 4, reserve["storey"])
            put_number(sheet, row, 5, int(reserve["elements"]), "0")
            if reserve["net_volume_m3"] == reserve["net_volume_m3"]:
                put_number(sheet, row, 6, reserve["net_volume_m3"], "#,##0.000")
            if reserve["wall_face_area_m2"] == reserve["wall_face_area_m2"]:
                put_number(sheet, row, 7, reserve["wall_face_area_m2"], "#,##0.00")
            why = words["why"].get(status, "")
            if status == "double_counted" and isinstance(reserve["code"], str):
                why += words["colon"] + reserve["code"]
            elif status == "not_priced" and str(reserve["reason"]).startswith("feeds "):
                why = (
                    words["why"]["body"]
                    + words["colon"]
                    + str(reserve["reason"]).removeprefix("feeds ").split(", but")[0]
                )
            if reserve["volume_unknown"]:
                why += f" ({words['unknown'].format(n=int(reserve['volume_unknown']))})"
        else:
            put_text(sheet, row, 1, f"{reserve['code']} {reserve['label']}")
            why = words["why"].get("line_double_counted" if status == "double_counted" else status, "")
            if status == "provenance":  # "count 1, estimated 2": how many elements, from what
                why = (
                    words["why"]["provenance"] + words["colon"] + ", ".join(_said_provenance(reserve["reason"], words))
                )
        put_text(sheet, row, 2, words["status"].get(status, status))
        put_text(sheet, row, 8, why)
        if with_ids:
            put_text(sheet, row, 9, reserve["global_ids"] if isinstance(reserve["global_ids"], str) else None)
            put_text(sheet, row, 10, localize(reserve["reason"], language))
        row += 1
    if (budget.reserves["status"] == "provenance").any():
        for offset, sentence in enumerate(words["legend"], start=1):
            put_text(sheet, row + offset, 1, sentence).font = Font(italic=True)
    sheet.print_title_rows = "3:3"
    sheet.freeze_panes = "A4"
    widths = (55, 26, 24, 18, 9, 12, 14, 60) + ((40, 60) if with_ids else ())
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[chr(64 + column)].width = width


def _sheet_name(name: str, used: set[str]) -> str:
    """A valid, unique Excel sheet name (31 characters, no []:*?/\\)."""
    base = "".join("_" if c in "[]:*?/\\" or ord(c) < 32 else c for c in name).strip(" '")[:28] or "Lot"
    title, n = base, 2
    while title.lower() in used:
        title, n = f"{base[:25]} {n}", n + 1
    used.add(title.lower())
    return title


def page_setup(sheet, title: str, model: str, page: str, landscape: bool = False) -> None:
    """A4 portrait (or landscape), fit to the page width, the project and model in the page
    header, page numbers in the footer (header and footer text is never a formula: & codes are
    escaped)."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.oddHeader.left.text = clean_text(title).replace("&", "&&")
    sheet.oddHeader.right.text = clean_text(model).replace("&", "&&") + " - &D"
    sheet.oddFooter.center.text = page


def write_internal_dpgf(budget: Budget, path: Path, locale: str | None = None) -> None:
    """Write the budget workbook: DPGF sheet with formulas, element trace, unpriced items, in
    the rule set's language (``budget.info["language"]``), titled ``budget.info["title"]``."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    language = locale or budget.info.get("language", "fr")
    words = LABELS.get(language, LABELS["en"])
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
        return put_number(sheet, row, column, value, fmt, font)

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
    text(total_excl, 3, "K")
    number(total_excl, 5, f"=IF(F{direct}=0,1,ROUND(F{total_excl}/F{direct},4))", "0.0000")
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
    if budget.totals["unpriced_items"]:
        text(row, 2, words["incomplete"].format(n=budget.totals["unpriced_items"]), Font(bold=True, color="C00000"))
        row += 1
    if len(budget.reserves):
        text(row, 2, RESERVE_WORDS.get(language, RESERVE_WORDS["en"])["see"], Font(bold=True, color="C00000"))
    for column, width in zip("ABCDEFG", (12, 60, 6, 14, 14, 18, 8)):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A4"
    for name, table, key in ((words["trace"], budget.trace, "trace"), (words["unpriced"], budget.unpriced, "unpriced")):
        plain = book.create_sheet(title=name[:31])
        append_table(plain, table, locale=language, name=key)
        plain.freeze_panes = "A2"
    write_reserves(book, budget, language, with_ids=True)
    book.save(path)
