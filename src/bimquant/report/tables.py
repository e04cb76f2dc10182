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

from bimquant.labels import headers, sheet_name
from bimquant.messages import SAID, localize, section

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
        return json.dumps(value, ensure_ascii=False, default=json_default)
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


# CSV conventions by locale: separator and decimal mark. French spreadsheets expect ";" and ",".
CSV_STYLES = {"en": (",", "."), "fr": (";", ",")}
# Decimals a quantity deserves, by its unit (a column suffix, or the row's `unit`); money: 2.
UNIT_DECIMALS = {"m3": 3, "m2": 2, "m": 2, "kg": 1, "t": 3, "u": 0, "l": 2}
MONEY_COLUMNS = {
    *("amount", "unit_price", "order_value", "labour", "material", "equipment", "pack_price"),
    *("budget", "earned", "actual", "cost_variance", "eac", "eac_budget"),  # costs
    *("contract_amount", "cumulative_amount", "previous_amount", "period_amount"),  # situations
    *("delta_amount", "sale_unit_price", "sale_amount"),
}
ROW_UNIT_COLUMNS = {
    *("quantity", "contribution", "need", "need_without_waste", "ordered", "surplus", "item_quantity"),
    *("delivered", "consumed", "on_site", "to_deliver", "still_needed"),  # stock
}


# columns of names a model, a rule set or a price file gives: never read as bimquant's words
OWN_NAMES = {
    *("global_id", "old_global_id", "new_global_id", "parent_global_id", "opening_global_id"),
    *("name", "type_name", "storey", "material", "material_layers", "classification", "building"),
    *("code", "base_code", "label", "lot", "unit", "ifc_class", "predefined_type", "fire_rating", "file"),
    *("supplier", "reference", "material_id", "batch", "stage", "phase", "path", "model"),
}
BOOLEANS = {"fr": ("oui", "non")}


def localize_cells(table: pd.DataFrame, locale: str) -> pd.DataFrame:
    """The words of bimquant's own in ``table``, for a reader of ``locale``: an id in a column of
    ids (``status``, ``family``, ``verdict``...: the catalogue's ``value.<column>.<id>``), a
    sentence of the catalogue (a reason, a note: :func:`bimquant.messages.localize`); the
    names a model or an input file gives (:data:`OWN_NAMES`) as they are."""
    if locale == "en":
        return table
    out = table.copy()
    for column in out.columns:
        if not _is_text(out[column]):
            continue
        if column in OWN_NAMES:  # a name as it is; a sentence of bimquant's own kept as one, rendered
            out[column] = out[column].map(lambda v: v.render(locale) if isinstance(v, SAID) else v)
            continue
        ids = section(f"value.{column}").get(locale, {})
        out[column] = out[column].map(lambda v, ids=ids: ids.get(v, localize(v, locale)) if isinstance(v, str) else v)
    return out


def write_csv(table: pd.DataFrame, path: Path, locale: str = "en", name: str | None = None) -> None:
    """CSV, UTF-8 with BOM (Excel opens accents right), text cells escaped against formulas.

    Records end with CR LF (RFC 4180), so that a cell holding a CR, a LF, the separator or a
    quote is always quoted: a bare CR in a name never splits a record. ``locale="fr"``: columns
    separated by ``;``, decimal commas, numbers rounded to what their unit deserves (3
    decimals for m3, 2 for m2 and m, 1 for kg, 2 for money), as a French spreadsheet opens it,
    and French headers (:mod:`bimquant.labels`; ``name`` is the table's name)."""
    separator, decimal = CSV_STYLES[locale]
    flat = _flat(localize_cells(table, locale))
    for column in flat.columns:
        if _is_text(flat[column]):
            flat[column] = flat[column].map(escape_text)
    if locale == "en":
        flat.to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\r\n")
        return
    flat = round_for_people(flat)
    lines = [separator.join(_quoted(c) for c in headers(flat.columns, locale, name))]
    for values in flat.itertuples(index=False):
        lines.append(separator.join(_csv_cell(v, decimal, locale) for v in values))
    with open(path, "w", encoding="utf-8-sig", newline="") as stream:
        stream.write("\r\n".join(lines) + "\r\n")


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _csv_cell(value, decimal: str, locale: str = "en") -> str:
    """A number bare, with the locale's decimal mark; every text quoted (a spreadsheet told to
    take quoted fields as text keeps the code 02.01.01 a code, not a date); empty for none."""
    value = cell_value(value)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return _quoted(BOOLEANS[locale][0 if value else 1] if locale in BOOLEANS else str(value))
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = f"{value:.12g}"
        if "e" in text:
            text = f"{value:.12f}".rstrip("0").rstrip(".")
        return text.replace(".", decimal)
    return _quoted(str(value))


