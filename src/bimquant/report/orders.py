"""Order workbook: a summary sheet and one sheet per supplier, ready to send."""

from __future__ import annotations

from pathlib import Path

SUPPLIER_COLUMNS = [
    "label",
    "unit",
    "ordered",
    "packs",
    "purchase_unit",
    "pack_size",
    "batch",
    "delivery_date",
    "order_by",
    "need",
    "surplus",
    "trucks",
    "last_truck",
    "order_value",
    "items",
]


def write_order_book(plan, path: Path) -> None:
    """Summary sheet (every order line), then a sheet per supplier with its lines."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    summary = book.active
    summary.title = "Summary"
    _fill(summary, plan.orders, list(plan.orders.columns))
    used = {"summary", "without recipe"}  # lower case: Excel sheet names are case-insensitive
    for supplier, lines in plan.orders.groupby("supplier", sort=True):
        title = _sheet_title(str(supplier), used)
        sheet = book.create_sheet(title=title)
        sheet.cell(row=1, column=1, value=str(supplier)).data_type = "s"
        sheet.cell(row=1, column=1).font = Font(bold=True)
        _fill(sheet, lines, SUPPLIER_COLUMNS, first_row=3)
    if len(plan.without_recipe):
        _fill(book.create_sheet(title="Without recipe"), plan.without_recipe, list(plan.without_recipe.columns))
    book.save(path)


def _sheet_title(name: str, used: set[str]) -> str:
    """A valid, unique Excel sheet name for ``name``: no []:*?/\\ or control characters, no
    apostrophe at either end, at most 31 characters, not "History" (reserved by Excel), unique
    ignoring case; ``used`` holds the lower-cased names taken."""
    cleaned = "".join("_" if c in "[]:*?/\\" or ord(c) < 32 else c for c in name)
    base = cleaned.strip(" '")[:28].strip(" '")
    if not base or base.lower() == "history":
        base = f"Supplier {base}".strip()
    title, n = base, 2
    while title.lower() in used:
        title, n = f"{base[:26]} {n}", n + 1
    used.add(title.lower())
    return title


def _fill(sheet, table, columns: list[str], first_row: int = 1) -> None:
    from bimquant.report import _cell

    for column, name in enumerate(columns, start=1):
        sheet.cell(row=first_row, column=column, value=name).data_type = "s"
    for offset, record in enumerate(table[columns].to_dict(orient="records"), start=1):
        for column, name in enumerate(columns, start=1):
            value = _cell(record[name])
            cell = sheet.cell(row=first_row + offset, column=column, value=value)
            if isinstance(value, str):
                cell.data_type = "s"
            elif isinstance(value, float) and name not in ("packs", "trucks"):
                cell.number_format = "#,##0.00"
    for column in range(1, len(columns) + 1):
        sheet.column_dimensions[sheet.cell(row=first_row, column=column).column_letter].width = 16
