"""Order workbook: a summary sheet and one sheet per supplier, ready to send."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from bimquant.orders import Orders
from bimquant.report.tables import append_table, put_text
from bimquant.messages import say


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


def write_order_book(plan: Orders, path: Path, locale: str = "en") -> None:
    """Summary sheet (every order line), then a sheet per supplier with its lines, then the
    items without a recipe; sheet names and headers in ``locale``."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    summary = book.active
    summary_title, without_title = say("orderbook.sheet.summary", locale), say("orderbook.sheet.without_recipe", locale)
    summary.title = summary_title
    orders = plan.orders.astype({"packs": object, "trucks": object})  # counts: whole numbers, not 3.00
    for column in ("packs", "trucks"):
        orders[column] = [None if pd.isna(v) else int(v) for v in orders[column]]
    _fill(summary, orders, locale=locale)
    used = {summary_title.lower(), without_title.lower()}  # Excel sheet names are case-insensitive
    for supplier, lines in orders.groupby("supplier", sort=True):
        sheet = book.create_sheet(title=_sheet_title(str(supplier), used))
        put_text(sheet, 1, 1, supplier).font = Font(bold=True)
        _fill(sheet, lines, SUPPLIER_COLUMNS, first_row=3, locale=locale)
    if len(plan.without_recipe):
        _fill(book.create_sheet(title=without_title), plan.without_recipe, locale=locale, name="without_recipe")
    gaps = (plan.info.get("coverage") or {}).get("gaps") or []
    if gaps:  # what no item prices has no recipe either: nothing is ordered for it
        sheet = book.create_sheet(title=say("orderbook.not_ordered.title", locale))
        put_text(sheet, 1, 1, say("orderbook.not_ordered.text", locale)).font = Font(bold=True)
        table = pd.DataFrame(gaps)
        _fill(sheet, table, first_row=3, locale=locale, name="gaps")
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


def _fill(
    sheet,
    table: pd.DataFrame,
    columns: list[str] | None = None,
    first_row: int = 1,
    *,
    locale: str,
    name: str = "orders",
) -> None:
    append_table(sheet, table, columns, first_row, number_format="#,##0.00", locale=locale, name=name)
    for column in range(1, len(columns or table.columns) + 1):
        sheet.column_dimensions[sheet.cell(row=first_row, column=column).column_letter].width = 16
