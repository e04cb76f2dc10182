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


def check_output(path: str | os.PathLike, explicit: str | None = None) -> str:
    """Format of ``path`` (see :func:`get_format`) once its folder is known to exist: call it
    before a long measurement, so a typo in ``-o`` fails at once rather than at the end."""
    fmt = get_format(path, explicit)
    _output_folder(Path(path))
    if Path(path).is_dir():
        raise OutputError(f"cannot write {path}: it is a folder", "give a file name, e.g. takeoff.xlsx")
    return fmt


def _output_folder(path: Path) -> Path:
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"output folder does not exist: {folder}", "create the folder or choose another path")
    return folder


def write_tables(
    tables: dict[str, pd.DataFrame],
    path: str | os.PathLike,
    *,
    fmt: str | None = None,
    info: dict | None = None,
    main: str | None = None,
    csv_all: bool = False,
) -> list[Path]:
    """Write named tables to ``path``: XLSX one sheet per table, JSON an object
    ``{"info": ..., name: [rows...]}``, CSV the ``main`` table (default: the first) and, with
    ``csv_all``, each other table beside it as ``<stem>.<name>.csv``. Returns the files written."""
    path = Path(path)
    fmt = get_format(path, fmt)
    if fmt == "csv":
        main = main or next(iter(tables))
        jobs = [(path, lambda tmp, t=tables[main]: write_csv(t, tmp))]
        if csv_all:
            jobs += [
                (path.with_name(f"{path.stem}.{name}.csv"), lambda tmp, t=table: write_csv(t, tmp))
                for name, table in tables.items()
                if name != main
            ]
    elif fmt == "xlsx":
        jobs = [(path, lambda tmp: write_xlsx(tables, tmp))]
    else:
        jobs = [(path, lambda tmp: tmp.write_text(to_json(tables, info), encoding="utf-8"))]
    return write_atomically(jobs)


def write_atomically(jobs: list[tuple[Path, Callable[[Path], None]]]) -> list[Path]:
    """Run each ``writer`` on a temporary file beside its ``path``; move them all in place only
    once every one succeeded, so a failure leaves no new file behind."""
    temps: list[Path] = []
    try:
        for path, writer in jobs:
            folder = _output_folder(path)
            try:
                fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
            except OSError as exc:  # a read-only folder is the user's to fix, not a bimquant bug
                raise OutputError(
                    f"cannot write {path}: {exc.strerror or exc}", "check the path and its permissions"
                ) from exc
            os.close(fd)
            temps.append(Path(tmp_name))
            try:
                writer(temps[-1])
                os.chmod(temps[-1], _file_mode(path))  # mkstemp makes 0600; give what open() would
            except OSError as exc:
                raise OutputError(
                    f"cannot write {path}: {exc.strerror or exc}", "check the path and its permissions"
                ) from exc
        for (path, _), tmp in zip(jobs, temps):
            os.replace(tmp, path)
    finally:
        for tmp in temps:
            if tmp.exists():
                tmp.unlink()
    return [path for path, _ in jobs]


def _file_mode(path: Path) -> int:
    """Mode of the file being replaced, else 0666 minus the process umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def escape_text(value):
    """A string that a spreadsheet would read as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _cell(value):  # noqa: D401  (used by the DPGF writer too)
    """Plain value for a table cell: lists and dicts as JSON text, NaN as empty."""
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
            flat[column] = flat[column].map(_cell).astype(object)
    return flat


def write_csv(table: pd.DataFrame, path: Path) -> None:
    """CSV, UTF-8 with BOM (Excel opens accents right), text cells escaped against formulas."""
    flat = _flat(table)
    for column in flat.columns:
        if _is_text(flat[column]):
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
