"""Plain table writers: CSV, XLSX (a sheet per table) and JSON, and the cell rules they share.

Text that comes from a model or a rule file can never become a spreadsheet formula: it is
stored as text in XLSX and escaped with a leading apostrophe in CSV.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import numpy as np
import pandas as pd

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


# A line break inside a cell, followed by what a spreadsheet would read as a formula.
_FORMULA_AFTER_BREAK = re.compile(r"(\r\n|\r|\n)(?=[=+\-@\t])")


def escape_text(value):
    """A string that a spreadsheet would read as a formula gets a leading apostrophe, and so
    does every line inside it that starts like one (``"W3\\r=cmd|..."``: an importer that
    splits records at a bare CR would otherwise start a record with ``=``)."""
    if not isinstance(value, str):
        return value
    escaped = "'" + value if value.startswith(FORMULA_PREFIXES) else value
    return _FORMULA_AFTER_BREAK.sub(r"\1'", escaped)


def cell_value(value):
    """Plain value for a table cell: lists and dicts as JSON text, NaN as empty, numpy scalars
    as Python numbers."""
    if isinstance(value, (list, dict, tuple)):
        return json.dumps(value, ensure_ascii=False, default=_json_default)
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, np.generic):
        return value.item()
    return value


def _is_text(column: pd.Series) -> bool:
    """Object or string column (pandas 3 stores text as ``str`` dtype, not ``object``)."""
    return column.dtype == object or pd.api.types.is_string_dtype(column.dtype)


def _flat(table: pd.DataFrame) -> pd.DataFrame:
    flat = table.copy()
    for column in flat.columns:
        if _is_text(flat[column]):
            flat[column] = flat[column].map(cell_value).astype(object)
    return flat


def write_csv(table: pd.DataFrame, path: Path) -> None:
    """CSV, UTF-8 with BOM (Excel opens accents right), text cells escaped against formulas.

    Records end with CR LF (RFC 4180), so that a cell holding a CR, a LF, a comma or a quote
    is always quoted: a bare CR in a name never splits a record."""
    flat = _flat(table)
    for column in flat.columns:
        if _is_text(flat[column]):
            flat[column] = flat[column].map(escape_text)
    flat.to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\r\n")


def put_text(sheet, row: int, column: int, value):
    """Write ``value`` as a text cell (``None`` leaves the cell empty): openpyxl would store a
    string starting with ``=`` as a formula, and text from a model or a rule file never is one."""
    cell = sheet.cell(row=row, column=column, value=None if value is None else str(value))
    if cell.value is not None:
        cell.data_type = "s"
    return cell


def append_table(
    sheet, table: pd.DataFrame, columns: list[str] | None = None, first_row: int = 1, number_format: str | None = None
) -> None:
    """Write ``table`` (or its ``columns``) as a header row at ``first_row`` and one row per
    record below it; strings are text cells, never formulas; floats get ``number_format``."""
    columns = list(table.columns) if columns is None else columns
    for index, name in enumerate(columns, start=1):
        put_text(sheet, first_row, index, name)
    for offset, values in enumerate(_flat(table[columns]).itertuples(index=False), start=1):
        for index, raw in enumerate(values, start=1):
            value = cell_value(raw)
            if isinstance(value, str):
                put_text(sheet, first_row + offset, index, value)
                continue
            cell = sheet.cell(row=first_row + offset, column=index, value=value)
            if number_format and isinstance(value, float):
                cell.number_format = number_format


def write_xlsx(tables: dict[str, pd.DataFrame], path: Path) -> None:
    """One sheet per table; strings are stored as text, never as formulas."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    for name, table in tables.items():
        sheet = book.create_sheet(title=name[:31])
        append_table(sheet, table)
        sheet.freeze_panes = "A2"
        for index, column in enumerate(table.columns, start=1):
            width = min(max(len(str(column)), 10) + 2, 48)
            sheet.column_dimensions[get_column_letter(index)].width = width
    book.save(path)


def _json_default(value):
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def _records(table: pd.DataFrame) -> list[dict]:
    rows = []
    for record in table.to_dict(orient="records"):
        rows.append({k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in record.items()})
    return rows


def to_json(tables: dict[str, pd.DataFrame], info: dict | None = None) -> str:
    """``{"info": {...}, "<table>": [{column: value}, ...], ...}``; NaN becomes null."""
    payload: dict = {"info": info or {}}
    for name, table in tables.items():
        payload[name] = _records(table)
    return json.dumps(payload, ensure_ascii=False, indent=1, default=_json_default, allow_nan=False)