def round_for_people(table: pd.DataFrame) -> pd.DataFrame:
    """Float columns rounded to what their unit deserves: by the column's unit suffix
    (``net_volume_m3``: 3 decimals), by the row's ``unit`` for quantities of work items and
    orders, 2 decimals for money; other floats keep 6 significant digits."""
    rounded = table.copy()
    for column in rounded.columns:
        values = rounded[column]
        if not pd.api.types.is_float_dtype(values):
            continue
        suffix = column.rsplit("_", 1)[-1]
        if column in MONEY_COLUMNS:
            rounded[column] = values.round(2)
        elif column in ROW_UNIT_COLUMNS and "unit" in rounded.columns:
            decimals = rounded["unit"].map(lambda unit: UNIT_DECIMALS.get(str(unit), 3))
            rounded[column] = [round(v, d) if v == v else v for v, d in zip(values, decimals)]
        elif suffix in UNIT_DECIMALS:
            rounded[column] = values.round(UNIT_DECIMALS[suffix])
        else:
            rounded[column] = values.map(lambda v: float(f"{v:.6g}") if v == v else v)
    return rounded


def get_number_formats(table: pd.DataFrame) -> dict[str, str]:
    """A spreadsheet number format per float column, showing what its unit deserves (the cell
    keeps every digit): by the column's unit suffix, 2 decimals for money and for work item
    quantities (whose unit is in a column of its own)."""
    formats = {}
    for column in table.columns:
        suffix = str(column).rsplit("_", 1)[-1]
        if column in MONEY_COLUMNS or column in ROW_UNIT_COLUMNS:
            decimals = 2
        elif suffix in UNIT_DECIMALS:
            decimals = UNIT_DECIMALS[suffix]
        else:
            continue
        formats[column] = "#,##0" + ("." + "0" * decimals if decimals else "")
    return formats


def put_text(sheet, row: int, column: int, value):
    """Write ``value`` as a text cell (``None`` leaves the cell empty): openpyxl would store a
    string starting with ``=`` as a formula, and text from a model or a rule file never is one."""
    missing = value is None or (isinstance(value, float) and math.isnan(value))  # never a "nan" text
    cell = sheet.cell(row=row, column=column, value=None if missing else clean_text(str(value)))
    if cell.value is not None:
        cell.data_type = "s"
    return cell


# Characters XML 1.0 cannot hold (openpyxl refuses them): C0 controls but tab, LF and CR.
_ILLEGAL_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def clean_text(text: str) -> str:
    """``text`` as a workbook can hold it: an escape sequence from a model's name (``\x1b[31m``)
    is written as the visible text ``\x1b[31m``, never dropped nor refused."""
    return _ILLEGAL_IN_XML.sub(lambda match: repr(match.group())[1:-1], text)


def put_number(sheet, row: int, column: int, value, fmt: str, font=None):
    """Write a number or a formula of bimquant's own with its number format (and font)."""
    cell = sheet.cell(row=row, column=column, value=value)
    cell.number_format = fmt
    if font is not None:
        cell.font = font
    return cell


def append_table(
    sheet,
    table: pd.DataFrame,
    columns: list[str] | None = None,
    first_row: int = 1,
    number_format: str | dict[str, str] | None = None,
    *,
    locale: str = "en",
    name: str | None = None,
) -> None:
    """Write ``table`` (or its ``columns``) as a header row at ``first_row`` and one row per
    record below it; strings are text cells, never formulas; floats get ``number_format`` (one
    for all, or one per column name).
    Headers are in ``locale`` (``name``: the table's name, see :func:`bimquant.labels.header`)."""
    columns = list(table.columns) if columns is None else columns
    for index, text in enumerate(headers(columns, locale, name), start=1):
        put_text(sheet, first_row, index, text)
    formats = number_format if isinstance(number_format, dict) else dict.fromkeys(columns, number_format)
    for offset, values in enumerate(_flat(localize_cells(table[columns], locale)).itertuples(index=False), start=1):
        for index, (column, raw) in enumerate(zip(columns, values), start=1):
            value = cell_value(raw)
            if isinstance(value, str):
                put_text(sheet, first_row + offset, index, value)
                continue
            cell = sheet.cell(row=first_row + offset, column=index, value=value)
            if formats.get(column) and isinstance(value, float):
                cell.number_format = formats[column]


def write_xlsx(tables: dict[str, pd.DataFrame], path: Path, locale: str = "en") -> None:
    """One sheet per table, named and headed in ``locale``; strings are stored as text, never
    as formulas."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    for name, table in tables.items():
        sheet = book.create_sheet(title=sheet_name(name, locale)[:31])
        append_table(sheet, table, number_format=get_number_formats(table), locale=locale, name=name)
        sheet.freeze_panes = "A2"
        for index, column in enumerate(headers(table.columns, locale, name), start=1):
            width = min(max(len(column), 10) + 2, 48)
            sheet.column_dimensions[get_column_letter(index)].width = width
    book.save(path)


def json_default(value):
    """numpy scalars and paths for ``json.dumps(default=...)``."""
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def records(table: pd.DataFrame) -> list[dict]:
    """The table's rows as dicts, NaN as None (JSON's null)."""
    rows = []
    for record in table.to_dict(orient="records"):
        rows.append({k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in record.items()})
    return rows


def to_json(tables: dict[str, pd.DataFrame], info: dict | None = None, objects: dict | None = None) -> str:
    """``{"info": {...}, "<table>": [{column: value}, ...], ..., "<object>": {...}}``; NaN
    becomes null. ``objects``: plain dicts written as they are (a situation's ``totals``)."""
    payload: dict = {"info": info or {}}
    for name, table in tables.items():
        payload[name] = records(table)
    payload |= objects or {}
    return json.dumps(payload, ensure_ascii=False, indent=1, default=json_default, allow_nan=False)
