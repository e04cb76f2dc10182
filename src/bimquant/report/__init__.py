"""Report writers: one results structure (named tables), one writer per output format.

``write_tables(tables, path)`` picks the writer from the file's extension (.csv, .xlsx, .json)
and writes atomically: the file appears whole, or not at all. Text that comes from a model or a
rule file can never become a spreadsheet formula.

Example::

    >>> write_tables({"elements": result.elements}, "takeoff.xlsx")
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from bimquant.errors import OutputError

FORMATS = ("csv", "xlsx", "json")
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def get_format(path: str | os.PathLike, explicit: str | None = None) -> str:
    """Output format from ``explicit`` or the file extension; :class:`OutputError` if unknown."""
    fmt = (explicit or Path(path).suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise OutputError(
            f"unknown output format '{fmt or Path(path).name}'",
            "name the output file .csv, .xlsx or .json, or pass --format csv|xlsx|json",
        )
    return fmt


def write_tables(tables: dict[str, pd.DataFrame], path: str | os.PathLike, *, fmt: str | None = None,
                 info: dict | None = None, main: str | None = None) -> Path:
    """Write named tables to ``path``: CSV gets the ``main`` table (default: the first), XLSX one
    sheet per table, JSON an object ``{"info": ..., name: [rows...]}``."""
    path = Path(path)
    fmt = get_format(path, fmt)
    writer: Callable[[Path], None]
    if fmt == "csv":
        table = tables[main or next(iter(tables))]
        writer = lambda tmp: write_csv(table, tmp)  # noqa: E731
    elif fmt == "xlsx":
        writer = lambda tmp: write_xlsx(tables, tmp)  # noqa: E731
    else:
        writer = lambda tmp: tmp.write_text(to_json(tables, info), encoding="utf-8")  # noqa: E731
    return write_atomically(path, writer)


def write_atomically(path: Path, writer: Callable[[Path], None]) -> Path:
    """Run ``writer`` on a temporary file beside ``path`` and move it in place only on success."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"output folder does not exist: {folder}", "create the folder or choose another path")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        writer(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}", "check the path and its permissions") from exc
    finally:
        if tmp.exists():
            tmp.unlink()
    return path


def escape_text(value):
    """A string that a spreadsheet would read as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _cell(value):
    """Plain value for a table cell: lists and dicts as JSON text, NaN as empty."""
    if isinstance(value, (list, dict, tuple)):
        return json.dumps(value, ensure_ascii=False, default=_json_default)
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, np.generic):
        return value.item()
    return value


def _flat(table: pd.DataFrame) -> pd.DataFrame:
    flat = table.copy()
    for column in flat.columns:
        if flat[column].dtype == object:
            flat[column] = flat[column].map(_cell)
    return flat


def write_csv(table: pd.DataFrame, path: Path) -> None:
    """CSV, UTF-8 with BOM (Excel opens accents right), text cells escaped against formulas."""
    flat = _flat(table)
    for column in flat.columns:
        if flat[column].dtype == object:
            flat[column] = flat[column].map(escape_text)
    flat.to_csv(path, index=False, encoding="utf-8-sig")


def write_xlsx(tables: dict[str, pd.DataFrame], path: Path) -> None:
    """One sheet per table; strings are stored as text, never as formulas."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    for name, table in tables.items():
        sheet = book.create_sheet(title=name[:31])
        sheet.append(list(table.columns))
        for row in _flat(table).itertuples(index=False):
            sheet.append([_cell(v) for v in row])
        for row in sheet.iter_rows(min_row=1):
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # openpyxl would store "=..." as a formula
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
